"""Sharing a draft from the window: the lock question, read-only windows, save conflicts, 修订记录,
who changed a cell — driven on real widgets, on a local folder and on a mounted one."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.history import History, history_of, read_history, save_draft
from app.locking import lock_path, read_lock
from app.report import Report
from app.userdata import save_display_name
from tests.gui_helpers import answer_next_dialog, table_view, type_into, window_on
from tests.test_locking import hold_in_other_process, mounted  # noqa: F401 - the fixture is used below
from ui import dialogs
from ui.history_dialog import HistoryDialog
from ui.main_window import MainWindow
from ui.problems import FINDING_ROLE
from ui.table_model import _TOOLTIP


@pytest.fixture
def userdata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "userdata"
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(folder))
    save_display_name("张三")
    return folder


def new_draft(folder: Path, name: str = "年报.nianbao") -> Path:
    path = folder / name
    save_draft(Report.new(organ="测试局", year=2024), path, History(), "张三")
    return path


def a_cell(window: MainWindow) -> str:
    report = window.document.report
    return next(c.id for c in report.layout.cells if c.table == "t3" and c.id not in report.computed_cells())


def shown(qtbot: QtBot) -> MainWindow:
    """A new window, shown and active (typing goes to it)."""
    window = MainWindow()
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Bring a window to the front after a question closed, and let Qt deliver its focus events."""
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.wait(10)


def close(window: MainWindow) -> None:
    window.document.undo_stack.setClean()
    window.forced_dirty = False
    window.close()
    window.deleteLater()


def _second_opener(qtbot: QtBot, folder: Path) -> None:
    draft = new_draft(folder)
    holder = hold_in_other_process(draft, "王五")
    try:
        window = shown(qtbot)
        seen: list[str] = []
        answer_next_dialog("以只读方式打开", seen)
        assert window.open_path(draft, ask=False)
        assert seen and seen[0].startswith("草稿正在由 王五（") and "编辑，自 " in seen[0] and " 起。" in seen[0]
        assert window.document.read_only and "（只读）" in window.windowTitle()
        banner = window.findChild(QLabel, "read_only_text")
        assert banner is not None and banner.isVisible() and banner.text().startswith("只读：草稿正在由 王五（")
        settle(qtbot, window)
        view = table_view(window, "s3")
        type_into(qtbot, view, a_cell(window), "5")
        before = draft.read_bytes()
        said: list[str] = []
        answer_next_dialog("取消", said)
        assert not window.save()
        assert said and "只读方式打开的，不能保存到原文件" in said[0]
        assert draft.read_bytes() == before
        info = read_lock(draft)
        assert info is not None and info.name == "王五"  # the read-only window left the holder's lock alone
        close(window)
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        window = shown(qtbot)
        seen.clear()
        answer_next_dialog("删除编辑锁并编辑", seen)
        assert window.open_path(draft, ask=False)
        assert seen and "编辑锁已经失效" in seen[0] and f"进程 {holder.pid} 已结束" in seen[0]
        info = read_lock(draft)
        assert info is not None and info.name == "张三" and not window.document.read_only
        assert "（只读）" not in window.windowTitle()
        close(window)
        assert not lock_path(draft).exists()  # closing removes the lock
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(10)


def test_the_second_opener_is_told_who_has_it_opens_read_only_and_clears_a_dead_holders_lock(
        qtbot: QtBot, userdata: Path, tmp_path: Path) -> None:
    _second_opener(qtbot, tmp_path)


def test_a_fresh_lock_of_another_machine_is_respected_and_cancel_opens_nothing(
        qtbot: QtBot, userdata: Path, tmp_path: Path) -> None:
    from app.history import utc_now
    from app.locking import write_foreign_lock

    draft = new_draft(tmp_path)
    write_foreign_lock(draft, "赵六", "办公室-PC01", 1, utc_now(), utc_now())
    window = shown(qtbot)
    seen: list[str] = []
    answer_next_dialog("取消", seen)
    assert not window.open_path(draft, ask=False)
    assert seen and seen[0].startswith("草稿正在由 赵六（办公室-PC01）编辑，自 ")
    assert window.document.path is None
    close(window)


