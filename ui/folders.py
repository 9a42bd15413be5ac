"""Where file dialogs start: the folder last used, else 文档 — never the program's working folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from app.userdata import save_setting, setting

FOLDER_SETTING = "last_folder"


def start_folder(given: str = "") -> str:
    """Where a file dialog opens: the folder given, else the last one used, else 文档 (never the
    program's own working folder)."""
    if given and Path(given).is_dir():
        return given
    last = setting(FOLDER_SETTING)
    if isinstance(last, str) and Path(last).is_dir():
        return last
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def remember_folder(path: Path | None) -> None:
    """The folder of a file just chosen, where the next dialog starts."""
    if path is not None:
        save_setting(FOLDER_SETTING, str(path.parent))
