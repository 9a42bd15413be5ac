"""The table as drawn officially (merged cells from the format), edited like a spreadsheet."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QKeySequence, QPainter, QPolygon, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLineEdit,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from app.errors import CellValueError
from app.format import ItemRole, TableShape
from app.format.layouts import table_name
from app.report import TOTALS_NAMES, TOTALS_PUBLISHED
from app.values import CellValue
from app.notes import cell_notes
from ui.note_marks import paint_note_corner
from ui import preferences
from ui.accessibility import paint_computed, paint_mark
from ui.frozen_header import FROZEN_MINIMUM_BODY_ROWS, FrozenParts
from ui.table_model import CELL_ID_ROLE, MARK_ROLE, PREVIOUS_ROLE, ReportTableModel

VALUE_COLUMN_WIDTH = 72
LABEL_MINIMUM_WIDTH = 130  # the widest label column never gets narrower: the table scrolls sideways instead
COMPUTED_REFUSAL = (f"“{{label}}”是合计，由各项自动计算，不能直接填写。如需按已发布数值录入，"
                    f"请在“报告”菜单中勾选“{TOTALS_NAMES[TOTALS_PUBLISHED]}”"
                    f"（或勾选本页右上角的“{TOTALS_NAMES[TOTALS_PUBLISHED]}”开关）。")
REFUSED_STYLE = "QLineEdit { border: 2px solid #b3261e; background: #fff4f4; }"
PREVIOUS_COLOUR = QColor("#7a808a")  # last year's figure: smaller and grey, left in the cell
CARRIED_COLOUR = QColor("#2f6fb5")  # the corner of a figure taken from last year


class PreviousDelegate(QStyledItemDelegate):
    """Paints last year's figure small and grey at the left of a cell, and a blue corner on a
    figure still as taken from last year (上年结转)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        cell_id = index.data(CELL_ID_ROLE)
        if not cell_id:
            return
        mark = index.data(MARK_ROLE)
        if mark:
            paint_mark(painter, option.rect, mark)  # type: ignore[attr-defined]  # QStyleOptionViewItem.rect: missing from PySide6's stubs
        model = index.model()
        if hasattr(model, "document") and model.document.is_computed(cell_id):
            paint_computed(painter, option.rect)  # type: ignore[attr-defined]  # as above
        report = getattr(model, "document").report if hasattr(model, "document") else None
        rect = option.rect  # type: ignore[attr-defined]  # QStyleOptionViewItem's fields are not in the stubs
        painter.save()
        if report is not None and cell_id in report.carried:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(CARRIED_COLOUR)
            painter.drawPolygon(QPolygon([rect.topLeft(), rect.topLeft() + QPoint(7, 0), rect.topLeft() + QPoint(0, 7)]))
        if report is not None and any(not n.handled for n in cell_notes(report, cell_id)):
            paint_note_corner(painter, rect)  # an open review note (批注) on the cell
        last = index.data(PREVIOUS_ROLE)
        if last:
            font = painter.font()
            font.setPointSizeF(max(font.pointSizeF() * 0.75, 6.0))
            painter.setFont(font)
            painter.setPen(PREVIOUS_COLOUR)
            painter.drawText(rect.adjusted(4, 0, -2, -1), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                             last)
        painter.restore()


_Move = QAbstractItemView.CursorAction


