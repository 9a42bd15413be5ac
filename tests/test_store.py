"""The draft file: round trip, Chinese as Chinese, refusal of broken files, atomic saves."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from app.canonical import to_canonical
from app.errors import DraftFileError
from app.report import Report
from app.store import SCHEMA_VERSION, backup_path, load, save
from tests.helpers import ROOT, zero_report


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    report = zero_report(t2__fee__amount=Decimal("96171.60"), t3__new__natural=3, t4__after__pending=None)
    report.meta.contact = "电话：0517-1234567 <a&b>"
    report.acknowledgements["X.valid:gf"] = "3件文件到期自然失效"
    path = tmp_path / "报告.nianbao"
    save(report, path)
    assert to_canonical(load(path)) == to_canonical(report)
    text = path.read_text(encoding="utf-8")
    assert "测试县数据局" in text and "\\u" not in text
    data = json.loads(text)
    assert data["file"]["1"] == {"format": "nianbao-draft", "schema": SCHEMA_VERSION}
    assert data["report"]["1"]["cells"]["t2.fee.amount"] == "96171.60"


def test_save_keeps_the_previous_version_as_backup(tmp_path: Path) -> None:
    path = tmp_path / "a.nianbao"
    first = zero_report()
    save(first, path)
    second = zero_report(t3__new__natural=1)
    save(second, path)
    assert load(backup_path(path)).cells["t3.new.natural"] == 0
    assert load(path).cells["t3.new.natural"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.nianbao", "a.nianbao.bak"]


BROKEN = {
    "empty": b"",
    "truncated": None,  # filled in from a real draft
    "binary": bytes(range(256)) * 4,
    "foreign": json.dumps({"_default": {"1": {"name": "x"}}}).encode(),
    "future": None,
    "not-json": "这不是一个草稿文件".encode(),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_files_are_refused_untouched(tmp_path: Path, kind: str) -> None:
    good = tmp_path / "good.nianbao"
    save(zero_report(), good)
    content = BROKEN[kind]
    if kind == "truncated":
        content = good.read_bytes()[:700]
    elif kind == "future":
        data = json.loads(good.read_text(encoding="utf-8"))
        data["file"]["1"]["schema"] = SCHEMA_VERSION + 1
        content = json.dumps(data, ensure_ascii=False).encode()
    path = tmp_path / f"{kind}.nianbao"
    path.write_bytes(content)
    with pytest.raises(DraftFileError) as error:
        load(path)
    assert path.read_bytes() == content
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(error.value))
    if kind == "future":
        assert "升级" in str(error.value)
    if kind == "truncated":
        assert "不完整" in str(error.value)


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 32 KiB file system, to fill up for real (needs root, as CI has)."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", str(mount_point)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=True)


def test_a_full_disk_leaves_the_draft_as_it_was(tiny_disk: Path) -> None:
    path = tiny_disk / "a.nianbao"
    save(zero_report(), path)
    before = path.read_bytes()
    big = zero_report()
    big.sections["s5"].text = "问题" * 30000
    with pytest.raises(DraftFileError, match="磁盘空间不足"):
        save(big, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["a.nianbao"]


SAVER = """
import sys
from app.report import Report
from app.store import save
from pathlib import Path
from app.store import load
path = sys.argv[1]
i = load(path).cells["t3.new.natural"] if Path(path).exists() else 0
report = Report.new(organ="测试局", year=2024)
report.sections["s5"].text = "问题" * 2000
print("ready", flush=True)
while True:
    i += 1
    report.cells["t3.new.natural"] = i
    report.meta.contact = str(i)
    save(report, path)
"""


def test_killed_saves_never_leave_a_broken_draft(tmp_path: Path) -> None:
    path = tmp_path / "loop.nianbao"
    rng = random.Random(20261125)
    previous_counter = 0
    for _ in range(25):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], cwd=ROOT,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.15))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if not path.exists():
            continue
        report = load(path)  # must always open
        counter = report.cells["t3.new.natural"]
        assert isinstance(counter, int) and report.meta.contact == str(counter)
        assert report.sections["s5"].text == "问题" * 2000
        # each run goes on from what the file holds: the file is never older than before
        assert counter >= previous_counter
        previous_counter = counter
    assert previous_counter > 0
    save(load(path), path)  # the next save clears what killed saves left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loop.nianbao", "loop.nianbao.bak"]


def test_new_report_has_usual_subheads_and_zero_cells() -> None:
    report = Report.new(organ="测试局", year=2024)
    assert [p.title for p in report.sections["s1"].parts] == [
        "主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"]
    assert set(report.cells.values()) == {0}
