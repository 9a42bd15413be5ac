"""The window's 与另一份草稿比较… and 合并同事的副本…, driven through their real widgets."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.canonical import to_canonical
from app.report import Part, Report
from app.store import save
from tests.helpers import copies_of_one_draft
from tests.gui_helpers import table_view, type_into, type_text, window_on
from tests.test_merge import S1, base_report
from ui.compare_view import CompareDock, compare_with
from ui.main_window import MainWindow
from ui.merge_view import MergeDialog, merge_with
from ui.section_pages import NarrativePage
from ui.table_model import PREVIOUS_ROLE


def _copies(tmp_path: Path, shared: bool = False) -> tuple[Report, Path, Path]:
    """Two copies of a report; ``shared``: of one draft (their histories share its first save)."""
    base = base_report()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine.set_cell("t3.new.natural", 9)
    mine.sections["s1"].text = S1.replace("120条", "135条")
    theirs.set_cell("t3.new.natural", 11)
    theirs.set_cell("t3.r1.natural", 6)
    theirs.sections["s1"].text = S1.replace("120条", "128条").replace("培训2次", "培训3次")
    theirs.sections["s1"].parts.append(Part("政务新媒体情况", "开设政务微信1个。"))
    if shared:
        paths = copies_of_one_draft(tmp_path, base, 我的=mine, 同事=theirs)
        return base, paths["我的"], paths["同事"]
    save(mine, tmp_path / "我的.nianbao")
    save(theirs, tmp_path / "同事.nianbao")
    return base, tmp_path / "我的.nianbao", tmp_path / "同事.nianbao"


def _file_menu_texts(window: MainWindow) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [a.text().replace("&", "") for a in menu.actions()]


def test_compare_lists_differences_shows_the_other_values_and_jumps(qtbot: QtBot, tmp_path: Path) -> None:
    _base, mine, theirs = _copies(tmp_path)
    with window_on(qtbot, mine) as window:
        assert "与另一份草稿比较(D)…" in _file_menu_texts(window)
        dock = compare_with(window, theirs)
        assert isinstance(dock, CompareDock) and dock.isVisible()
        keys = [d.key for d in dock.differences]
        assert {"text:s1", "cell:t3.new.natural", "cell:t3.r1.natural", "part:s1/政务新媒体情况"} <= set(keys)
        assert dock.header.text().startswith("本草稿与“同事.nianbao”：")
        # the other copy's value beside the changed cell, in the table itself
        view = table_view(window, "s3")
        model = view.table_model
        assert model.data(model.index_of("t3.new.natural"), PREVIOUS_ROLE) == "对方 11"
        assert "与另一份草稿不同：对方 11" in model.data(model.index_of("t3.new.natural"), Qt.ItemDataRole.ToolTipRole)
        assert model.data(model.index_of("t3.new.legal"), PREVIOUS_ROLE) is None
        # a paragraph: both versions sentence by sentence beside the form, the cursor in its text
        dock.list.setCurrentRow(keys.index("text:s1"))
        shown = dock.detail.toPlainText()
        assert "全年主动公开信息135条。" in shown and "全年主动公开信息128条。" in shown and "培训3次" in shown
        dock.jump(keys.index("text:s1"))
        page = window.stack.currentWidget()
        assert isinstance(page, NarrativePage)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is page.opening, timeout=2000)
        assert page.opening.textCursor().selectedText() == "全年主动公开信息135条。"  # the sentence that differs
        # a cell: the list jumps to it
        dock.list.setCurrentRow(keys.index("cell:t3.r1.natural"))
        dock.go_button.click()
        assert window.current_table_view() is view
        assert view.table_model.item_at(view.currentIndex().row(), view.currentIndex().column()).cell_id \
            == "t3.r1.natural"
        # typing the other copy's figure: the difference goes from the list
        type_into(qtbot, view, "t3.r1.natural", "6")
        qtbot.waitUntil(lambda: "cell:t3.r1.natural" not in [d.key for d in dock.differences], timeout=3000)
        dock.close()
        assert window.document.compared == {}
        assert model.data(model.index_of("t3.new.natural"), PREVIOUS_ROLE) is None


def test_merge_view_decides_conflicts_one_by_one_and_is_one_undo_step(qtbot: QtBot, tmp_path: Path) -> None:
    _base, mine, theirs = _copies(tmp_path, shared=True)  # the merge finds the common revision in the histories
    with window_on(qtbot, mine) as window:
        assert "合并同事的副本(M)…" in _file_menu_texts(window)
        before = to_canonical(window.document.report)
        steps = window.document.undo_stack.count()
        dialog = merge_with(window, theirs)
        assert isinstance(dialog, MergeDialog)
        qtbot.waitUntil(dialog.isVisible)
        assert "已自动合并：我的副本 0 处，同事的副本 2 处" in dialog.summary.text()
        assert [c.key for c in dialog.merged.conflicts] == ["cell:t3.new.natural", "text:s1"]
        assert not dialog.merge_button.isEnabled() and dialog.progress.text() == "还有 2 处未决定"
        # the cell: only mine or theirs
        assert dialog.buttons["both"].isHidden() and "11" in dialog.sides.toPlainText()
        dialog.buttons["theirs"].click()
        assert dialog.list.currentRow() == 1  # on to the next undecided conflict
        assert "（用同事的）" in dialog.list.item(0).text()
        # the paragraph: both versions of the one sentence side by side; edited by hand
        assert not dialog.buttons["both"].isHidden()
        assert "135条" in dialog.sides.toPlainText() and "128条" in dialog.sides.toPlainText()
        dialog.buttons["edited"].click()
        assert dialog.editor.isVisible() and "135条" in dialog.editor.toPlainText()
        dialog.editor.selectAll()
        dialog.editor.setFocus()
        type_text(dialog.editor, "全年主动公开信息130条。")
        assert dialog.merge_button.isEnabled()
        dialog.merge_button.click()
        qtbot.waitUntil(lambda: dialog.applied is not None)
        report = window.document.report
        assert report.cells["t3.new.natural"] == 11 and report.cells["t3.r1.natural"] == 6
        assert report.cells["t3.new.total"] == 11
        assert report.sections["s1"].text == "全年主动公开信息130条。"
        assert [p.title for p in report.sections["s1"].parts][-1] == "政务新媒体情况"
        assert window.document.undo_stack.count() == steps + 1
        assert window.document.undo_stack.undoText().startswith("合并同事的副本")
        from app.history import history_of

        # the next save records a revision after both copies' last saves
        assert window.document.merge_parents == [history_of(mine).head, history_of(theirs).head]
        # the checks ran on the result: the window's findings are the rules' findings of the merged report
        from app.rules import check

        assert {f.key for f in window.document.findings} == {f.key for f in check(report)}
        summary = dialog.summary_dialog
        assert summary is not None and summary.isVisible()
        text = summary.text.toPlainText()
        assert "冲突 2 处：用同事的 1 处，手动编辑 1 处。" in text and "合并结果检查：" in text
        summary.close()
        window.document.undo_stack.undo()
        assert to_canonical(window.document.report) == before


def test_two_drafts_with_no_common_history_offer_every_difference(qtbot: QtBot, tmp_path: Path) -> None:
    _base, mine, theirs = _copies(tmp_path)
    with window_on(qtbot, mine) as window:
        dialog = merge_with(window, theirs)
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.summary.text().startswith("两份草稿没有共同的修订记录")
        keys = [c.key for c in dialog.merged.conflicts]
        assert {"cell:t3.new.natural", "cell:t3.r1.natural", "text:s1", "part:s1/政务新媒体情况"} == set(keys)
        dialog.list.setCurrentRow(keys.index("text:s1"))
        dialog.buttons["both"].click()
        dialog.all_theirs.click()
        dialog.merge_button.click()
        qtbot.waitUntil(lambda: dialog.applied is not None)
        report = window.document.report
        assert report.cells["t3.r1.natural"] == 6 and report.sections["s1"].parts[-1].title == "政务新媒体情况"
        assert "135条" in report.sections["s1"].text and "128条" in report.sections["s1"].text
        assert dialog.summary_dialog is not None
        dialog.summary_dialog.close()


def test_edits_after_the_comparison_ended_reach_no_closed_panel(qtbot: QtBot, tmp_path: Path) -> None:
    _base, mine, theirs = _copies(tmp_path)
    with window_on(qtbot, mine) as window:
        dock = compare_with(window, theirs)
        assert dock is not None
        dock.close()
        qtbot.waitUntil(lambda: window.findChild(CompareDock) is None, timeout=2000)
        type_into(qtbot, table_view(window, "s3"), "t3.new.legal", "2")  # an undo step: must not reach the timer
        window.document.undo_stack.undo()
        assert window.document.report.cells["t3.new.legal"] == 0
