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
from app.format import Cell, GridItem, ItemRole, Table
from app.format.correspond import corresponding, merged_row
from app.report import TOTALS_NAMES, TOTALS_PUBLISHED
from app.rules import RANK, Finding, FindingsDelta, Status, status
from app.notes import note_tips
from app.values import display, number
from ui.accessibility import MARK_BACKGROUND, accessible_text
from ui.who_changed import change_note
from ui.document import Document

CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MARK_ROLE = Qt.ItemDataRole.UserRole + 2
ITEM_ROLE = Qt.ItemDataRole.UserRole + 3
PREVIOUS_ROLE = Qt.ItemDataRole.UserRole + 4  # last year's figure as shown beside this year's, when shown

HEADER_BACKGROUND = QColor("#e9edf3")
COMPUTED_BACKGROUND = QColor("#eef4fb")
COMPUTED_FOREGROUND = QColor("#35506e")

_ROLE = Qt.ItemDataRole
# The roles a change touches, named in dataChanged so views repaint just those.
VALUE_ROLES = [_ROLE.DisplayRole, _ROLE.EditRole, _ROLE.ToolTipRole, _ROLE.AccessibleTextRole]
MARK_ROLES = [_ROLE.BackgroundRole, _ROLE.ToolTipRole, MARK_ROLE]
MODE_ROLES = [_ROLE.BackgroundRole, _ROLE.ForegroundRole, _ROLE.ToolTipRole]

AnyIndex = QModelIndex | QPersistentModelIndex

# What data() hands out, made once: brushes, alignments and roles as plain ints.
HEADER_BRUSH = QBrush(HEADER_BACKGROUND)
COMPUTED_BRUSH = QBrush(COMPUTED_BACKGROUND)
COMPUTED_PEN = QBrush(COMPUTED_FOREGROUND)
MARK_BRUSH = {status: QBrush(color) for status, color in MARK_BACKGROUND.items()}
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _SELECTABLE | Qt.ItemFlag.ItemIsEditable
_DISPLAY, _EDIT, _TOOLTIP = int(_ROLE.DisplayRole), int(_ROLE.EditRole), int(_ROLE.ToolTipRole)
_ALIGN, _BACKGROUND = int(_ROLE.TextAlignmentRole), int(_ROLE.BackgroundRole)
_FOREGROUND, _FONT = int(_ROLE.ForegroundRole), int(_ROLE.FontRole)
_CELL_ID, _MARK, _ITEM, _PREVIOUS = int(CELL_ID_ROLE), int(MARK_ROLE), int(ITEM_ROLE), int(PREVIOUS_ROLE)
_ACCESSIBLE_TEXT, _ACCESSIBLE_DESCRIPTION = int(_ROLE.AccessibleTextRole), int(_ROLE.AccessibleDescriptionRole)
PREVIOUS_ROLES = [_ROLE.ToolTipRole, PREVIOUS_ROLE]
_BOLD: list[QFont] = []


