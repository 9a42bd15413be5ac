"""The publication deadline (spec §1, 条例第四十九条): who must publish by when, and how long is left.

Departments publish their report by 31 January of the next year; a local government's own report
(compiled by its 主管部门) by 31 March. 乡镇街道 and 其他 count as departments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.report import Report

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")

# The organ kinds whose own report is due by 31 March; every other kind by 31 January.
MARCH_KINDS = frozenset({"人民政府"})


def published_date(report: Report) -> date | None:
    """The 发布日期 as a date, when it is written as YYYY-MM-DD and is a real day."""
    match = _ISO_DATE.match(report.meta.published.strip())
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def chinese_date(day: date) -> str:
    """2025年1月20日, as a signature and the deadline are written."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Deadline:
    """A report's deadline and the rule it comes from, in the words a clerk reads."""

    day: date
    basis: str

    def text(self) -> str:
        """发布截止：2026年1月31日."""
        return f"发布截止：{chinese_date(self.day)}"


def deadline(report: Report) -> Deadline | None:
    """The deadline of a report, or None while its year is not set."""
    year = report.meta.year
    if year is None or not 1900 < year < 9999:
        return None
    if report.meta.kind in MARCH_KINDS:
        return Deadline(date(year + 1, 3, 31), "各级人民政府的年度报告应于次年3月31日前公布")
    return Deadline(date(year + 1, 1, 31), "政府部门的年度报告应于次年1月31日前公布")


def status_text(report: Report, today: date | None = None) -> str:
    """The line the window and ``check`` show, e.g. 发布截止：2026年1月31日，还有 12 天."""
    due = deadline(report)
    if due is None:
        return "发布截止：统计年度未填写"
    published = published_date(report)
    if published is not None:
        if published > due.day:
            return f"{due.text()}；发布日期 {chinese_date(published)}，晚了 {(published - due.day).days} 天"
        return f"{due.text()}；已于 {chinese_date(published)} 发布"
    left = (due.day - (today or date.today())).days
    if left > 0:
        return f"{due.text()}，还有 {left} 天"
    if left == 0:
        return f"{due.text()}，就是今天"
    return f"{due.text()}，已过 {-left} 天"


def lateness(report: Report) -> int | None:
    """Days the 发布日期 lies after the deadline (None when on time or not known)."""
    due, published = deadline(report), published_date(report)
    if due is None or published is None or published <= due.day:
        return None
    return (published - due.day).days
