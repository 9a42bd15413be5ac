"""The window's help (F1), start page, 批注 panel and 定稿, driven as a clerk would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.assets import resource
from app.editing import SectionPlace
from app.notes import add_note
from app.review import SECTION
from app.rules import RULE_IDS
from app.rules.messages import MESSAGES
from app.store import load, save
from app.userdata import remember_recent, save_display_name
from tests.gui_helpers import answer_next_dialog, table_view, window_on
from tests.test_gui_editing import complete_report
from ui import dialogs
from ui.final_ui import FinalDialog
from ui.help_viewer import GUIDE, guide_html
from ui.main_window import MainWindow
from ui.review_panel import NoteDialog, add_note_dialog
from ui.section_pages import NarrativePage
from ui.table_model import CELL_ID_ROLE


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "userdata"))
    path = tmp_path / "审核.nianbao"
    save(complete_report(), path)
    return path


def _answer_note(text: str) -> None:
    """Type a note into the next 添加批注 dialog and press 添加."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NoteDialog):
            QTimer.singleShot(20, fill)
            return
        dialog.text.setPlainText(text)
        dialog.accept()

    QTimer.singleShot(20, fill)


# ---------------------------------------------------------------- help


def _rule_ids() -> set[str]:
    """Every rule id: the catalogue's and the rule set's."""
    return {key.split("/")[0] for key in MESSAGES} | set(RULE_IDS)


def test_the_guide_explains_every_rule_of_the_catalogue() -> None:
    """A new rule without its part in the user guide fails here."""
    html = resource(GUIDE).read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a name="([^"]+)"', html))
    for rule in _rule_ids():
        assert f"rule-{rule}" in anchors, f"使用说明缺少规则 {rule} 的说明"
        assert f"[{rule}]" in html
        part = html.split(f'<a name="rule-{rule}"></a>', 1)[1].split("<h", 1)[1]
        assert "例" in part, f"规则 {rule} 的说明没有例子"
    for topic in ("start", "new", "lastyear", "meta", "s1", "s2", "s3", "s4", "s5", "s6", "checks", "import",
                  "export", "share", "review", "final", "files"):
        assert topic in anchors


def test_the_guide_says_where_this_computer_keeps_the_files(draft: Path) -> None:
    from app.userdata import data_dir

    assert str(data_dir()) in guide_html() and "{data_dir}" not in guide_html()


def test_f1_opens_the_part_about_the_page_shown(qtbot: QtBot, draft: Path) -> None:
    with window_on(qtbot, draft) as win:
        view = table_view(win, "s3")
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=3000)  # a shortcut needs the active window
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_F1)
        helper = win.help_window
        qtbot.waitUntil(helper.isVisible, timeout=2000)
        assert helper.topic == "s3"
        assert helper.visible_heading().startswith("七、表三")
        win.activateWindow()
        page = win.show_page("meta")
        page.setFocus()
        win.help_action.trigger()
        assert helper.topic == "meta" and helper.visible_heading().startswith("四、报告信息")
        win.document.set_text(SectionPlace("s6"), "本年度工作顺利。")  # S.fee: a warning in the 问题 list
        win.problems.list.setCurrentIndex(win.problems.items()[0])
        win.problems.list.setFocus()
        win.help_action.trigger()
        rule = win.problems.model.finding(0).rule
        assert helper.topic == f"rule-{rule}"
        assert helper.visible_heading().startswith(f"[{rule}]")
        helper.close()


def test_help_is_in_the_help_menu_with_f1(qtbot: QtBot, draft: Path) -> None:
    with window_on(qtbot, draft) as win:
        help_menu = next(a.menu() for a in win.menuBar().actions() if a.text().startswith("帮助"))
        assert help_menu.actions()[0] is win.help_action
        assert win.help_action.shortcut().toString() == "F1"


# ---------------------------------------------------------------- start page


