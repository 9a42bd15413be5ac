"""The draft model: one report's meta, narratives, figures and the clerk's notes on warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from app.format import DEFAULT_ORGAN_KIND, DEFAULT_S1_PARTS, ORGAN_KINDS, SECTIONS, TITLE_SUFFIX, Layout, layout
from app.format.model import Cell, Sum
from app.review import Final, Note, SignOffEvent
from app.values import CellValue, number

__all__ = ["ORGAN_KINDS", "TOTALS_COMPUTED", "TOTALS_PUBLISHED", "TOTALS_NAMES", "Meta", "Part", "Narrative", "Previous",
           "Report"]
TOTALS_COMPUTED = "computed"
TOTALS_PUBLISHED = "published"
# How the two ways of keeping totals are named wherever a user sees them.
TOTALS_NAMES = {TOTALS_COMPUTED: "自动计算", TOTALS_PUBLISHED: "按已发布数值录入"}


@dataclass
class Meta:
    """Who reports, for which year, and how to reach them."""

    organ: str = ""
    kind: str = DEFAULT_ORGAN_KIND
    year: int | None = None
    published: str = ""  # 发布日期 as written, normally YYYY-MM-DD
    contact: str = ""
    website: str = ""  # where the electronic version is published
    opening: str = ""  # the paragraph before 一; empty: the standard one (app.opening) prints


@dataclass
class Part:
    """A sub-head of a narrative section with its text; the （一） numbering is positional."""

    title: str
    text: str = ""


@dataclass
class Narrative:
    """A section's prose: an opening text, then its sub-heads in order."""

    text: str = ""
    parts: list[Part] = field(default_factory=list)

    def is_empty(self) -> bool:
        """True when the section holds no words at all."""
        return not self.text.strip() and not any(p.text.strip() for p in self.parts)

    def full_text(self) -> str:
        """All the section's words, sub-heads included, for the narrative checks."""
        chunks = [self.text] + [f"{p.title}\n{p.text}" for p in self.parts]
        return "\n".join(c for c in chunks if c)


@dataclass
class Previous:
    """Last year's report as attached to this year's draft: a snapshot kept inside the draft,
    so a colleague who receives the draft gets last year too."""

    report: Report
    source: str = ""  # the file it was taken from, by name only
    attached: str = ""  # when, ISO 8601 in UTC


