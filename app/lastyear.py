"""Last year's report as part of this year's draft: attaching it, the questions to ask first,
and starting this year's draft from it."""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from pathlib import Path

from app.editing import PartPlace, SectionPlace, carried_key
from app.format import T3_COLUMNS
from app.report import Narrative, Part, Previous, Report

CARRIED_MARK = "沿用上年"  # how a paragraph still as carried from last year is marked


def snapshot(last: Report, source: str | Path = "", when: datetime | None = None,
             notices: list[str] | None = None) -> Previous:
    """A copy of last year's report to keep inside this year's draft (its own last year left out),
    its texts cleaned as any text entering a report is (app.textclean); what was stripped is
    added to ``notices``, each sentence saying it was in last year's report."""
    from app.textclean import clean_report

    kept = copy.deepcopy(last)
    kept.previous = None
    kept.carried = set()
    kept.notes, kept.final, kept.final_log = [], None, []  # last year's review and sign-off stay with its file
    found = clean_report(kept)
    if notices is not None:
        notices.extend(f"上年报告：{notice}" for notice in found)
    moment = (when or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    return Previous(kept, Path(source).name if source else "", moment.isoformat())


def mismatches(report: Report, last: Report) -> list[str]:
    """What makes a report doubtful as this draft's last year, as sentences to ask the user about."""
    found = []
    if report.meta.organ.strip() and last.meta.organ.strip() and report.meta.organ.strip() != last.meta.organ.strip():
        found.append(f"上年报告的机关是“{last.meta.organ}”，本报告是“{report.meta.organ}”。")
    if report.meta.year and last.meta.year != report.meta.year - 1:
        shown = f"{last.meta.year} 年度" if last.meta.year else "没有写明年度"
        found.append(f"上年报告{'是' if last.meta.year else ''}{shown}，本报告是 {report.meta.year} 年度"
                     f"（上年应为 {report.meta.year - 1} 年度）。")
    return found


def carried_cells(report: Report) -> dict[str, str]:
    """This year's 上年结转 cells and last year's 结转下年度 cells they are preset from."""
    layout = report.layout
    return {layout.named_cell(f"carried.{c}"): layout.named_cell(f"next.{c}") for c in T3_COLUMNS}


def start_from(last: Report, year: int, texts: bool = False, source: str | Path = "") -> Report:
    """This year's draft begun from last year's: organ, kind, contact and 一's sub-head titles
    carried; every figure 0 except 上年结转, preset from last year's 结转下年度 (marked as taken
    from last year); the narratives carried only with ``texts``, each carried paragraph marked;
    last year attached."""
    report = Report.new(organ=last.meta.organ, year=year, kind=last.meta.kind)
    report.meta.contact, report.meta.website = last.meta.contact, last.meta.website
    titles = [p.title for p in last.sections["s1"].parts if p.title.strip()]
    if titles:
        report.sections["s1"].parts = [Part(t) for t in titles]
    for this_id, last_id in carried_cells(report).items():
        value = last.cells.get(last_id)
        report.cells[this_id] = value if isinstance(value, int) and not isinstance(value, bool) else 0
        report.carried.add(this_id)
    report.recompute_totals()
    if texts:
        for sid, narrative in last.sections.items():
            if sid == "s1" and titles:
                parts = [Part(p.title, p.text) for p in narrative.parts if p.title.strip()]
            else:
                parts = [Part(p.title, p.text) for p in narrative.parts]
            report.sections[sid] = Narrative(narrative.text, parts)
            if narrative.text.strip():
                report.carried.add(carried_key(SectionPlace(sid)))
            for index, part in enumerate(parts):
                if part.text.strip():
                    report.carried.add(carried_key(PartPlace(sid, index, "text")))
    report.previous = snapshot(last, source)
    return report
