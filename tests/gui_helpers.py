"""Driving the real window in tests: typing into cells, answering dialogs."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QLineEdit, QMessageBox,
                               QProgressDialog, QPushButton, QWidget)
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.section_pages import TablePage
from ui.table_view import ReportTableView


def table_view(window: MainWindow, section: str) -> ReportTableView:
    """Show a table section and return its view."""
    page = window.show_page(section)
    assert isinstance(page, TablePage)
    return page.view


def type_into(qtbot: QtBot, view: ReportTableView, cell_id: str, text: str) -> None:
    """Select a cell, open its editor with F2, type, press Enter — as a clerk would."""
    assert view.select_cell(cell_id)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not view
    assert isinstance(editor, QLineEdit)  # the cell editor of a table
    editor.selectAll()
    type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    finish_editing(qtbot, view)


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying any characters (QTest's keyClicks only takes Latin-1)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def finish_editing(qtbot: QtBot, view: ReportTableView) -> None:
    """Let the view take the value (Qt commits an Enter on the next turn of the event loop)."""
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=2000)


def answer_next_dialog(button_text: str, seen: list[str] | None = None) -> None:
    """Click the button of that text in the next modal dialog, when it appears."""

    def click() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or isinstance(dialog, QProgressDialog):  # a progress dialog is not a question
            QTimer.singleShot(20, click)
            return
        if seen is not None and isinstance(dialog, QMessageBox):
            seen.append(dialog.text())
        for button in dialog.findChildren(QAbstractButton):
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        if seen is not None:
            seen.append(f"no button {button_text!r}")
        dialog.close()  # never leave a test hanging on a dialog it did not expect

    QTimer.singleShot(20, click)


def cell_text(view: ReportTableView, cell_id: str) -> str:
    """What the table shows in a cell."""
    return str(view.table_model.data(view.table_model.index_of(cell_id)))


@contextmanager
def window_on(qtbot: QtBot, draft: Path) -> Iterator[MainWindow]:
    """A main window with ``draft`` open, shown and active; closed afterwards without asking
    (the test decides what is saved)."""
    win = MainWindow()
    assert win.open_path(draft, ask=False)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    try:
        yield win
    finally:
        win.document.undo_stack.setClean()
        win.forced_dirty = False
        win.close()
        win.deleteLater()


def cancel_slow_read(window: MainWindow, source: Path, read: Callable[[MainWindow, Path], object]
                     ) -> tuple[object, list[str], list[float]]:
    """Read ``source`` with ``read``, pressing 取消 once the progress dialog has been up a second;
    what ``read`` returned, the dialog's title and label, and the ticks of a 10 ms timer meanwhile."""
    from ui.progress import current_dialog

    seen: list[str] = []
    ticks: list[float] = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ticker.start(10)
    started = time.perf_counter()

    def cancel_when_shown() -> None:
        dialog = current_dialog()
        if dialog is None or not dialog.isVisible() or time.perf_counter() - started < 1.0:
            QTimer.singleShot(20, cancel_when_shown)
            return
        seen.append(dialog.windowTitle() + "|" + dialog.labelText())
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消").click()

    QTimer.singleShot(20, cancel_when_shown)
    outcome = read(window, source)
    ticker.stop()
    return outcome, seen, ticks


def assert_kept_turning(ticks: list[float]) -> None:
    """The window's event loop ran all along: a 10 ms timer never waited 100 ms."""
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 30 and max(gaps) < 0.1, max(gaps)  # the window kept turning