class ReportTableView(QTableView):
    """Keyboard entry in reading order, block copy and paste, Delete to zero."""

    message = Signal(str)  # a sentence for the status bar (paste results, refusals)

    def __init__(self, model: ReportTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.table_model = model
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTabKeyNavigation(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table = model.table
        self.frozen: FrozenParts | None = None
        self._widths = [0] * table.cols  # every column's width (the view hides the frozen ones)
        if (table.shape is TableShape.MATRIX and table.header_rows
                and table.rows - table.header_rows >= FROZEN_MINIMUM_BODY_ROWS):
            # the header rows and label columns stay while the body scrolls down or sideways
            self.frozen = FrozenParts(self, table.header_rows, self._label_columns())
        for item in table.grid:
            if item.rowspan > 1 or item.colspan > 1:
                self.setSpan(item.row, item.col, item.rowspan, item.colspan)
                if self.frozen is not None:
                    self.frozen.copy_span(item.row, item.col, item.rowspan, item.colspan)
        self.setAccessibleName(f"{table_name(table)}：{table.title}")
        self.setObjectName("table")
        self._refused: QWidget | None = None
        self.refusal = ""  # the last sentence shown beside the cell (for tests and screen readers)
        self._set_column_widths()
        self.setItemDelegate(PreviousDelegate(self))
        model.input_refused.connect(self._show_refusal)
        first = self.editable_positions()
        if first:
            self.setCurrentIndex(model.index(*first[0]))

    # ------------------------------------------------------------------ layout

    def _label_columns(self) -> int:
        table = self.table_model.table
        return min((i.col for i in table.grid if i.role is ItemRole.VALUE), default=0)

    def _set_column_widths(self) -> None:
        """Value columns share a fixed width; the widest label column takes the rest, but never
        less than a readable minimum (the table scrolls sideways instead)."""
        header = self.horizontalHeader()
        labels = self._label_columns()
        table = self.table_model.table
        if table.shape is not TableShape.MATRIX:  # 表二's blocks and 表四's one row share the width
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            return
        header.setMinimumSectionSize(8)
        for col in range(table.cols):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            if col < labels - 1:
                self._set_width(col, preferences.scaled(52 + 28 * col))
            elif col > labels - 1:
                self._set_width(col, preferences.scaled(VALUE_COLUMN_WIDTH))
        self._fit_label_column()

    def _set_width(self, col: int, width: int) -> None:
        self._widths[col] = width
        if self.columnWidth(col) != width and not self.isColumnHidden(col):
            self.setColumnWidth(col, width)

    def column_width(self, col: int) -> int:
        """A column's width, shown here or in the frozen label columns."""
        return self._widths[col] if self.table_model.table.shape is TableShape.MATRIX else self.columnWidth(col)

    def _fit_label_column(self) -> None:
        table = self.table_model.table
        if table.shape is not TableShape.MATRIX:
            return
        wide = self._label_columns() - 1
        room = self.viewport().width() + self.viewportMargins().left()
        others = sum(self._widths[c] for c in range(table.cols) if c != wide)
        width = max(preferences.scaled(LABEL_MINIMUM_WIDTH), room - others - 1)
        if self._widths[wide] != width:
            self._set_width(wide, width)
            self.fit_rows()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_label_column()
        self.fit_rows()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        frozen = getattr(self, "frozen", None)  # setModel lays out before __init__ made it
        if frozen is not None:
            frozen.follow()

    def fit_rows(self) -> None:
        """Row heights that show every label whole: single rows by their own text, merged
        labels by topping up the last row they span (Qt would put it all in the first)."""
        metrics = self.fontMetrics()
        base = metrics.height() + 8
        table = self.table_model.table
        heights = [base] * table.rows

        def needed(text: str, first_col: int, span: int) -> int:
            width = sum(self.column_width(c) for c in range(first_col, first_col + span)) - 10
            rect = metrics.boundingRect(0, 0, max(width, 20), 10000, Qt.TextFlag.TextWordWrap, text)
            return rect.height() + 8

        for item in table.grid:
            if item.text and item.rowspan == 1:
                heights[item.row] = max(heights[item.row], needed(item.text, item.col, item.colspan))
        for item in table.grid:
            if item.text and item.rowspan > 1:
                rows = range(item.row, item.row + item.rowspan)
                shortfall = needed(item.text, item.col, item.colspan) - sum(heights[r] for r in rows)
                if shortfall > 0:
                    heights[rows[-1]] += shortfall
        for row, height in enumerate(heights):
            if self.rowHeight(row) != height and not self.isRowHidden(row):
                self.setRowHeight(row, height)
        if self.frozen is not None:
            self.frozen.take_sizes(self._widths, heights)
            left, top = self.frozen.margins()
            if (self.viewportMargins().left(), self.viewportMargins().top()) != (left, top):
                self.setViewportMargins(left, top, 0, 0)
            self.frozen.follow()

    def minimum_width(self) -> int:
        """The width below which the table would need to scroll sideways."""
        labels = self._label_columns()
        values = self.table_model.table.cols - labels
        return preferences.scaled(labels * 70 + values * VALUE_COLUMN_WIDTH + 40)

    # ------------------------------------------------------------------ movement

    def editable_positions(self) -> list[tuple[int, int]]:
        """Positions a person can type into, in reading order."""
        model = self.table_model
        return [(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                if model.is_editable(r, c)]

    def _anchor(self, index: QModelIndex) -> tuple[int, int]:
        item = self.table_model.item_at(index.row(), index.column())
        return (item.row, item.col) if item else (index.row(), index.column())

    def moveCursor(self, action: _Move, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        current = self.currentIndex()
        positions = self.editable_positions()
        if not positions or not current.isValid():
            return super().moveCursor(action, modifiers)
        here = self._anchor(current)
        target = _step(positions, here, action, self.table_model)
        if target is None:
            return current
        return self.table_model.index(*target)

    def enter_move(self, backwards: bool = False) -> _Move:
        """Where Enter goes: down as in Excel and WPS, or right (to the next cell), as chosen."""
        if preferences.enter_direction() == preferences.ENTER_RIGHT:
            return _Move.MovePrevious if backwards else _Move.MoveNext
        return _Move.MoveUp if backwards else _Move.MoveDown

    def edit(self, index: QModelIndex, trigger: QAbstractItemView.EditTrigger | None = None,  # type: ignore[override]
             event: QEvent | None = None) -> bool:
        if trigger is None:
            return super().edit(index)
        cell_id = index.data(CELL_ID_ROLE)
        typing = trigger in (QAbstractItemView.EditTrigger.AnyKeyPressed, QAbstractItemView.EditTrigger.DoubleClicked,
                             QAbstractItemView.EditTrigger.EditKeyPressed)
        if typing and cell_id and self.table_model.document.is_computed(cell_id):
            if trigger != QAbstractItemView.EditTrigger.AnyKeyPressed or (
                    isinstance(event, QKeyEvent) and event.text().strip()):
                self._refuse(COMPUTED_REFUSAL.format(label=self.table_model.table_cell(cell_id).label))
            return False
        return super().edit(index, trigger, event)

    def commitData(self, editor: QWidget) -> None:
        """Take the typed value; a refused one keeps the editor open with its text, the
        message beside it."""
        sentence = self._refusal_of(editor)
        if sentence:
            self._refused = editor
            self._show_at_editor(editor, sentence)
            return
        self._refused = None
        if isinstance(editor, QLineEdit) and editor.styleSheet():
            editor.setStyleSheet("")
        super().commitData(editor)

    def _refusal_of(self, editor: QWidget) -> str:
        if not isinstance(editor, QLineEdit):
            return ""
        cell_id = self.currentIndex().data(CELL_ID_ROLE)
        if not cell_id or self.table_model.document.is_computed(cell_id):
            return ""
        try:
            self.table_model.document.editor.typed(cell_id, editor.text())
        except CellValueError as error:
            return str(error)
        return ""

    def _show_at_editor(self, editor: QWidget, sentence: str) -> None:
        self.refusal = sentence
        editor.setStyleSheet(REFUSED_STYLE)  # a red border as well as the balloon: not colour alone
        editor.setToolTip(sentence)
        editor.setAccessibleDescription(sentence)
        self.message.emit(sentence)
        QToolTip.showText(editor.mapToGlobal(QPoint(0, editor.height() + 2)), sentence, editor)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Tab and Enter commit, then move on without opening the next editor; a refused
        value stays in its cell to be corrected (Esc gives it up)."""
        if editor is self._refused and hint != QAbstractItemDelegate.EndEditHint.RevertModelCache:
            if QApplication.focusWidget() in (None, self, editor) and self.isVisible():
                editor.setFocus(Qt.FocusReason.OtherFocusReason)
                if isinstance(editor, QLineEdit):
                    editor.selectAll()
            return
        self._refused = None
        moves = {QAbstractItemDelegate.EndEditHint.EditNextItem: _Move.MoveNext,
                 QAbstractItemDelegate.EndEditHint.EditPreviousItem: _Move.MovePrevious,
                 QAbstractItemDelegate.EndEditHint.SubmitModelCache: self.enter_move()}
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if hint in moves:
            self._go(moves[hint])

    def _go(self, action: _Move) -> None:
        target = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if target.isValid():
            self.setCurrentIndex(target)

    def commit_open_editor(self) -> None:
        """Commit a value still being typed (before save, check or export); a refused value
        stays in its open cell with its message."""
        if self.state() == QAbstractItemView.State.EditingState:
            editor = self._refused or QApplication.focusWidget()
            if editor is not None and self.isAncestorOf(editor):
                self.commitData(editor)
                if editor is not self._refused:
                    super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    # ------------------------------------------------------------------ keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != QAbstractItemView.State.EditingState:
            self.clear_selection()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            self._go(self.enter_move(bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)))
        else:
            super().keyPressEvent(event)

    # ------------------------------------------------------------------ clipboard

    def selected_block(self) -> tuple[int, int, int, int] | None:
        """Top, left, bottom, right of the selection (or of the current cell)."""
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return None
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        return min(rows), min(cols), max(rows), max(cols)

    def copy_selection(self) -> None:
        """The selected block as tab-separated lines, as spreadsheets paste it."""
        block = self.selected_block()
        if block is None:
            return
        top, left, bottom, right = block
        model = self.table_model
        lines = []
        for r in range(top, bottom + 1):
            cells = []
            for c in range(left, right + 1):
                item = model.item_at(r, c)
                if item is None or (item.row, item.col) != (r, c):
                    cells.append("")
                    continue
                cells.append(str(model.data(model.index(r, c)) or "").replace("\n", " "))
            lines.append("\t".join(cells))
        QGuiApplication.clipboard().setText("\n".join(lines))
        self.message.emit(f"已复制 {bottom - top + 1} 行 × {right - left + 1} 列")

    def paste(self, text: str | None = None) -> bool:
        """Paste a tab-separated block at the current cell, all or nothing, as one undo step."""
        text = QGuiApplication.clipboard().text() if text is None else text
        rows = [line.split("\t") for line in text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")]
        if not text.strip():
            self._refuse("剪贴板里没有可以粘贴的内容。")
            return False
        start = self.currentIndex()
        if not start.isValid():
            self._refuse("请先选中要粘贴到的第一个单元格。")
            return False
        top, left = self._anchor(start)
        model = self.table_model
        values: dict[str, CellValue] = {}
        skipped = 0
        for i, cells in enumerate(rows):
            col = left
            for j, raw in enumerate(cells):
                item = model.item_at(top + i, col)
                where = f"粘贴内容第 {i + 1} 行第 {j + 1} 个值“{raw.strip()}”"
                if item is None:
                    self._refuse(f"{where}超出了表格范围，没有粘贴任何内容。")
                    return False
                col = item.col + item.colspan
                if item.role is not ItemRole.VALUE or item.cell_id is None:
                    self._refuse(f"{where}会落在表头或标签“{item.text}”上，没有粘贴任何内容。")
                    return False
                if model.document.is_computed(item.cell_id):
                    skipped += 1
                    continue
                try:
                    values[item.cell_id] = model.document.editor.value_of(item.cell_id, raw.strip().strip('"'))
                except CellValueError as error:
                    self._refuse(f"{where}有误：{error}没有粘贴任何内容。")
                    return False
        if values:
            model.document.set_cells(values, f"粘贴 {len(values)} 个单元格")
        note = f"；{skipped} 个自动计算的合计未粘贴，已按各项重新计算" if skipped else ""
        self.message.emit(f"已粘贴 {len(values)} 个单元格{note}")
        return True

    def clear_selection(self) -> None:
        """Delete sets the selected editable cells to 0, as one undo step."""
        block = self.selected_block()
        if block is None:
            return
        top, left, bottom, right = block
        model = self.table_model
        values: dict[str, CellValue] = {}
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if model.is_editable(r, c):
                    item = model.item_at(r, c)
                    assert item is not None and item.cell_id is not None
                    values[item.cell_id] = model.document.editor.value_of(item.cell_id, "0")
        if values:
            model.document.set_cells(values, f"清零 {len(values)} 个单元格")

    # ------------------------------------------------------------------ messages

    def _refuse(self, sentence: str) -> None:
        self.refusal = sentence
        self.message.emit(sentence)
        self._tooltip(self.currentIndex(), sentence)

    def _show_refusal(self, index: QModelIndex, sentence: str) -> None:
        self.message.emit(sentence)
        self._tooltip(index, sentence)

    def _tooltip(self, index: QModelIndex, sentence: str) -> None:
        rect = self.visualRect(index)
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft() + QPoint(0, 2)), sentence, self)

    def select_cell(self, cell_id: str) -> bool:
        """Make a cell current and visible; False if this table has no such cell."""
        index = self.table_model.index_of(cell_id)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


def _step(positions: list[tuple[int, int]], here: tuple[int, int], action: _Move,
          model: ReportTableModel) -> tuple[int, int] | None:
    """Where a cursor action leads among the editable positions (None: stay)."""
    if action in (_Move.MoveNext, _Move.MovePrevious):
        if here in positions:
            i = positions.index(here) + (1 if action == _Move.MoveNext else -1)
        else:
            later = [p for p in positions if p > here]
            i = positions.index(later[0]) if later and action == _Move.MoveNext else (
                positions.index(later[0]) - 1 if later else len(positions) - 1)
        return positions[i] if 0 <= i < len(positions) else None
    if action in (_Move.MoveRight, _Move.MoveLeft):
        same_row = [p for p in positions if p[0] == here[0]]
        side = [p for p in same_row if (p[1] > here[1] if action == _Move.MoveRight else p[1] < here[1])]
        if not side:
            return None
        return min(side) if action == _Move.MoveRight else max(side)
    if action in (_Move.MoveDown, _Move.MoveUp):
        step = 1 if action == _Move.MoveDown else -1
        row = here[0] + step
        while 0 <= row < model.rowCount():
            item = model.item_at(row, here[1])
            if item is not None and model.is_editable(item.row, item.col):
                return (item.row, item.col)
            row += step
        return None
    if action in (_Move.MoveHome, _Move.MovePageUp):
        return positions[0]
    if action in (_Move.MoveEnd, _Move.MovePageDown):
        return positions[-1]
    return None
