"""What changed from last year's report to this one: every figure, the indicators a reader of
these reports looks at, and per section the sentences added, removed and kept.

One reading of the two reports feeds ``nianbao compare`` (text, JSON, PDF) and the window's
与上年对比 page.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.crossyear import judged, section_texts
from app.format import table_name
from app.format.correspond import corresponding
from app.report import Report
from app.values import number

Figure = int | Decimal


@dataclass(frozen=True)
class Change:
    """One cell in both years."""

    cell: str
    label: str
    last: Figure
    this: Figure

    @property
    def difference(self) -> Figure:
        """This year's figure minus last year's."""
        return self.this - self.last

    @property
    def percent(self) -> float | None:
        """The change in % of last year's figure; None when last year's is 0."""
        return None if not self.last else float(self.difference) / float(self.last) * 100


@dataclass(frozen=True)
class Indicator:
    """A figure or ratio readers compare between years; a ratio is None when its base is 0."""

    name: str
    last: float | None
    this: float | None
    ratio: bool = False
    basis: str = ""

    def shown(self, value: float | None) -> str:
        if value is None:
            return "—"
        return f"{value:.1f}%" if self.ratio else str(int(value))


@dataclass(frozen=True)
class SectionChange:
    """A section's sentences: added this year, removed since last year, kept (numbers and years aside)."""

    section: str
    title: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    kept: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """Last year's report against this one."""

    last_title: str
    this_title: str
    last_year: int | None
    this_year: int | None
    figures: tuple[Change, ...]  # biggest change first
    indicators: tuple[Indicator, ...]
    sections: tuple[SectionChange, ...]
    unmatched: tuple[str, ...]  # this year's cells with no cell of the same meaning last year

    def figure(self, cell: str) -> Change:
        """The change of one cell."""
        return next(f for f in self.figures if f.cell == cell)

    def indicator(self, name: str) -> Indicator:
        return next(i for i in self.indicators if i.name == name)


def _group(report: Report, prefix: str) -> Figure:
    """The total column of a t3 result group (r3 is r3_1…r3_8; the 2019 r6 is one row)."""
    ids = [c.id for c in report.layout.table("t3").cells
           if c.col == "total" and (c.row == prefix or c.row.startswith(prefix + "_"))]
    return report.total(ids)


def _t4(report: Report, groups: tuple[str, ...], column: str) -> Figure:
    """A t4 figure over some groups; the group total is the sum of its results (some published
    tables print 总计 0 over non-zero results, and a reader counts the cases)."""
    if column == "total":
        return sum((_t4(report, groups, c) for c in ("upheld", "corrected", "other", "pending")), 0)
    return report.total([f"t4.{g}.{column}" for g in groups])


def _ratio(part: Figure, whole: Figure) -> float | None:
    return float(part) / float(whole) * 100 if whole else None


def indicators(report: Report) -> dict[str, float | None]:
    """The indicators of one report (counts and ratios in %)."""
    r7 = number(report.cells.get("t3.r7.total"))
    r1, r2 = _group(report, "r1"), _group(report, "r2")
    everything = ("review", "direct", "after")
    decided = _t4(report, everything, "total") - _t4(report, everything, "pending")
    return {
        "新收申请": float(number(report.cells.get("t3.new.total"))),
        "办结": float(r7),
        "予以公开率": _ratio(r1, r7),
        "实质公开率": _ratio(r1 + r2, r7),
        "行政复议": float(_t4(report, ("review",), "total")),
        "行政诉讼": float(_t4(report, ("direct", "after"), "total")),
        "纠错率": _ratio(_t4(report, everything, "corrected"), decided),
    }


_RATIOS = {"予以公开率": "（一）予以公开 ÷ （七）总计", "实质公开率": "（（一）+（二））÷ （七）总计",
           "纠错率": "结果纠正 ÷ （总计 − 尚未审结），行政复议和行政诉讼合计"}


