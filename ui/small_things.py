"""Small things that confused a new user (issue 14, item 9), each put right where it happens:
status messages that outlive their truth, where file dialogs start, a finding about prose
showing its sentence, a single click in 问题 that only shows.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths

from app.editing import PartPlace, SectionPlace, TextPlace
from app.report import Report
from app.rules import Finding
from app.userdata import save_setting, setting

if TYPE_CHECKING:
    from ui.main_window import MainWindow

FOLDER_SETTING = "last_folder"
_QUOTED = re.compile(r"“([^“”]{4,})”")


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


def draft_name(window: MainWindow) -> str:
    """How the save question names the draft: its file, else its title (an imported report), else 未命名草稿."""
    document = window.document
    if document.path is not None:
        return document.path.name
    return document.report.title if document.report.meta.organ else "未命名草稿"


def printed_message(pages: int, where: str) -> str:
    """What the status bar says after 打印: sent where, how many pages — or that nothing was printed."""
    if pages <= 0:
        return "没有打印（已取消或打印失败）。"
    return f"已发送 {pages} 页到{f'“{where}”' if where else '打印机'}。"


def sentence_of(finding: Finding, report: Report) -> tuple[TextPlace, int, int] | None:
    """The sentence a finding about prose quotes (“…”), found in its section's texts."""
    section = finding.section
    if not section or section not in report.sections:
        return None
    quotes = sorted(_QUOTED.findall(finding.message), key=len, reverse=True)
    if not quotes:
        return None
    places: list[TextPlace] = [SectionPlace(section)]
    places += [PartPlace(section, i, "text") for i in range(len(report.sections[section].parts))]
    for quote in quotes:
        needle = quote.rstrip("…").rstrip(".")  # a long quote is shortened with ……
        for place in places:
            text = _text(report, place)
            at = text.find(needle)
            if at >= 0:
                end = at + len(needle)
                stop = next((i + 1 for i in range(end, len(text)) if text[i] in "。！？；\n"), len(text))
                return place, at, stop if quote.endswith("…") else end
    return None


def _text(report: Report, place: TextPlace) -> str:
    sec = report.sections[place.section]  # type: ignore[union-attr]
    if isinstance(place, PartPlace):
        return sec.parts[place.index].text
    return sec.text


def show_sentence(window: MainWindow, finding: Finding) -> bool:
    """Select the sentence a prose finding is about in its editor; False if it quotes none."""
    found = sentence_of(finding, window.document.report)
    if found is None:
        return False
    from ui.keyboard import focus_place

    focus_place(window, *found)
    return True


def install(window: MainWindow) -> None:
    """Per draft: stale messages go when the draft changes under them."""
    stack = window.document.undo_stack
    stack.cleanChanged.connect(lambda clean: None if clean else window.saved_label.setText(""))  # no 已保存 while unsaved
    for action in (window.undo_action, window.redo_action):
        action.triggered.connect(window.statusBar().clearMessage)  # “已粘贴 6 个单元格” is untrue after 撤销