@dataclass
class Report:
    """One annual report as a clerk edits it.

    ``totals`` says whether the format's totals are computed from their parts
    (a report made here) or kept as published (a report taken over from elsewhere).
    """

    layout_id: str = "2021"
    meta: Meta = field(default_factory=Meta)
    sections: dict[str, Narrative] = field(default_factory=dict)
    cells: dict[str, CellValue] = field(default_factory=dict)
    totals: str = TOTALS_COMPUTED
    acknowledgements: dict[str, str] = field(default_factory=dict)
    # finding key → the figures the explanation was written for (see app.rules.status)
    acknowledged_figures: dict[str, str] = field(default_factory=dict)
    uncertain: dict[str, str] = field(default_factory=dict)  # cell id or section → why an import could not read it
    previous: Previous | None = None  # last year's report, when attached
    carried: set[str] = field(default_factory=set)  # text places (app.editing) still as carried from last year
    notes: list[Note] = field(default_factory=list)  # review notes (批注), app.review
    final: Final | None = None  # set while the report is final (定稿), app.final
    final_log: list[SignOffEvent] = field(default_factory=list)  # every 定稿 and 取消定稿

    def __post_init__(self) -> None:
        for section in SECTIONS:
            self.sections.setdefault(section.id, Narrative())
        for cell in self.layout.cells:
            self.cells.setdefault(cell.id, None)

    @classmethod
    def new(cls, organ: str = "", year: int | None = None, kind: str = DEFAULT_ORGAN_KIND,
            layout_id: str = "2021") -> Report:
        """A fresh draft: every figure 0, narratives empty, section 一 with the usual sub-heads."""
        report = cls(layout_id=layout_id, meta=Meta(organ=organ, kind=kind, year=year))
        report.sections["s1"].parts = [Part(title) for title in DEFAULT_S1_PARTS]
        for cell in report.layout.cells:
            report.cells[cell.id] = Decimal("0") if cell.kind.value == "amount" else 0
        return report

    @property
    def layout(self) -> Layout:
        """The format this report is laid out in."""
        return layout(self.layout_id)

    @property
    def title(self) -> str:
        """The report's title as printed: {机关名称}{YYYY}年政府信息公开工作年度报告."""
        year = f"{self.meta.year}年" if self.meta.year else ""
        return f"{self.meta.organ}{year}{TITLE_SUFFIX}"

    def cell(self, cell_id: str) -> Cell:
        """The format's definition of a cell of this report."""
        return _cell_index(self.layout_id)[cell_id]

    def section_of(self, cell_id: str) -> str:
        """The section whose table holds a cell."""
        return self.layout.table(self.cell(cell_id).table).section

    def total(self, cell_ids: tuple[str, ...] | list[str]) -> int | Decimal:
        """The sum of some cells, blanks and unreadable values counting as 0."""
        return sum((number(self.cells[c]) for c in cell_ids), 0)

    def computed_cells(self) -> frozenset[str]:
        """The cells that are totals of others (read-only while totals are computed)."""
        return _computed_cells(self.layout_id)

    def set_cell(self, cell_id: str, value: CellValue) -> set[str]:
        """Store a value; in computed mode refresh the totals it feeds.

        Returns every cell whose value changed, so a view can repaint just those.
        """
        if cell_id not in self.cells:
            raise KeyError(cell_id)
        changed: set[str] = set()
        if self.cells[cell_id] != value or type(self.cells[cell_id]) is not type(value):
            self.cells[cell_id] = value
            changed.add(cell_id)
        if self.totals == TOTALS_COMPUTED:
            changed |= self.recompute_totals(cell_id)
        return changed

    def recompute_totals(self, source: str | None = None) -> set[str]:
        """Set totals to the sum of their parts: all, or those fed by ``source``.

        Returns the totals that changed.
        """
        changed: set[str] = set()
        affected = _affected_by(self.layout_id, source) if source else None
        for total in _sums_in_order(self.layout_id):
            if affected is not None and total.target not in affected:
                continue
            value = self.total(total.parts)
            if self.cells[total.target] != value:
                self.cells[total.target] = value
                changed.add(total.target)
        return changed


_CELL_INDEX: dict[str, dict[str, Cell]] = {}
_AFFECTED: dict[tuple[str, str], frozenset[str]] = {}
_COMPUTED: dict[str, frozenset[str]] = {}
_SUM_ORDER: dict[str, tuple[Sum, ...]] = {}


def _cell_index(layout_id: str) -> dict[str, Cell]:
    """Cells of a layout by id, built once per layout."""
    if layout_id not in _CELL_INDEX:
        _CELL_INDEX[layout_id] = {c.id: c for c in layout(layout_id).cells}
    return _CELL_INDEX[layout_id]


def _computed_cells(layout_id: str) -> frozenset[str]:
    """Targets of the layout's sums, built once (the form asks for every cell it paints)."""
    if layout_id not in _COMPUTED:
        _COMPUTED[layout_id] = frozenset(s.target for s in layout(layout_id).sums)
    return _COMPUTED[layout_id]


def _affected_by(layout_id: str, source: str) -> frozenset[str]:
    """The totals that change when ``source`` changes, directly or through other totals."""
    key = (layout_id, source)
    if key not in _AFFECTED:
        found: set[str] = set()
        frontier = [source]
        while frontier:
            name = frontier.pop()
            for total in layout(layout_id).sums:
                if name in total.parts and total.target not in found:
                    found.add(total.target)
                    frontier.append(total.target)
        _AFFECTED[key] = frozenset(found)
    return _AFFECTED[key]


def _sums_in_order(layout_id: str) -> tuple[Sum, ...]:
    """The layout's totals ordered so that a total is computed after the totals it adds up."""
    if layout_id not in _SUM_ORDER:
        pending = list(layout(layout_id).sums)
        # A total that feeds another may appear twice as a target (t3.r7.total); keep the
        # first definition of each target and order by dependency.
        seen: dict[str, Sum] = {}
        for total in pending:
            seen.setdefault(total.target, total)
        ordered: list[Sum] = []
        done: set[str] = set()
        targets = set(seen)
        while len(ordered) < len(seen):
            for target, total in seen.items():
                if target in done:
                    continue
                if all(p not in targets or p in done for p in total.parts):
                    ordered.append(total)
                    done.add(target)
        _SUM_ORDER[layout_id] = tuple(ordered)
    return _SUM_ORDER[layout_id]
