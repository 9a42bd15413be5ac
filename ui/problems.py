"""The 问题 panel: a list model of the findings fed by their delta, and the panel around it.

Errors come first; activating a row jumps to where the finding is; a warning can be
explained. The header counts from the document's tally, as the navigator and status bar do.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QHBoxLayout, QListView, QPushButton, QStyle, QVBoxLayout, QWidget

from app.rules import Counts, Finding, FindingsDelta, Status, explanation, status
from app.notes import notes_on
from app.review import FINDING, target
from ui.cached_rows import CachedRowDelegate
from ui.document import Document
from ui.steady_label import SteadyLabel
from ui.who_changed import finding_note

FINDING_ROLE = Qt.ItemDataRole.UserRole + 10
STATUS_ROLE = Qt.ItemDataRole.UserRole + 11
EXPLAINED_FOREGROUND = QColor("#666666")
_DISPLAY, _DECORATION, _TOOLTIP, _FOREGROUND = (int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole))
_ROLES = frozenset((_DISPLAY, _DECORATION, _TOOLTIP, _FOREGROUND, int(FINDING_ROLE), int(STATUS_ROLE)))

AnyIndex = QModelIndex | QPersistentModelIndex


def counts_sentence(counts: Counts) -> str:
    """'2 个错误，1 个提示' (and how many are explained), as the panel's header says it."""
    text = f"{counts.errors} 个错误，{counts.warnings} 个提示"
    return text + (f"，{counts.explained} 个已说明" if counts.explained else "")


class FindingsModel(QAbstractListModel):
    """The findings of a document, one row each, in the engine's order."""

    def __init__(self, document: Document, icons: dict[Status, QIcon]) -> None:
        super().__init__(document)
        self.document = document
        self.icons = icons
        self._rows: list[Finding] = list(document.findings)
        document.findings_changed.connect(self.apply)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def finding(self, row: int) -> Finding:
        """The finding shown in a row."""
        return self._rows[row]

    def row_of(self, key: str) -> int:
        """The row of the finding with that key, or -1."""
        return next((i for i, f in enumerate(self._rows) if f.key == key), -1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked for every role of every row each time the list lays out (a dozen roles a row,
        # after every edit that adds or removes a finding): the roles it has no answer for go first.
        role = int(role)
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        finding = self._rows[index.row()]
        if role == FINDING_ROLE:
            return finding
        report = self.document.report
        if role == _DISPLAY:
            note = explanation(finding, report)
            return finding.message + (f"\n已说明：{note}" if note else "")
        if role == STATUS_ROLE:
            return status(finding, report).value
        if role == _DECORATION:
            return self.icons[status(finding, report)]
        if role == _TOOLTIP:
            on = notes_on(report, target(FINDING, finding.key))  # review notes (批注) on the finding
            note = finding_note(self.document, finding)  # who last changed its cells (app.history)
            return "\n".join([f"[{finding.rule}] {finding.message}"] + ([note] if note else [])
                             + [f"批注（{n.author}）：{n.text}" for n in on])
        if role == _FOREGROUND and status(finding, report) is Status.EXPLAINED:
            return EXPLAINED_FOREGROUND
        return None

    def apply(self, delta: FindingsDelta) -> None:
        """Remove the rows of findings that went, insert those that came, repaint restated ones."""
        for finding in delta.removed:
            if finding in self._rows:
                row = self._rows.index(finding)
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        if delta.added:
            # the engine's order: insert in ascending place so each row lands where it belongs
            position = {id(f): i for i, f in enumerate(self.document.findings)}
            for finding in sorted(delta.added, key=lambda f: position.get(id(f), len(position))):
                row = self._insertion_row(finding, position)
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.insert(row, finding)
                self.endInsertRows()
        for finding in delta.restated:
            if finding in self._rows:
                index = self.index(self._rows.index(finding))
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                                                     Qt.ItemDataRole.ForegroundRole, STATUS_ROLE])

    def _insertion_row(self, finding: Finding, position: dict[int, int]) -> int:
        """Where a new finding goes so the rows keep the engine's order."""
        last = len(position)
        wanted = position.get(id(finding), last)
        for row, shown in enumerate(self._rows):
            if position.get(id(shown), last) > wanted:
                return row
        return len(self._rows)


class ProblemsPanel(QWidget):
    """Lists the findings of the open draft and lets a warning be explained."""

    finding_activated = Signal(object)  # Finding
    acknowledge_requested = Signal(object)  # Finding
    finding_shown = Signal(object)  # Finding: a single click, which shows it without leaving the list

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        top = QHBoxLayout()
        # a new count never re-lays out the panel (which would re-measure every row)
        self.title = SteadyLabel("9999 个错误，9999 个提示，9999 个已说明", Qt.AlignmentFlag.AlignLeft)
        top.addWidget(self.title)
        top.addStretch(1)
        self.explain = QPushButton("说明此提示…")
        self.explain.setToolTip("对选中的提示写一句说明（例如文件到期自然失效），说明会保存在草稿中")
        self.explain.setEnabled(False)
        self.explain.clicked.connect(self._explain)
        top.addWidget(self.explain)
        layout.addLayout(top)
        style = self.style()
        icons = {
            Status.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            Status.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            Status.EXPLAINED: style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
        }
        self.model = FindingsModel(document, icons)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setAlternatingRowColors(True)
        self.list.setItemDelegate(CachedRowDelegate(self.list))  # rows drawn once, copied after each edit
        self.list.setAccessibleName("问题列表")
        self.list.setAccessibleDescription("单击查看问题所在位置；双击或按回车键转到该处")
        self.list.activated.connect(self._activate)
        self.list.clicked.connect(self._show)  # a single click shows where; the focus stays in the list
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        layout.addWidget(self.list)
        document.findings_changed.connect(self._update_title)
        self._update_title()

    def items(self) -> list[QModelIndex]:
        """The rows of the list (each answers ``data(role)``), for tests and keyboard users."""
        return [self.model.index(row) for row in range(self.model.rowCount())]

    def _update_title(self, _delta: object = None) -> None:
        total = self.document.tally.total
        # the dock's title already says 问题: the header only counts
        text = counts_sentence(total) if self.model.rowCount() else "没有发现问题"
        if text != self.title.text():
            self.title.setText(text)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.finding_activated.emit(self.model.finding(index.row()))

    def _show(self, index: QModelIndex) -> None:
        if index.isValid():
            self.finding_shown.emit(self.model.finding(index.row()))

    def _current_changed(self, index: QModelIndex, _previous: QModelIndex) -> None:
        finding = self.model.finding(index.row()) if index.isValid() else None
        self.explain.setEnabled(finding is not None and not finding.is_error)

    def _explain(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            self.acknowledge_requested.emit(self.model.finding(index.row()))
