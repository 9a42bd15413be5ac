"""The progress dialog of work done in the worker process: a bar of known size that moves as the
worker reads pages or lays out blocks, what it is doing under the title, and a working 取消."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.exporters.pdf import export_pdf
from app.store import save
from tests.gui_helpers import answer_next_dialog, window_on
from tests.helpers import zero_report
from ui.main_window import MainWindow
from ui.progress import PARTS, current_dialog

LONG_TEXT = "\n".join(["本机关坚持以公开为常态、不公开为例外，全面推进政府信息公开工作。" * 6] * 60)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "userdata"))
    draft = tmp_path / "测试.nianbao"
    save(zero_report(), draft)
    with window_on(qtbot, draft) as win:
        yield win


def _watch(steps: list[tuple[int, int, str]]) -> QTimer:
    """Note the dialog's range, value and label every 10 ms while it is shown."""
    timer = QTimer()

    def look() -> None:
        dialog = current_dialog()
        if dialog is not None and dialog.isVisible():
            step = (dialog.maximum(), dialog.value(), dialog.labelText())
            if not steps or steps[-1] != step:
                steps.append(step)

    timer.timeout.connect(look)
    timer.start(10)
    return timer


def test_pdf_import_shows_a_bar_that_moves_page_by_page(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    report = zero_report()
    report.sections["s1"].text = LONG_TEXT
    exported = export_pdf(report)
    assert exported.pages >= 15
    source = tmp_path / "长报告.pdf"
    source.write_bytes(exported.data)
    steps: list[tuple[int, int, str]] = []
    watcher = _watch(steps)
    answer_next_dialog("取消")  # the import summary that follows: not opened
    window.import_path(source)
    watcher.stop()
    pages = [(value, label) for maximum, value, label in steps if maximum == PARTS and "页，共" in label]
    values = [value for value, _ in pages]
    assert len(set(values)) >= 5, steps  # the bar moved through the pages
    assert values == sorted(values) and 0 <= values[0] < PARTS // 2 and values[-1] > PARTS // 2
    assert all(label.startswith("正在读取“长报告.pdf”……\n正在读取 PDF 的第 ") for _, label in pages)
    assert f"共 {exported.pages} 页" in pages[-1][1]
    assert any(maximum == 0 for maximum, _, _ in steps)  # a stage of unknown size shows a busy bar


def test_pdf_export_runs_in_the_worker_with_a_bar_and_cancels(qtbot: QtBot, window: MainWindow,
                                                              tmp_path: Path) -> None:
    window.document.report.sections["s1"].text = LONG_TEXT * 3
    steps: list[tuple[int, int, str]] = []
    watcher = _watch(steps)

    def laid_out() -> list[int]:
        return [value for maximum, value, label in steps if maximum == PARTS and "正在排版第 " in label]

    def cancel_once_laying_out() -> None:
        dialog = current_dialog()
        if dialog is None or len(set(laid_out())) < 3:  # the bar has been seen at three places
            QTimer.singleShot(20, cancel_once_laying_out)
            return
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消").click()

    QTimer.singleShot(20, cancel_once_laying_out)
    assert window.export_to(tmp_path / "x.pdf") is None
    watcher.stop()
    assert "已取消导出PDF" in window.last_message and not (tmp_path / "x.pdf").exists()
    values = laid_out()
    assert len(set(values)) >= 3 and values == sorted(values), steps


@pytest.mark.parametrize("key", ["docx", "xlsx"])
def test_other_exports_cancel_without_writing(qtbot: QtBot, window: MainWindow, tmp_path: Path, key: str) -> None:
    target = tmp_path / f"x.{key}"

    def cancel_when_shown() -> None:
        dialog = current_dialog()
        if dialog is None:
            QTimer.singleShot(5, cancel_when_shown)
            return
        dialog.canceled.emit()  # 取消 before the worker has even started

    QTimer.singleShot(0, cancel_when_shown)
    assert window.export_actions.export_to(key, target) is None
    assert "已取消导出" in window.last_message and not target.exists()