def test_a_copy_to_edit_is_saved_elsewhere_and_locked_there(qtbot: QtBot, userdata: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from app.history import utc_now
    from app.locking import write_foreign_lock

    draft = new_draft(tmp_path)
    write_foreign_lock(draft, "赵六", "办公室-PC01", 1, utc_now(), utc_now())
    copy = tmp_path / "我的副本.nianbao"
    monkeypatch.setattr(dialogs, "save_draft_as", lambda parent, suggested: copy)  # the system's file dialog
    window = shown(qtbot)
    answer_next_dialog("另存一份副本再编辑")
    assert window.open_path(draft, ask=False)
    assert window.document.path == copy and copy.exists() and not window.document.read_only
    info = read_lock(copy)
    assert info is not None and info.name == "张三"
    assert history_of(copy).revisions()[0] == history_of(draft).revisions()[0]  # the same past: mergeable later
    close(window)
    assert not lock_path(copy).exists()


def _save_conflict(qtbot: QtBot, folder: Path, choice: str) -> None:
    draft = new_draft(folder)
    with window_on(qtbot, draft) as a:
        settle(qtbot, a)
        cell = a_cell(a)
        type_into(qtbot, table_view(a, "s3"), cell, "7")
        usb = folder / "U盘上的副本.nianbao"
        shutil.copyfile(draft, usb)  # B takes the draft away on a USB stick (the lock does not travel)
        save_display_name("李四")
        with window_on(qtbot, usb) as b:
            settle(qtbot, b)
            other = next(c.id for c in b.document.report.layout.cells
                         if c.table == "t3" and c.id != cell and c.id not in b.document.report.computed_cells())
            type_into(qtbot, table_view(b, "s3"), other, "9")
            assert b.save()
        save_display_name("张三")
        shutil.copyfile(usb, draft)  # …and copies it back over the shared one
        theirs = read_history(draft)[-1]
        assert theirs.author == "李四"
        seen: list[str] = []
        if choice == "merge":
            mine = a.document.history.head
            answer_next_dialog("合并对方的修改", seen)
            assert not a.save()  # nothing saved yet: the merge view opens on their save
            assert seen[0].startswith(f"“{draft.name}”在您打开之后已由 李四（") and theirs.local_time() in seen[0]
            assert history_of(draft).head == theirs.id  # their save is untouched
            merging = a.save_conflict_merge
            assert not merging.merged.conflicts  # different cells: nothing to ask
            merging.accept()
            qtbot.wait(10)
            cells = a.document.report.cells
            assert cells[cell] == 7 and cells[other] == 9  # both sets of changes together
            assert a.save()  # no question: the merged draft includes their save
            last = read_history(draft)[-1]
            assert last.parents == (mine, theirs.id) and last.author == "张三"
            return
        answer_next_dialog("覆盖（对方的修改将丢失，需再次确认）", seen)
        answer_next_dialog("覆盖", seen)
        assert a.save()
        assert "确定要覆盖吗？李四" in seen[1]
        mine = read_history(draft)[-1]
        assert mine.author == "张三" and theirs.id not in mine.parents
        assert a.save()  # from now on the file is the one it saved: no question
        assert not a.isWindowModified()


def test_a_save_is_stopped_when_someone_saved_in_between(qtbot: QtBot, userdata: Path, tmp_path: Path) -> None:
    _save_conflict(qtbot, tmp_path, "overwrite")


def test_merging_their_save_brings_both_changes_together(qtbot: QtBot, userdata: Path, tmp_path: Path) -> None:
    _save_conflict(qtbot, tmp_path, "merge")


def test_sharing_works_on_a_mounted_folder(qtbot: QtBot, userdata: Path, mounted: Path) -> None:  # noqa: F811
    _second_opener(qtbot, mounted)
    folder = mounted / "另一个文件夹"
    folder.mkdir()
    _save_conflict(qtbot, folder, "merge")


def test_the_history_lists_saves_and_restores_one_as_an_undoable_step(qtbot: QtBot, userdata: Path,
                                                                      tmp_path: Path) -> None:
    draft = new_draft(tmp_path)
    with window_on(qtbot, draft) as window:
        settle(qtbot, window)
        cell = a_cell(window)
        view = table_view(window, "s3")
        for value in ("3", "4"):
            type_into(qtbot, view, cell, value)
            assert window.save()
        assert [r.summary for r in read_history(draft)] == ["新建草稿", "表三 1 个单元格", "表三 1 个单元格"]
        dialog = HistoryDialog(window.document, window)
        assert dialog.table.rowCount() == 3
        assert dialog.table.item(0, 1).text() == "张三" and "（当前）" in dialog.table.item(0, 4).text()
        dialog.table.selectRow(1)
        copy = dialog.open_selected()
        assert isinstance(copy, MainWindow) and "（只读）" in copy.windowTitle()
        assert copy.document.read_only and copy.document.report.cells[cell] == 3
        close(copy)
        dialog.table.selectRow(2)
        assert dialog.restore_selected()
        assert window.document.report.cells[cell] == 0 and window.isWindowModified()
        window.document.undo_stack.undo()
        assert window.document.report.cells[cell] == 4
        window.document.undo_stack.redo()
        assert window.save()
        assert len(read_history(draft)) == 4 and window.document.report.cells[cell] == 0


def test_a_cells_tooltip_and_a_findings_tooltip_say_who_changed_it_last(qtbot: QtBot, userdata: Path,
                                                                         tmp_path: Path) -> None:
    draft = new_draft(tmp_path)
    with window_on(qtbot, draft) as window:
        settle(qtbot, window)
        cell = a_cell(window)
        view = table_view(window, "s3")
        model = view.table_model
        assert "最后修改：张三（" in model.data(model.index_of(cell), _TOOLTIP)  # as the draft was started
        save_display_name("李四")
        type_into(qtbot, view, cell, "12")
        assert "最后修改：本次打开后修改，尚未保存" in model.data(model.index_of(cell), _TOOLTIP)
        assert window.save()
        revision = read_history(draft)[-1]
        tip = model.data(model.index_of(cell), _TOOLTIP)
        assert f"最后修改：李四（{revision.machine}），{revision.local_time()}（修订 {revision.short_id}）" in tip
        window.check_now()
        model = window.problems.model
        rows = [model.index(row, 0) for row in range(model.rowCount())]
        about = [i for i in rows if cell in model.data(i, FINDING_ROLE).cells]
        assert about, "12 in one cell of a zero table breaks a balance rule"
        tip = model.data(about[0], Qt.ItemDataRole.ToolTipRole)
        assert "最后修改：" in tip and f"李四（{revision.machine}），{revision.local_time()}" in tip


def test_the_window_keeps_its_heartbeat_and_says_when_its_lock_was_taken(qtbot: QtBot, userdata: Path,
                                                                         tmp_path: Path) -> None:
    from app.history import utc_now
    from app.locking import HEARTBEAT_SECONDS, write_foreign_lock
    from ui.locking import LockKeeper

    draft = new_draft(tmp_path)
    with window_on(qtbot, draft) as window:
        keeper = window.document.lock
        assert isinstance(keeper, LockKeeper) and keeper.timer.interval() == HEARTBEAT_SECONDS * 1000
        assert keeper.timer.isActive()
        first = read_lock(draft)
        qtbot.wait(1100)
        keeper.beat()
        second = read_lock(draft)
        assert first is not None and second is not None and second.heartbeat > first.heartbeat
        lock_path(draft).unlink()
        write_foreign_lock(draft, "赵六", "办公室-PC01", 1, utc_now(), utc_now())
        keeper.beat()
        assert "编辑锁已被移除" in window.last_message and "赵六" in window.last_message
        assert not keeper.timer.isActive()
    assert read_lock(draft) is not None and read_lock(draft).name == "赵六"  # type: ignore[union-attr]


def test_after_a_merge_the_save_records_both_heads_and_asks_nothing(qtbot: QtBot, userdata: Path,
                                                                    tmp_path: Path) -> None:
    from ui.save_conflict import accept_theirs

    draft = new_draft(tmp_path)
    with window_on(qtbot, draft) as a:
        settle(qtbot, a)
        type_into(qtbot, table_view(a, "s3"), a_cell(a), "7")
        mine = a.document.history.head
        theirs_report, theirs_history = __import__("app.history", fromlist=["load_draft"]).load_draft(draft)
        theirs_report.meta.contact = "李四改的电话"
        save_draft(theirs_report, draft, theirs_history, "李四", "财务科-PC02")
        accept_theirs(a.document, draft, history_of(draft))  # what the merge view's 确定 does after merging
        assert a.save()  # no question: the merged draft includes their save
        last = read_history(draft)[-1]
        assert last.parents == (mine, theirs_history.head) and last.author == "张三"
        assert history_of(draft).ancestors(last.id) >= {mine, theirs_history.head}
