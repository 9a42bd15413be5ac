"""Last year's report in the window: attach, replace, detach (undoable), start a draft from it,
show its figures in the tables, and compare the two years on a page with a bar chart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.compare import Comparison, compare, percent_text
from app.errors import NianbaoError
from app.format import YEAR_RANGE
from app.lastyear import mismatches, snapshot, start_from
from app.report import Report
from ui import dialogs
from ui.document import Document

# The window this is mixed into (named loosely: ui.main_window imports this module).
MainWindow = Any

LAST_FILTER = "上年报告 (*.nianbao *.txt *.html *.htm *.docx *.pdf *.xlsx *.json)"
CHART_NAMES = ("新收申请", "办结", "行政复议", "行政诉讼")
LAST_BAR, THIS_BAR = QColor("#9aa5b1"), QColor("#1f5fa8")


def ask_last_year_file(parent: QWidget | None, title: str) -> Path | None:
    """Which file holds last year's report (a draft or any published report)."""
    name, _ = QFileDialog.getOpenFileName(parent, title, "", f"{LAST_FILTER};;所有文件 (*)")
    return Path(name) if name else None


def read_last_year(parent: QWidget, path: Path, show_summary: bool = True) -> Report | None:
    """Last year's report from a file; an import's summary (with its uncertain items) is shown first.

    A published report is imported as 导入 does: in a worker process with a time and memory
    budget (app.worker), behind a progress dialog with 取消, the window turning meanwhile.
    """
    from app.store import SUFFIX, load
    from ui.import_dialog import ImportDialog
    from ui.progress import import_behind_progress

    if path.suffix.lower() == SUFFIX:  # our own draft: a quick, bounded read
        try:
            return load(path)
        except NianbaoError as error:
            dialogs.error(parent, str(error), "无法读取上年报告")
            return None
    result = import_behind_progress(parent, path, "读取上年报告", "无法读取上年报告")
    if result is None:
        return None
    if show_summary:  # what was read, and what could not be, before it is used
        dialog = ImportDialog(result, parent)
        dialog.setWindowTitle("上年报告")
        dialog.open_button.setText("用作上年报告")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
    return result.report


