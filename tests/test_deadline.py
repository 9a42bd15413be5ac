"""The publication deadline by organ kind, the status line, and the M.late warning on both sides of it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.deadline import deadline, status_text
from app.rules import check
from app.store import save
from tests.helpers import run_cli, zero_report


def _late(kind: str, published: str) -> list:
    report = zero_report()
    report.meta.kind, report.meta.published = kind, published
    return [f for f in check(report) if f.rule == "M.late"]


@pytest.mark.parametrize(("kind", "due"), [("部门", date(2025, 1, 31)), ("人民政府", date(2025, 3, 31)),
                                           ("乡镇街道", date(2025, 1, 31)), ("其他", date(2025, 1, 31))])
def test_the_organ_kind_decides_the_deadline(kind: str, due: date) -> None:
    report = zero_report()
    report.meta.kind = kind
    assert deadline(report).day == due  # the report year is 2024


@pytest.mark.parametrize(("kind", "last_day", "first_late"), [("部门", "2025-01-31", "2025-02-01"),
                                                              ("乡镇街道", "2025-01-31", "2025-02-01"),
                                                              ("人民政府", "2025-03-31", "2025-04-01")])
def test_m_late_holds_on_the_last_day_and_fires_the_day_after(kind: str, last_day: str, first_late: str) -> None:
    assert _late(kind, last_day) == []
    assert _late(kind, "2025-01-02") == []
    [finding] = _late(kind, first_late)
    assert finding.rule == "M.late" and finding.severity == "warning" and finding.difference == 1
    assert finding.expected == last_day and finding.actual == first_late
    assert "晚了 1 天" in finding.message and "发布截止日期" in finding.message


def test_a_government_report_in_march_is_on_time_and_a_department_one_is_late() -> None:
    assert _late("人民政府", "2025-03-15") == []
    [finding] = _late("部门", "2025-03-15")
    assert finding.difference == 43 and "政府部门的年度报告应于次年1月31日前公布" in finding.message


def test_no_warning_without_a_date_or_year_and_an_unreadable_date_is_left_alone() -> None:
    assert _late("部门", "") == [] and _late("部门", "2025年2月") == [] and _late("部门", "2025-02-30") == []
    report = zero_report()
    report.meta.year, report.meta.published = None, "2030-01-01"
    assert [f for f in check(report) if f.rule == "M.late"] == []


def test_status_text_counts_the_days_left() -> None:
    report = zero_report()
    report.meta.year = 2025
    assert status_text(report, date(2026, 1, 19)) == "发布截止：2026年1月31日，还有 12 天"
    assert status_text(report, date(2026, 1, 31)) == "发布截止：2026年1月31日，就是今天"
    assert status_text(report, date(2026, 2, 2)) == "发布截止：2026年1月31日，已过 2 天"
    report.meta.kind = "人民政府"
    assert status_text(report, date(2026, 1, 19)) == "发布截止：2026年3月31日，还有 71 天"
    report.meta.published = "2026-03-20"
    assert status_text(report) == "发布截止：2026年3月31日；已于 2026年3月20日 发布"
    report.meta.kind = "部门"
    assert status_text(report) == "发布截止：2026年1月31日；发布日期 2026年3月20日，晚了 48 天"
    report.meta.year = None
    assert status_text(report) == "发布截止：统计年度未填写"


def test_check_prints_the_deadline_and_the_warning(tmp_path: Path) -> None:
    report = zero_report()
    report.meta.published = "2025-02-03"
    draft = tmp_path / "r.nianbao"
    save(report, draft)
    done = run_cli("check", str(draft))
    assert done.returncode == 0, done.stderr
    assert "提示 [M.late] 报告信息：发布日期 2025年2月3日晚于发布截止日期 2025年1月31日" in done.stdout
    assert done.stdout.splitlines()[-1] == "发布截止：2025年1月31日；发布日期 2025年2月3日，晚了 3 天"
