"""The editor of a text place of the report, found in the window's pages, and the cursor put there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QMainWindow, QPlainTextEdit, QWidget

from app.editing import MetaPlace, TextPlace
from app.rules.status import META_PLACE

MainWindow = QMainWindow  # the main window (ui.main_window is not imported: ui has no import circle)


def editor_of(window: MainWindow, place: TextPlace) -> QLineEdit | QPlainTextEdit | None:
    """The field that edits a text place (its page built and shown first)."""
    page = window.show_page(META_PLACE if isinstance(place, MetaPlace) else place.section)
    for widget in page.findChildren(QWidget):
        if isinstance(widget, (QLineEdit, QPlainTextEdit)) and getattr(widget, "place", None) == place:
            return widget
    return None


def focus_place(window: MainWindow, place: TextPlace, start: int | None = None, end: int | None = None) -> None:
    """Focus the editor of a text place, selecting ``start``–``end`` when given."""
    editor = editor_of(window, place)
    if editor is None:
        return
    editor.setFocus(Qt.FocusReason.OtherFocusReason)
    if isinstance(editor, QPlainTextEdit):
        if start is not None:
            cursor = editor.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end if end is not None else start, QTextCursor.MoveMode.KeepAnchor)
            editor.setTextCursor(cursor)
        editor.ensureCursorVisible()
        page = window.stack.currentWidget()
        if hasattr(page, "ensureWidgetVisible"):
            page.ensureWidgetVisible(editor)
    elif start is not None:
        editor.setSelection(start, (end or start) - start)