def test_start_page_buttons_work(qtbot: QtBot, draft: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    remember_recent(draft)
    win = MainWindow()
    qtbot.addWidget(win)
    win.start_screen.show()
    win.show()
    page = win.start_screen.page
    assert win.start_screen.showing and not win.dock.isVisible()
    assert page.recent.item(0).text().startswith(draft.name)
    win.help_action.trigger()  # F1 on the start page: the guide's 开始 part
    assert win.help_window.topic == "start" and win.help_window.visible_heading().startswith("一、开始")
    win.help_window.close()
    # 新建
    qtbot.mouseClick(page.buttons["new"], Qt.MouseButton.LeftButton)
    assert not win.start_screen.showing and win.document.path is None
    # 打开 (the file dialog answers with the draft)
    win.start_screen.show()
    monkeypatch.setattr(dialogs, "open_draft", lambda parent, folder="": draft)
    qtbot.mouseClick(page.buttons["open"], Qt.MouseButton.LeftButton)
    assert not win.start_screen.showing and win.document.path == draft
    # 以上年报告为基础 and 导入: each opens its dialog (cancelled here: the start page stays)
    asked: list[str] = []
    monkeypatch.setattr("ui.last_year.ask_last_year_file", lambda parent, title: asked.append(title))
    monkeypatch.setattr(dialogs, "open_source", lambda parent, folder="": asked.append("导入") or None)
    win.start_screen.show()
    qtbot.mouseClick(page.buttons["last_year"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.buttons["import"], Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and asked[1] == "导入" and win.start_screen.showing
    # a recent file opens with Enter
    win.set_document(type(win.document)(complete_report()))
    win.start_screen.show()
    page.recent.setFocus()
    page.recent.setCurrentRow(0)
    qtbot.keyClick(page.recent, Qt.Key.Key_Return)
    assert not win.start_screen.showing and win.document.path == draft
    win.document.undo_stack.setClean()
    win.forced_dirty = False
    win.close()


# ---------------------------------------------------------------- notes


def test_notes_on_a_cell_and_a_paragraph_in_the_panel(qtbot: QtBot, draft: Path) -> None:
    save_display_name("李审核")
    with window_on(qtbot, draft) as win:
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=3000)  # focus follows only in the active window
        view = table_view(win, "s3")
        assert view.select_cell("t3.new.natural")
        view.setFocus()
        _answer_note("自然人申请数请与登记簿核对")
        note = add_note_dialog(win)
        assert note is not None and note.target == "cell:t3.new.natural" and note.author == "李审核"
        tip = view.table_model.data(view.table_model.index_of("t3.new.natural"), Qt.ItemDataRole.ToolTipRole)
        assert "批注（李审核" in tip and "自然人申请数请与登记簿核对" in tip
        page = win.show_page("s1")
        assert isinstance(page, NarrativePage)
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=3000)  # back from the dialog
        page.part_editors[1][1].setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is page.part_editors[1][1], timeout=3000)
        _answer_note("请写明办理时限")
        second = add_note_dialog(win)
        assert second is not None and second.target == "part:s1/1"
        body = page.part_editors[1][1]
        assert "请写明办理时限" in win.review.paragraph_tip(body) and body.property("openNote") is True  # tip, margin
        panel = win.review.panel
        assert win.review.dock.isVisible()
        assert panel.list.count() == 2 and panel.title.text() == "批注（共 2 条，2 条未处理）"
        assert panel.list.item(0).text().startswith("收到和处理政府信息公开申请情况")
        # a double-click (here: activation) jumps to the cell
        win.show_page("meta")
        panel.list.setCurrentRow(0)
        panel.list.itemActivated.emit(panel.list.item(0))
        assert win.stack.currentWidget() is win.pages["s3"]
        assert win.current_table_view() is view
        assert view.currentIndex().data(CELL_ID_ROLE) == "t3.new.natural"
        # the author marks it handled; undo makes it open again
        panel.list.setCurrentRow(0)
        qtbot.mouseClick(panel.handled_button, Qt.MouseButton.LeftButton)
        assert win.document.report.notes[0].handled and win.document.report.notes[0].handled_by == "李审核"
        assert panel.title.text() == "批注（共 2 条，1 条未处理）"
        win.undo_action.trigger()
        assert not win.document.report.notes[0].handled
        win.redo_action.trigger()
        assert win.save()
    back = load(draft)
    assert [n.text for n in back.notes] == ["自然人申请数请与登记簿核对", "请写明办理时限"]
    assert back.notes[0].handled


def test_a_note_on_a_finding(qtbot: QtBot, draft: Path) -> None:
    save_display_name("王科长")
    report = complete_report()
    report.sections["s6"].text = "本年度工作顺利。"  # S.fee: a warning about section 六
    save(report, draft)
    with window_on(qtbot, draft) as win:
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=3000)
        win.document.recheck()
        rows = win.problems.items()
        index = next(i for i in rows if win.problems.model.finding(i.row()).rule == "S.fee")
        win.problems.list.setCurrentIndex(index)
        win.problems.list.setFocus()
        _answer_note("信息处理费要写明")
        note = add_note_dialog(win)
        assert note is not None and note.target == "finding:S.fee:s6"
        assert "批注（王科长）：信息处理费要写明" in index.data(Qt.ItemDataRole.ToolTipRole)
        win.review.panel.list.setCurrentRow(0)
        win.review.panel.jump(note.id)
        assert win.stack.currentWidget() is win.pages["s6"]


# ---------------------------------------------------------------- 定稿