class NewFromLastYearDialog(QDialog):
    """The year of the new draft, and whether last year's texts are carried."""

    def __init__(self, last: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("以上年报告为基础新建")
        form = QFormLayout(self)
        form.addRow(QLabel(f"上年报告：{last.title}"))
        self.year = QSpinBox()
        self.year.setRange(*YEAR_RANGE)
        self.year.setValue((last.meta.year or YEAR_RANGE[1] - 1) + 1)
        form.addRow("本年统计年度", self.year)
        self.texts = QCheckBox("沿用上年的正文（每段标为“沿用上年”，请逐段改写）")
        form.addRow(self.texts)
        note = QLabel("机关名称、机关类型、联系方式和“总体情况”的小标题沿用上年；上年结转取自上年的“结转下年度继续办理”；"
                      "其他数字为 0。")
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox()
        buttons.addButton("新建", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class BarChart(QWidget):
    """The main counts of both years as bars, drawn with QPainter."""

    def __init__(self, comparison: Comparison, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison = comparison
        self.setMinimumSize(520, 240)

    def bars(self) -> list[tuple[str, float, float]]:
        """(name, last year, this year) per bar group."""
        return [(n, self.comparison.indicator(n).last or 0, self.comparison.indicator(n).this or 0) for n in CHART_NAMES]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        data = self.bars()
        top = max([max(a, b) for _, a, b in data] + [1]) * 1.15
        left, right, head, foot = 40, 20, 34, 30
        width, height = self.width() - left - right, self.height() - head - foot
        metrics = painter.fontMetrics()
        painter.setPen(QColor("#333"))
        painter.drawText(left, 18, "主要数字（件）")
        for colour, name, x in ((LAST_BAR, f"{self.comparison.last_year or '上'}年", self.width() - 170),
                                (THIS_BAR, f"{self.comparison.this_year or '本'}年", self.width() - 90)):
            painter.fillRect(x, 8, 12, 12, colour)
            painter.drawText(x + 16, 19, name)
        base = head + height
        painter.drawLine(left, base, left + width, base)
        group = width / len(data)
        bar = group * 0.3
        for i, (name, last, this) in enumerate(data):
            x0 = left + i * group + group * 0.2
            for j, (value, colour) in enumerate(((last, LAST_BAR), (this, THIS_BAR))):
                h = height * value / top
                rect = QRectF(x0 + j * bar, base - h, bar - 2, h)
                painter.fillRect(rect, colour)
                painter.setPen(QColor("#333"))
                label = str(int(value))
                painter.drawText(QRectF(rect.x() - 10, rect.y() - metrics.height() - 2, rect.width() + 20,
                                        metrics.height()), int(Qt.AlignmentFlag.AlignCenter), label)
            painter.drawText(QRectF(left + i * group, base + 4, group, metrics.height() + 4),
                             int(Qt.AlignmentFlag.AlignCenter), name)
        painter.end()


COMPARE_PAGE = "compare"  # the navigator's key of the 与上年对比 page (shown while last year is attached)
COMPARE_TITLE = "与上年对比"
REFRESH_MS = 300  # edits in quick succession are compared once


class ComparePage(QWidget):
    """与上年对比, a page of the window: the indicators and a bar chart, then every figure that
    changed, biggest first, and the sentences added and removed per section. It follows the draft:
    every edit (a figure, a text, last year replaced) is compared again, once the typing pauses."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        box = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        box.addWidget(self.heading)
        top = QHBoxLayout()  # the chart beside the indicators: all of them visible at 1366×768
        self.chart = BarChart(self._compare())
        self.chart.setMinimumSize(360, 220)
        top.addWidget(self.chart, 3)
        self.indicators = QTableWidget(0, 3)
        self.indicators.verticalHeader().hide()
        self.indicators.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        top.addWidget(self.indicators, 2)
        box.addLayout(top)
        self.figures = QTableWidget(0, 5)
        self.figures.setHorizontalHeaderLabels(["项目", "上年", "本年", "增减", "变化"])
        self.figures.verticalHeader().hide()
        self.figures.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.figures, 1)
        self.sections = QLabel()
        self.sections.setWordWrap(True)
        box.addWidget(self.sections)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        for signal in (document.cells_changed, document.text_changed, document.parts_changed,
                       document.previous_changed, document.totals_mode_changed):
            signal.connect(self._edited)
        self.stale = False
        self.refresh()

    def _compare(self) -> Comparison:
        previous = self.document.report.previous
        last = previous.report if previous is not None else Report.new()
        return compare(last, self.document.report)

    def _edited(self, *_args: object) -> None:
        """An edit: compare again soon if the page is in view, else when it is next shown."""
        self.stale = True
        if self.isVisible():
            self.timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        if self.stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Compare the two years again and show it."""
        self.stale = False
        if self.document.report.previous is None:
            return  # detached: the window takes the page away
        comparison = self._compare()
        self.comparison = comparison
        self.chart.comparison = comparison
        self.chart.update()
        self.heading.setText(f"<b>{comparison.last_title}</b> → <b>{comparison.this_title}</b>"
                             "　<span style='color:#666'>（随报告的修改自动更新）</span>")
        self.indicators.setRowCount(len(comparison.indicators))
        self.indicators.setHorizontalHeaderLabels(["指标", f"{comparison.last_year or '上'}年",
                                                   f"{comparison.this_year or '本'}年"])
        for row, indicator in enumerate(comparison.indicators):
            for col, text in enumerate((indicator.name, indicator.shown(indicator.last),
                                        indicator.shown(indicator.this))):
                item = QTableWidgetItem(text)
                item.setToolTip(indicator.basis or indicator.name)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.indicators.setItem(row, col, item)
        self.indicators.resizeRowsToContents()
        rows_height = sum(self.indicators.rowHeight(r) for r in range(self.indicators.rowCount()))
        self.indicators.setMinimumHeight(rows_height + self.indicators.horizontalHeader().height() + 6)
        changed = [f for f in comparison.figures if f.difference]
        self.figures.setRowCount(len(changed))
        for row, figure in enumerate(changed):
            for col, text in enumerate((figure.label, str(figure.last), str(figure.this), f"{figure.difference:+}",
                                        percent_text(figure))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.figures.setItem(row, col, item)
        texts = [f"{s.title}：新增 {len(s.added)} 句，删去 {len(s.removed)} 句，保留 {len(s.kept)} 句"
                 for s in comparison.sections if s.added or s.removed or s.kept]
        self.sections.setText("\n".join(texts) or "各部分都没有文字。")


class LastYear:  # mixed into MainWindow, whose parts it uses
    """The window's commands for last year's report."""

    def attach_previous_dialog(self: MainWindow) -> None:
        """Ask for last year's report and attach it (or replace the one attached)."""
        path = ask_last_year_file(self, "选择上年报告")
        if path is not None:
            self.attach_previous_from(path)

    def attach_previous_from(self: MainWindow, path: Path, confirm: bool = True) -> bool:
        """Attach last year's report from a file; a different organ or a year that is not this
        year − 1 is accepted only after a question (``confirm=False`` answers it yes, for tests)."""
        last = read_last_year(self, path)
        if last is None:
            return False
        doubts = mismatches(self.document.report, last)
        if doubts and confirm and not dialogs.ask_use_as_last_year(self, doubts):
            return False
        replaced = self.document.report.previous is not None
        notices: list[str] = []
        self.document.set_previous(snapshot(last, path, notices=notices))
        self.show_message(f"已{'更换' if replaced else '附加'}上年报告：{path.name}（{last.title}）"
                          + ("；" + " ".join(notices) if notices else ""))
        return True

    def detach_previous(self: MainWindow) -> None:
        """Remove last year's report (undoable)."""
        if self.document.report.previous is not None:
            self.document.set_previous(None)
            self.show_message("已移除上年报告（可撤销）")

    def new_from_last_year_dialog(self: MainWindow) -> None:
        """文件 → 以上年报告为基础新建…: pick last year's report, the year, whether texts are carried."""
        if not self.maybe_save():
            return
        path = ask_last_year_file(self, "以上年报告为基础新建")
        if path is None:
            return
        last = read_last_year(self, path)
        if last is None:
            return
        dialog = NewFromLastYearDialog(last, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.new_from_last_year(last, path, dialog.year.value(), dialog.texts.isChecked())

    def new_from_last_year(self: MainWindow, last: Report, path: Path, year: int, texts: bool) -> None:
        """This year's draft begun from last year's, in this window."""
        self.set_document(Document(start_from(last, year, texts, path)))
        self.forced_dirty = True
        self._update_title()
        self.show_message(f"已以上年报告 {path.name} 为基础新建 {year} 年度草稿，请核对后保存")

    def toggle_show_previous(self: MainWindow, on: bool) -> None:
        """报告 → 显示上年数据."""
        self.document.set_show_previous(on)

    def compare_page(self: MainWindow) -> ComparePage | None:
        """报告 → 与上年对比: the page of the window that compares the two years."""
        if self.document.report.previous is None:
            dialogs.error(self, "还没有附加上年报告。请先在“报告”菜单中选择“附加上年报告…”。", COMPARE_TITLE)
            return None
        page = self.show_page(COMPARE_PAGE)
        assert isinstance(page, ComparePage)
        return page

    def sync_compare_page(self: MainWindow) -> None:
        """Last year attached, replaced or detached: the navigator has (or no longer has) the page;
        a page of a detached last year is taken away."""
        if self.document.report.previous is None and COMPARE_PAGE in self.pages:
            page = self.pages.pop(COMPARE_PAGE)
            self.stack.removeWidget(page)
            page.deleteLater()
