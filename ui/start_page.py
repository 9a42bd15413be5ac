"""The start page: what a clerk sees when the program starts without a file.

Four ways in — 新建, 打开, 以上年报告为基础, 导入已发布的报告 — and the recent drafts
(app.userdata.recent_files). The page stands in front of the forms until a draft is made or
opened; 文件 → 开始页 brings it back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QStackedWidget,
                               QVBoxLayout, QWidget)

from app.userdata import recent_files

PATH_ROLE = int(Qt.ItemDataRole.UserRole) + 50

MainWindow = Any  # ui.main_window imports this module: the window is described, not imported (no cycle)


class StartPage(QWidget):
    """The four buttons and the recent files."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.setObjectName("startPage")
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        outer.addLayout(column, 4)
        outer.addStretch(1)
        column.addStretch(1)
        title = QLabel("政府信息公开工作年度报告 填报")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        column.addWidget(title)
        hint = QLabel("从这里开始：新建一份报告，打开保存的草稿，沿用上年的报告，或导入已经发布的报告。按 F1 查看使用说明。")
        hint.setWordWrap(True)
        column.addWidget(hint)
        self.buttons: dict[str, QPushButton] = {}
        grid = QHBoxLayout()
        for key, text, tip, action in (
            ("new", "新建", "一份空白草稿（Ctrl+N）", window.new_action),
            ("open", "打开…", "打开保存的草稿文件（Ctrl+O）", window.open_action),
            ("last_year", "以上年报告为基础…", "沿用上年的机关信息、小标题和结转数", window.new_from_last_action),
            ("import", "导入已发布的报告…", "从网页、Word、PDF 或粘贴的文字导入（Ctrl+I）", window.import_action),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(text.rstrip("…"))
            button.setAccessibleDescription(tip)
            button.setMinimumHeight(64)
            button.clicked.connect(lambda _=False, a=action: a.trigger())
            grid.addWidget(button)
            self.buttons[key] = button
        column.addLayout(grid)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        column.addWidget(line)
        column.addWidget(QLabel("最近打开的文件（双击或按 Enter 打开）："))
        self.recent = QListWidget()
        self.recent.setAccessibleName("最近打开的文件")
        self.recent.itemActivated.connect(self._open_item)
        self.recent.itemDoubleClicked.connect(self._open_item)
        column.addWidget(self.recent, 2)
        column.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """List the recent drafts again (newest first, only those that still exist)."""
        self.recent.clear()
        paths = recent_files()
        for path in paths:
            item = QListWidgetItem(f"{path.name}　　{path.parent}")
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        if not paths:
            empty = QListWidgetItem("（还没有打开过草稿）")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(empty)
        else:
            self.recent.setCurrentRow(0)

    def _open_item(self, item: QListWidgetItem) -> None:
        name = item.data(PATH_ROLE)
        if name:
            self.window_.open_path(Path(name))


class StartScreen:
    """Puts the start page in front of a window's forms, and takes it away once a draft is chosen."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._page: StartPage | None = None  # built when first shown: a window opened on a draft never makes it
        forms = window.takeCentralWidget()
        self.front = QStackedWidget()
        self.front.addWidget(forms)
        self.forms = forms
        window.setCentralWidget(self.front)
        self.front.setCurrentWidget(forms)
        self.action = QAction("开始页(&T)", window)
        self.action.setStatusTip("显示开始页：新建、打开、以上年报告为基础、导入，以及最近打开的文件")
        self.action.triggered.connect(self.show)
        window.document_set.connect(self.hide)
        bar = window.menuBar()
        file_menu = next((a.menu() for a in bar.actions() if a.text().startswith("文件")), None)
        if file_menu is not None:
            file_menu.insertAction(window.open_action, self.action)
        self._dock_was_visible = True

    @property
    def page(self) -> StartPage:
        """The start page, made the first time it is asked for."""
        if self._page is None:
            self._page = StartPage(self.window)
            self.front.insertWidget(0, self._page)
        return self._page

    @property
    def showing(self) -> bool:
        """Whether the start page is in front."""
        return self._page is not None and self.front.currentWidget() is self._page

    def show(self) -> None:
        """Bring the start page to the front (the draft stays open behind it)."""
        self.page.refresh()
        if not self.showing:
            self._dock_was_visible = not self.window.dock.isHidden()
        self.window.dock.hide()  # the 问题 of a blank draft mean nothing on the start page
        self.front.setCurrentWidget(self.page)
        self.page.buttons["new"].setFocus()

    def hide(self) -> None:
        """Back to the forms (a draft was made or opened)."""
        if self.showing:
            self.front.setCurrentWidget(self.forms)
            self.window.dock.setVisible(self._dock_was_visible)
