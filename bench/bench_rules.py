"""How long the rules take: a full check of one report, and the re-check after one cell edit.

Prints median figures; the target is well under a millisecond per rule.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.report import Report  # noqa: E402
from app.rules import RULE_IDS, Checker, check  # noqa: E402


def _sample_report() -> Report:
    report = Report.new(organ="测试县人民政府", year=2024)
    report.sections["s1"].text = ("2024年，我县公开各类信息16条，其中政务服务改革工作信息13条，事项清单公告公示6条。"
                                  "全年受理申请95件，行政复议2件，行政诉讼1件。") * 20
    report.sections["s5"].text = "主要问题是公开内容不够全面。" * 50
    report.sections["s6"].text = "本年度未收取信息处理费。"
    return report


def _median_us(samples: list[float]) -> float:
    return statistics.median(samples) * 1e6


def main() -> None:
    report = _sample_report()
    previous = _sample_report()
    full = []
    for _ in range(200):
        start = time.perf_counter()
        check(report, previous)
        full.append(time.perf_counter() - start)
    checker = Checker(report, previous)
    single = []
    for i in range(2000):
        start = time.perf_counter()
        checker.update(report.set_cell("t3.new.natural", i % 7))
        single.append(time.perf_counter() - start)
    print(f"full check (all {len(RULE_IDS)} rules, with last year): median {_median_us(full):.0f} µs, "
          f"{_median_us(full) / len(RULE_IDS):.0f} µs per rule")
    print(f"single-cell re-check (t3.new.natural, totals recomputed): median {_median_us(single):.0f} µs")


if __name__ == "__main__":
    main()
