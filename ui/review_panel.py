"""The 批注 panel and the 审阅 menu: a reviewer's notes on cells, paragraphs, sections and findings.

Notes are edits (app.review.SetNote) on the document's undo stack. The panel lists them, a
double-click (or Enter) jumps to the place a note is on, and the author marks them handled.
The reviewer's name is asked once (app.userdata.display_name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QColor, QHelpEvent, QKeySequence
from PySide6.QtWidgets import (QApplication, QCheckBox, QDialog, QDialogButtonBox, QDockWidget, QHBoxLayout,
                               QInputDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMenu, QPlainTextEdit,
                               QPushButton, QToolTip, QVBoxLayout, QWidget)

from app.errors import NianbaoError
from app.notes import add_note, notes_on, open_count, place, remove_note, set_handled
from app.review import CELL, FINDING, PART, REPORT, SECTION, Note, local_time, split_target, target
from app.userdata import display_name, display_name_chosen, save_display_name

from ui.note_marks import paint_note_corner

if TYPE_CHECKING:
    from ui.document import Document

NOTE_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 40
NOTE_TARGET, OPEN_NOTE = "noteTarget", "openNote"  # properties of a text the notes are on
PLAIN_FRAME = "QPlainTextEdit { border: 1px solid #8a8a8a; }"  # a Qt style sheet draws a border only inside a frame
NOTE_MARGIN = " QPlainTextEdit { border-right: 5px solid #c25e00; }"  # a text with an open note: a bar at its right

MainWindow = Any  # ui.main_window imports this module: the window is described, not imported (no cycle)


def note_line(document: Document, note: Note) -> str:
    """How the panel lists a note: where, what, who and when, and whether it was handled."""
    where = place(document.report, note.target).label
    state = f"　✔ 已处理（{note.handled_by}）" if note.handled else ""
    return f"{where}\n{note.text}\n— {note.author}，{local_time(note.at)}{state}"


class NoteDialog(QDialog):
    """Asks for the text of a new note, saying where it will be attached."""

    def __init__(self, where: str, author: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("添加批注")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"批注位置：{where}"))
        layout.addWidget(QLabel(f"批注人：{author}"))
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("批注内容")
        self.text.setPlaceholderText("写下需要作者核对或修改的地方")
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("添加")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ReviewPanel(QWidget):
    """Lists a draft's notes; jump, mark handled, remove."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        self.title = QLabel()
        layout.addWidget(self.title)
        self.show_handled = QCheckBox("显示已处理的批注")
        self.show_handled.setChecked(True)
        self.show_handled.toggled.connect(lambda _on: self.refresh())
        layout.addWidget(self.show_handled)
        self.list = QListWidget()
        self.list.setAccessibleName("批注列表")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.itemActivated.connect(lambda item: self.jump(item.data(NOTE_ID_ROLE)))
        self.list.itemDoubleClicked.connect(lambda item: self.jump(item.data(NOTE_ID_ROLE)))
        self.list.currentItemChanged.connect(lambda _a, _b: self._sync_buttons())
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton("添加批注…")
        self.add_button.clicked.connect(lambda: add_note_dialog(window))
        self.handled_button = QPushButton("标为已处理")
        self.handled_button.clicked.connect(self.toggle_handled)
        self.remove_button = QPushButton("删除")
        self.remove_button.clicked.connect(self.remove_current)
        for button in (self.add_button, self.handled_button, self.remove_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.document: Document | None = None

    def bind(self, document: Document) -> None:
        """Show another draft's notes."""
        self.document = document
        document.notes_changed.connect(lambda _ids: self.refresh())
        document.final_changed.connect(self._sync_buttons)
        self.refresh()

    def refresh(self) -> None:
        """List the notes again (after an edit, an undo, another draft)."""
        document = self.document
        if document is None:
            return
        current = self.current_id()
        self.list.clear()
        for note in document.report.notes:
            if note.handled and not self.show_handled.isChecked():
                continue
            item = QListWidgetItem(note_line(document, note))
            item.setData(NOTE_ID_ROLE, note.id)
            item.setToolTip(f"{note.text}\n双击跳到批注的位置")
            if note.handled:
                item.setForeground(QColor("#555b63"))
            self.list.addItem(item)
            if note.id == current:
                self.list.setCurrentItem(item)
        total, waiting = len(document.report.notes), open_count(document.report)
        self.title.setText(f"批注（共 {total} 条，{waiting} 条未处理）" if total else "批注：还没有批注")
        self._sync_buttons()

    def current_id(self) -> str | None:
        """The id of the note selected in the list."""
        item = self.list.currentItem()
        return None if item is None else str(item.data(NOTE_ID_ROLE))

    def current_note(self) -> Note | None:
        """The note selected in the list."""
        note_id = self.current_id()
        if self.document is None or note_id is None:
            return None
        return next((n for n in self.document.report.notes if n.id == note_id), None)

    def _sync_buttons(self) -> None:
        note = self.current_note()
        frozen = self.document is not None and self.document.report.final is not None
        self.handled_button.setEnabled(note is not None and not frozen)
        self.remove_button.setEnabled(note is not None and not frozen)
        self.add_button.setEnabled(not frozen)
        self.handled_button.setText("标为未处理" if note is not None and note.handled else "标为已处理")

    def toggle_handled(self) -> None:
        """Mark the selected note handled (by this user, now), or open again."""
        note = self.current_note()
        if note is None or self.document is None:
            return
        name = ask_reviewer_name(self.window_)
        if name is None:
            return
        self.document.push(set_handled(self.document.report, note.id, name, not note.handled))

    def remove_current(self) -> None:
        """Remove the selected note (undo brings it back)."""
        note = self.current_note()
        if note is not None and self.document is not None:
            self.document.push(remove_note(self.document.report, note.id))

    def jump(self, note_id: str) -> None:
        """Show the place a note is on, the cursor there."""
        document = self.document
        note = next((n for n in document.report.notes if n.id == note_id), None) if document else None
        if note is None or document is None:
            return
        where = place(document.report, note.target)
        kind, key = split_target(note.target)
        window = self.window_
        if kind == FINDING:
            finding = next((f for f in document.findings if f.key == key), None)
            if finding is not None:
                window.go_to_finding(finding)
                return
        if where.cell:
            window.show_cell(where.cell)
            return
        if where.section:
            page = window.show_page(where.section)
            editors = getattr(page, "part_editors", None)
            if where.part is not None and editors and where.part < len(editors):
                editors[where.part][1].setFocus(Qt.FocusReason.OtherFocusReason)
            elif hasattr(page, "focus_text"):
                page.focus_text()
            return
        window.show_page("meta")


class ReviewActions(QObject):
    """The 审阅 menu and the 批注 dock of one main window (a child of it: gone with it)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        # The panel and its dock are made when first shown (a draft with notes, 批注面板, a new note):
        # most drafts are filled in without them, and the window starts smaller.
        self._panel: ReviewPanel | None = None
        self._dock: QDockWidget | None = None
        self._document: Document | None = None
        menu = QMenu("审阅(&W)", window)
        bar = window.menuBar()
        help_menu = next((a for a in bar.actions() if a.text().startswith("帮助")), None)
        if help_menu is not None:
            bar.insertMenu(help_menu, menu)  # before 帮助
        else:
            bar.addMenu(menu)
        self.add_action = QAction("添加批注(&M)…", window)
        self.add_action.setShortcut(QKeySequence("Ctrl+Alt+M"))
        self.add_action.setStatusTip("在选中的单元格、段落、问题或当前部分上添加批注")
        self.add_action.triggered.connect(lambda: add_note_dialog(window))
        self.panel_action = QAction("批注面板(&P)", window)  # checked while the dock is shown, as a dock's own action
        self.panel_action.setCheckable(True)
        self.panel_action.toggled.connect(self._panel_toggled)
        self.print_action = QAction("打印批注清单(&L)…", window)
        self.print_action.setStatusTip("导出审阅用的批注清单 PDF（不用于发布）")
        self.print_action.triggered.connect(self.export_review)
        self.name_action = QAction("设置我的名字(&N)…", window)
        self.name_action.triggered.connect(lambda: ask_reviewer_name(window, ask=True))
        for action in (self.add_action, self.panel_action, self.print_action, self.name_action):
            menu.addAction(action)
        self.menu = menu
        self.last_focus: QWidget | None = None  # the form or list a note would be on (not the panel's button)
        window.stack.currentChanged.connect(lambda _i: self.mark_paragraphs())  # pages are built when first shown
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    @property
    def dock(self) -> QDockWidget:
        """The 批注 dock (hidden until shown), made the first time it is asked for."""
        if self._dock is None:
            window = self.window_
            self._panel = ReviewPanel(window)
            dock = QDockWidget("批注", window)
            dock.setObjectName("notes")
            dock.setWidget(self._panel)
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.hide()
            dock.toggleViewAction().toggled.connect(self.panel_action.setChecked)  # closed by its own button
            self._dock = dock
            if self._document is not None:
                self._panel.bind(self._document)
        return self._dock

    @property
    def panel(self) -> ReviewPanel:
        """The 批注 panel (its dock made if it was not yet)."""
        self.dock
        assert self._panel is not None
        return self._panel

    @property
    def built_panel(self) -> ReviewPanel | None:
        """The panel if it was made (asking where the focus is must not make it)."""
        return self._panel

    def _panel_toggled(self, on: bool) -> None:
        if on or self._dock is not None:
            self.dock.setVisible(on)

    @Slot(QWidget, QWidget)
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return
        try:
            if any(h is new or h.isAncestorOf(new) for h in (self.window_.stack, self.window_.problems)):
                self.last_focus = new
        except RuntimeError:  # the window is being taken down
            return

    def bind(self, document: Document) -> None:
        """Follow another draft."""
        self._document = document
        if self._panel is not None:
            self._panel.bind(document)
        document.notes_changed.connect(lambda _ids: self.mark_paragraphs())
        # a form re-applies its own mark while text is typed: add the note bar again after it (only a draft
        # with notes has a bar to add: a keystroke in a draft without notes does no work here)
        document.text_changed.connect(
            lambda _place: QTimer.singleShot(0, self.mark_paragraphs) if document.report.notes else None)
        if document.report.notes:
            self.dock.show()

    def mark_paragraphs(self) -> None:
        """Texts with notes show them in their tooltip, and a dark-orange bar at their right while one is open.

        The form's own mark (沿用上年: a blue bar at the left, its own tooltip) is kept: the bar is added
        to its style, and the tooltip comes from an event filter.
        """
        from ui.section_pages import CARRIED_STYLE  # the forms import this module's neighbours

        window = self.window_
        report = window.document.report
        for page in window.pages.values():
            section = getattr(page, "section", None)
            if section is None:
                continue
            places: list[tuple[QWidget, str]] = []
            opening = getattr(page, "opening", None)
            if opening is not None:
                places.append((opening, target(SECTION, section.id)))
            for index, (_title, body) in enumerate(getattr(page, "part_editors", [])):
                places.append((body, target(PART, f"{section.id}/{index}")))
            for editor, name in places:
                waiting = any(not n.handled for n in notes_on(report, name))
                if editor.property(NOTE_TARGET) != name:
                    editor.setProperty(NOTE_TARGET, name)
                    editor.installEventFilter(self)
                editor.setProperty(OPEN_NOTE, waiting)
                base = CARRIED_STYLE if getattr(editor, "carried", False) else ""
                wanted = (base or PLAIN_FRAME) + NOTE_MARGIN if waiting else base
                if editor.styleSheet() != wanted:
                    editor.setStyleSheet(wanted)

    def paragraph_tip(self, editor: QWidget) -> str:
        """A text's tooltip: its own, then its notes."""
        name = editor.property(NOTE_TARGET)
        lines = [editor.toolTip()] if editor.toolTip() else []
        if name:
            for n in notes_on(self.window_.document.report, str(name)):
                lines.append(f"批注（{n.author} {local_time(n.at)}{'，已处理' if n.handled else ''}）：{n.text}")
        return "\n".join(lines)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(watched, QWidget) and isinstance(event, QHelpEvent):
            tip = self.paragraph_tip(watched)
            if tip:
                QToolTip.showText(event.globalPos(), tip, watched)
            else:
                QToolTip.hideText()
            return True
        return False

    def export_review(self) -> None:
        """Ask where, then write the 批注清单 PDF."""
        from pathlib import Path

        from ui import dialogs

        window = self.window_
        report = window.document.report
        folder = window.document.path.parent if window.document.path else Path.home()
        name = report.title if report.meta.organ else "年度报告"
        path = dialogs.save_pdf_as(window, str(folder / f"{name}-批注清单.pdf"))
        if path is not None:
            self.export_review_to(path)

    def export_review_to(self, path: object) -> None:
        """Write the 批注清单 PDF to ``path`` (a message says where, or why not)."""
        from pathlib import Path

        from app.exporters.review_pdf import write_review_pdf
        from ui import dialogs

        window = self.window_
        path = Path(str(path))
        try:
            write_review_pdf(window.document.report, path)
        except NianbaoError as error:
            dialogs.error(window, str(error), "无法导出")
            return
        window.show_message(f"已导出批注清单：{path}")


def note_target_here(window: MainWindow) -> tuple[str, str]:
    """What a new note would be attached to, from what has the focus: the finding selected in the 问题
    list, the cell selected in a table, the sub-head text being edited, else the page's section."""
    focus = QApplication.focusWidget()
    if focus is None or not (window.stack.isAncestorOf(focus) or window.problems.isAncestorOf(focus)):
        focus = window.review.last_focus  # e.g. the panel's 添加批注 button has the focus now
    problems = window.problems
    if focus is problems.list and problems.list.currentIndex().isValid():
        finding = problems.model.finding(problems.list.currentIndex().row())
        return FINDING, finding.key
    page = window.stack.currentWidget()
    view = getattr(page, "view", None)
    if view is not None:
        cell_id = _cell_of(view)
        if cell_id:
            return CELL, cell_id
    section = getattr(page, "section", None)
    editors = getattr(page, "part_editors", None) or []
    for index, (title, body) in enumerate(editors):
        if focus is title or focus is body:
            return PART, f"{section.id}/{index}"
    if section is not None:
        return SECTION, section.id
    return REPORT, ""


def _cell_of(view: object) -> str | None:
    """The cell id under a table view's cursor, if it is a value cell."""
    from ui.table_model import CELL_ID_ROLE

    index = view.currentIndex()  # type: ignore[attr-defined]  # a table view, typed QWidget by its callers
    return index.data(CELL_ID_ROLE) if index.isValid() else None


def ask_reviewer_name(parent: QWidget, ask: bool = False) -> str | None:
    """The reviewer's display name, asked the first time (default: the system user name)."""
    if display_name_chosen() and not ask:
        return display_name()
    name, ok = QInputDialog.getText(parent, "我的名字", "批注和定稿时署的名字：", QLineEdit.EchoMode.Normal,
                                    display_name())
    if not ok or not name.strip():
        return None
    save_display_name(name)
    return name.strip()


def add_note_dialog(window: MainWindow, kind: str | None = None, key: str = "") -> Note | None:
    """Ask for a note on the place in focus (or the one given) and attach it; the note, or None."""
    document = window.document
    if kind is None:
        kind, key = note_target_here(window)
    name = ask_reviewer_name(window)
    if name is None:
        return None
    where = place(document.report, target(kind, key)).label
    dialog = NoteDialog(where, name, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        edit = add_note(document.report, kind, key, dialog.text.toPlainText(), name)
    except NianbaoError as error:
        window.show_message(str(error))
        return None
    document.push(edit)
    window.review.dock.show()
    return edit.note


__all__ = ["ReviewActions", "ReviewPanel", "add_note_dialog", "ask_reviewer_name", "note_target_here",
           "notes_on", "paint_note_corner"]
