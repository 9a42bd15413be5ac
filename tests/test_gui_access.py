"""Issue 14, items 5–10 and 14: the window fits the screen, the keyboard does what office
programs do, refused input is shown where it happened, and everyone can use it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QToolTip
from pytestqt.qtbot import QtBot

from app.editing import PartPlace, SectionPlace
from app.report import Report
from app.rules import Status
from app.store import save
from app.userdata import setting
from tests.gui_helpers import finish_editing, table_view, type_into, type_text, window_on
from ui import accessibility, preferences, window_geometry
from ui.main_window import MainWindow
from ui.section_pages import NarrativePage, TablePage
from ui.table_model import CELL_ID_ROLE, COMPUTED_BACKGROUND, COMPUTED_FOREGROUND


def _report() -> Report:
    report = Report.new(organ="测试县数据局", year=2024)
    report.sections["s1"].text = "本年度，我局认真贯彻落实《条例》。我局还做了别的。"
    report.sections["s5"].text = "主要问题是我局公开内容不够全面。"
    report.sections["s6"].text = "本年度未收取信息处理费。"
    return report


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "userdata"))
    path = tmp_path / "测试.nianbao"
    save(_report(), path)
    return path


@pytest.fixture
def window(qtbot: QtBot, draft: Path) -> Iterator[MainWindow]:
    with window_on(qtbot, draft) as win:
        yield win


def current_cell(window: MainWindow) -> str:
    view = window.current_table_view()
    assert view is not None
    return str(view.currentIndex().data(CELL_ID_ROLE))


# ---------------------------------------------------------------- keyboard

def test_enter_moves_down_and_the_setting_moves_right(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    type_into(qtbot, view, "t3.new.natural", "5")
    assert current_cell(window) == "t3.carried.natural"  # down, as in Excel and WPS
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter without editing moves down too
    assert current_cell(window) == "t3.r1.natural"
    preferences.set_enter_direction(preferences.ENTER_RIGHT)
    assert setting("enter") == "right"
    type_into(qtbot, view, "t3.new.natural", "6")
    assert current_cell(window) == "t3.new.business"


def test_tab_from_the_navigator_goes_into_the_first_editable_cell(qtbot: QtBot, window: MainWindow) -> None:
    window.navigator.set_current_row(window.page_keys.index("s3"))
    window.navigator.setFocus()
    view = window.current_table_view()
    assert view is not None
    view.select_cell("t3.r6_3.other")
    window.navigator.setFocus()
    qtbot.keyClick(window.navigator, Qt.Key.Key_Tab)
    assert view.hasFocus() and current_cell(window) == "t3.new.natural"
    window.navigator.set_current_row(window.page_keys.index("s1"))
    window.navigator.setFocus()
    qtbot.keyClick(window.navigator, Qt.Key.Key_Tab)
    page = window.stack.currentWidget()
    assert isinstance(page, NarrativePage) and page.opening.hasFocus()


def test_f6_goes_round_the_navigator_the_page_and_the_problems(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("s3")
    window.navigator.setFocus()
    window.next_pane_action.trigger()
    view = window.current_table_view()
    assert view is not None and view.hasFocus()
    window.next_pane_action.trigger()
    assert window.problems.list.hasFocus()
    window.next_pane_action.trigger()
    assert window.navigator.hasFocus()
    window.previous_pane_action.trigger()
    assert window.problems.list.hasFocus()
    assert window.next_pane_action.shortcut().toString() == "F6"


def test_undo_and_redo_move_the_cursor_to_the_cell_they_changed(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    type_into(qtbot, view, "t3.r3_4.natural", "2")
    window.show_page("s1")
    window.undo_action.trigger()
    assert window.document.report.cells["t3.r3_4.natural"] == 0
    assert window.stack.currentWidget() is window.pages["s3"] and current_cell(window) == "t3.r3_4.natural"
    assert view.hasFocus()
    view.select_cell("t3.new.natural")
    window.redo_action.trigger()
    assert window.document.report.cells["t3.r3_4.natural"] == 2 and current_cell(window) == "t3.r3_4.natural"


def test_undo_of_a_text_goes_to_its_editor(qtbot: QtBot, window: MainWindow) -> None:
    window.document.set_text(SectionPlace("s5"), "改过的问题。")
    window.show_page("s3")
    window.undo_action.trigger()
    page = window.stack.currentWidget()
    assert isinstance(page, NarrativePage) and page.section.id == "s5" and page.opening.hasFocus()


def test_cut_and_select_all_in_the_table_and_in_text(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    type_into(qtbot, view, "t3.new.natural", "5")
    view.select_cell("t3.new.natural")
    window.cut_action.trigger()
    assert QGuiApplication.clipboard().text() == "5" and window.document.report.cells["t3.new.natural"] == 0
    window.select_all_action.trigger()
    selected = {i.data(CELL_ID_ROLE) for i in view.selectedIndexes()}
    assert {"t3.new.natural", "t3.next.total", "t3.r3_4.other"} <= selected
    page = window.show_page("s6")
    assert isinstance(page, NarrativePage)
    page.opening.setFocus()
    window.select_all_action.trigger()
    assert page.opening.textCursor().selectedText() == "本年度未收取信息处理费。"
    window.cut_action.trigger()
    assert QGuiApplication.clipboard().text() == "本年度未收取信息处理费。"
    assert window.document.report.sections["s6"].text == ""


def test_find_selects_the_phrase_in_its_editor_and_replace_all_is_one_undo(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("s3")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.find_dialog
    assert dialog.isVisible() and dialog.focusWidget() is dialog.find_field
    dialog.find_field.setText("我局")
    assert dialog.find_next()
    page = window.stack.currentWidget()
    assert isinstance(page, NarrativePage) and page.section.id == "s1"
    assert page.opening.textCursor().selectedText() == "我局" and page.opening.textCursor().selectionStart() == 4
    assert dialog.find_next() and page.opening.textCursor().selectionStart() == 17  # 我局还做了别的
    assert dialog.find_next()
    later = window.stack.currentWidget()
    assert isinstance(later, NarrativePage) and later.section.id == "s5"
    assert dialog.find_next() and window.stack.currentWidget() is page  # round again to the first
    dialog.replace_field.setText("本局")
    assert dialog.replace() and window.document.report.sections["s1"].text.startswith("本年度，本局认真")
    assert dialog.replace_all() == 2
    assert "我局" not in window.document.report.sections["s1"].text + window.document.report.sections["s5"].text
    window.undo_action.trigger()  # 全部替换 is one step
    assert window.document.report.sections["s1"].text == "本年度，本局认真贯彻落实《条例》。我局还做了别的。"
    assert window.document.report.sections["s5"].text == "主要问题是我局公开内容不够全面。"
    dialog.find_field.setText("没有这句话")
    assert not dialog.find_next() and "没有找到" in dialog.status.text()
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)


def test_find_reaches_sub_head_titles(qtbot: QtBot, window: MainWindow) -> None:
    from app.report import Part
    window.document.set_parts("s1", [Part("主动公开情况", "按时公开。")], "添加小标题")
    window.replace_action.trigger()
    dialog = window.find_dialog
    dialog.find_field.setText("主动公开")
    assert dialog.find_next() and dialog.found is not None and dialog.found[0] == PartPlace("s1", 0, "title")
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit) and field.selectedText() == "主动公开"


# ---------------------------------------------------------------- refused input, computed totals

def test_typing_into_a_computed_total_says_why_and_where_the_switch_is(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    view.select_cell("t3.new.total")
    qtbot.keyClicks(view, "7")
    assert view.state() != view.State.EditingState
    assert "自动计算" in view.refusal and "“报告”菜单" in view.refusal and "按已发布数值录入" in view.refusal
    assert "本年新收" in view.refusal
    assert window.last_message == view.refusal
    assert window.totals_action.text() == "按已发布数值录入" and window.report_menu.title().startswith("报告")


def test_a_refused_value_stays_in_the_cell_with_the_message_beside_it(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    assert view.select_cell("t3.new.natural")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    type_text(editor, "五")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert view.state() == view.State.EditingState and editor.text() == "五" and editor.hasFocus()
    assert view.refusal and view.refusal in editor.toolTip() and "#b3261e" in editor.styleSheet()
    tip = QToolTip.text()
    assert tip == "" or tip == view.refusal  # the balloon (if the platform shows tooltips) says the same
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # Esc gives the typing up
    finish_editing(qtbot, view)
    assert window.document.report.cells["t3.new.natural"] == 0


# ---------------------------------------------------------------- access for everyone

def test_cells_have_accessible_text_from_the_format(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    type_into(qtbot, view, "t3.new.natural", "5")
    model = view.table_model
    index = model.index_of("t3.new.natural")
    assert model.data(index, Qt.ItemDataRole.AccessibleTextRole) == "表三，本年新收，自然人，5"
    cell = model.table_cell("t3.r3_4.total")
    assert model.data(model.index_of("t3.r3_4.total"), Qt.ItemDataRole.AccessibleTextRole) == \
        f"表三，{cell.row_label}，总计，0"
    assert "自动计算" in model.data(model.index_of("t3.r3_4.total"), Qt.ItemDataRole.AccessibleDescriptionRole)
    label = next(i for i in model.table.grid if i.role.name == "LABEL" and "本年新收" in i.text)
    assert model.data(model.index(label.row, label.col), Qt.ItemDataRole.AccessibleTextRole) == label.text
    assert view.accessibleName().startswith("表三")
    view4 = table_view(window, "s4")
    assert view4.table_model.data(view4.table_model.index_of("t4.review.upheld"),
                                  Qt.ItemDataRole.AccessibleTextRole).startswith("表四，")


def test_every_field_and_button_has_an_accessible_name(qtbot: QtBot, window: MainWindow) -> None:
    """What a screen reader says for each widget the keyboard reaches, page by page."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QWidget
    from app.report import Part
    window.document.set_parts("s1", [Part("主动公开", "按时公开。")], "添加小标题")
    names: dict[str, str] = {}
    for key in window.page_keys:
        window.show_page(key)
        page = window.pages[key]
        if isinstance(page, TablePage):
            page.note_toggle.setChecked(True)
        for widget in window.findChildren(QWidget):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(window):
                face = QAccessible.queryAccessibleInterface(widget)
                assert face is not None
                name = face.text(QAccessible.Text.Name)
                assert name, (key, type(widget).__name__)
                # on Linux a combo box says its value as its name and its label by relation (Qt's choice)
                names[widget.accessibleName() or name] = type(widget).__name__
    for expected in ("机关名称", "机关类型", "报告目录", "问题列表", "一、总体情况，正文", "一、总体情况，第 1 个小标题",
                     "一、总体情况，第 1 个小标题下的正文", "三、申请办理，表下说明", "上移", "下移"):
        assert expected in names, expected
    assert any(n.startswith("表三：") for n in names)