def test_final_report_is_read_only_shows_who_and_reopens(qtbot: QtBot, draft: Path) -> None:
    save_display_name("王科长")
    with window_on(qtbot, draft) as win:
        assert win.sign_off.finalise("王科长", {})
        assert not win.dirty  # saved at once
        assert load(draft).final is not None
        assert win.sign_off.bar.isVisible() or not win.isVisible()
        banner = win.sign_off.banner.text()
        assert banner.startswith("已定稿（只读）：王科长 于 ")
        view = table_view(win, "s3")
        assert not view.table_model.is_editable(*view.table_model._position["t3.new.natural"])
        page = win.show_page("s1")
        assert all(e.isReadOnly() for e in page.findChildren(QPlainTextEdit) + page.findChildren(QLineEdit))
        seen: list[str] = []
        win.document.notice.connect(seen.append)
        win.document.set_cells({"t3.new.natural": 3}, "填写")
        assert win.document.report.cells["t3.new.natural"] == 0 and "已定稿，不能修改" in seen[0]
        assert not win.sign_off.final_action.isEnabled() and win.sign_off.reopen_action.isEnabled()
    # opening a final draft: read-only from the start, who and when shown
    with window_on(qtbot, draft) as win:
        assert win.document.report.final is not None
        assert "王科长" in win.sign_off.banner.text()
        page = win.show_page("s5")
        assert all(e.isReadOnly() for e in page.findChildren(QPlainTextEdit))
        seen = []
        answer_next_dialog("不取消", seen)  # 取消定稿 asks first; the safe answer is the default
        assert not win.sign_off.reopen_dialog()
        assert win.document.report.final is not None and "确定要取消定稿吗" in seen[0]
        answer_next_dialog("取消定稿")
        assert win.sign_off.reopen_dialog()
        assert win.document.report.final is None
        assert not any(e.isReadOnly() for e in page.findChildren(QPlainTextEdit))
        assert not win.sign_off.bar.isVisible()
    back = load(draft)
    assert back.final is None and [e.action for e in back.final_log] == ["final", "reopen"]


def test_finalising_with_errors_asks_a_reason_for_each(qtbot: QtBot, draft: Path) -> None:
    report = complete_report()
    report.totals = "published"
    report.cells["t4.review.upheld"] = 3  # T4.sum error
    save(report, draft)
    with window_on(qtbot, draft) as win:
        from app.final import errors_of

        errors = errors_of(win.document.report)
        dialog = FinalDialog("王科长", errors, win)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert len(dialog.reasons) == len(errors) >= 1 and not ok.isEnabled()
        for field in dialog.reasons.values():
            field.setText("按原表录入")
        assert ok.isEnabled()
        messages: list[str] = []
        answer_next_dialog("确定", messages)
        assert not win.sign_off.finalise("王科长", {})  # refused: errors not explained
        assert win.document.report.final is None
        assert win.sign_off.finalise("王科长", dialog.explained())
        assert win.document.report.final is not None
        dialog.deleteLater()


def test_review_print_out_from_the_window(qtbot: QtBot, draft: Path, tmp_path: Path) -> None:
    from app import notes
    from tests.pdf_reading import pdftotext, squeeze

    report = complete_report()
    report.notes.append(notes.add_note(report, "section", "s5", "整改措施请写具体", "王科长").note)  # type: ignore[arg-type]
    save(report, draft)
    with window_on(qtbot, draft) as win:
        assert win.review.dock.isVisible()  # a draft with notes opens with its 批注 panel
        out = tmp_path / "批注清单.pdf"
        win.review.export_review_to(out)
        assert "已导出批注清单" in win.last_message
        text = squeeze(pdftotext(out))
        assert "整改措施请写具体" in text and "五、存在的主要问题及改进情况" in text


def test_notes_panel_is_made_when_first_shown_and_follows_its_action(qtbot: QtBot, draft: Path) -> None:
    with window_on(qtbot, draft) as win:
        review = win.review
        assert review.built_panel is None and not review.panel_action.isChecked()  # no notes: nothing made at start
        review.panel_action.trigger()  # 审阅 → 批注面板
        qtbot.waitUntil(review.dock.isVisible, timeout=2000)
        assert review.built_panel is not None and review.panel.title.text() == "批注：还没有批注"
        review.dock.close()  # the dock's own close button
        qtbot.waitUntil(lambda: not review.panel_action.isChecked(), timeout=2000)
        review.panel_action.trigger()
        qtbot.waitUntil(review.dock.isVisible, timeout=2000)
        win.document.push(add_note(win.document.report, SECTION, "s1", "请核对", "王审核"))
        assert review.panel.list.count() == 1  # the panel made late still follows the draft's notes
