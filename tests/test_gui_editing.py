"""The main window driven like a clerk drives it: live checks, undo, paste, input, jumps."""

from __future__ import annotations

from collections.abc import Iterator

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.editing import PartPlace, SectionPlace
from app.report import Report
from app.store import load, save
from tests.gui_helpers import (answer_next_dialog, cell_text, finish_editing, table_view, type_into, type_text,
                               window_on)
from ui.main_window import MainWindow
from ui.section_pages import NarrativePage
from ui.table_view import ReportTableView
from ui.table_model import MARK_ROLE
from tests.helpers import complete_report as shared_complete_report


def complete_report() -> Report:
    return shared_complete_report(2024)


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "userdata"))
    path = tmp_path / "测试.nianbao"
    save(complete_report(), path)
    return path


@pytest.fixture
def window(qtbot: QtBot, draft: Path) -> Iterator[MainWindow]:
    with window_on(qtbot, draft) as win:
        yield win


def rules_in_panel(window: MainWindow) -> list[str]:
    return [item.data(Qt.ItemDataRole.UserRole + 10).rule for item in window.problems.items()]


def test_live_check_undo_redo(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    assert window.problems.items() == []
    type_into(qtbot, view, "t3.new.natural", "5")
    assert window.document.report.cells["t3.new.natural"] == 5
    col_findings = [f for f in window.document.findings if f.rule == "T3.col"]
    assert "t3.new.natural" in {c for f in col_findings for c in f.cells}
    assert "T3.col" in rules_in_panel(window)
    messages = [item.data() for item in window.problems.items()]
    assert any(m.startswith("自然人列：本年新收 5") for m in messages)
    model = view.table_model
    assert model.data(model.index_of("t3.new.natural"), MARK_ROLE) == "error"
    assert "3 错" not in window.navigator.text(3) and "错" in window.navigator.text(3)
    type_into(qtbot, view, "t3.r1.natural", "5")
    assert window.problems.items() == []
    assert model.data(model.index_of("t3.new.natural"), MARK_ROLE) is None
    assert cell_text(view, "t3.r7.natural") == "5" and cell_text(view, "t3.r7.total") == "5"
    window.undo_action.trigger()
    assert "T3.col" in rules_in_panel(window)
    assert cell_text(view, "t3.r1.natural") == "0"
    window.redo_action.trigger()
    assert window.problems.items() == []
    assert window.isWindowModified()


def test_paste_block_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    view.select_cell("t3.r3_1.natural")
    QGuiApplication.clipboard().setText("1\t2\r\n3\t4\r\n5\t6\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    cells = window.document.report.cells
    got = [[cells[f"t3.{r}.{c}"] for c in ("natural", "business")] for r in ("r3_1", "r3_2", "r3_3")]
    assert got == [[1, 2], [3, 4], [5, 6]]
    assert cells["t3.r7.natural"] == 9 and cells["t3.r7.total"] == 21
    window.undo_action.trigger()
    assert all(cells[f"t3.{r}.{c}"] == 0 for r in ("r3_1", "r3_2", "r3_3") for c in ("natural", "business"))
    assert cells["t3.r7.total"] == 0


def test_paste_with_a_letter_changes_nothing_and_says_why(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    view.select_cell("t3.r1.natural")
    QGuiApplication.clipboard().setText("1\t2\n3\tx\n")
    index_before = window.document.undo_stack.index()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.document.report.cells["t3.r1.natural"] == 0
    assert window.document.undo_stack.index() == index_before
    assert "第 2 行第 2 个值“x”" in window.last_message and "没有粘贴任何内容" in window.last_message


def test_paste_off_the_table_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    view.select_cell("t3.next.other")
    QGuiApplication.clipboard().setText("1\t2\t3\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.document.report.cells["t3.next.other"] == 0
    assert "超出了表格范围" in window.last_message and "没有粘贴任何内容" in window.last_message


@pytest.mark.parametrize("typed, stored", [("１２", 12), (" 1,234 ", 1234)])
def test_input_is_normalised(qtbot: QtBot, window: MainWindow, typed: str, stored: int) -> None:
    view = table_view(window, "s2")
    type_into(qtbot, view, "t2.gf.made", typed)
    assert window.document.report.cells["t2.gf.made"] == stored


@pytest.mark.parametrize("typed, reason", [("abc", "不是数字"), ("-3", "负数")])
def test_bad_input_keeps_the_old_value(qtbot: QtBot, window: MainWindow, typed: str, reason: str) -> None:
    from PySide6.QtWidgets import QApplication, QLineEdit
    view = table_view(window, "s2")
    type_into(qtbot, view, "t2.gf.made", "7")
    assert view.select_cell("t2.gf.made")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert window.document.report.cells["t2.gf.made"] == 7
    assert reason in window.last_message and "行政规范性文件" in window.last_message
    # the refused text stays in the open cell, the message beside it, to be corrected
    assert view.state() == view.State.EditingState and editor.text() == typed
    assert QApplication.focusWidget() is editor and reason in editor.toolTip() and reason in view.refusal
    editor.selectAll()
    type_text(editor, "8")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    finish_editing(qtbot, view)
    assert window.document.report.cells["t2.gf.made"] == 8


def test_fee_takes_a_decimal(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s2")
    type_into(qtbot, view, "t2.fee.amount", "96171.6")
    assert str(window.document.report.cells["t2.fee.amount"]) == "96171.6"


def test_activating_a_finding_jumps_to_its_cell(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s4")
    type_into(qtbot, view, "t4.after.upheld", "3")
    window.show_page("s1")
    window.totals_action.trigger()  # published mode: the total stays 0 and T4.sum fails
    type_into(qtbot, table_view(window, "s4"), "t4.review.upheld", "2")
    window.show_page("s1")
    [item] = [i for i in window.problems.items()
              if i.data(Qt.ItemDataRole.UserRole + 10).rule == "T4.sum"
              and "行政复议" in i.data()]
    window.problems.list.setCurrentIndex(item)
    qtbot.keyClick(window.problems.list, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.pages["s4"]
    current = view.currentIndex()
    assert view.table_model.data(current, Qt.ItemDataRole.UserRole + 1) == "t4.review.total"
    assert view.hasFocus()


def test_tab_and_enter_skip_computed_cells(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    view.select_cell("t3.new.other")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.table_model.data(view.currentIndex(), Qt.ItemDataRole.UserRole + 1) == "t3.carried.natural"
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert view.table_model.data(view.currentIndex(), Qt.ItemDataRole.UserRole + 1) == "t3.new.other"
    type_into(qtbot, view, "t3.r6_3.other", "1")  # Enter moves down, past the computed （七）总计 row
    assert view.table_model.data(view.currentIndex(), Qt.ItemDataRole.UserRole + 1) == "t3.next.other"
    qtbot.keyClick(view, Qt.Key.Key_Up)  # （七）总计 above is computed, so the cursor skips to r6_3
    assert view.table_model.data(view.currentIndex(), Qt.ItemDataRole.UserRole + 1) == "t3.r6_3.other"


def test_typing_starts_editing_and_delete_sets_zero(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s2")
    view.select_cell("t2.gz.valid")
    qtbot.keyClicks(view, "4")
    from PySide6.QtWidgets import QApplication
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "2")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    finish_editing(qtbot, view)
    assert window.document.report.cells["t2.gz.valid"] == 42
    view.select_cell("t2.gz.valid")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.document.report.cells["t2.gz.valid"] == 0


def test_copy_gives_tab_separated_text(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    type_into(qtbot, view, "t3.new.natural", "5")
    view.select_cell("t3.new.natural")
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "5"


def test_published_switch_makes_totals_editable(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    assert not view.table_model.is_editable(*_pos(view, "t3.new.total"))
    window.totals_action.trigger()
    assert window.document.report.totals == "published"
    type_into(qtbot, view, "t3.new.total", "9")
    assert window.document.report.cells["t3.new.total"] == 9
    assert "T3.row" in rules_in_panel(window)
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.document.report.totals == "computed" and window.document.report.cells["t3.new.total"] == 0


def _pos(view: ReportTableView, cell_id: str) -> tuple[int, int]:
    index = view.table_model.index_of(cell_id)
    return index.row(), index.column()


def test_text_edits_undo_as_one_step(qtbot: QtBot, window: MainWindow) -> None:
    page = window.show_page("s5")
    assert isinstance(page, NarrativePage)
    editor = page.opening
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_text(editor, "今年已整改。")
    assert window.document.report.sections["s5"].text.endswith("今年已整改。")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.report.sections["s5"].text == "主要问题是公开内容不够全面。"
    assert editor.toPlainText() == "主要问题是公开内容不够全面。"


def test_subheads_add_remove_undo(qtbot: QtBot, window: MainWindow) -> None:
    page = window.show_page("s1")
    assert isinstance(page, NarrativePage)
    parts = window.document.report.sections["s1"].parts
    assert len(parts) == 5
    page.add_part()
    assert len(window.document.report.sections["s1"].parts) == 6
    page.move_part(5, -1)
    assert window.document.report.sections["s1"].parts[4].title == "新的小标题"
    answer_next_dialog("删除")  # it has text: asked first
    page.remove_part(0)
    assert [p.title for p in window.document.report.sections["s1"].parts][0] == "依申请公开"
    for _ in range(3):
        window.undo_action.trigger()
    assert [p.title for p in window.document.report.sections["s1"].parts] == [
        "主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"]


def test_save_commits_an_open_editor(qtbot: QtBot, window: MainWindow, draft: Path) -> None:
    view = table_view(window, "s2")
    view.select_cell("t2.gz.made")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    from PySide6.QtWidgets import QApplication
    qtbot.keyClicks(QApplication.focusWidget(), "8")
    assert window.save()
    assert load(draft).cells["t2.gz.made"] == 8
    assert not window.isWindowModified()


def test_close_with_changes_asks(qtbot: QtBot, window: MainWindow, draft: Path) -> None:
    type_into(qtbot, table_view(window, "s2"), "t2.gz.made", "3")
    seen: list[str] = []
    answer_next_dialog("取消", seen)
    assert not window.close()
    assert "尚未保存的修改" in seen[0]
    answer_next_dialog("保存")
    assert window.close()
    assert load(draft).cells["t2.gz.made"] == 3


def test_broken_file_gives_a_message(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    broken = tmp_path / "坏.nianbao"
    broken.write_bytes(b"{\"file\": ")
    seen: list[str] = []
    answer_next_dialog("确定", seen)
    assert not window.open_path(broken, ask=False)
    assert "不完整" in seen[0] or "损坏" in seen[0]
    assert window.document.report.meta.organ == "测试县数据局"


def test_acknowledged_warning_is_shown_as_such(qtbot: QtBot, window: MainWindow) -> None:
    window.document.set_text(SectionPlace("s6"), "无。")
    [item] = [i for i in window.problems.items() if i.data(Qt.ItemDataRole.UserRole + 10).rule == "S.fee"]
    finding = item.data(Qt.ItemDataRole.UserRole + 10)
    window.document.explain(finding, "本单位不收取信息处理费")
    [item] = window.problems.items()
    assert "已说明：本单位不收取信息处理费" in item.data()
    assert window.document.report.acknowledgements == {finding.key: "本单位不收取信息处理费"}
    assert "提示" not in window.navigator.text(6)


def test_signal_emits_do_not_eat_references_to_true(window: MainWindow) -> None:
    """PySide6 6.12.0 lost a reference to True on every emit and crashed after a few hundred
    edits; pyproject.toml keeps it out. This fails again if such a release comes back."""
    import sys

    model = table_view(window, "s3").table_model
    index = model.index_of("t3.new.natural")
    before = sys.getrefcount(True)
    for _ in range(300):
        model.dataChanged.emit(index, index)
    assert sys.getrefcount(True) - before > -30


def test_explanation_no_longer_applies_when_its_figures_change(qtbot: QtBot, window: MainWindow) -> None:
    window.document.set_text(SectionPlace("s1"), "本年度共收到政府信息公开申请3件。")
    [item] = [i for i in window.problems.items() if i.data(Qt.ItemDataRole.UserRole + 10).rule == "N.table"]
    finding = item.data(Qt.ItemDataRole.UserRole + 10)
    window.document.explain(finding, "另有3件为咨询")
    [item] = window.problems.items()
    assert "已说明：另有3件为咨询" in item.data() and "提示" not in window.navigator.text(1)
    type_into(qtbot, table_view(window, "s3"), "t3.new.natural", "1")  # the table now says 1, not 0
    [item] = [i for i in window.problems.items() if i.data(Qt.ItemDataRole.UserRole + 10).rule == "N.table"]
    assert "已说明" not in item.data() and "表三“一、本年新收”的总计为 1 件" in item.data()
    assert "1 提示" in window.navigator.text(1)
    assert window.document.report.acknowledgements == {finding.key: "另有3件为咨询"}  # kept for the old figures
    window.undo_action.trigger()
    [item] = [i for i in window.problems.items() if i.data(Qt.ItemDataRole.UserRole + 10).rule == "N.table"]
    assert "已说明：另有3件为咨询" in item.data()


def test_subheads_are_numbered_in_the_window_as_they_print(qtbot: QtBot, window: MainWindow) -> None:
    from app.exporters.pdf import export_pdf
    from app.report import Part
    from tests.pdf_reading import body_chars

    parts = [Part("" if i == 1 else f"第{i + 1}个小标题", "" if i == 1 else f"第{i + 1}段正文。") for i in range(12)]
    window.document.set_parts("s1", parts, "test")
    page = window.show_page("s1")
    assert isinstance(page, NarrativePage)
    labels = [label.text() for label in page.part_labels]
    assert labels == ["（一）", "（不打印）"] + [f"（{n}）" for n in "二三四五六七八九十"] + ["（十一）"]
    window.document.set_text(PartPlace("s1", 1, "title"), "第2个小标题")  # titled, it prints (empty or not): all renumber
    assert [label.text() for label in page.part_labels][:3] == ["（一）", "（二）", "（三）"]
    assert page.part_labels[-1].text() == "（十二）"
    printed = body_chars(export_pdf(window.document.report).data)
    assert "（十二）第12个小标题" in printed and "（二）第2个小标题" in printed