def _sections(last: Report, this: Report) -> tuple[SectionChange, ...]:
    changes = []
    for section in this.layout.sections:
        mine = [s for s in judged("\n".join(section_texts(this, section.id)), this.meta.year)]
        theirs = [s for s in judged("\n".join(section_texts(last, section.id)), last.meta.year)]
        their_keys, my_keys = {s.key for s in theirs}, {s.key for s in mine}
        changes.append(SectionChange(section.id, section.title,
                                     tuple(s.text for s in mine if s.key not in their_keys),
                                     tuple(s.text for s in theirs if s.key not in my_keys),
                                     tuple(s.text for s in mine if s.key in their_keys)))
    return tuple(changes)


def compare(last: Report, this: Report) -> Comparison:
    """Every figure of this year's report beside last year's, where the layouts' cells correspond
    (app.format.correspond: the same id, or the 2019 t2 cell of the same figure)."""
    changes: list[Change] = []
    unmatched: list[str] = []
    for cell in this.layout.cells:
        if cell.kind.value == "text":
            continue
        same = corresponding(cell.id, last.cells)
        if same is None:
            unmatched.append(cell.id)
            continue
        table = table_name(this.layout.table(cell.table))
        changes.append(Change(cell.id, f"{table} {cell.label}", number(last.cells[same]),
                              number(this.cells[cell.id])))
    changes.sort(key=lambda c: (-abs(float(c.difference)), -abs(c.percent or 0)))
    a, b = indicators(last), indicators(this)
    shown = tuple(Indicator(name, a[name], b[name], name in _RATIOS, _RATIOS.get(name, "")) for name in a)
    return Comparison(last.title, this.title, last.meta.year, this.meta.year, tuple(changes), shown,
                      _sections(last, this), tuple(unmatched))


def to_json(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON data (``nianbao compare --json``)."""

    def value(v: Figure) -> int | str:
        return v if isinstance(v, int) else str(v)

    return {
        "last": {"title": comparison.last_title, "year": comparison.last_year},
        "this": {"title": comparison.this_title, "year": comparison.this_year},
        "indicators": [{"name": i.name, "last": i.last, "this": i.this, "ratio": i.ratio, "basis": i.basis}
                       for i in comparison.indicators],
        "figures": [{"cell": f.cell, "label": f.label, "last": value(f.last), "this": value(f.this),
                     "difference": value(f.difference),
                     "percent": None if f.percent is None else round(f.percent, 1)} for f in comparison.figures],
        "sections": [{"section": s.section, "title": s.title, "added": list(s.added), "removed": list(s.removed),
                      "kept": list(s.kept)} for s in comparison.sections],
        "unmatched": list(comparison.unmatched),
    }


def percent_text(change: Change) -> str:
    """'+12.5%', or '新增' when last year's figure was 0."""
    if change.percent is None:
        return "新增" if change.this else "—"
    return f"{change.percent:+.1f}%"


def lines(comparison: Comparison, everything: bool = False) -> list[str]:
    """The comparison as text lines; figures that are 0 in both years only with ``everything``."""
    out = [f"{comparison.last_title} → {comparison.this_title}", "", "主要指标（上年 → 本年）："]
    for i in comparison.indicators:
        basis = f"（{i.basis}）" if i.basis else ""
        out.append(f"  {i.name}：{i.shown(i.last)} → {i.shown(i.this)}{basis}")
    out += ["", "各项数字（按变化大小排列）："]
    for f in comparison.figures:
        if not everything and not f.last and not f.this:
            continue
        sign = "+" if f.difference > 0 else ""
        out.append(f"  {f.label}：{f.last} → {f.this}（{sign}{f.difference}，{percent_text(f)}）")
    out += ["", "各部分文字（数字和年份不计）："]
    for s in comparison.sections:
        if s.added or s.removed or s.kept:
            out.append(f"  {s.title}：新增 {len(s.added)} 句，删去 {len(s.removed)} 句，保留 {len(s.kept)} 句")
            out += [f"    + {t}" for t in s.added] + [f"    − {t}" for t in s.removed] + [f"    = {t}" for t in s.kept]
    return out
