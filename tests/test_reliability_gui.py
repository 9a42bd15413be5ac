"""The window under hostile input: a slow import never freezes it, 取消 works, typed text that could
not be saved or printed is refused where it enters, read-only and linked drafts are saved as asked."""

from __future__ import annotations

from collections.abc import Iterator

import os
import stat
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.store import load, save
from tests.gui_helpers import answer_next_dialog, type_text, window_on
from tests.helpers import zero_report
from tests.hostile_files import pdf_slow
from ui.main_window import MainWindow
from ui.progress import current_dialog


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "userdata"))
    path = tmp_path / "测试.nianbao"
    save(zero_report(), path)
    return path


@pytest.fixture
def window(qtbot: QtBot, draft: Path) -> Iterator[MainWindow]:
    with window_on(qtbot, draft) as win:
        yield win


def test_slow_import_keeps_the_event_loop_turning_and_cancels(qtbot: QtBot, window: MainWindow,
                                                              tmp_path: Path) -> None:
    source = pdf_slow(tmp_path / "slow.pdf", 1_000_000)
    ticks: list[float] = []
    seen: list[str] = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ticker.start(10)

    def cancel_when_shown() -> None:
        dialog = current_dialog()
        if dialog is None or not dialog.isVisible() or time.perf_counter() - started < 1.5:
            QTimer.singleShot(20, cancel_when_shown)
            return
        seen.append(dialog.labelText())
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消").click()

    started = time.perf_counter()
    QTimer.singleShot(20, cancel_when_shown)
    assert window.import_path(source) is None
    ticker.stop()
    assert len(seen) == 1 and seen[0].startswith("正在读取“slow.pdf”……\n")  # then what the worker is doing
    assert "已取消导入“slow.pdf”" in window.last_message
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 50 and max(gaps) < 0.1, max(gaps)
    assert time.perf_counter() - started < 5


def test_invisible_and_unsaveable_characters_are_refused_where_typed(qtbot: QtBot, window: MainWindow,
                                                                     draft: Path) -> None:
    page = window.show_page("s5")
    editor = page.opening  # type: ignore[attr-defined]
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_text(editor, "葛\U000E0100先生\u202e说")
    editor.insertPlainText("\ud800，2**3=8")
    text = window.document.report.sections["s5"].text
    assert text.endswith("葛先生说，2**3=8") and editor.toPlainText() == text
    assert "U+" in window.last_message and "已删除" in window.last_message
    assert window.save()
    assert load(draft).sections["s5"].text == text


def test_read_only_draft_is_saved_only_when_the_user_agrees(qtbot: QtBot, window: MainWindow,
                                                            draft: Path) -> None:
    window.document.report.sections["s5"].text = "改过的内容。"
    os.chmod(draft, 0o444)
    seen: list[str] = []
    answer_next_dialog("取消", seen)
    assert not window.save()
    assert "只读文件" in seen[0]
    assert load(draft).sections["s5"].text != "改过的内容。"
    answer_next_dialog("仍然保存")
    assert window.save()
    assert load(draft).sections["s5"].text == "改过的内容。"
    assert not draft.stat().st_mode & stat.S_IWUSR  # still read-only, as it was


def test_draft_opened_through_a_link_is_saved_to_its_target(qtbot: QtBot, draft: Path, tmp_path: Path) -> None:
    link = tmp_path / "捷径.nianbao"
    link.symlink_to(draft)
    win = MainWindow()
    assert win.open_path(link, ask=False)
    win.document.report.sections["s5"].text = "经由链接保存。"
    assert win.save()
    assert link.is_symlink() and load(draft).sections["s5"].text == "经由链接保存。"
    win.document.undo_stack.setClean()
    win.close()


def test_export_runs_behind_a_progress_dialog_and_cancels(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.document.report.sections["s1"].text = "政府信息公开工作年度报告。" * 20000  # a long layout
    # laid out in the worker process (app.worker): this process's interpreter lock stays free, so
    # neither the layout nor a garbage collection it triggers can stall the window's event loop
    ticks: list[float] = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ticker.start(10)
    clicked: list[str] = []

    def cancel_when_shown() -> None:
        dialog = current_dialog()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, cancel_when_shown)
            return
        clicked.append(dialog.labelText())
        # 取消 a moment after the dialog shows (its first paint loads a CJK font, a stall of its own
        # on a loaded machine), so the ticks below measure the loop while the layout runs
        cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消")
        QTimer.singleShot(150, cancel.click)

    QTimer.singleShot(20, cancel_when_shown)
    started = time.perf_counter()
    try:
        assert window.export_to(tmp_path / "x.pdf") is None
    finally:
        ticker.stop()
    assert len(clicked) == 1 and clicked[0].startswith("正在生成 PDF……") and "已取消导出" in window.last_message
    assert not (tmp_path / "x.pdf").exists()
    assert time.perf_counter() - started < 2
    assert len(ticks) >= 5  # the event loop turned while the layout ran (the dialog shows after 200 ms)
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert max(gaps) < 0.1, max(gaps)  # and never stalled: the layout holds another process's lock
