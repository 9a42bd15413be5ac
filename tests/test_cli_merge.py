"""``nianbao diff`` and ``nianbao merge``: their output, --json and exit codes (README's table)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.canonical import to_canonical
from app.store import load, save
from tests.helpers import copies_of_one_draft, run_cli
from tests.test_merge import base_report


def _drafts(tmp_path: Path, clash: bool) -> tuple[Path, Path]:
    mine, theirs = base_report(), base_report()
    mine.set_cell("t3.new.natural", 9)
    theirs.set_cell("t3.new.natural", 11 if clash else 9)
    theirs.meta.contact = "电话：0371-1234567"
    save(mine, tmp_path / "我的.nianbao")
    save(theirs, tmp_path / "同事.nianbao")
    return tmp_path / "我的.nianbao", tmp_path / "同事.nianbao"


def test_diff_lists_the_differences_and_exits_1_or_0(tmp_path: Path) -> None:
    mine, theirs = _drafts(tmp_path, clash=True)
    done = run_cli("diff", str(mine), str(theirs))
    assert done.returncode == 1, done.stderr
    assert "我的.nianbao → 同事.nianbao：3 处不同" in done.stdout  # the cell and the total it feeds
    assert "报告信息 联系方式：（空） → 电话：0371-1234567" in done.stdout
    assert "：9 → 11" in done.stdout
    data = json.loads(run_cli("diff", str(mine), str(theirs), "--json").stdout)
    assert data["count"] == 3
    assert {d["key"] for d in data["differences"]} == {"meta:contact", "cell:t3.new.natural", "cell:t3.new.total"}
    same = run_cli("diff", str(mine), str(mine))
    assert same.returncode == 0 and "内容相同" in same.stdout
    # any importable source: the canonical JSON of a draft
    source = tmp_path / "同事.json"
    source.write_text(json.dumps(to_canonical(load(theirs)), ensure_ascii=False), encoding="utf-8")
    assert json.loads(run_cli("diff", str(mine), str(source), "--json").stdout)["count"] == 3
    missing = run_cli("diff", str(mine), str(tmp_path / "没有.nianbao"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_merge_with_conflicts_exits_1_lists_them_and_writes_nothing(tmp_path: Path) -> None:
    mine, theirs = _drafts(tmp_path, clash=True)
    out = tmp_path / "合并.nianbao"
    done = run_cli("merge", str(mine), str(theirs), "-o", str(out))
    assert done.returncode == 1, done.stderr
    # no history in these drafts: every difference is a choice, the contact too
    assert "有 2 处冲突" in done.stdout and "自然人：我的副本：9；同事的副本：11" in done.stdout
    assert "联系方式：我的副本：（空）；同事的副本：电话：0371-1234567" in done.stdout
    assert not out.exists()
    data = json.loads(run_cli("merge", str(mine), str(theirs), "-o", str(out), "--json").stdout)
    assert [c["key"] for c in data["conflicts"]] == ["meta:contact", "cell:t3.new.natural"]
    assert data["base"] is False and "summary" not in data


def test_merge_with_prefer_writes_the_result(tmp_path: Path) -> None:
    mine, theirs = _drafts(tmp_path, clash=True)
    out = tmp_path / "合并.nianbao"
    done = run_cli("merge", str(mine), str(theirs), "-o", str(out), "--prefer", "theirs", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["counts"]["conflicts"] == 2  # without a base the contact is a choice too
    assert data["summary"][-1].startswith("合并结果检查：")
    merged = load(out)
    assert merged.cells["t3.new.natural"] == 11 and merged.meta.contact == "电话：0371-1234567"
    again = run_cli("merge", str(mine), str(theirs), "-o", str(out), "--prefer", "mine")
    assert again.returncode == 2 and "--force" in again.stderr
    forced = run_cli("merge", str(mine), str(theirs), "-o", str(out), "--prefer", "mine", "--force")
    assert forced.returncode == 0 and "已合并" in forced.stdout and "用我的 2 处" in forced.stdout
    assert load(out).cells["t3.new.natural"] == 9


def test_merge_without_conflicts_needs_no_prefer_and_bad_output_is_refused(tmp_path: Path) -> None:
    mine, theirs = _drafts(tmp_path, clash=False)
    save(load(mine), theirs)  # the same content: nothing to ask
    out = tmp_path / "合并.nianbao"
    done = run_cli("merge", str(mine), str(theirs), "-o", str(out))
    assert done.returncode == 0 and out.exists(), done.stdout + done.stderr
    wrong = run_cli("merge", str(mine), str(theirs), "-o", str(tmp_path / "合并.pdf"))
    assert wrong.returncode == 2 and "合并结果应存为草稿" in wrong.stderr
    bad = run_cli("merge", str(mine), str(theirs), "-o", str(out), "--prefer", "nobody")
    assert bad.returncode == 2


def test_merge_from_a_common_revision_takes_one_sided_changes(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Two copies of one draft (their histories share its first save): the command finds that revision
    in the files, so one-sided changes need no --prefer; the result keeps both pasts and records a
    revision after both heads, so merging it again with a copy finds the merge as the base."""
    from app.cli import main
    from app.history import read_history

    base = base_report()
    mine, theirs = base_report(), base_report()
    mine.set_cell("t3.new.natural", 9)
    theirs.set_cell("t3.new.natural", 9)
    theirs.meta.contact = "电话：0371-1234567"
    paths = copies_of_one_draft(tmp_path, base, 我的=mine, 同事=theirs)
    out = tmp_path / "合并.nianbao"
    assert main(["merge", str(paths["我的"]), str(paths["同事"]), "-o", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["base"] is True and data["conflicts"] == []
    assert {(t["key"], t["side"]) for t in data["taken"]} == {("cell:t3.new.natural", "both"),
                                                               ("meta:contact", "theirs")}
    assert load(out).meta.contact == "电话：0371-1234567" and load(out).cells["t3.new.natural"] == 9
    merged = read_history(out)[-1]
    assert set(merged.parents) == {read_history(paths["我的"])[-1].id, read_history(paths["同事"])[-1].id}
    # merging the result with the colleague's copy again: nothing differs from their side
    again = tmp_path / "再合并.nianbao"
    assert main(["merge", str(out), str(paths["同事"]), "-o", str(again), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["conflicts"] == []


def test_copies_in_different_formats_cannot_be_merged(tmp_path: Path) -> None:
    from app.report import Report

    save(Report.new(organ="甲", year=2019, layout_id="2019"), tmp_path / "a.nianbao")
    save(Report.new(organ="甲", year=2019), tmp_path / "b.nianbao")
    done = run_cli("merge", str(tmp_path / "a.nianbao"), str(tmp_path / "b.nianbao"), "-o", str(tmp_path / "c.nianbao"))
    assert done.returncode == 2 and "报告格式不同" in done.stderr and not (tmp_path / "c.nianbao").exists()
    listed = run_cli("diff", str(tmp_path / "a.nianbao"), str(tmp_path / "b.nianbao"))
    assert listed.returncode == 1 and "报告格式" in listed.stdout