def test_mark_colours_pass_wcag_aa() -> None:
    text = accessibility.TEXT_COLOUR
    white = QColor("#ffffff")
    assert accessibility.contrast(QColor("#000000"), white) == pytest.approx(21.0)
    assert accessibility.contrast(QColor("#777777"), white) == pytest.approx(4.48, abs=0.01)  # WCAG's own example
    for status, background in accessibility.MARK_BACKGROUND.items():
        assert accessibility.contrast(text, background) >= 4.5, status  # figures on a marked cell
        border = accessibility.MARK_BORDER[status]
        assert accessibility.contrast(border, background) >= 4.5, status  # the sign is text
        assert accessibility.contrast(border, white) >= 3.0, status  # the border against unmarked cells
    assert accessibility.contrast(COMPUTED_FOREGROUND, COMPUTED_BACKGROUND) >= 4.5
    assert accessibility.contrast(accessibility.COMPUTED_SIGN, COMPUTED_BACKGROUND) >= 4.5
    assert len(set(accessibility.MARK_SIGN.values())) == len(Status)  # told apart without colour


def test_a_marked_cell_is_drawn_with_a_border(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    type_into(qtbot, view, "t3.new.natural", "5")  # the 自然人 column does not balance: an error
    index = view.table_model.index_of("t3.new.natural")
    assert view.table_model.mark("t3.new.natural") is Status.ERROR
    rect = view.visualRect(index)
    image = view.viewport().grab(rect).toImage()
    border = accessibility.MARK_BORDER[Status.ERROR]
    edge = [image.pixelColor(x, image.height() // 2) for x in range(6)]
    assert any(abs(c.red() - border.red()) < 40 and abs(c.green() - border.green()) < 40 for c in edge), edge


def test_text_scale_makes_the_whole_window_larger(qtbot: QtBot, window: MainWindow) -> None:
    before = QApplication.font().pointSizeF()
    view = table_view(window, "s3")
    width, height = view.columnWidth(9), view.fontMetrics().height()
    try:
        window.text_scale_actions[150].trigger()
        assert QApplication.font().pointSizeF() == pytest.approx(before * 1.5)
        assert setting("text_scale") == 150
        bigger = table_view(window, "s3")
        assert bigger is not view and bigger.columnWidth(9) == round(width * 1.5)
        assert bigger.fontMetrics().height() > height
        assert window.navigator.fontMetrics().height() > height  # the whole window, not just the tables
    finally:
        window.text_scale_actions[100].trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(before)


def test_toolbar_has_new_import_and_check_with_their_keys(window: MainWindow) -> None:
    actions = window.toolbar.actions()
    for action, key in ((window.new_action, "Ctrl+N"), (window.import_action, "Ctrl+I"), (window.check_action, "F5"),
                        (window.save_action, "Ctrl+S")):
        assert action in actions
        assert key in action.toolTip()
    assert window.new_action.iconText() == "新建" and window.import_action.iconText() == "导入"


def test_every_action_is_reachable_by_keyboard(window: MainWindow) -> None:
    """Alt and a letter open each menu (arrows reach every entry); what the toolbar offers is in a menu too."""
    in_menus = set()
    for menu_action in window.menuBar().actions():
        assert "&" in menu_action.text(), menu_action.text()
        stack = [menu_action.menu()]
        while stack:
            menu = stack.pop()
            for action in menu.actions():
                in_menus.add(action)
                if action.menu() is not None:
                    stack.append(action.menu())
    for action in window.toolbar.actions():
        assert action in in_menus or action.isSeparator() or action.text() in ("撤销", "重做") \
            or action.menu() is not None, action.text()
    assert window.find_action in in_menus and window.cut_action in in_menus and window.select_all_action in in_menus


# ---------------------------------------------------------------- sizes

def _within(rect: QRect, room: QRect) -> bool:
    return room.contains(rect.topLeft()) and room.contains(rect.bottomRight())


def test_the_window_opens_within_the_screen_and_comes_back_where_it_was(qtbot: QtBot, draft: Path) -> None:
    room = QGuiApplication.primaryScreen().availableGeometry()
    with window_on(qtbot, draft) as win:
        assert _within(win.geometry(), room)
        assert win.width() <= room.width() and win.height() <= room.height()
        width = room.width() * 3 // 4  # smaller than the screen, larger than the window's minimum (docks included)
        assert width >= win.minimumSizeHint().width()
        win.resize(width, room.height() * 3 // 4)
        win.move(room.left() + 10, room.top() + 20)
        qtbot.wait(20)
    saved = setting("window")
    assert isinstance(saved, dict) and saved["w"] == width and saved["maximized"] is False
    with window_on(qtbot, draft) as again:
        assert again.size() == win.size()
        assert abs(again.x() - (room.left() + 10)) <= 1 and abs(again.y() - (room.top() + 20)) <= 1


def test_a_saved_place_larger_than_todays_screen_is_made_to_fit(qtbot: QtBot, draft: Path) -> None:
    from app.userdata import save_setting
    room = QGuiApplication.primaryScreen().availableGeometry()
    save_setting("window", {"x": room.left() + 5, "y": room.top(), "w": 3000, "h": 2000, "maximized": True})
    win = MainWindow()
    try:
        assert win.width() <= room.width() and win.height() <= room.height()
        assert win.windowState() & Qt.WindowState.WindowMaximized
    finally:
        win.deleteLater()
    save_setting("window", {"x": 90000, "y": 90000, "w": 800, "h": 600, "maximized": False})  # a screen since removed
    win = MainWindow()
    try:
        assert _within(win.geometry(), room)
    finally:
        win.deleteLater()


def test_dialogs_fit_the_screen(qtbot: QtBot, window: MainWindow) -> None:
    room = QGuiApplication.primaryScreen().availableGeometry()
    dialog = window.preview_dialog()
    assert dialog is not None
    try:
        assert dialog.width() <= room.width() and dialog.height() <= room.height()
        assert _within(dialog.geometry(), room)
    finally:
        dialog.pages.close()
        dialog.deleteLater()


def test_fitted_sizes_for_office_screens() -> None:
    for width, height, scale in ((1024, 768, 1), (1366, 768, 1), (1920, 1080, 1.25), (1920, 1080, 1.5), (1920, 1080, 2)):
        room = QRect(0, 0, int(width / scale), int(height / scale) - 40)
        size = window_geometry.fitted(window_geometry.MAIN_SIZE, room)
        assert size.width() <= room.width() and size.height() <= room.height()


def test_table_three_keeps_its_labels_readable_when_narrow(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    window.resize(700, 600)
    qtbot.wait(50)
    from ui.table_view import LABEL_MINIMUM_WIDTH
    wide = min(i.col for i in view.table_model.table.grid if i.role.name == "VALUE") - 1
    assert view.column_width(wide) >= LABEL_MINIMUM_WIDTH
    assert view.horizontalScrollBar().maximum() > 0  # it scrolls sideways instead of squeezing
    frozen = view.frozen
    assert frozen is not None and frozen.header.isVisible() and frozen.labels.isVisible()
    body = view.viewport().geometry()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    qtbot.wait(20)
    assert frozen.header.geometry().bottom() < body.top() + 1 and frozen.header.height() > 20  # header above the body
    assert frozen.labels.geometry().right() < body.left() + 1  # labels left of it, not scrolled away
    assert frozen.labels.width() >= LABEL_MINIMUM_WIDTH
    assert frozen.labels.verticalScrollBar().value() == view.verticalScrollBar().value()
    assert frozen.header.horizontalScrollBar().value() == view.horizontalScrollBar().value()
    last = view.table_model.index_of("t3.next.total")
    view.select_cell("t3.next.total")
    assert view.viewport().rect().intersects(view.visualRect(last))  # the cursor is never behind a frozen part
    view.select_cell("t3.new.natural")
    assert view.viewport().rect().contains(view.visualRect(view.table_model.index_of("t3.new.natural")).center())
    page = window.stack.currentWidget()
    assert isinstance(page, TablePage)


_FIT_PROBE = """
import json, sys
from PySide6.QtGui import QGuiApplication
from ui.application import make_application
from ui.main_window import MainWindow
app = make_application()
sys.excepthook = sys.__excepthook__
window = MainWindow()
window.show()
window.show_page("s3")
app.processEvents()
preview = window.preview_dialog()
room = QGuiApplication.primaryScreen().availableGeometry()
def box(r):
    return [r.x(), r.y(), r.width(), r.height()]
print(json.dumps({"room": box(room), "window": box(window.frameGeometry()), "preview": box(preview.geometry()),
                  "ratio": QGuiApplication.primaryScreen().devicePixelRatio()}))
preview.pages.close()
window.document.undo_stack.setClean()
"""


@pytest.mark.parametrize("width, height, scale", [(1024, 768, "1"), (1366, 768, "1"), (1920, 1080, "1.25"),
                                                  (1920, 1080, "1.5"), (1920, 1080, "2")])
def test_window_and_preview_fit_office_screens(tmp_path: Path, width: int, height: int, scale: str) -> None:
    """An offscreen screen of the office's size, scaled as a 125/150/200 % desktop scales it
    (QT_SCALE_FACTOR): the window and the print preview stay within it."""
    import json
    import os
    import subprocess
    import sys
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "office", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=scale,
               NIANBAO_DATA_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", _FIT_PROBE], env=env, capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["ratio"] == pytest.approx(float(scale))
    room = QRect(*seen["room"])
    assert (room.width(), room.height()) == (round(width / float(scale)), round(height / float(scale)))
    for part in ("window", "preview"):
        rect = QRect(*seen[part])
        assert rect.width() <= room.width() and rect.height() <= room.height(), (part, seen)
        assert rect.left() >= room.left() - 1 and rect.top() >= room.top() - 1, (part, seen)
