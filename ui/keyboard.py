"""Working from the keyboard: Tab from the navigator into the page, undo and redo taking the
cursor to what they changed, cut / copy / paste / select all wherever the cursor is, the
toolbar's shortcuts in its tooltips, and the 视图 menu (Enter direction, 大字号).

A helper of ``MainWindow``: ``install`` hooks it in once, ``follow_undo`` after each draft's
undo actions are made.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QMenu, QPlainTextEdit, QStyle

from app.editing import SetCells, SetParts, SetText
from ui import preferences
from ui.accessibility import apply_text_scale
from ui.commands import EditCommand
from ui.places import focus_place

MainWindow = QMainWindow  # the main window (ui.main_window is not imported: ui has no import circle)


class _NavigatorTab(QObject):
    """Tab in the navigator goes into the page shown: a table's first cell to type into."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Tab
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            return enter_page(self.window)
        return False


def enter_page(window: MainWindow) -> bool:
    """Put the cursor into the page shown (first editable cell, first text, first field)."""
    from ui.section_pages import MetaPage, NarrativePage, TablePage

    page = window.stack.currentWidget()
    if isinstance(page, TablePage):
        first = page.view.editable_positions()
        if first:
            page.view.setCurrentIndex(page.view.table_model.index(*first[0]))
        page.view.setFocus(Qt.FocusReason.TabFocusReason)
        return True
    if isinstance(page, NarrativePage):
        page.opening.setFocus(Qt.FocusReason.TabFocusReason)
        return True
    if isinstance(page, MetaPage):
        page.organ.setFocus(Qt.FocusReason.TabFocusReason)
        return True
    return False


def next_pane(window: MainWindow, step: int) -> None:
    """F6 / Shift+F6: the focus goes round the navigator, the page shown and the 问题 list, as in office programs."""
    panes = [window.navigator, window.stack, window.problems.list]
    focus = QApplication.focusWidget()
    here = next((i for i, pane in enumerate(panes) if focus is not None and (focus is pane or pane.isAncestorOf(focus))), -1)
    target = (here + step) % len(panes)
    if panes[target] is window.stack:
        enter_page(window)
    else:
        window.dock.show()
        panes[target].setFocus(Qt.FocusReason.ShortcutFocusReason)


# ---------------------------------------------------------------- undo and redo follow the change

def _edit_of(command: QUndoCommand | None) -> object:
    while command is not None and not isinstance(command, EditCommand) and command.childCount():
        command = command.child(0)  # a macro (全部替换…): its first step
    return command.edit if isinstance(command, EditCommand) else None


def show_change(window: MainWindow, command: QUndoCommand | None) -> None:
    """Bring the cell, text or sub-heads an undo step changed to the front, cursor there."""
    edit = _edit_of(command)
    if isinstance(edit, SetCells) and edit.values:
        window.show_cell(edit.values[0][0])
    elif isinstance(edit, SetText):
        focus_place(window, edit.place)
    elif isinstance(edit, SetParts):
        window.show_page(edit.section)


def follow_undo(window: MainWindow) -> None:
    """After 撤销 or 重做, the cursor goes to what changed."""
    stack = window.document.undo_stack
    window.undo_action.triggered.connect(lambda: show_change(window, stack.command(stack.index())))
    window.redo_action.triggered.connect(lambda: show_change(window, stack.command(stack.index() - 1)))
    from ui import small_things

    small_things.install(window)


# ---------------------------------------------------------------- cut, copy, paste, select all

def _text_editor() -> QLineEdit | QPlainTextEdit | None:
    widget = QApplication.focusWidget()
    return widget if isinstance(widget, (QLineEdit, QPlainTextEdit)) else None


