"""The lock beside an open draft: two processes, a killed holder, another machine's lock, the CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.history import History, save_draft, utc_now
from app.locking import (STALE_SECONDS, DraftLockedError, LockLostError, acquire, check_writable, holder, lock_path,
                         read_lock, remove, write_foreign_lock)
from app.report import Report
from tests.helpers import ROOT, run_cli

HOLD = """
import sys, time
from pathlib import Path
from app.locking import acquire
lock = acquire(Path(sys.argv[1]), sys.argv[2])
print("holding", flush=True)
time.sleep(120)
"""


@pytest.fixture
def userdata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "userdata"
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(folder))
    return folder


def draft_in(folder: Path) -> Path:
    path = folder / "年报草稿.nianbao"
    save_draft(Report.new(organ="测试局", year=2024), path, History(), "张三")
    return path


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    """A folder on a file system of its own (tmpfs), as a shared folder is; skipped where mount is refused."""
    folder = tmp_path / "mnt"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def hold_in_other_process(draft: Path, name: str) -> subprocess.Popen[str]:
    """Another nianbao process that has the draft open (it prints once the lock is written)."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(draft), name], cwd=ROOT, text=True,
                               stdout=subprocess.PIPE, encoding="utf-8")
    assert process.stdout is not None and process.stdout.readline().strip() == "holding"
    return process


def test_a_lock_file_sits_beside_the_draft_and_names_its_holder(tmp_path: Path) -> None:
    draft = draft_in(tmp_path)
    lock = acquire(draft, "张三")
    assert lock_path(draft) == tmp_path / ".~lock.年报草稿.nianbao#"
    data = json.loads(lock_path(draft).read_text(encoding="utf-8"))
    assert data["name"] == "张三" and data["pid"] == os.getpid() and data["machine"]
    assert data["opened_at"] == data["heartbeat"]
    lock.release()
    assert not lock_path(draft).exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_second_window_of_the_same_process_is_told_who_has_it(tmp_path: Path) -> None:
    draft = draft_in(tmp_path)
    lock = acquire(draft, "张三")
    with pytest.raises(DraftLockedError, match=r"^草稿正在由 张三（.+）编辑，自 \d\d:\d\d 起。$"):
        acquire(draft, "李四")
    lock.release()


def test_the_heartbeat_renews_and_a_taken_lock_is_noticed(tmp_path: Path) -> None:
    draft = draft_in(tmp_path)
    lock = acquire(draft, "张三")
    old = read_lock(draft)
    time.sleep(1.1)
    lock.refresh()
    new = read_lock(draft)
    assert old is not None and new is not None and new.heartbeat > old.heartbeat and new.opened_at == old.opened_at
    lock_path(draft).unlink()
    write_foreign_lock(draft, "李四", "财务科-PC02", 4242, utc_now(), utc_now())
    with pytest.raises(LockLostError, match="李四"):
        lock.refresh()
    lock.release()
    assert read_lock(draft) is not None  # the release leaves the other holder's lock alone


def _two_processes(folder: Path) -> None:
    draft = draft_in(folder)
    process = hold_in_other_process(draft, "张三")
    try:
        info = holder(draft)
        assert info is not None and info.name == "张三" and info.pid == process.pid
        with pytest.raises(DraftLockedError, match="草稿正在由 张三"):
            acquire(draft, "李四")
        with pytest.raises(DraftLockedError):
            acquire(draft, "李四", take_stale=True)  # a live lock is never taken
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        stale = read_lock(draft)
        assert stale is not None and holder(draft) is None
        reason = stale.stale_reason()
        assert reason is not None and f"进程 {process.pid} 已结束" in reason
        with pytest.raises(DraftLockedError):
            acquire(draft, "李四")  # asked first: a stale lock is removed only when the user agrees
        lock = acquire(draft, "李四", take_stale=True)
        current = read_lock(draft)
        assert current is not None and current.name == "李四"
        lock.release()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def test_a_second_process_is_refused_and_a_killed_holder_leaves_a_stale_lock(tmp_path: Path) -> None:
    _two_processes(tmp_path)


def _other_machine(folder: Path) -> None:
    draft = draft_in(folder)
    old = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - STALE_SECONDS - 120))
    stale = write_foreign_lock(draft, "王五", "办公室-PC01", os.getpid(), old, old)  # our pid: never checked there
    assert holder(draft) is None
    reason = stale.stale_reason()
    assert reason is not None and "12 分钟" in reason
    assert remove(draft, stale) and read_lock(draft) is None
    fresh_time = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - STALE_SECONDS + 120))
    fresh = write_foreign_lock(draft, "王五", "办公室-PC01", 1, old, fresh_time)  # pid 1 lives here: not asked
    assert fresh.stale_reason() is None and holder(draft) == fresh
    with pytest.raises(DraftLockedError, match="草稿正在由 王五（办公室-PC01）编辑"):
        acquire(draft, "李四", take_stale=True)


def test_another_machines_lock_is_stale_by_its_heartbeat_only(tmp_path: Path) -> None:
    _other_machine(tmp_path)


def test_an_unreadable_lock_names_no_one_and_ages_by_its_file_time(tmp_path: Path) -> None:
    draft = draft_in(tmp_path)
    lock_path(draft).write_bytes(b"\x00garbage")
    info = read_lock(draft)
    assert info is not None and info.name == "未知用户" and info.stale_reason() is None
    past = time.time() - STALE_SECONDS - 60
    os.utime(lock_path(draft), (past, past))
    info = read_lock(draft)
    assert info is not None and info.stale_reason() is not None


def test_cli_writing_commands_refuse_a_held_draft_and_reading_ones_do_not_lock(tmp_path: Path, userdata: Path) -> None:
    draft = draft_in(tmp_path)
    write_foreign_lock(draft, "王五", "办公室-PC01", 1, utc_now(), utc_now())
    before = draft.read_bytes()
    done = run_cli("detach-previous", str(draft))
    assert done.returncode == 2 and "草稿正在由 王五（办公室-PC01）编辑，自" in done.stderr
    assert draft.read_bytes() == before
    with pytest.raises(DraftLockedError):
        check_writable(draft)
    done = run_cli("new", "--organ", "测试局", "--year", "2024", "--force", "-o", str(draft))
    assert done.returncode != 0 and "草稿正在由 王五" in done.stderr and draft.read_bytes() == before
    lock_path(draft).unlink()
    for command in (["show", str(draft)], ["check", str(draft)]):
        assert run_cli(*command).returncode in (0, 1)
        assert not lock_path(draft).exists()
    done = run_cli("new", "--organ", "测试局", "--year", "2024", "--force", "-o", str(draft))
    assert done.returncode == 0, done.stderr


def test_locks_work_on_a_mounted_folder(mounted: Path) -> None:
    _two_processes(mounted)
    for leftover in mounted.iterdir():
        leftover.unlink()
    _other_machine(mounted)
