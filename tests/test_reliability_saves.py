"""Saves leave nothing behind and name the real cause: concurrent writers, killed autosaves, long names,
links, backups that already link to the draft, temporary files of live and dead processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.errors import ReadOnlyDraftError
from app.processes import host_tag
from app.store import backup_path, load, save
import app.userdata as userdata_module
from app.userdata import pending_recoveries
from tests.helpers import ROOT, zero_report

WRITER = """
import sys, time
from app.store import save
from app.errors import NianbaoError
from tests.helpers import zero_report
path, count, mark = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
report = zero_report(t3__new__natural=mark)
report.sections["s1"].text = "长文本。" * 20000
failures = []
for _ in range(count):
    try:
        save(report, path)
    except NianbaoError as error:
        failures.append(str(error))
print("\\n".join(failures))
"""

AUTOSAVER = """
import sys
from pathlib import Path
from app.userdata import Autosaver
from tests.helpers import zero_report
report = zero_report()
report.sections["s1"].text = "自动保存。" * 50000
saver = Autosaver()
print("ready", flush=True)
while True:
    saver.write(report, Path("/nowhere/原稿.nianbao"))
"""


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_two_processes_saving_the_same_draft(tmp_path: Path) -> None:
    path = tmp_path / "共享.nianbao"
    save(zero_report(), path)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), "40", str(mark)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for mark in (1, 2)]
    outputs = [w.communicate(timeout=240) for w in writers]
    for out, err in outputs:
        assert err == "", err
        assert out.strip() == "", out  # not one save failed, so no wrong sentence either
    assert load(path).cells["t3.new.natural"] in (1, 2)
    assert load(backup_path(path)).cells["t3.new.natural"] in (0, 1, 2)
    assert _leftovers(tmp_path) == []


def test_only_provably_stale_temporaries_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "a.nianbao"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    dead_tmp = tmp_path / f".a.nianbao.{host_tag()}-{dead_pid}-0123abcd.tmp"
    live_tmp = tmp_path / f".a.nianbao.{host_tag()}-{os.getppid()}-0123abcd.tmp"
    foreign = tmp_path / ".a.nianbao.ffff-1-0123abcd.tmp"  # another machine's writer on a shared folder
    for leftover in (dead_tmp, live_tmp, foreign):
        leftover.write_bytes(b"x")
    save(zero_report(), path)
    assert not dead_tmp.exists() and live_tmp.exists() and foreign.exists()
    old = time.time() - 7200
    os.utime(foreign, (old, old))
    save(zero_report(), path)
    assert not foreign.exists() and live_tmp.exists()


def test_no_backup_temporary_left_when_the_backup_already_links_to_the_draft(tmp_path: Path) -> None:
    path = tmp_path / "a.nianbao"
    save(zero_report(), path)
    os.link(path, backup_path(path))  # as a save killed between backup and replace leaves it
    save(zero_report(t3__new__natural=3), path)
    save(zero_report(t3__new__natural=4), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.nianbao", "a.nianbao.bak"]
    assert load(backup_path(path)).cells["t3.new.natural"] == 3


@pytest.mark.parametrize("length", [242, 250, 254, 255])
def test_long_names_save_with_their_backup(tmp_path: Path, length: int) -> None:
    stem = "政" * ((length - len(".nianbao")) // 3)
    name = stem + "x" * (length - len(".nianbao") - len(stem.encode())) + ".nianbao"
    assert len(name.encode()) == length
    path = tmp_path / name
    save(zero_report(t3__new__natural=1), path)
    save(zero_report(t3__new__natural=2), path)
    assert load(path).cells["t3.new.natural"] == 2
    assert load(backup_path(path)).cells["t3.new.natural"] == 1
    assert _leftovers(tmp_path) == []


def test_seventy_eight_chinese_characters(tmp_path: Path) -> None:
    path = tmp_path / ("某" * 78 + ".nianbao")
    save(zero_report(), path)
    save(zero_report(), path)
    load(path)


def test_save_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real" / "a.nianbao"
    target.parent.mkdir()
    save(zero_report(t3__new__natural=1), target)
    link = tmp_path / "link.nianbao"
    link.symlink_to(target)
    save(zero_report(t3__new__natural=2), link)
    assert link.is_symlink() and load(target).cells["t3.new.natural"] == 2
    assert load(backup_path(target)).cells["t3.new.natural"] == 1


def test_read_only_draft_needs_consent(tmp_path: Path) -> None:
    path = tmp_path / "a.nianbao"
    save(zero_report(t3__new__natural=1), path)
    os.chmod(path, 0o444)
    with pytest.raises(ReadOnlyDraftError, match="只读"):
        save(zero_report(t3__new__natural=2), path)
    assert load(path).cells["t3.new.natural"] == 1
    save(zero_report(t3__new__natural=2), path, replace_read_only=True)
    assert load(path).cells["t3.new.natural"] == 2 and oct(path.stat().st_mode & 0o777) == "0o444"


def kill_autosaves(userdata: Path, kills: int) -> None:
    """Start an autosaving process ``kills`` times and kill it at a random moment of its saving."""
    env = {**os.environ, "NIANBAO_DATA_DIR": str(userdata)}
    for index in range(kills):
        saver = subprocess.Popen([sys.executable, "-c", AUTOSAVER], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                 text=True)
        assert saver.stdout is not None and saver.stdout.readline() == "ready\n"
        time.sleep(0.05 + (index * 7919 % 100) / 400)
        saver.send_signal(signal.SIGKILL)
        saver.wait()


def test_killed_autosaves_leave_only_their_copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    userdata = tmp_path / "userdata"
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(userdata))
    kill_autosaves(userdata, 6)
    recoveries = pending_recoveries()  # the next start tidies the folder
    folder = userdata / "recovery"
    count = len(recoveries)
    assert 1 <= count <= 6  # a process killed before its first copy was complete leaves nothing
    for recovery in recoveries:
        recovery.load()
    assert sorted(p.suffix for p in folder.iterdir()) == [".json"] * count + [".nianbao"] * count
    monkeypatch.setattr(userdata_module, "RECOVERY_LIMIT", 1)
    recoveries = pending_recoveries()  # the cap keeps the newest
    assert len(recoveries) == 1 and len(list(folder.iterdir())) == 2
    for recovery in recoveries:
        recovery.discard()
    assert list(folder.iterdir()) == []