def _bold_font() -> QFont:
    """The bold font of headings (made when the first model is, after the application)."""
    if not _BOLD or _BOLD[0].pointSizeF() != QFont().pointSizeF():  # 大字号 changed the size
        font = QFont()
        font.setBold(True)
        _BOLD[:] = [font]
    return _BOLD[0]


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
        self._anchors = {(i.row, i.col): i.cell_id for i in table.grid if i.role is ItemRole.VALUE and i.cell_id}
        self._fixed = {(i.row, i.col): self._fixed_roles(i) for i in table.grid if i.role is not ItemRole.VALUE}
        self._findings_at: dict[str, list[Finding]] = {}
        self._marks: dict[str, tuple[Status, tuple[str, ...]]] = {}
        self._on_findings_changed(FindingsDelta(added=tuple(document.findings)))
        document.cells_changed.connect(self._on_cells_changed)
        document.findings_changed.connect(self._on_findings_changed)
        document.totals_mode_changed.connect(self._on_totals_mode_changed)
        document.previous_changed.connect(self._on_previous_changed)
        document.notes_changed.connect(lambda _ids: self._emit_cells(set(self._cells), [_ROLE.ToolTipRole]))
        document.final_changed.connect(lambda: self._emit_cells(set(self._cells), MODE_ROLES))
        document.show_previous_changed.connect(lambda _on: self._on_previous_changed())
        document.compared_changed.connect(self._on_previous_changed)

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
                and item.cell_id is not None and not self.document.is_computed(item.cell_id)
                and self.document.report.final is None)  # a final report (定稿) is read-only

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.table.rows

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.table.cols

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if self.is_editable(index.row(), index.column()):
            return _EDITABLE
        return _SELECTABLE

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every painted cell: a dictionary look-up or two, no more.
        key = (index.row(), index.column())
        cell_id = self._anchors.get(key)
        if cell_id is None:
            fixed = self._fixed.get(key)
            return fixed.get(role) if fixed is not None else None
        role = int(role)
        if role == _DISPLAY or role == _EDIT:
            return display(self.document.report.cells[cell_id])
        if role == _ALIGN:
            return _RIGHT
        if role == _BACKGROUND:
            mark = self._marks.get(cell_id)
            if mark is not None:
                return MARK_BRUSH[mark[0]]
            return COMPUTED_BRUSH if self.document.is_computed(cell_id) else None
        if role == _FOREGROUND:
            return COMPUTED_PEN if self.document.is_computed(cell_id) else None
        if role == _CELL_ID:
            return cell_id
        if role == _MARK:
            mark = self._marks.get(cell_id)
            return mark[0].value if mark else None
        if role == _TOOLTIP:
            return self._tooltip(cell_id)
        if role == _ITEM:
            return self._cover[key]
        if role == _PREVIOUS:
            compared = self.document.compared.get(cell_id)
            if compared is not None:
                return compared
            return self.previous_text(cell_id) if self.document.show_previous else None
        if role == _ACCESSIBLE_TEXT:
            return accessible_text(self.table, self._cells[cell_id], display(self.document.report.cells[cell_id]))
        if role == _ACCESSIBLE_DESCRIPTION:
            return self._tooltip(cell_id)
        return None

    def table_cell(self, cell_id: str) -> Cell:
        """The format's cell of an id in this table."""
        return self._cells[cell_id]

    def previous_text(self, cell_id: str) -> str | None:
        """Last year's figure of a cell as shown ('上年 21'), '上年无此项' where last year's
        layout has no such cell, None when no last year is attached."""
        previous = self.document.report.previous
        if previous is None:
            return None
        same = corresponding(cell_id, previous.report.cells)
        if same is None:
            return "上年无此项"
        return f"上年 {display(previous.report.cells[same]) or '空白'}"

    def _previous_tip(self, cell_id: str) -> str | None:
        previous = self.document.report.previous
        if previous is None:
            return None
        last = previous.report
        year = f"{last.meta.year} 年" if last.meta.year else "上年"
        same = corresponding(cell_id, last.cells)
        if same is None:
            row = merged_row(cell_id, last.cells)
            if row is not None:
                return (f"{year}的报告（{last.layout.name}）的“其他处理”只有一行，没有对应的单元格；"
                        f"那一行的这一列为 {display(last.cells[row]) or '空白'}。")
            return f"{year}的报告（{last.layout.name}）没有对应的单元格。"
        before, now = last.cells[same], self.document.report.cells[cell_id]
        try:
            gap = number(now) - number(before)  # type: ignore[arg-type]  # a cell holds int | Decimal | str
        except TypeError:
            return f"{year}：{display(before)}"
        change = "没有变化" if not gap else f"{'增加' if gap > 0 else '减少'} {abs(gap)}"
        if gap and number(before):  # type: ignore[arg-type]  # before is a figure here: the gap was computed
            change += f"（{float(gap) / float(number(before)) * 100:+.1f}%）"  # type: ignore[arg-type]  # as above
        return f"{year}：{display(before) or '空白'}；本年{change}"

    def _tooltip(self, cell_id: str) -> str:
        lines = [self._cells[cell_id].label]
        if self.document.is_computed(cell_id):
            lines.append(f"自动计算的合计，不能直接修改（可在“报告”菜单中选择“{TOTALS_NAMES[TOTALS_PUBLISHED]}”）。")
        if cell_id in self.document.report.carried:
            lines.append("取自上年报告的“结转下年度继续办理”，仍可修改。")
        if cell_id in self.document.compared:
            lines.append(f"与另一份草稿不同：{self.document.compared[cell_id]}")
        tip = self._previous_tip(cell_id)
        if tip:
            lines.append(tip)
        mark = self._marks.get(cell_id)
        if mark:
            lines.extend(mark[1])
        lines.extend(note_tips(self.document.report, cell_id))
        note = change_note(self.document, cell_id)  # who changed it last, from the history
        if note:
            lines.append(note)
        return "\n".join(lines)

    def _fixed_roles(self, item: GridItem) -> dict[int, Any]:
        """The data of a heading or label, which never changes: built once per table."""
        heading = item.role in (ItemRole.HEADER, ItemRole.BLOCK)
        roles: dict[int, Any] = {_DISPLAY: item.text, _TOOLTIP: item.text, _ITEM: item, _ACCESSIBLE_TEXT: item.text,
                                 _ALIGN: _CENTER if item.role is not ItemRole.LABEL else _LEFT}
        if heading:
            roles[_BACKGROUND] = HEADER_BRUSH
            roles[_FONT] = _bold_font()
        return roles

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

    def _on_previous_changed(self) -> None:
        self._emit_cells(set(self._cells), PREVIOUS_ROLES)

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
