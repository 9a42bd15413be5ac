"""What an import repaired on entry (invisible characters stripped) is told, and is not a doubt:
ImportResult.notices are printed and listed, never counted as 不确定 and never change the exit code;
last year's report is cleaned the same way when it is attached, with the same notices."""

from __future__ import annotations

import json
from pathlib import Path

from app.lastyear import snapshot
from app.store import load, save
from app.worker import import_source
from tests.helpers import run_cli, zero_report
from tests.import_sources import NARRATIVE, report_text

HIDDEN = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: invisible, and would reverse the printed line


def _hostile_text(tmp_path: Path, year: int = 2024) -> Path:
    text = report_text(title=f"测试县数据局{year}年政府信息公开工作年度报告")
    first = NARRATIVE["s1"].splitlines()[-1]
    text = text.replace(first, first[:4] + HIDDEN + first[4:] + "\u2060", 1)
    assert HIDDEN in text
    path = tmp_path / f"{year}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_notices_are_not_uncertain(tmp_path: Path) -> None:
    result = import_source(_hostile_text(tmp_path))
    assert result.uncertain == []
    assert len(result.notices) == 2 and all("已删除" in n for n in result.notices)
    assert any("U+202E" in n for n in result.notices) and any("U+2060" in n for n in result.notices)
    assert HIDDEN not in json.dumps([p.text for p in result.report.sections["s1"].parts], ensure_ascii=False)


def test_cli_import_prints_notices_and_exits_0(tmp_path: Path) -> None:
    done = run_cli("import", str(_hostile_text(tmp_path)), "-o", str(tmp_path / "x.nianbao"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "不确定：0 项" in done.stdout and "  不确定：" not in done.stdout
    notices = [line for line in done.stdout.splitlines() if line.startswith("  提示：")]
    assert len(notices) == 2 and "U+202E" in done.stdout and "已删除" in notices[0]
    imported = load(tmp_path / "x.nianbao")
    assert imported.sections["s1"].parts and HIDDEN not in json.dumps(
        [p.text for p in imported.sections["s1"].parts], ensure_ascii=False)


def test_snapshot_of_last_year_is_cleaned_with_notices() -> None:
    last = zero_report()
    last.meta.year = 2023
    last.sections["s5"].text = "葛" + "\U000E0100" + "先生" + HIDDEN + "说。"
    notices: list[str] = []
    kept = snapshot(last, "2023.nianbao", notices=notices)
    assert kept.report.sections["s5"].text == "葛先生说。"
    assert len(notices) == 2 and all(n.startswith("上年报告：") for n in notices)
    assert "“葛”后面的不可见的异体选择符 U+E0100" in notices[0] and "U+202E" in notices[1]
    assert last.sections["s5"].text.endswith(HIDDEN + "说。")  # the report given is not changed


def test_a_draft_whose_last_year_carries_invisible_characters_is_cleaned_on_opening(tmp_path: Path) -> None:
    report = zero_report()
    report.previous = snapshot(zero_report(), "2023.nianbao")
    report.previous.report.sections["s6"].text = "无" + HIDDEN + "。"  # as an older version let it in
    path = tmp_path / "old.nianbao"
    save(report, path)
    notices: list[str] = []
    again = load(path, notices=notices)
    assert again.previous is not None and again.previous.report.sections["s6"].text == "无。"
    assert any(n.startswith("上年报告：") and "U+202E" in n for n in notices)


def test_cli_attach_previous_of_a_last_year_with_invisible_characters(tmp_path: Path) -> None:
    draft = tmp_path / "2024.nianbao"
    this = zero_report()
    this.meta.organ, this.meta.year = "测试县数据局", 2024
    save(this, draft)
    done = run_cli("attach-previous", str(draft), str(_hostile_text(tmp_path, 2023)))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "上年报告提示：" in done.stderr and "U+202E" in done.stderr
    previous = load(draft).previous
    assert previous is not None and HIDDEN not in json.dumps(
        [p.text for p in previous.report.sections["s1"].parts], ensure_ascii=False)
