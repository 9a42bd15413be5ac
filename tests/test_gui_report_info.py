"""报告信息 in the window: refused dates and years stay in their field with the reason beside it;
the opening paragraph is edited there, undoably."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.opening import standard_opening
from app.report import Report
from app.store import save
from tests.gui_helpers import type_text, window_on
from ui.main_window import MainWindow
from ui.meta_fields import CheckedLineEdit
from ui.file_workflow import META_PAGE
from ui.opening_editor import OpeningEditor
from ui.section_pages import MetaPage


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "userdata"))
    report = Report.new(organ="测试县数据局", year=2024)
    report.meta.contact = "电话：0517-1234567"
    path = tmp_path / "测试.nianbao"
    save(report, path)
    with window_on(qtbot, path) as win:
        yield win


def _meta_page(window: MainWindow) -> MetaPage:
    page = window.show_page(META_PAGE)
    assert isinstance(page, MetaPage)
    return page


def _type_and_leave(qtbot: QtBot, line: CheckedLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    type_text(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)  # editingFinished, as leaving the field does


def test_an_impossible_date_stays_in_the_field_with_the_reason_beside_it(qtbot: QtBot, window: MainWindow) -> None:
    page = _meta_page(window)
    line = page.published
    assert isinstance(line, CheckedLineEdit)
    _type_and_leave(qtbot, line, "2026/13/45")
    assert line.text() == "2026/13/45"  # nothing typed is lost
    assert window.document.report.meta.published == ""  # nor taken
    assert line.message.isVisible() and "不是真实的日期" in line.message.text() and "13 月" in line.message.text()
    assert QApplication.focusWidget() is line
    _type_and_leave(qtbot, line, "2026/1/20")
    assert window.document.report.meta.published == "2026-01-20" and line.text() == "2026-01-20"
    assert not line.message.isVisible()
    window.undo_action.trigger()
    assert window.document.report.meta.published == "" and line.text() == ""


def test_a_year_out_of_range_is_refused_at_the_field(qtbot: QtBot, window: MainWindow) -> None:
    page = _meta_page(window)
    line = page.year
    assert isinstance(line, CheckedLineEdit)
    _type_and_leave(qtbot, line, "1999")
    assert window.document.report.meta.year == 2024 and line.text() == "1999"
    assert "2008 年至" in line.message.text() and line.message.isVisible()
    _type_and_leave(qtbot, line, "2025")
    assert window.document.report.meta.year == 2025 and not line.message.isVisible()


def test_the_opening_shows_the_standard_paragraph_until_written_and_filling_it_is_undoable(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    page = _meta_page(window)
    editor = page.findChild(OpeningEditor)
    assert editor is not None
    report = window.document.report
    assert standard_opening(report) in editor.text.placeholderText() and editor.text.toPlainText() == ""
    assert "0517-1234567" in editor.text.placeholderText()
    editor.fill.click()
    assert report.meta.opening == standard_opening(report) == editor.text.toPlainText()
    editor.text.setFocus()
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    type_text(editor.text, "特此报告。")
    assert report.meta.opening.endswith("特此报告。")
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert report.meta.opening == "" and editor.text.toPlainText() == ""
    window.resize(1024, 768)
    page.grab().save(str(tmp_path / "meta.png"))


def test_removing_a_sub_head_with_text_asks_first_and_undo_brings_it_back(qtbot: QtBot, window: MainWindow) -> None:
    from tests.gui_helpers import answer_next_dialog
    from ui.section_pages import NarrativePage

    page = window.show_page("s1")
    assert isinstance(page, NarrativePage)
    parts = window.document.report.sections["s1"].parts
    window.document.set_parts("s1", [type(p)(p.title, "已写的正文。" if i == 0 else p.text)
                                      for i, p in enumerate(parts)], "写正文")
    seen: list[str] = []
    answer_next_dialog("保留", seen)
    page.remove_part(0)
    assert "删除小标题“主动公开”" in seen[0] and "撤销" in seen[0]
    assert window.document.report.sections["s1"].parts[0].title == "主动公开"
    answer_next_dialog("删除")
    page.remove_part(0)
    assert window.document.report.sections["s1"].parts[0].title == "依申请公开"
    window.undo_action.trigger()
    assert window.document.report.sections["s1"].parts[0].text == "已写的正文。"
    page.remove_part(4)  # an empty one goes without a question
    assert len(window.document.report.sections["s1"].parts) == 4
