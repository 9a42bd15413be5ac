"""A Qt model over one official table, generated from the format's grid.

Rows and columns are the drawn grid's (headers included), so the view can merge cells
exactly as the official table does. Typed text becomes an edit through the editor; edits go
through the document's undo stack; marks are kept by cell id from the findings' delta, and
``dataChanged`` names exactly the cells and roles that changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.errors import CellValueError
from app.format import GridItem, ItemRole, Table
from app.report import TOTALS_NAMES, TOTALS_PUBLISHED
from app.rules import RANK, Finding, FindingsDelta, Status, status
from app.values import display
from ui.document import Document

CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MARK_ROLE = Qt.ItemDataRole.UserRole + 2
ITEM_ROLE = Qt.ItemDataRole.UserRole + 3

HEADER_BACKGROUND = QColor("#e9edf3")
COMPUTED_BACKGROUND = QColor("#eef4fb")
COMPUTED_FOREGROUND = QColor("#35506e")
ERROR_BACKGROUND = QColor("#f6c9cd")
WARNING_BACKGROUND = QColor("#fbe7b0")
EXPLAINED_BACKGROUND = QColor("#eef0e6")
MARK_BACKGROUND = {Status.ERROR: ERROR_BACKGROUND, Status.WARNING: WARNING_BACKGROUND,
                   Status.EXPLAINED: EXPLAINED_BACKGROUND}

_ROLE = Qt.ItemDataRole
# The roles a change touches, named in dataChanged so views repaint just those.
VALUE_ROLES = [_ROLE.DisplayRole, _ROLE.EditRole, _ROLE.ToolTipRole]
MARK_ROLES = [_ROLE.BackgroundRole, _ROLE.ToolTipRole, MARK_ROLE]
MODE_ROLES = [_ROLE.BackgroundRole, _ROLE.ForegroundRole, _ROLE.ToolTipRole]

AnyIndex = QModelIndex | QPersistentModelIndex


class ReportTableModel(QAbstractTableModel):
    """One table of the open draft, laid out on the official grid."""

    input_refused = Signal(QModelIndex, str)  # where, and the sentence saying why

    def __init__(self, document: Document, table: Table) -> None:
        super().__init__(document)
        self.document = document
        self.table = table
        self._cover: dict[tuple[int, int], GridItem] = {}
        self._position: dict[str, tuple[int, int]] = {}
        for item in table.grid:
            for r in range(item.row, item.row + item.rowspan):
                for c in range(item.col, item.col + item.colspan):
                    self._cover[(r, c)] = item
            if item.cell_id:
                self._position[item.cell_id] = (item.row, item.col)
        self._cells = {c.id: c for c in table.cells}
        self._findings_at: dict[str, list[Finding]] = {}
        self._marks: dict[str, tuple[Status, tuple[str, ...]]] = {}
        self._on_findings_changed(FindingsDelta(added=tuple(document.findings)))
        document.cells_changed.connect(self._on_cells_changed)
        document.findings_changed.connect(self._on_findings_changed)
        document.totals_mode_changed.connect(self._on_totals_mode_changed)

    # ------------------------------------------------------------------ geometry

    def item_at(self, row: int, col: int) -> GridItem | None:
        """The grid item drawn over a position (its anchor may be above or to the left)."""
        return self._cover.get((row, col))

    def index_of(self, cell_id: str) -> QModelIndex:
        """The model index of a cell id (invalid if this table has no such cell)."""
        if cell_id not in self._position:
            return QModelIndex()
        return self.index(*self._position[cell_id])

    def is_editable(self, row: int, col: int) -> bool:
        """Whether the position is the anchor of a value cell a person may type into."""
        item = self._cover.get((row, col))
        return (item is not None and item.role is ItemRole.VALUE and (item.row, item.col) == (row, col)
                and item.cell_id is not None and not self.document.is_computed(item.cell_id))

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.table.rows

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.table.cols

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(index.row(), index.column()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._cover.get((index.row(), index.column()))
        if item is None or (item.row, item.col) != (index.row(), index.column()):
            return None
        if role == ITEM_ROLE:
            return item
        if item.role is not ItemRole.VALUE:
            return self._label_data(item, role)
        return self._value_data(item, role)

    def _label_data(self, item: GridItem, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return item.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if item.role is ItemRole.LABEL:
                return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole and item.role in (ItemRole.HEADER, ItemRole.BLOCK):
            return QBrush(HEADER_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and item.role in (ItemRole.HEADER, ItemRole.BLOCK):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _value_data(self, item: GridItem, role: int) -> Any:
        cell_id = item.cell_id or ""
        value = self.document.report.cells[cell_id]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return display(value)
        if role == CELL_ID_ROLE:
            return cell_id
        if role == MARK_ROLE:
            mark = self._marks.get(cell_id)
            return mark[0].value if mark else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        computed = self.document.is_computed(cell_id)
        if role == Qt.ItemDataRole.BackgroundRole:
            mark = self._marks.get(cell_id)
            if mark:
                return QBrush(MARK_BACKGROUND[mark[0]])
            return QBrush(COMPUTED_BACKGROUND) if computed else None
        if role == Qt.ItemDataRole.ForegroundRole and computed:
            return QBrush(COMPUTED_FOREGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            cell = self._cells[cell_id]
            lines = [cell.label]
            if computed:
                lines.append(f"自动计算的合计，不能直接修改（可在“报告”菜单中选择“{TOTALS_NAMES[TOTALS_PUBLISHED]}”）。")
            mark = self._marks.get(cell_id)
            if mark:
                lines.extend(mark[1])
            return "\n".join(lines)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.is_editable(index.row(), index.column()):
            return False
        item = self._cover[(index.row(), index.column())]
        cell = self._cells[item.cell_id or ""]
        try:
            edit = self.document.editor.typed(cell.id, str(value))
        except CellValueError as error:
            self.input_refused.emit(QModelIndex(index), str(error))
            return False
        self.document.push(edit, f"填写“{cell.label}”")
        return True

    # ------------------------------------------------------------------ updates

    def _emit_cells(self, cell_ids: set[str] | frozenset[str], roles: list[int]) -> None:
        for cell_id in cell_ids:
            if cell_id in self._position:
                index = self.index(*self._position[cell_id])
                self.dataChanged.emit(index, index, roles)

    def _on_cells_changed(self, cell_ids: frozenset[str]) -> None:
        self._emit_cells({c for c in cell_ids if c in self._cells}, VALUE_ROLES)

    def _on_findings_changed(self, delta: FindingsDelta) -> None:
        touched: set[str] = set()
        for finding in delta.removed:
            for cell_id in self._own(finding):
                self._findings_at[cell_id].remove(finding)
                touched.add(cell_id)
        for finding in delta.added:
            for cell_id in self._own(finding):
                self._findings_at.setdefault(cell_id, []).append(finding)
                touched.add(cell_id)
        for finding in delta.restated:
            touched.update(self._own(finding))
        changed = set()
        for cell_id in touched:
            mark = self._mark_of(cell_id)
            if mark != self._marks.get(cell_id):
                changed.add(cell_id)
                if mark is None:
                    self._marks.pop(cell_id, None)
                else:
                    self._marks[cell_id] = mark
        self._emit_cells(changed, MARK_ROLES)

    def _on_totals_mode_changed(self, _mode: str) -> None:
        self._emit_cells(set(self.document.report.computed_cells()) & set(self._cells), MODE_ROLES)

    def _own(self, finding: Finding) -> list[str]:
        """The cells of this table a finding names (once each)."""
        return [c for c in dict.fromkeys(finding.cells) if c in self._cells]

    def _mark_of(self, cell_id: str) -> tuple[Status, tuple[str, ...]] | None:
        """The gravest status among a cell's findings, and their messages, gravest first."""
        findings = self._findings_at.get(cell_id)
        if not findings:
            return None
        report = self.document.report
        ranked = sorted(((RANK[status(f, report)], i, f) for i, f in enumerate(findings)),
                        key=lambda t: (-t[0], t[1]))
        best = status(ranked[0][2], report)
        return best, tuple(f.message for _, _, f in ranked)

    def mark(self, cell_id: str) -> Status | None:
        """The status a cell is marked with (None when no finding names it)."""
        mark = self._marks.get(cell_id)
        return mark[0] if mark else None