def edit_command(window: MainWindow, name: str) -> None:
    """剪切/复制/粘贴/全选 on the text being edited, else on the table shown."""
    editor = _text_editor()
    view = window.current_table_view()
    if editor is not None and (view is None or not view.isAncestorOf(editor)):
        getattr(editor, {"cut": "cut", "copy": "copy", "paste": "paste", "select_all": "selectAll"}[name])()
        return
    if view is None:
        return
    if name == "copy":
        view.copy_selection()
    elif name == "paste":
        view.paste()
    elif name == "cut":
        view.copy_selection()
        view.clear_selection()
        window.show_message("已剪切：选中的单元格已复制并清零")
    elif name == "select_all":
        view.selectAll()


# ---------------------------------------------------------------- actions and menus

def tooltip_with_shortcut(action: QAction) -> None:
    """'保存（Ctrl+S）': the tooltip names the key, as office programs do."""
    text = (action.iconText() or action.text()).replace("&", "").rstrip("…").rstrip(".")
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{text}（{keys}）" if keys else text)


def install(window: MainWindow) -> None:
    """Hook the keyboard helpers into a new main window."""
    window.navigator.installEventFilter(_NavigatorTab(window))
    window.navigator.setAccessibleName("报告目录")
    window.navigator.setAccessibleDescription("选择要填写的部分；按 Tab 键进入该部分")
    keys = QKeySequence.StandardKey
    window.cut_action = window._action("剪切(&T)", lambda: edit_command(window, "cut"), keys.Cut,
                                       "剪切选中的文字；在表格中复制选中的单元格并清零")
    window.select_all_action = window._action("全选(&A)", lambda: edit_command(window, "select_all"), keys.SelectAll)
    from ui.find_replace import install_find_replace

    install_find_replace(window)
    style = window.style()
    window.new_action.setIconText("新建")
    window.new_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder))
    window.import_action.setIconText("导入")
    window.import_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
    first = window.toolbar.actions()[0] if window.toolbar.actions() else None
    window.toolbar.insertAction(first, window.new_action)
    window.toolbar.insertAction(first, window.import_action)
    window.new_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    _view_menu(window)
    window.next_pane_action = window._action("下一个区域(&W)", lambda: next_pane(window, 1), "F6",
                                             "在目录、当前页面和问题列表之间切换")
    window.previous_pane_action = window._action("上一个区域", lambda: next_pane(window, -1), "Shift+F6")
    window.view_menu.addSeparator()
    window.view_menu.addAction(window.next_pane_action)
    window.view_menu.addAction(window.previous_pane_action)


def _view_menu(window: MainWindow) -> None:
    view_menu = QMenu("视图(&V)", window)
    window.view_menu = view_menu
    window.menuBar().insertMenu(window.report_menu.menuAction(), view_menu)
    size_menu = view_menu.addMenu("大字号(&Z)")
    sizes = QActionGroup(window)
    window.text_scale_actions = {}
    for percent in preferences.TEXT_SCALES:
        action = size_menu.addAction("标准（100%）" if percent == 100 else f"{percent}%")
        action.setCheckable(True)
        action.setChecked(percent == preferences.text_scale())
        action.setStatusTip("放大整个窗口的文字和表格，不依赖系统的缩放设置")
        action.triggered.connect(lambda _=False, p=percent: set_text_scale(window, p))
        sizes.addAction(action)
        window.text_scale_actions[percent] = action
    enter_menu = view_menu.addMenu("回车键(&E)")
    directions = QActionGroup(window)
    for direction, name in preferences.ENTER_NAMES.items():
        action = enter_menu.addAction(name)
        action.setCheckable(True)
        action.setChecked(direction == preferences.enter_direction())
        action.triggered.connect(lambda _=False, d=direction: preferences.set_enter_direction(d))
        directions.addAction(action)


def set_text_scale(window: MainWindow, percent: int) -> None:
    """大字号: the whole window's text and tables at ``percent``; the pages are rebuilt at that size."""
    preferences.set_text_scale(percent)
    apply_text_scale(percent)
    QApplication.sendPostedEvents()  # the widgets take the new font now, before the pages are rebuilt
    window.rebuild_pages()
    window.show_message(f"文字大小：{percent}%")
