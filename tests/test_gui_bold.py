"""An imported report's bold in the window's text editors: shown in bold, markers unseen, text unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QGuiApplication, QTextCharFormat, QTextCursor
from pytestqt.qtbot import QtBot

from app.editing import PartPlace, SectionPlace
from app.exporters.markup import BOLD_END as E, BOLD_START as B
from app.report import Part, Report
from app.store import load, save
from tests.gui_helpers import type_text, window_on
from ui.find_replace import open_find
from ui.main_window import MainWindow
from ui.places import focus_place
from ui.section_pages import LinkedTextEdit, NarrativePage

OPENING = f"结合工作实际，{B}一是{E}加强制度建设，{B}二是{E}规范网站。"
PART = f"{B}（一）主动公开{E}全年主动公开政府信息。"


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "userdata"))
    report = Report.new(organ="测试县数据局", year=2024)
    report.sections["s1"].text = OPENING
    report.sections["s6"].parts = [Part("主动公开", PART)]
    path = tmp_path / "加粗.nianbao"
    save(report, path)
    return path


@pytest.fixture
def window(qtbot: QtBot, draft: Path) -> Iterator[MainWindow]:
    with window_on(qtbot, draft) as win:
        yield win


def opening(window: MainWindow, section: str = "s1") -> LinkedTextEdit:
    page = window.show_page(section)
    assert isinstance(page, NarrativePage)
    return page.opening


def formats_at(editor: LinkedTextEdit, position: int) -> list:
    """The highlighter's formats over a position of the editor's text (one block here)."""
    block = editor.document_text().findBlock(position)
    at = position - block.position()
    ranges = block.layout().formats()
    return [QTextCharFormat(r.format) for r in ranges if r.start <= at < r.start + r.length]


def x_at(editor: LinkedTextEdit, position: int) -> int:
    cursor = editor.textCursor()
    cursor.setPosition(position)
    return editor.cursorRect(cursor).x()


def put_cursor(editor: LinkedTextEdit, position: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)


def test_bold_shows_in_bold_and_the_markers_draw_nothing(window: MainWindow) -> None:
    editor = opening(window)
    assert editor.toPlainText() == OPENING  # the editor holds the stored text, markers and all
    start = OPENING.index(B)
    [marker] = formats_at(editor, start)
    assert marker.foreground().color().alpha() == 0 and marker.fontPointSize() < 0.5
    assert x_at(editor, start) == x_at(editor, start + 1)  # no box: the marker takes no room
    assert x_at(editor, OPENING.index(E)) == x_at(editor, OPENING.index(E) + 1)
    assert [f.fontWeight() for f in formats_at(editor, start + 1)] == [QFont.Weight.Bold]
    assert formats_at(editor, OPENING.index("加")) == []  # after the run: the ordinary weight
    assert [f.fontWeight() for f in formats_at(window.show_page("s6").part_editors[0][1], 1)] == [QFont.Weight.Bold]


def test_the_count_leaves_the_markers_out(window: MainWindow) -> None:
    page = window.show_page("s1")
    counter = page.opening.counter
    assert counter.text() == f"{len('结合工作实际，一是加强制度建设，二是规范网站。')} 字"


def test_typing_keeps_the_bold_and_undo_brings_the_text_back(qtbot: QtBot, window: MainWindow, draft: Path) -> None:
    notices: list[str] = []
    window.document.notice.connect(notices.append)
    editor = opening(window)
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(editor, "三是")
    assert window.document.report.sections["s1"].text == OPENING + "三是"
    assert notices == []  # nothing was removed
    put_cursor(editor, OPENING.index(E))  # at the end of the bold run: typing continues it
    type_text(editor, "和")
    assert window.document.report.sections["s1"].text.startswith(f"结合工作实际，{B}一是和{E}")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.report.sections["s1"].text == OPENING
    window.document.save_to(draft)
    assert load(draft).sections["s1"].text == OPENING  # saved back unchanged
    assert load(draft).sections["s6"].parts[0].text == PART


def test_arrows_backspace_and_delete_step_over_the_markers(qtbot: QtBot, window: MainWindow) -> None:
    editor = opening(window)
    editor.setFocus()
    before = OPENING.index(B)  # after “，”
    put_cursor(editor, before)
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    assert editor.textCursor().position() == before + 2  # over the marker and “一”
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    assert editor.textCursor().position() == before  # back before the marker: one key, one character
    qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().selectedText() == f"{B}一"
    put_cursor(editor, OPENING.index(E) + 1)  # after the end marker
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert window.document.report.sections["s1"].text == OPENING.replace("一是", "一", 1)
    put_cursor(editor, before)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert window.document.report.sections["s1"].text == OPENING.replace(f"{B}一是{E}", f"{B}{E}", 1)


def test_pasted_markers_are_removed_but_the_texts_own_stay(qtbot: QtBot, window: MainWindow) -> None:
    notices: list[str] = []
    window.document.notice.connect(notices.append)
    editor = opening(window)
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    QGuiApplication.clipboard().setText(f"{B}粘贴{E}")
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.document.report.sections["s1"].text == OPENING + "粘贴"
    assert len(notices) == 1 and "U+0002" in notices[0]


def test_find_replace_and_selecting_a_sentence_keep_the_bold(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_find(window, True)
    dialog.find_field.setText("是")
    dialog.replace_field.setText("要")
    assert dialog.replace_all() == 2
    assert window.document.report.sections["s1"].text == OPENING.replace("是", "要")
    dialog.find_field.setText("一要")
    assert dialog.find_next()
    assert opening(window).textCursor().selectedText() == "一要"
    dialog.close()
    start = OPENING.index("二")
    focus_place(window, SectionPlace("s1"), start, start + 2)  # as a finding selects its sentence
    assert opening(window).textCursor().selectedText() == "二要"


def test_adding_a_subhead_keeps_the_bold_of_the_others(window: MainWindow) -> None:
    page = window.show_page("s6")
    assert isinstance(page, NarrativePage)
    page.add_part()
    assert window.document.text_at(PartPlace("s6", 0, "text")) == PART


def test_find_sees_across_a_marker_and_replacing_keeps_the_rest_bold(window: MainWindow) -> None:
    editor = opening(window)
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.setPosition(OPENING.index("，"))
    cursor.setPosition(OPENING.index("是") + 1, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    dialog = open_find(window, False)
    assert dialog.find_field.text() == "，一是"  # what the clerk selected, without the marker in between
    dialog.find_field.setText("实际，一是")
    assert dialog.find_next()
    assert editor.textCursor().selectedText() == f"实际，{B}一是"
    dialog.replace_field.setText("实际，首先")
    dialog.replace()
    assert window.document.report.sections["s1"].text == OPENING.replace(f"实际，{B}一是", "实际，首先")
    dialog.find_field.setText("二是")
    dialog.replace_field.setText("其次")
    assert dialog.replace_all() == 1
    assert f"{B}其次{E}规范网站" in window.document.report.sections["s1"].text
    dialog.close()


def test_copied_sentences_are_highlighted_across_the_markers(tmp_path: Path, qtbot: QtBot,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from app.lastyear import snapshot

    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "userdata"))
    last = Report.new(organ="测试县数据局", year=2023)
    last.sections["s1"].text = "结合工作实际，一是加强制度建设，二是规范网站。"  # last year without the bold
    report = Report.new(organ="测试县数据局", year=2024)
    report.sections["s1"].text = OPENING
    report.previous = snapshot(last, "上年.pdf")
    path = tmp_path / "带上年.nianbao"
    save(report, path)
    with window_on(qtbot, path) as window:
        editor = opening(window)
        [selection] = editor.extraSelections()
        assert selection.cursor.selectedText() == OPENING  # the whole sentence, its markers inside
        assert editor.counter.text().startswith("与上年相同 1 句 · ")
        assert editor.counter.text().endswith(f"{len(OPENING) - 4} 字")


def test_copy_and_cut_give_the_text_without_markers(qtbot: QtBot, window: MainWindow) -> None:
    editor = opening(window)
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.setPosition(OPENING.index("，"))
    cursor.setPosition(OPENING.index("加"), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "，一是"
    qtbot.keyClick(editor, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "，一是"
    assert window.document.report.sections["s1"].text == OPENING.replace(f"，{B}一是{E}", "", 1)


def test_a_click_puts_the_cursor_before_the_markers(qtbot: QtBot, window: MainWindow) -> None:
    editor = opening(window)
    for marker in (OPENING.index(B), OPENING.index(E)):
        cursor = editor.textCursor()
        cursor.setPosition(marker)
        rect = editor.cursorRect(cursor)  # a marker takes no room: just right of it Qt puts the cursor after it
        qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 2, rect.center().y()))
        assert editor.textCursor().position() == marker  # typing there takes the weight of the character before


def test_a_bold_figure_is_checked_and_its_finding_selects_the_sentence(qtbot: QtBot, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.small_things import show_sentence

    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "userdata"))
    report = Report.new(organ="测试县数据局", year=2024)
    report.sections["s1"].text = f"全年共收到{B}申请36件{E}。"  # as an import leaves a bold figure
    path = tmp_path / "加粗数字.nianbao"
    save(report, path)
    with window_on(qtbot, path) as window:
        [finding] = [f for f in window.document.findings if f.rule == "N.table" and f.section == "s1"]
        assert "文中说“收到申请36件”" in finding.message  # the panel quotes it as printed, without markers
        assert show_sentence(window, finding)
        assert opening(window).textCursor().selectedText() == f"收到{B}申请36件"
