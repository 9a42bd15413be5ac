"""The header rows and the label columns of a long official table, kept in view while its
body scrolls (down, and sideways when the screen is narrow or the text large).

Three borderless views over the same model sit in the table's viewport margins: the header
rows (following the sideways scroll), the label columns (following the vertical scroll) and
the corner where they meet. The table itself hides those rows and columns, so the cursor
is never behind a frozen part. Widths, heights and scrolling follow the table.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView

FROZEN_MINIMUM_BODY_ROWS = 4  # a table whose body is this short never scrolls: nothing frozen


class FrozenPane(QTableView):
    """The rows ``rows`` × columns ``cols`` of ``table``'s model, drawn apart from it."""

    def __init__(self, table: QTableView, rows: range, cols: range, name: str) -> None:
        super().__init__(table)
        self.rows, self.cols = rows, cols
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
        self.setHorizontalScrollMode(table.horizontalScrollMode())
        self.setVerticalScrollMode(table.verticalScrollMode())
        self.setAccessibleName(name)
        model = table.model()
        for row in range(model.rowCount()):
            self.setRowHidden(row, row not in rows)
        for col in range(model.columnCount()):
            self.setColumnHidden(col, col not in cols)

    def copy_span(self, row: int, col: int, rows: int, cols: int) -> None:
        """Merge cells as the table does, where the merged cell starts in this pane."""
        if row in self.rows and col in self.cols:
            self.setSpan(row, col, rows, cols)

    def take_sizes(self, widths: list[int], heights: list[int]) -> None:
        """The table's column widths and row heights (only this pane's own ones show)."""
        for col in self.cols:
            if self.columnWidth(col) != widths[col]:
                self.setColumnWidth(col, widths[col])
        for row in self.rows:
            if self.rowHeight(row) != heights[row]:
                self.setRowHeight(row, heights[row])

    def extent(self, widths: list[int], heights: list[int]) -> tuple[int, int]:
        """Width of its columns, height of its rows."""
        return sum(widths[c] for c in self.cols), sum(heights[r] for r in self.rows)


class FrozenParts:
    """The header, label and corner panes of one table, laid out around its viewport."""

    def __init__(self, table: QTableView, header_rows: int, label_cols: int) -> None:
        model = table.model()
        rows, cols = model.rowCount(), model.columnCount()
        self.table = table
        self.header_rows, self.label_cols = header_rows, label_cols
        self.header = FrozenPane(table, range(header_rows), range(label_cols, cols), "表头")
        self.labels = FrozenPane(table, range(header_rows, rows), range(label_cols), "行标题")
        self.corner = FrozenPane(table, range(header_rows), range(label_cols), "表头")
        self.panes = (self.header, self.labels, self.corner)
        for row in range(rows):
            table.setRowHidden(row, row < header_rows)
        for col in range(cols):
            table.setColumnHidden(col, col < label_cols)
        table.horizontalScrollBar().valueChanged.connect(self.header.horizontalScrollBar().setValue)
        table.verticalScrollBar().valueChanged.connect(self.labels.verticalScrollBar().setValue)
        self.widths = [0] * cols
        self.heights = [0] * rows

    def copy_span(self, row: int, col: int, rows: int, cols: int) -> None:
        """A merged cell of the table, in whichever pane it starts."""
        for pane in self.panes:
            pane.copy_span(row, col, rows, cols)

    def margins(self) -> tuple[int, int]:
        """(left, top): the label columns' width and the header rows' height."""
        left = sum(self.widths[c] for c in range(self.label_cols))
        top = sum(self.heights[r] for r in range(self.header_rows))
        return left + 1, top + 1

    def take_sizes(self, widths: list[int], heights: list[int]) -> None:
        """The table's sizes, given to every pane."""
        self.widths, self.heights = list(widths), list(heights)
        for pane in self.panes:
            pane.take_sizes(self.widths, self.heights)

    def follow(self) -> None:
        """Sit in the table's margins, scrolled as the table is."""
        viewport = self.table.viewport().geometry()
        left, top = self.margins()
        self.header.setGeometry(QRect(viewport.left(), viewport.top() - top, viewport.width(), top))
        self.labels.setGeometry(QRect(viewport.left() - left, viewport.top(), left, viewport.height()))
        self.corner.setGeometry(QRect(viewport.left() - left, viewport.top() - top, left, top))
        self.header.horizontalScrollBar().setValue(self.table.horizontalScrollBar().value())
        self.labels.verticalScrollBar().setValue(self.table.verticalScrollBar().value())
