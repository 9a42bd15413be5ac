"""导入已发布的报告: before the draft opens, what the import found and each thing it could not read.

Thin on purpose: the summary comes from ``app.importers.summary``; the dialog only shows it and
says which cell (or section) the user wants to go to.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.importers import ImportResult
from app.importers.summary import summarise
from ui.window_geometry import fit_to_screen

TARGET_ROLE = Qt.ItemDataRole.UserRole


class ImportDialog(QDialog):
    """Shows an import's summary; 转到 or a double-click on an item picks the cell to open at."""

    target_chosen = Signal(str)  # a cell id or section id

    def __init__(self, result: ImportResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen: str | None = None
        summary = summarise(result)
        self.setWindowTitle("导入已发布的报告")
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{summary.title or '（未找到标题）'}</b>　{summary.layout}")
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        self.counts = QLabel(summary.line)
        layout.addWidget(self.counts)
        found = "、".join(summary.sections) if summary.sections else "无"
        self.sections = QLabel(f"找到的部分（{len(summary.sections)}/{summary.sections_total}）：{found}")
        self.sections.setWordWrap(True)
        layout.addWidget(self.sections)
        if summary.items:
            note = QLabel("以下内容没有能确定地读出，在草稿中留空。双击一项可转到相应位置，对照原文填写：")
        elif summary.cells_blank:  # blank is not read-as-0: say so instead of "all read"
            note = QLabel(f"其余单元格都已读出；原报告留空的 {summary.cells_blank} 个单元格在草稿中也留空。")
        else:
            note = QLabel("所有单元格都已读出。")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.items = QListWidget()
        for item in summary.items:
            entry = QListWidgetItem(item.reason)
            entry.setData(TARGET_ROLE, item.target)
            entry.setToolTip(item.reason)
            self.items.addItem(entry)
        self.items.setVisible(bool(summary.items))
        self.items.itemDoubleClicked.connect(self._go_to)
        layout.addWidget(self.items)
        # 附注 (words printed beside a figure, kept per cell) and 说明 (tables left out, rows missing,
        # units converted): what a clerk should know before taking the figures.
        self.remarks = QListWidget()
        for item in summary.notes:
            label = result.report.cell(item.target).label if item.target in result.report.cells else item.target
            entry = QListWidgetItem(f"附注　{label}：{item.reason}")
            entry.setData(TARGET_ROLE, item.target)
            self.remarks.addItem(entry)
        for remark in summary.remarks:
            self.remarks.addItem(QListWidgetItem(f"说明　{remark}"))
        for notice in summary.notices:
            self.remarks.addItem(QListWidgetItem(f"提示　{notice}"))
        self.remarks.setVisible(self.remarks.count() > 0)
        self.remarks.setMaximumHeight(120)
        self.remarks.itemDoubleClicked.connect(self._go_to)
        layout.addWidget(self.remarks)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("打开草稿", QDialogButtonBox.ButtonRole.AcceptRole)
        self.go_button: QPushButton = buttons.addButton("转到", QDialogButtonBox.ButtonRole.ActionRole)
        self.go_button.setEnabled(False)
        self.go_button.setVisible(bool(summary.items))
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.go_button.clicked.connect(lambda: self._go_to(self.items.currentItem()))
        self.items.currentItemChanged.connect(
            lambda current, _previous: self.go_button.setEnabled(bool(current and current.data(TARGET_ROLE))))
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 420)  # never larger than the screen (1024×768, 200 %…)

    def _go_to(self, entry: QListWidgetItem | None) -> None:
        """Remember the item's cell (or section), tell the window, and open the draft there."""
        target = entry.data(TARGET_ROLE) if entry is not None else None
        if not target:
            return
        self.chosen = target
        self.target_chosen.emit(target)
        self.accept()
