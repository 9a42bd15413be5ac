"""与另一份草稿比较… and 合并同事的副本… with a copy that is not a draft: read as 导入 reads it, in the
worker behind the progress dialog, the window turning meanwhile, and 取消 leaving the window as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.canonical import to_canonical
from app.exporters.pdf import export_pdf
from app.store import save
from tests.gui_helpers import assert_kept_turning, cancel_slow_read, window_on
from tests.hostile_files import pdf_slow
from tests.test_merge import base_report
from ui.compare_view import CompareDock, compare_with
from ui.merge_view import MergeDialog, merge_with


@pytest.fixture
def mine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "userdata"))
    path = tmp_path / "我的.nianbao"
    save(base_report(), path)
    return path


def test_comparing_with_a_slow_pdf_shows_progress_and_cancels(qtbot: QtBot, mine: Path, tmp_path: Path) -> None:
    source = pdf_slow(tmp_path / "slow.pdf", 1_000_000)  # a PDF library that never finishes
    with window_on(qtbot, mine) as window:
        before = to_canonical(window.document.report)
        outcome, seen, ticks = cancel_slow_read(window, source, compare_with)
        assert outcome is None
        assert seen and seen[0].startswith("读取另一份草稿|正在读取“slow.pdf”……")
        assert_kept_turning(ticks)
        assert "已取消导入“slow.pdf”" in window.last_message
        assert window.findChild(CompareDock) is None and window.document.compared == {}
        assert to_canonical(window.document.report) == before and window.document.undo_stack.count() == 0


def test_merging_a_slow_pdf_shows_progress_and_cancels(qtbot: QtBot, mine: Path, tmp_path: Path) -> None:
    source = pdf_slow(tmp_path / "slow.pdf", 1_000_000)
    with window_on(qtbot, mine) as window:
        before = to_canonical(window.document.report)
        outcome, seen, ticks = cancel_slow_read(window, source, merge_with)
        assert outcome is None
        assert seen and seen[0].startswith("读取同事的副本|正在读取“slow.pdf”……")
        assert_kept_turning(ticks)
        assert window.findChild(MergeDialog) is None
        assert to_canonical(window.document.report) == before and window.document.undo_stack.count() == 0


def test_comparing_with_a_published_pdf_reads_it_in_the_worker(qtbot: QtBot, mine: Path, tmp_path: Path) -> None:
    theirs = base_report()
    theirs.set_cell("t3.new.natural", theirs.cells.get("t3.new.natural", 0) + 7)  # type: ignore[operator]
    source = tmp_path / "同事发布的.pdf"
    source.write_bytes(export_pdf(theirs).data)
    with window_on(qtbot, mine) as window:
        dock = compare_with(window, source)
        assert isinstance(dock, CompareDock)
        assert "cell:t3.new.natural" in [d.key for d in dock.differences]
        assert window.document.compared.get("t3.new.natural", "").startswith("对方")
