"""帮助 → 使用说明 (F1): the user guide shipped in ``resources/help``, shown offline in the program.

F1 opens the part about what is in front of the user: the page shown (表三 opens the part about
表三), the 问题 list (the rule of the selected finding), the 批注 panel, the start page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.assets import resource
from app.userdata import data_dir

GUIDE = "help/guide.html"
DEFAULT_TOPIC = "start"

MainWindow = Any  # ui.main_window imports this module: the window is described, not imported (no cycle)


def guide_html() -> str:
    """The guide's HTML with the places of this computer filled in (where the program keeps its files)."""
    text = resource(GUIDE).read_text(encoding="utf-8")
    return text.replace("{data_dir}", str(data_dir()))


class HelpWindow(QDialog):
    """The guide in a window of its own, beside the main window (not modal: one can read and type)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明 — 政务公开年报填报")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("使用说明")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(True)
        self.browser.setHtml(guide_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.topic = DEFAULT_TOPIC
        screen = (parent.screen() if parent is not None else QApplication.primaryScreen()).availableGeometry()
        self.resize(min(820, screen.width() - 40), min(720, screen.height() - 60))

    def show_topic(self, topic: str) -> None:
        """Show the window at the part named ``topic`` (an anchor of the guide)."""
        self.topic = topic
        self.browser.setSource(QUrl(f"#{topic}"))
        self.browser.scrollToAnchor(topic)
        self.show()
        self.raise_()
        self.activateWindow()

    def visible_heading(self) -> str:
        """The text of the first block shown at the top of the browser (what the reader sees first)."""
        cursor = self.browser.cursorForPosition(self.browser.viewport().rect().topLeft())
        return cursor.block().text()


def install_help(window: QWidget, topic_of: Callable[[], str]) -> None:
    """Add 帮助 → 使用说明 (F1) to a main window; ``topic_of()`` names the part for what is shown now."""
    from PySide6.QtGui import QAction

    action = QAction("使用说明(&H)", window)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setStatusTip("打开使用说明中与当前页面有关的部分（F1）")
    action.triggered.connect(lambda: help_window_of(window).show_topic(topic_of()))
    bar = window.menuBar()  # type: ignore[attr-defined]  # window is a QMainWindow (typed QWidget to avoid an import cycle)
    menu = next((a.menu() for a in bar.actions() if a.text().startswith("帮助")), None)
    if menu is not None:
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, action)
        if first is not None:
            menu.insertSeparator(first)
    window.addAction(action)  # F1 works wherever the focus is in the window
    window.help_action = action  # type: ignore[attr-defined]  # kept on the window for its tests and menus


def help_window_of(window: QWidget) -> HelpWindow:
    """The window's guide, made (the whole guide laid out) the first time it is opened, not at start."""
    found = getattr(window, "help_window", None)
    if not isinstance(found, HelpWindow):
        found = HelpWindow(window)
        window.help_window = found  # type: ignore[attr-defined]  # one help window per main window
    return found


def help_topic(window: MainWindow) -> str:
    """The part of the guide about what the user is looking at (F1)."""
    start = getattr(window, "start_screen", None)
    if start is not None and start.showing:
        return "start"
    focus = QApplication.focusWidget()
    problems = window.problems

    def inside(widget: QWidget | None) -> bool:
        return focus is not None and widget is not None and (focus is widget or widget.isAncestorOf(focus))

    if inside(problems):
        index = problems.list.currentIndex()
        return f"rule-{problems.model.finding(index.row()).rule}" if index.isValid() else "checks"
    review = getattr(window, "review", None)
    if review is not None and inside(review.built_panel):
        return "review"
    current = window.stack.currentWidget()
    for key, page in window.pages.items():
        if page is current:
            return key
    return DEFAULT_TOPIC
