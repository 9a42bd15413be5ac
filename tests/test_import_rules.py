"""Rules on imported layouts: the 2019 layout (table 二 is t2_2019) is checked like the others."""

from __future__ import annotations

from app.report import Report
from app.rules import check


def test_a_2019_report_can_be_checked() -> None:
    report = Report(layout_id="2019", totals="published")
    report.meta.organ, report.meta.year = "上海市人民政府办公厅", 2019
    findings = check(report)  # used to raise KeyError('t2') in S.missing
    missing = {f.section for f in findings if f.rule == "S.missing"}
    assert missing == {"s1", "s2", "s3", "s4", "s5", "s6"}
    report.cells["t2_2019.gz.made"] = 13
    assert "s2" not in {f.section for f in check(report) if f.rule == "S.missing"}


def test_hybrid_report_checks_the_single_other_row() -> None:
    report = Report(layout_id="hybrid", totals="published")
    report.cells.update({"t3.r6.natural": 2, "t3.r7.natural": 0})
    sums = [f for f in check(report) if f.rule == "T3.sum"]
    assert sums and "t3.r6.natural" in sums[0].cells
