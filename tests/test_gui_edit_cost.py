"""What an edit does to the rest of the window: the toolbar, the status bar and the 问题 header
keep their places (nothing is laid out again), the lists copy rows drawn once and look exactly
as Qt draws them, and the window's font draws Chinese itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QFontInfo, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QListView, QStyledItemDelegate, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from app.editing import SetCells
from app.report import Report
from ui.accessibility import apply_text_scale
from ui.application import make_application
from ui.cached_rows import CachedRowDelegate
from ui.document import Document
from ui.main_window import MainWindow
from ui.ui_font import CHINESE_UI_FAMILIES, chinese_ui_family, has_chinese, prefer_chinese_font
from tests.helpers import complete_report


class LayoutRequests(QObject):
    """Counts the LayoutRequest events of some widgets (each is a layout pass and a repaint)."""

    def __init__(self, *widgets: QWidget) -> None:
        super().__init__()
        self.seen: list[str] = []
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LayoutRequest:
            self.seen.append(type(watched).__name__)
        return False


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path))
    shown = MainWindow(Document(complete_report()))  # closed below, once its edits are marked saved
    shown.resize(1200, 760)
    shown.show()
    shown.show_page("s3")
    QApplication.processEvents()
    yield shown
    shown.document.undo_stack.setClean()
    shown.close()


def _edits(window: MainWindow) -> None:
    """Edits that add and remove findings, so counts, rows and the undo step all change."""
    for value in (5, 9, 0, 7):
        window.document.push(SetCells.of({"t3.new.natural": value}), "填写“自然人”")
        QApplication.processEvents()


def test_an_edit_lays_out_neither_the_toolbar_nor_the_status_bar_nor_the_problems_header(window: MainWindow) -> None:
    _edits(window)  # the undo button enabled, findings listed: from here on edits only change texts
    buttons = {action.text(): window.toolbar.widgetForAction(action).geometry()
               for action in window.toolbar.actions() if window.toolbar.widgetForAction(action) is not None}
    counts_box, title_box = window.counts.geometry(), window.problems.title.geometry()
    requests = LayoutRequests(window.toolbar, window.statusBar(), window.problems)
    seen = {window.counts.text()}
    for value in (0, 3, 0, 7):
        window.document.push(SetCells.of({"t3.new.natural": value}), "填写“自然人”")
        QApplication.processEvents()
        seen.add(window.counts.text())
    assert len(seen) == 2  # the counts did change…
    assert requests.seen == []  # …and nothing around them was laid out again
    assert window.counts.geometry() == counts_box and window.problems.title.geometry() == title_box
    after = {action.text(): window.toolbar.widgetForAction(action).geometry()
             for action in window.toolbar.actions() if window.toolbar.widgetForAction(action) is not None}
    assert after == buttons
    assert "撤销" in buttons and "重做" in buttons


def test_the_toolbars_undo_button_says_what_it_undoes_and_undoes_it(window: MainWindow, qtbot: QtBot) -> None:
    undo = window.undo_buttons.undo
    assert not undo.isEnabled() and not window.undo_buttons.redo.isEnabled()
    window.document.push(SetCells.of({"t3.new.natural": 5}), "填写“自然人”")
    assert undo.isEnabled() and undo.text() == "撤销"  # the label stays; the menu's action names the step
    assert window.undo_action.text() == "撤销 填写“自然人”"
    button = window.toolbar.widgetForAction(undo)
    QApplication.sendEvent(button, QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5), button.mapToGlobal(QPoint(5, 5))))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text() == "撤销 填写“自然人”（Ctrl+Z）"
    QToolTip.hideText()
    undo.trigger()
    assert window.document.report.cells["t3.new.natural"] == complete_report().cells["t3.new.natural"]
    assert window.undo_buttons.redo.isEnabled() and not undo.isEnabled()
    window.undo_buttons.redo.trigger()
    assert window.document.report.cells["t3.new.natural"] == 5


def test_the_counts_label_grows_with_large_text(window: MainWindow) -> None:
    small = window.counts.size()
    try:
        apply_text_scale(200)
        QApplication.processEvents()
        large = window.counts.size()
        assert large.height() > small.height() and large.width() > small.width()
        metrics = window.counts.fontMetrics()
        assert metrics.horizontalAdvance("错误 9999 · 提示 9999 · 已说明 9999") < large.width()
    finally:
        apply_text_scale(100)


def _picture(view: QListView) -> QImage:
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def _same(ours: QImage, qts: QImage) -> bool:
    """The same picture: every pixel within 2 of 255 in each channel (a selection's rounded
    outline, blended through the copy, may round one step differently)."""
    if ours.size() != qts.size():
        return False
    for y in range(ours.height()):
        for x in range(ours.width()):
            a, b = ours.pixel(x, y), qts.pixel(x, y)
            if a != b and any(abs((a >> shift & 255) - (b >> shift & 255)) > 2 for shift in (0, 8, 16)):
                return False
    return True


@pytest.mark.parametrize("which", ["problems", "navigator"])
def test_cached_rows_look_exactly_as_qt_draws_them(window: MainWindow, which: str) -> None:
    """Every row (alternate, selected, with icon and wrapped Chinese) is pixel for pixel what
    QStyledItemDelegate draws; after edits and after a font change as well."""
    _edits(window)
    view: QListView = window.problems.list if which == "problems" else window.navigator
    assert isinstance(view.itemDelegate(), CachedRowDelegate)
    assert view.model().rowCount() >= 2
    view.setCurrentIndex(view.model().index(1, 0))
    QApplication.processEvents()
    for _ in range(2):  # drawn, then copied
        cached = _picture(view)
        plain = QStyledItemDelegate(view)
        ours = view.itemDelegate()
        view.setItemDelegate(plain)
        view.doItemsLayout()
        expected = _picture(view)
        view.setItemDelegate(ours)
        view.doItemsLayout()
        assert _same(cached, expected)
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    view.setFont(font)
    view.doItemsLayout()
    QApplication.processEvents()
    cached = _picture(view)
    ours = view.itemDelegate()
    view.setItemDelegate(QStyledItemDelegate(view))
    view.doItemsLayout()
    assert _same(cached, _picture(view))
    view.setItemDelegate(ours)


def test_the_window_font_draws_chinese_itself(qapp: QApplication) -> None:
    app = make_application()
    assert app is qapp
    assert has_chinese(QFontInfo(app.font()).family())  # no per-character fallback on any label
    assert prefer_chinese_font(app) == QFontInfo(app.font()).family()  # already Chinese: kept
    assert chinese_ui_family(["DejaVu Sans", "WenQuanYi Micro Hei", "Noto Sans CJK SC"]) == "Noto Sans CJK SC"
    assert chinese_ui_family(["DejaVu Sans"]) is None
    assert CHINESE_UI_FAMILIES[0] == "Microsoft YaHei UI"  # Windows' own first


def test_a_report_without_findings_still_has_a_steady_header(window: MainWindow) -> None:
    window.set_document(Document(Report.new()))
    QApplication.processEvents()
    assert window.problems.title.text()
    assert window.problems.title.width() >= window.problems.title.fontMetrics().horizontalAdvance(
        window.problems.title.text())
    assert window.problems.title.alignment() & Qt.AlignmentFlag.AlignLeft
