"""文件 → 与另一份草稿比较…: a colleague's copy of this draft beside the forms.

A panel at the window's right lists every difference (``app.diff``); choosing one brings its
cell, field or paragraph to the front and shows both copies' values beside it, a text sentence
by sentence. Changed cells also show the other copy's value in the table itself (small and grey,
where last year's figures go). The list follows the clerk's edits while the panel is open.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Qt
from PySide6.QtGui import QCloseEvent, QTextCursor
from PySide6.QtWidgets import (QApplication, QDockWidget, QFileDialog, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget)

from app.diff import ADDED, CHANGED, KIND_NAMES, REMOVED, SAME, TEXT, Difference, diff
from app.editing import MetaPlace, PartPlace, SectionPlace, TextPlace
from app.errors import NianbaoError
from app.exporters.markup import runs
from app.report import Report
from ui import dialogs
from app.rules.status import META_PLACE as META_PAGE  # the 报告信息 page's key (ui.file_workflow is not imported: no circle)
from ui.section_pages import MetaPage, NarrativePage, TablePage

# The window these commands act on (named loosely: ui.main_window imports this module).
MainWindow = Any

COPY_FILTER = "年报草稿或报告 (*.nianbao *.txt *.html *.htm *.docx *.pdf *.xlsx *.json)"
OTHER_MARK = "对方"  # how the other copy's value is marked beside a cell
_OLD, _NEW = "#fde2e1", "#dcf5dc"  # removed / added words, as a reader of tracked changes expects
REFRESH_MS = 400


def ask_copy_file(parent: QWidget, title: str) -> Path | None:
    """Which file holds the colleague's copy (a draft, or any report the importers read)."""
    name, _ = QFileDialog.getOpenFileName(parent, title, "", f"{COPY_FILTER};;所有文件 (*)")
    return Path(name) if name else None


def read_copy(parent: QWidget, path: Path, title: str) -> Report | None:
    """The report of another copy; a sentence (and None) when it cannot be read or the clerk cancels.

    A draft of ours is a quick, bounded read; any other file is read as 导入 reads it, in the worker
    process with its time and memory budget, behind a progress dialog with a working 取消.
    """
    from app.store import SUFFIX, load
    from ui.progress import import_behind_progress

    if path.suffix.lower() != SUFFIX:
        result = import_behind_progress(parent, path, title.removeprefix("无法"), title)
        return None if result is None else result.report
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return load(path)
    except NianbaoError as error:
        failure = str(error)
    finally:
        QApplication.restoreOverrideCursor()
    dialogs.error(parent, failure, title)
    return None


def side_by_side(left_title: str, right_title: str, rows: list[tuple[str, str, str]]) -> str:
    """Two columns of HTML: each row (left, right, op) coloured as removed / added / changed."""
    cells = []
    for left, right, op in rows:
        lb = _OLD if op in (REMOVED, CHANGED) else "#ffffff"
        rb = _NEW if op in (ADDED, CHANGED) else "#ffffff"
        colour = "#7a808a" if op == SAME else "#1b1b1b"
        cells.append(f"<tr><td width='50%' bgcolor='{lb}' style='color:{colour}'>{_html(left)}</td>"
                     f"<td width='50%' bgcolor='{rb}' style='color:{colour}'>{_html(right)}</td></tr>")
    return ("<table width='100%' cellspacing='2' cellpadding='4'>"
            f"<tr><th align='left'>{html.escape(left_title)}</th><th align='left'>{html.escape(right_title)}</th></tr>"
            + "".join(cells) + "</table>")


def _html(text: str) -> str:
    """A text as HTML, line by line, with the bold an import kept (app.exporters.markup) in bold."""
    if not text:
        return "<i style='color:#7a808a'>（空）</i>"
    return "<br>".join("".join(f"<b>{html.escape(r.text)}</b>" if r.bold else html.escape(r.text) for r in runs(line))
                       for line in text.split("\n"))


def difference_rows(difference: Difference) -> list[tuple[str, str, str]]:
    """The rows showing one difference: a text's sentences, or the two values."""
    if difference.kind == TEXT:
        return [(s.a, s.b, s.op) for s in difference.sentences]
    return [(difference.a, difference.b, CHANGED)]


def focus_place(window: MainWindow, section: str | None, place: TextPlace | None,
                select: str | None = None) -> QWidget | None:
    """Bring a text's page to the front with the cursor in it (on ``select`` when the text has
    those words: the sentence that differs); returns the editor."""
    if place is None:
        page = window.show_page(section or META_PAGE)
        return page
    if isinstance(place, MetaPlace):
        meta = window.show_page(META_PAGE)
        editor: QWidget | None = meta.fields[place.field] if isinstance(meta, MetaPage) else None
    else:
        page = window.show_page(place.section)
        editor = None
        if isinstance(page, NarrativePage):
            if isinstance(place, SectionPlace):
                editor = page.opening
            elif isinstance(place, PartPlace) and place.index < len(page.part_editors):
                editor = page.part_editors[place.index][0 if place.field == "title" else 1]
            if editor is not None:
                page.ensureWidgetVisible(editor)
        elif isinstance(page, TablePage):
            page.note_toggle.setChecked(True)
            editor = page.note
    if editor is not None:
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(editor, QPlainTextEdit):
            editor.moveCursor(QTextCursor.MoveOperation.Start)
            start = editor.toPlainText().find(select) if select else -1
            if select and start >= 0:
                cursor = editor.textCursor()
                cursor.setPosition(start)
                cursor.setPosition(start + len(select), QTextCursor.MoveMode.KeepAnchor)
                editor.setTextCursor(cursor)
                editor.ensureCursorVisible()
    return editor


