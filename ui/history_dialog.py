"""文件 → 修订记录: every saved revision of the draft; any can be opened as a read-only copy or restored.

Restoring puts that revision's content into the window as one undo step; saving then records it as
a new revision (the history only ever grows).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.canonical import previous_to_canonical
from app.editing import Explain, MetaPlace, SectionPlace, SetCells, SetParts, SetPrevious, SetText, SetTotalsMode
from app.errors import NianbaoError
from app.history import Revision
from app.report import TOTALS_COMPUTED, Report
from app.values import to_json
from ui import dialogs
from ui.document import Document

COLUMNS = ("保存时间", "保存人", "计算机", "修改内容", "修订编号")
META_FIELDS = ("organ", "kind", "year", "published", "contact")


class HistoryDialog(QDialog):
    """The list of revisions, newest first, with 以只读方式打开 and 恢复此版本."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        name = document.path.name if document.path else "未命名草稿"
        self.setWindowTitle(f"修订记录 — {name}")
        self.resize(900, 480)
        self.revisions: list[Revision] = list(reversed(document.history.revisions()))
        self.opened: list[QWidget] = []  # read-only copies opened from here, kept alive
        layout = QVBoxLayout(self)
        if not self.revisions:
            intro = "这份草稿还没有修订记录：下次保存时开始记录。"
        else:
            intro = f"共 {len(self.revisions)} 次保存，最新的在最上面。选中一次保存，可以以只读方式打开它，或把草稿恢复到当时的内容。"
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(len(self.revisions), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        head = document.history.head
        for row, revision in enumerate(self.revisions):
            current = "（当前）" if revision.id == head else ""
            merged = "（合并）" if len(revision.parents) > 1 else ""
            values = (revision.local_time("%Y-%m-%d %H:%M:%S"), revision.author, revision.machine,
                      revision.summary + merged, revision.short_id + current)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, revision.id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("以只读方式打开")
        self.restore_button = QPushButton("恢复此版本")
        self.open_button.clicked.connect(self.open_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._sync)
        if self.revisions:
            self.table.selectRow(0)
        self._sync()

    def _sync(self) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.restore_button.setEnabled(chosen)

    def selected(self) -> Revision | None:
        """The revision of the selected row."""
        rows = self.table.selectionModel().selectedRows()
        return self.revisions[rows[0].row()] if rows else None

    def _report_of(self, revision: Revision) -> Report | None:
        try:
            return self.document.history.report(revision.id)
        except NianbaoError as error:
            dialogs.error(self, str(error), "无法读取这次保存的内容")
            return None

    def open_selected(self) -> QWidget | None:
        """Open the selected revision in a window of its own, read-only (另存为 keeps it as a new file)."""
        revision = self.selected()
        report = self._report_of(revision) if revision else None
        if revision is None or report is None or self.parentWidget() is None:
            return None
        window_class = type(self.parentWidget())  # a main window like the one asking (no import cycle)
        copy = Document(report, None, history=self.document.history.copy(), read_only=True)
        copy.history.head = revision.id
        window = window_class(copy)
        window.setWindowTitle(f"修订 {revision.short_id}（{revision.author}，{revision.local_time()}）"
                              f"（只读） — {report.title or '年报草稿'}")
        window.show()
        self.opened.append(window)
        return window

    def restore_selected(self) -> bool:
        """Put the selected revision's content into the draft as one undo step."""
        revision = self.selected()
        report = self._report_of(revision) if revision else None
        if revision is None or report is None:
            return False
        if not restore(self.document, report, f"恢复到 {revision.local_time()} 的版本"):
            dialogs.error(self, "这次保存的报告格式与现在的不同，不能直接恢复。可以以只读方式打开后另存为新文件。", "无法恢复")
            return False
        self.accept()
        return True


def restore(document: Document, target: Report, label: str) -> bool:
    """Make the document's report read as ``target``, as one undo step; False if their formats differ."""
    report = document.report
    if report.layout_id != target.layout_id:
        return False
    stack = document.undo_stack
    stack.beginMacro(label)
    try:
        if report.totals != target.totals:
            document.push(SetTotalsMode(target.totals))
        skip = report.computed_cells() if target.totals == TOTALS_COMPUTED else frozenset()
        values = {c: target.cells[c] for c in report.cells
                  if c not in skip and to_json(report.cells[c]) != to_json(target.cells.get(c))}
        if values:
            document.push(SetCells.of(values))
        for field in META_FIELDS:
            old, new = getattr(report.meta, field), getattr(target.meta, field)
            if old != new:
                document.push(SetText(MetaPlace(field), "" if new is None else str(new)))
        for sid, narrative in target.sections.items():
            if [(p.title, p.text) for p in report.sections[sid].parts] != [(p.title, p.text) for p in narrative.parts]:
                document.push(SetParts.of(sid, narrative.parts))
            if report.sections[sid].text != narrative.text:
                document.push(SetText(SectionPlace(sid), narrative.text))
        for key in report.acknowledgements.keys() | target.acknowledgements.keys():
            text, figures = target.acknowledgements.get(key, ""), target.acknowledged_figures.get(key, "")
            if (report.acknowledgements.get(key, ""), report.acknowledged_figures.get(key, "")) != (text, figures):
                document.push(Explain(key, text, figures))
        mine = previous_to_canonical(report.previous) if report.previous else None
        theirs = previous_to_canonical(target.previous) if target.previous else None
        if mine != theirs:
            document.push(SetPrevious(target.previous))
    finally:
        stack.endMacro()
    return True


def show_history(window: QWidget, document: Document) -> HistoryDialog:
    """Open 修订记录 for the window's draft (modeless: a read-only copy may be opened beside it)."""
    dialog = HistoryDialog(document, window)
    dialog.setModal(True)
    dialog.show()
    return dialog
