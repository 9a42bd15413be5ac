"""The ``nianbao`` command as a user runs it: a separate process, exit codes, Chinese output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from app.canonical import to_canonical
from app.store import save
from tests.helpers import ROOT, run_cli, zero_report


def test_new_then_check(tmp_path: Path) -> None:
    draft = tmp_path / "新草稿.nianbao"
    done = run_cli("new", "--organ", "某某县人民政府", "--year", "2025", "--kind", "人民政府", "-o", str(draft))
    assert done.returncode == 0, done.stderr
    shown = json.loads(run_cli("show", str(draft), "--json").stdout)
    assert shown["meta"]["organ"] == "某某县人民政府" and shown["meta"]["kind"] == "人民政府"
    assert set(shown["cells"].values()) == {0, "0"}
    assert shown["cells"]["t2.fee.amount"] == "0"
    checked = run_cli("check", str(draft), "--json")
    assert checked.returncode == 1  # the empty narratives are errors
    findings = json.loads(checked.stdout)["findings"]
    assert {f["rule"] for f in findings} == {"S.missing"}
    again = run_cli("new", "--organ", "x", "--year", "2025", "-o", str(draft))
    assert again.returncode == 2 and "已存在" in again.stderr


def test_show_import_show_is_identical(tmp_path: Path) -> None:
    report = zero_report(t2__gf__made=62, t2__gf__repealed=33, t2__gf__valid=440,
                         t2__fee__amount=Decimal("18651.06"), t3__new__natural=217, t3__new__business=1,
                         t3__new__total=218, t4__review__upheld=2, t4__review__total=2, t4__after__pending=None)
    report.sections["s1"].text = "平潭综合实验区“两个一律”：<公开> & 解读\n第二段。"
    report.sections["s1"].parts[0].text = "**一是**主动公开政府信息4210条。"
    report.meta.published = "2025-03-10"
    first = tmp_path / "a.nianbao"
    save(report, first)
    shown = run_cli("show", str(first), "--json")
    assert shown.returncode == 0, shown.stderr
    canonical = tmp_path / "a.json"
    canonical.write_text(shown.stdout, encoding="utf-8")
    second = tmp_path / "b.nianbao"
    imported = run_cli("import", str(canonical), "-o", str(second))
    assert imported.returncode == 0, imported.stderr
    again = run_cli("show", str(second), "--json")
    assert again.stdout == shown.stdout
    data = json.loads(shown.stdout)
    assert data["cells"]["t2.fee.amount"] == "18651.06" and data["cells"]["t4.after.pending"] is None
    assert data["cells"]["t3.new.total"] == 218 and data["cells"]["t4.review.total"] == 2
    assert "两个一律" in shown.stdout  # Chinese as Chinese


def test_check_exit_codes_and_json(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(to_canonical(zero_report()), ensure_ascii=False), encoding="utf-8")
    done = run_cli("check", str(good))
    assert done.returncode == 0 and "没有发现错误" in done.stdout
    bad = zero_report(t4__review__upheld=10, t4__review__corrected=1)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(to_canonical(bad), ensure_ascii=False), encoding="utf-8")
    done = run_cli("check", str(path), "--json")
    assert done.returncode == 1
    [finding] = json.loads(done.stdout)["findings"]
    assert finding == {"rule": "T4.sum", "severity": "error",
                       "cells": ["t4.review.total", "t4.review.upheld", "t4.review.corrected",
                                 "t4.review.other", "t4.review.pending"],
                       "section": None, "expected": 11, "actual": 0, "difference": 11,
                       "message": finding["message"]}
    assert "行政复议" in finding["message"]


def test_check_with_previous_year(tmp_path: Path) -> None:
    last, this = tmp_path / "2023.json", tmp_path / "2024.json"
    last.write_text(json.dumps(to_canonical(zero_report(t3__next__natural=2, t3__next__total=2)),
                               ensure_ascii=False), encoding="utf-8")
    this.write_text(json.dumps(to_canonical(zero_report()), ensure_ascii=False), encoding="utf-8")
    done = run_cli("check", str(this), "--previous", str(last), "--json")
    assert done.returncode == 0  # cross-year findings are warnings
    # the sections are the same in both years, but one sentence each: S.copy judges 3 or more (spec §6)
    assert {f["rule"] for f in json.loads(done.stdout)["findings"]} == {"X.carry"}


@pytest.mark.parametrize("content", [
    b"", b'{"file": {"1": {"format": "nianbao-draft", "schema": 1}}, "report": {"1": {"form',
    b"\x00\x01\x02\xff\xfe" * 100, b'{"hello": "world"}',
    b'{"file": {"1": {"format": "nianbao-draft", "schema": 99}}, "report": {}}',
], ids=["empty", "truncated", "binary", "foreign-json", "future-version"])
def test_unreadable_drafts_exit_2_with_one_chinese_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.nianbao"
    path.write_bytes(content)
    done = run_cli("check", str(path))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and any("\u4e00" <= ch <= "\u9fff" for ch in lines[0])
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert path.read_bytes() == content


def test_import_of_broken_json_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "x.json"
    source.write_text('{"format": "2021", "cells": {"t9.nope": 1}}', encoding="utf-8")
    done = run_cli("import", str(source), "-o", str(tmp_path / "x.nianbao"))
    assert done.returncode == 2 and "t9.nope" in done.stderr
    assert not (tmp_path / "x.nianbao").exists()


def test_python_dash_m_app_is_the_same_command() -> None:
    done = run_cli("--help")
    assert done.returncode == 0 and "命令" in done.stdout and "check" in done.stdout


def test_no_arguments_without_a_display_says_so() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "app"], capture_output=True, text=True, encoding="utf-8",
                          cwd=ROOT, env=env, timeout=60)
    assert done.returncode == 1
    assert "没有可用的图形显示环境" in done.stderr and "Traceback" not in done.stderr


def test_argument_mistakes_are_explained_in_chinese(tmp_path: Path) -> None:
    bad_year = run_cli("new", "--organ", "某局", "--year", "abc", "-o", str(tmp_path / "a.nianbao"))
    assert bad_year.returncode == 2 and "不是可用的年度" in bad_year.stderr and "用法" in bad_year.stderr
    far = run_cli("new", "--organ", "某局", "--year", "2999", "-o", str(tmp_path / "b.nianbao"))
    assert far.returncode == 2 and "2008 年至" in far.stderr
    missing = run_cli("new", "--organ", "某局", "-o", str(tmp_path / "a.nianbao"))
    assert missing.returncode == 2 and "缺少必需的参数" in missing.stderr
    assert "usage" not in bad_year.stderr + missing.stderr and "invalid" not in bad_year.stderr


def test_a_mistyped_command_does_not_open_the_window(tmp_path: Path) -> None:
    done = run_cli("chek", str(tmp_path / "a.nianbao"))
    assert done.returncode == 2 and "不认识的命令" in done.stderr


def test_saving_into_a_missing_folder_says_which(tmp_path: Path) -> None:
    target = tmp_path / "没有这个文件夹" / "a.nianbao"
    done = run_cli("new", "--organ", "某局", "--year", "2025", "-o", str(target))
    assert done.returncode == 2 and "没有这个文件夹" in done.stderr and "不存在" in done.stderr


def test_show_counts_filled_tables(tmp_path: Path) -> None:
    draft = tmp_path / "a.nianbao"
    assert run_cli("new", "--organ", "某局", "--year", "2025", "-o", str(draft)).returncode == 0
    shown = run_cli("show", str(draft)).stdout
    assert "二、主动公开政府信息情况：已填写" in shown and "一、总体情况：空" in shown
