"""The 问题 panel: every finding, errors first; activating one jumps to where it is."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.rules import Finding
from ui.document import Document

FINDING_ROLE = Qt.ItemDataRole.UserRole + 10


def summary(findings: list[Finding]) -> tuple[int, int]:
    """How many errors and warnings."""
    errors = sum(f.is_error for f in findings)
    return errors, len(findings) - errors


class ProblemsPanel(QWidget):
    """Lists the findings of the open draft and lets a warning be explained."""

    finding_activated = Signal(object)  # Finding
    acknowledge_requested = Signal(object)  # Finding

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        top = QHBoxLayout()
        self.title = QLabel()
        top.addWidget(self.title, 1)
        self.explain = QPushButton("说明此提示…")
        self.explain.setToolTip("对选中的提示写一句说明（例如文件到期自然失效），说明会保存在草稿中")
        self.explain.setEnabled(False)
        self.explain.clicked.connect(self._explain)
        top.addWidget(self.explain)
        layout.addLayout(top)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        self.list.currentItemChanged.connect(self._current_changed)
        layout.addWidget(self.list)
        self._icons = {
            "error": self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "acknowledged": self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
        }
        document.findings_changed.connect(self.show_findings)
        self.show_findings(document.findings)

    def show_findings(self, findings: list[Finding]) -> None:
        """Replace the list by these findings, keeping the selection where possible."""
        current = self.list.currentItem()
        current_key = current.data(FINDING_ROLE).key if current else None
        self.list.clear()
        acknowledged = self.document.report.acknowledgements
        for finding in findings:
            note = acknowledged.get(finding.key) if not finding.is_error else None
            kind = "acknowledged" if note else finding.severity
            text = finding.message + (f"\n已说明：{note}" if note else "")
            item = QListWidgetItem(self._icons[kind], text)
            item.setData(FINDING_ROLE, finding)
            item.setToolTip(f"[{finding.rule}] {finding.message}")
            if note:
                item.setForeground(QColor("#666666"))
            self.list.addItem(item)
            if finding.key == current_key:
                self.list.setCurrentItem(item)
        errors, warnings = summary(findings)
        if findings:
            self.title.setText(f"问题（{errors} 个错误，{warnings} 个提示）")
        else:
            self.title.setText("问题：没有发现问题")

    def items(self) -> list[QListWidgetItem]:
        """The rows of the list, for tests and keyboard users."""
        return [self.list.item(i) for i in range(self.list.count())]

    def _activate(self, item: QListWidgetItem) -> None:
        self.finding_activated.emit(item.data(FINDING_ROLE))

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        finding = item.data(FINDING_ROLE) if item else None
        self.explain.setEnabled(finding is not None and not finding.is_error)

    def _explain(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.acknowledge_requested.emit(item.data(FINDING_ROLE))
