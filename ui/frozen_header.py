"""The header rows of a long official table, kept in view while its body scrolls.

The header rows are drawn by a second, borderless view over the same model, placed in a
top margin of the table's viewport; the table itself hides those rows. Widths, heights and
the sideways scroll follow the table, so the two always line up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView

FROZEN_MINIMUM_BODY_ROWS = 4  # a table whose body is this short never scrolls: no frozen header


class FrozenHeader(QTableView):
    """A view of just the header rows of ``table``, laid over its top margin."""

    def __init__(self, table: QTableView, header_rows: int) -> None:
        super().__init__(table)
        self.table = table
        self.header_rows = header_rows
        self.setModel(table.model())
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("表头")
        model = table.model()
        for row in range(model.rowCount()):
            self.setRowHidden(row, row >= header_rows)
            table.setRowHidden(row, row < header_rows)
        table.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)

    def copy_span(self, row: int, col: int, rows: int, cols: int) -> None:
        """Merge cells as the table does (only header spans matter here)."""
        if row < self.header_rows:
            self.setSpan(row, col, rows, cols)

    def height_needed(self) -> int:
        """The height of the header rows (the table's top margin)."""
        return sum(self.rowHeight(r) for r in range(self.header_rows)) + 1

    def set_heights(self, heights: list[int]) -> None:
        """The header rows' heights, as the table measured them for their labels."""
        for row in range(self.header_rows):
            if self.rowHeight(row) != heights[row]:
                self.setRowHeight(row, heights[row])

    def follow(self) -> None:
        """Take the table's column widths and sit over its top margin."""
        model = self.table.model()
        for col in range(model.columnCount()):
            if self.columnWidth(col) != self.table.columnWidth(col):
                self.setColumnWidth(col, self.table.columnWidth(col))
        viewport = self.table.viewport().geometry()
        self.setGeometry(viewport.left(), viewport.top() - self.height_needed(), viewport.width(), self.height_needed())
        self.horizontalScrollBar().setValue(self.table.horizontalScrollBar().value())