class CompareDock(QDockWidget):
    """The differences between the open draft and another copy, beside the forms."""

    def __init__(self, window: MainWindow, other: Report, other_name: str) -> None:
        super().__init__("与另一份草稿比较", window)
        self.setObjectName("compare")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window_, self.document, self.other, self.other_name = window, window.document, other, other_name
        self.differences: list[Difference] = []
        body = QWidget()
        box = QVBoxLayout(body)
        self.header = QLabel()
        self.header.setWordWrap(True)
        box.addWidget(self.header)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self.show_difference)
        self.list.itemActivated.connect(lambda _item: self.jump(self.list.currentRow()))
        splitter.addWidget(self.list)
        self.detail = QTextBrowser()
        splitter.addWidget(self.detail)
        splitter.setSizes([300, 320])
        box.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        self.go_button = QPushButton("转到")
        self.go_button.setToolTip("转到选中的不同之处")
        self.go_button.clicked.connect(lambda: self.jump(self.list.currentRow()))
        close = QPushButton("结束比较")
        close.clicked.connect(self.close)
        buttons.addWidget(self.go_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        box.addLayout(buttons)
        self.setWidget(body)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        # bound methods, not lambdas: Qt drops the connections when the panel goes
        self.document.undo_stack.indexChanged.connect(self._edited)
        self.document.destroyed.connect(self.close)  # another draft opened in the window
        self.refresh()

    def _edited(self, _index: int) -> None:
        self.timer.start()

    def refresh(self) -> None:
        """Compare again (after an edit), keeping the selected difference when it is still there."""
        current = self.list.currentRow()
        key = self.differences[current].key if 0 <= current < len(self.differences) else None
        self.differences = diff(self.document.report, self.other)
        self.header.setText(f"本草稿与“{self.other_name}”：{len(self.differences)} 处不同"
                            if self.differences else f"本草稿与“{self.other_name}”内容相同。")
        self.list.blockSignals(True)
        self.list.clear()
        for d in self.differences:
            item = QListWidgetItem(f"［{KIND_NAMES[d.kind]}］{d.where}")
            item.setToolTip(d.line)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.document.compared = {d.cell: f"{OTHER_MARK} {d.b or '空白'}" for d in self.differences if d.cell}
        self.document.compared_changed.emit()
        keys = [d.key for d in self.differences]
        row = keys.index(key) if key in keys else (0 if keys else -1)
        self.list.setCurrentRow(row)
        if row < 0:
            self.detail.setHtml("")

    def show_difference(self, row: int) -> None:
        """Both copies' values of one difference, side by side."""
        if not 0 <= row < len(self.differences):
            return
        d = self.differences[row]
        self.detail.setHtml(f"<p><b>{html.escape(d.where)}</b></p>"
                            + side_by_side("本草稿", f"另一份（{self.other_name}）", difference_rows(d)))

    def jump(self, row: int) -> None:
        """Bring a difference's cell, field or paragraph to the front."""
        if not 0 <= row < len(self.differences):
            return
        d = self.differences[row]
        if d.cell is not None:
            self.window_.show_cell(d.cell)
        else:
            differing = next((s.a for s in d.sentences if s.op in (CHANGED, REMOVED) and s.a), None)
            focus_place(self.window_, d.section, d.place, differing)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        try:
            self.document.undo_stack.indexChanged.disconnect(self._edited)
            self.document.compared = {}
            self.document.compared_changed.emit()
        except RuntimeError:  # the document went first
            pass
        super().closeEvent(event)


def compare_with(window: MainWindow, path: Path) -> CompareDock | None:
    """Open the comparison with the copy in a file (one comparison at a time)."""
    other = read_copy(window, path, "无法读取另一份草稿")
    if other is None:
        return None
    old = window.findChild(CompareDock)
    if old is not None:
        old.close()
    dock = CompareDock(window, other, path.name)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resizeDocks([dock], [440], Qt.Orientation.Horizontal)
    dock.show()
    window.show_message(f"与“{path.name}”比较：{len(dock.differences)} 处不同")
    return dock


def compare_dialog(window: MainWindow) -> None:
    """文件 → 与另一份草稿比较…"""
    path = ask_copy_file(window, "与另一份草稿比较")
    if path is not None:
        compare_with(window, path)


__all__ = ["CompareDock", "ask_copy_file", "compare_dialog", "compare_with", "read_copy"]
