"""M.late (spec §9): the 发布日期 is not after the publication deadline of the organ's kind."""

from __future__ import annotations

from dataclasses import dataclass

from app.deadline import chinese_date, deadline, lateness, published_date
from app.report import Report
from app.rules.finding import WARNING, Finding

META = "meta"


@dataclass(frozen=True)
class LateCheck:
    """A report published after its deadline is a failure the format notice names (逾期公开)."""

    rule: str = "M.late"
    inputs: frozenset[str] = frozenset((META,))

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        days = lateness(report)
        due, published = deadline(report), published_date(report)
        if days is None or due is None or published is None:
            return []
        message = (f"报告信息：发布日期 {chinese_date(published)}晚于发布截止日期 {chinese_date(due.day)}"
                   f"（{due.basis}），晚了 {days} 天")
        return [Finding(self.rule, WARNING, message, f"{self.rule}:published", (), META,
                        due.day.isoformat(), published.isoformat(), days)]
