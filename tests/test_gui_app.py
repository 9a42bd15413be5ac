"""The application as a whole: Qt's own texts in Chinese, the start-up path."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from app.store import save
from tests.test_gui_editing import complete_report
from ui.application import make_application, recover_or_open


def test_qt_dialog_buttons_are_chinese(qtbot: QtBot) -> None:
    make_application()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("QPlatformTheme", "Save") == "保存"
    assert QCoreApplication.translate("QFileDialog", "File &name:") != "File &name:"


def test_files_given_on_the_command_line_are_opened(qtbot: QtBot, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "userdata"))
    path = tmp_path / "给定.nianbao"
    save(complete_report(), path)
    [window] = recover_or_open([str(path)])
    assert window.document.path == path
    assert window.windowTitle().startswith("测试县数据局2024年政府信息公开工作年度报告")
    window.close()
