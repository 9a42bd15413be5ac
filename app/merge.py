"""Bringing two colleagues' copies of one report back together (three-way merge).

From their newest common revision (``find_base``), a change made in one copy only is taken as
it is; the same change made in both is taken once; a cell, field or text changed differently in
both is a conflict the user decides: mine, theirs, for texts also both, or a text of their own.
Texts merge sentence by sentence, so edits to different sentences of one paragraph never
conflict. Without a common revision (two drafts begun separately) every difference is a choice.
The merged report is checked by the rules and its summary says what came from whom.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.diff import (CELL, EXPLAINED, KIND_NAMES, META, PREVIOUS, TEXT, TOTALS, carried_from_keys,
                      carried_keys, cell_where, explained_where, keyed_parts, part_where, pieces, previous_same,
                      previous_text, readable, text_places, text_where)
from app.editing import MetaPlace, TextPlace
from app.errors import NianbaoError
from app.format import META_FIELDS, META_TITLE
from app.report import TOTALS_COMPUTED, TOTALS_NAMES, Part, Report
from app.rules import Finding, check
from app.values import display

MINE, THEIRS, BOTH, EDITED = "mine", "theirs", "both", "edited"
PART = "part"  # a sub-head kept in one copy and removed (or never added) in the other
# How the sides and choices are named to the user.
SIDE_NAMES = {MINE: "我的副本", THEIRS: "同事的副本", BOTH: "双方相同的修改"}
CHOICE_NAMES = {MINE: "用我的", THEIRS: "用同事的", BOTH: "两者都保留", EDITED: "手动编辑"}


class MergeError(NianbaoError):
    """Two copies that cannot be merged at all (different report formats)."""


# ---------------------------------------------------------------- the base


def find_base(mine_path: Path, theirs_path: Path) -> Report | None:
    """The newest revision both copies share, with its full report; None when they share none."""
    from app.history import common_base

    common = common_base(Path(mine_path), Path(theirs_path))
    return None if common is None else common[1]


# ---------------------------------------------------------------- texts, sentence by sentence


@dataclass(frozen=True)
class Hunk:
    """A run of sentences both copies changed differently: the base's, mine and theirs."""

    base: tuple[str, ...]
    mine: tuple[str, ...]
    theirs: tuple[str, ...]


Segment = str | Hunk


@dataclass(frozen=True)
class TextMerge:
    """A text merged three ways: agreed words and the hunks still to decide."""

    segments: tuple[Segment, ...]
    sides: frozenset[str]  # MINE / THEIRS / BOTH: whose changes went in

    @property
    def clean(self) -> bool:
        return not any(isinstance(s, Hunk) for s in self.segments)

    def text(self, choice: str) -> str:
        """The text with every hunk taken as mine, theirs or both (mine first)."""
        out = []
        for segment in self.segments:
            if isinstance(segment, str):
                out.append(segment)
            elif choice == BOTH:
                out.append(_joined("".join(segment.mine), "".join(segment.theirs)))
            else:
                out.append("".join(segment.mine if choice == MINE else segment.theirs))
        return "".join(out)


def _joined(first: str, second: str) -> str:
    """Two versions of some sentences one after the other, as separate paragraphs."""
    if not first.strip() or not second.strip():
        return first + second
    if first.endswith("\n"):
        return first + second
    tail = len(second) - len(second.rstrip("\n"))
    return first + "\n" + second.rstrip("\n") + "\n" * tail


def _blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    return [m for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m[2]]


def _sync_regions(base: list[str], mine: list[str], theirs: list[str]) -> list[tuple[int, int, int, int]]:
    """Runs of base sentences kept unchanged in both copies: (base start, base end, mine start,
    theirs start), ending with an empty run at the three ends."""
    regions = []
    left, right = _blocks(base, mine), _blocks(base, theirs)
    i = j = 0
    while i < len(left) and j < len(right):
        b1, m1, n1 = left[i]
        b2, t2, n2 = right[j]
        lo, hi = max(b1, b2), min(b1 + n1, b2 + n2)
        if lo < hi:
            regions.append((lo, hi, m1 + lo - b1, t2 + lo - b2))
        if b1 + n1 < b2 + n2:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(mine), len(theirs)))
    return regions


def merge_text(base: str | None, mine: str, theirs: str) -> TextMerge:
    """Three versions of a text merged at sentence level (the spec's sentences); without a base
    two different texts are one hunk."""
    if mine == theirs:
        return TextMerge((mine,), frozenset({BOTH}) if base is not None and mine != base else frozenset())
    if base is None:
        return TextMerge((Hunk((), tuple(pieces(mine)), tuple(pieces(theirs))),), frozenset())
    if base == mine:
        return TextMerge((theirs,), frozenset({THEIRS}))
    if base == theirs:
        return TextMerge((mine,), frozenset({MINE}))
    b, m, t = pieces(base), pieces(mine), pieces(theirs)
    segments: list[Segment] = []
    sides: set[str] = set()
    zb = zm = zt = 0
    for start, end, m_start, t_start in _sync_regions(b, m, t):
        _unstable(b[zb:start], m[zm:m_start], t[zt:t_start], segments, sides)
        segments += b[start:end]
        zb, zm, zt = end, m_start + end - start, t_start + end - start
    return TextMerge(_compact(segments), frozenset(sides))


def _unstable(b: list[str], m: list[str], t: list[str], out: list[Segment], sides: set[str]) -> None:
    """A stretch where at least one copy changed the base's sentences."""
    if not (b or m or t):
        return
    if m == b:
        out += t
        sides.add(THEIRS)
    elif t == b:
        out += m
        sides.add(MINE)
    elif m == t:
        out += m
        sides.add(BOTH)
    elif len(b) == len(m) == len(t) > 1:  # sentences replaced one for one: decide each sentence alone
        for x, y, z in zip(b, m, t):
            _unstable([x], [y], [z], out, sides)
    else:
        out.append(Hunk(tuple(b), tuple(m), tuple(t)))


def _compact(segments: list[Segment]) -> tuple[Segment, ...]:
    """Neighbouring agreed words as one string, neighbouring hunks as one hunk."""
    out: list[Segment] = []
    for segment in segments:
        if out and isinstance(segment, str) and isinstance(out[-1], str):
            out[-1] += segment
        elif out and isinstance(segment, Hunk) and isinstance(out[-1], Hunk):
            last = out[-1]
            out[-1] = Hunk(last.base + segment.base, last.mine + segment.mine, last.theirs + segment.theirs)
        elif segment != "":
            out.append(segment)
    return tuple(out)


# ---------------------------------------------------------------- what a merge finds


@dataclass(frozen=True)
class Conflict:
    """A place both copies changed differently (or, without a base, hold differently).

    ``mine``/``theirs`` are shown; ``mine_value``/``theirs_value`` are written when chosen. A text's
    values are the whole merged text with its hunks taken one way; ``both_value`` both ways.
    """

    kind: str
    key: str
    where: str
    base: str
    mine: str
    theirs: str
    mine_value: Any
    theirs_value: Any
    both_value: Any = None
    cell: str | None = None
    section: str | None = None
    place: TextPlace | None = None
    hunks: tuple[Hunk, ...] = ()  # a text's sentences both copies changed, as the base had them and each has them

    @property
    def choices(self) -> tuple[str, ...]:
        """What the user may choose: texts can also keep both or be edited."""
        return (MINE, THEIRS, BOTH, EDITED) if self.kind == TEXT else (MINE, THEIRS)


@dataclass(frozen=True)
class Taken:
    """A change taken without asking: where, and from whom (MINE, THEIRS or BOTH)."""

    key: str
    where: str
    side: str


@dataclass(frozen=True)
class Decision:
    """How one conflict was decided: a choice, and the text typed for EDITED."""

    choice: str
    text: str = ""


@dataclass(frozen=True)
class MergeResult:
    """Two copies merged: what was taken, what is left to decide, and the report with every
    automatic change in (conflicts still as mine)."""

    base: Report | None
    mine: Report
    theirs: Report
    report: Report
    taken: tuple[Taken, ...]
    conflicts: tuple[Conflict, ...]

    def conflict(self, key: str) -> Conflict:
        return next(c for c in self.conflicts if c.key == key)

    def resolve(self, decisions: Mapping[str, Decision] | None = None, prefer: str = MINE) -> Report:
        """The merged report with each conflict decided (undecided ones as ``prefer``)."""
        decisions = decisions or {}
        report = copy.deepcopy(self.report)
        marks = carried_keys(self.mine) | carried_keys(self.theirs)
        for conflict in self.conflicts:
            decision = decisions.get(conflict.key, Decision(prefer))
            _write(report, conflict, _value_of(conflict, decision), self.theirs)
        if report.totals == TOTALS_COMPUTED:
            report.recompute_totals()
        report.carried = carried_from_keys(report, {k for k in marks if _still_carried(report, k, self.mine,
                                                                                       self.theirs)})
        return report


def _value_of(conflict: Conflict, decision: Decision) -> Any:
    if decision.choice == EDITED:
        return decision.text
    if decision.choice == BOTH and conflict.kind == TEXT:
        return conflict.both_value
    return conflict.theirs_value if decision.choice == THEIRS else conflict.mine_value


def _same_value(x: Any, y: Any) -> bool:
    return x == y and type(x) is type(y)


def _three(base: Any, mine: Any, theirs: Any, has_base: bool,
           same: Callable[[Any, Any], bool] = _same_value) -> tuple[Any, str | None] | None:
    """A value merged three ways: (the value, whose change it is or None for no change), or None
    when both copies changed it differently."""
    if same(mine, theirs):
        return mine, (BOTH if has_base and not same(mine, base) else None)
    if has_base and same(mine, base):
        return theirs, THEIRS
    if has_base and same(theirs, base):
        return mine, MINE
    return None


class _Merger:
    """One merge: walks the report's places in order and collects takes and conflicts."""

    def __init__(self, base: Report | None, mine: Report, theirs: Report) -> None:
        if mine.layout_id != theirs.layout_id:
            raise MergeError(f"两份草稿的报告格式不同（{mine.layout.name}、{theirs.layout.name}），不能合并。"
                             "请先把其中一份转换为相同格式。")
        self.has_base = base is not None and base.layout_id == mine.layout_id
        self.base = base if self.has_base else None
        self.mine, self.theirs = mine, theirs
        self.report = copy.deepcopy(mine)
        self.taken: list[Taken] = []
        self.conflicts: list[Conflict] = []

    def _base(self) -> Report:
        return self.base if self.base is not None else self.mine

    def run(self) -> MergeResult:
        self._meta()
        self._totals()
        self._cells()
        for sid in self.mine.sections:
            self._section(sid)
        self._explained()
        self._uncertain()
        self._previous()
        self.report.carried = set()
        result = MergeResult(self.base, self.mine, self.theirs, self.report, tuple(self.taken),
                             tuple(self.conflicts))
        return MergeResult(self.base, self.mine, self.theirs, result.resolve(), result.taken, result.conflicts)

    def _take(self, key: str, where: str, side: str | None) -> None:
        if side is not None:
            self.taken.append(Taken(key, where, side))

    def _meta(self) -> None:
        for f in META_FIELDS:
            key, where = f"meta:{f.id}", f"{META_TITLE} {f.label}"
            values = [getattr(r.meta, f.id) for r in (self._base(), self.mine, self.theirs)]
            merged = _three(values[0], values[1], values[2], self.has_base)
            if merged is None:
                shown = ["" if v is None else str(v) for v in values]
                self.conflicts.append(Conflict(META, key, where, shown[0] if self.has_base else "", shown[1], shown[2],
                                               values[1], values[2], section="meta", place=MetaPlace(f.id)))
            else:
                setattr(self.report.meta, f.id, merged[0])
                self._take(key, where, merged[1])

    def _totals(self) -> None:
        merged = _three(self._base().totals, self.mine.totals, self.theirs.totals, self.has_base)
        where = KIND_NAMES[TOTALS]
        if merged is None:
            self.conflicts.append(Conflict(TOTALS, "totals", where, TOTALS_NAMES[self._base().totals] if self.has_base
                                           else "", TOTALS_NAMES[self.mine.totals], TOTALS_NAMES[self.theirs.totals],
                                           self.mine.totals, self.theirs.totals))
        else:
            self.report.totals = merged[0]
            self._take("totals", where, merged[1])

    def _cells(self) -> None:
        both_computed = self.mine.totals == self.theirs.totals == TOTALS_COMPUTED
        derived = self.mine.computed_cells() if both_computed else frozenset()
        base = self._base()
        for cell in self.mine.layout.cells:
            if cell.id in derived:
                continue  # totals follow their parts once the parts are merged
            key, where = f"cell:{cell.id}", cell_where(self.mine, cell.id)
            values = (base.cells.get(cell.id), self.mine.cells[cell.id], self.theirs.cells[cell.id])
            merged = _three(values[0], values[1], values[2], self.has_base)
            if merged is None:
                self.conflicts.append(Conflict(CELL, key, where, display(values[0]) if self.has_base else "",
                                               display(values[1]), display(values[2]), values[1], values[2],
                                               cell=cell.id, section=self.mine.section_of(cell.id)))
            else:
                self.report.cells[cell.id] = merged[0]
                self._take(key, where, merged[1])

    def _section(self, sid: str) -> None:
        """A section's opening text, then its sub-heads: which stay, in what order, with what text."""
        base = self.base.sections[sid] if self.base is not None else None
        mine, theirs = self.mine.sections[sid], self.theirs.sections[sid]
        self._text(sid, base.text if base is not None else None, mine.text, theirs.text)
        b = dict(keyed_parts(base.parts)) if base is not None else {}
        m, t = dict(keyed_parts(mine.parts)), dict(keyed_parts(theirs.parts))
        kept: dict[str, Part] = {}
        for key in list(m) + [k for k in t if k not in m]:
            title = (m.get(key) or t[key]).title
            where, part_key = part_where(self.mine, sid, title), f"part:{sid}/{key}"
            if key in m and key in t:
                kept[key] = Part(title, m[key].text)
                continue
            side, part = (MINE, m[key]) if key in m else (THEIRS, t[key])
            if self.has_base and key not in b:
                kept[key] = Part(title, part.text)  # added in one copy
                self._take(part_key, where, side)
            elif self.has_base and part.text == b[key].text:
                self._take(part_key, where, THEIRS if side == MINE else MINE)  # removed in the other
            else:  # changed in one copy, removed in the other; or no base to tell
                self.conflicts.append(Conflict(PART, part_key, where, b[key].text if key in b else "",
                                               m[key].text if key in m else "", t[key].text if key in t else "",
                                               m.get(key), t.get(key), section=sid))
                if key in m:
                    kept[key] = Part(title, part.text)
        order = self._order(list(b), list(m), list(t), set(kept) | {c.key.split("/", 1)[1] for c in self.conflicts
                                                                    if c.kind == PART and c.section == sid})
        self.report.sections[sid].parts = [kept[k] for k in order if k in kept]
        for key in order:
            if key in m and key in t:
                self._text(f"{sid}/{key}", b[key].text if key in b else (None if not self.has_base else ""),
                           m[key].text, t[key].text)

    def _order(self, base: list[str], mine: list[str], theirs: list[str], keep: set[str]) -> list[str]:
        """The sub-heads' order: theirs when only they moved sub-heads, else mine; each copy's new
        sub-heads after the sub-head they follow there."""
        common = [k for k in base if k in mine and k in theirs]
        mine_moved = [k for k in mine if k in common] != common
        first, second = (mine, theirs) if mine_moved or not self.has_base else (theirs, mine)
        order = [k for k in first if k in keep]
        for index, key in enumerate(second):
            if key in keep and key not in order:
                before = next((k for k in reversed(second[:index]) if k in order), None)
                order.insert(order.index(before) + 1 if before is not None else 0, key)
        return order

    def _text(self, key: str, base: str | None, mine: str, theirs: str) -> None:
        merged = merge_text(base if self.has_base else None, mine, theirs)
        text_key, where = f"text:{key}", text_where(self.mine if self._has_text(self.mine, key) else self.theirs, key)
        if merged.clean:
            self._set_text(key, merged.text(MINE))
            for side in sorted(merged.sides):
                self._take(text_key, where, side)
            return
        place = text_places(self.mine).get(key, (None, ""))[0]
        section = key.split("/")[0]
        self.conflicts.append(Conflict(TEXT, text_key, where, base or "", mine, theirs, merged.text(MINE),
                                       merged.text(THEIRS), merged.text(BOTH), section=section, place=place,
                                       hunks=tuple(s for s in merged.segments if isinstance(s, Hunk))))

    @staticmethod
    def _has_text(report: Report, key: str) -> bool:
        return key in text_places(report)

    def _set_text(self, key: str, text: str) -> None:
        _write_text(self.report, key, text)

    def _explained(self) -> None:
        base = self._base()
        keys = sorted(set(base.acknowledgements) | set(self.mine.acknowledgements) | set(self.theirs.acknowledgements))
        for key in keys:
            values = [(r.acknowledgements.get(key, ""), r.acknowledged_figures.get(key, ""))
                      for r in (base, self.mine, self.theirs)]
            merged = _three(values[0], values[1], values[2], self.has_base)
            if merged is not None and merged[1] is None:
                continue  # the same in both copies (and the base)
            where = explained_where(self.mine if key in self.mine.acknowledgements else self.theirs, key)
            if merged is None:
                self.conflicts.append(Conflict(EXPLAINED, f"explained:{key}", where,
                                               values[0][0] if self.has_base else "", values[1][0], values[2][0],
                                               values[1], values[2]))
            else:
                _write_explained(self.report, key, merged[0])
                self._take(f"explained:{key}", where, merged[1])

    def _uncertain(self) -> None:
        """The notes an import left on unread cells: merged three ways, mine kept where both differ."""
        base = self._base()
        out = {}
        for key in set(base.uncertain) | set(self.mine.uncertain) | set(self.theirs.uncertain):
            values = [r.uncertain.get(key) for r in (base, self.mine, self.theirs)]
            merged = _three(values[0], values[1], values[2], self.has_base)
            value = values[1] if merged is None else merged[0]
            if value is not None:
                out[key] = value
        self.report.uncertain = out

    def _previous(self) -> None:
        def same(a: Report, b: Report) -> bool:
            return previous_same(a, b)

        merged = _three(self._base(), self.mine, self.theirs, self.has_base, same)
        where = KIND_NAMES[PREVIOUS]
        if merged is None:
            self.conflicts.append(Conflict(PREVIOUS, "previous", where,
                                           previous_text(self._base()) if self.has_base else "",
                                           previous_text(self.mine), previous_text(self.theirs),
                                           self.mine.previous, self.theirs.previous))
        else:
            self.report.previous = merged[0].previous
            self._take("previous", where, merged[1])


def merge(base: Report | None, mine: Report, theirs: Report) -> MergeResult:
    """Merge two copies from their common base (None: no common revision, every difference a choice)."""
    return _Merger(base, mine, theirs).run()


# ---------------------------------------------------------------- writing a decision


def _find_part(report: Report, key: str) -> Part | None:
    section, _, title = key.partition("/")
    return dict(keyed_parts(report.sections[section].parts)).get(title)


def _write_text(report: Report, key: str, text: str) -> None:
    section, sep, _title = key.partition("/")
    if not sep:
        report.sections[section].text = text
        return
    part = _find_part(report, key)
    if part is not None:
        part.text = text


def _write_explained(report: Report, key: str, value: tuple[str, str]) -> None:
    text, figures = value
    if text:
        report.acknowledgements[key] = text
    else:
        report.acknowledgements.pop(key, None)
    if text and figures:
        report.acknowledged_figures[key] = figures
    else:
        report.acknowledged_figures.pop(key, None)


def _write(report: Report, conflict: Conflict, value: Any, theirs: Report) -> None:
    key = conflict.key.split(":", 1)[1] if ":" in conflict.key else conflict.key
    if conflict.kind == CELL:
        report.cells[key] = value
    elif conflict.kind == META:
        setattr(report.meta, key, value)
    elif conflict.kind == TOTALS:
        report.totals = value
    elif conflict.kind == TEXT:
        _write_text(report, key, value)
    elif conflict.kind == EXPLAINED:
        _write_explained(report, key, value)
    elif conflict.kind == PREVIOUS:
        report.previous = value
    elif conflict.kind == PART:
        _write_part(report, key, value, theirs)


def _write_part(report: Report, key: str, value: Part | None, theirs: Report) -> None:
    """Keep (with the chosen copy's text) or remove a sub-head one copy no longer has."""
    section, _, title_key = key.partition("/")
    parts = report.sections[section].parts
    present = [k for k, _ in keyed_parts(parts)]
    if value is None:
        if title_key in present:
            del parts[present.index(title_key)]
        return
    if title_key in present:
        parts[present.index(title_key)].text = value.text
        return
    order = [k for k, _ in keyed_parts(theirs.sections[section].parts)]
    index = order.index(title_key) if title_key in order else len(parts)
    before = next((present.index(k) + 1 for k in reversed(order[:index]) if k in present), 0)
    parts.insert(before, Part(value.title, value.text))


def _still_carried(report: Report, key: str, mine: Report, theirs: Report) -> bool:
    """A 沿用上年 mark stays where the merged words are those of a copy that still marks them."""
    def value(r: Report) -> Any:
        if key in r.cells:
            return ("cell", r.cells[key])
        if key.startswith("meta/"):
            return ("meta", getattr(r.meta, key[5:], None))
        found = text_places(r).get(key)
        return None if found is None else ("text", found[1])

    now = value(report)
    return now is not None and any(key in carried_keys(r) and value(r) == now for r in (mine, theirs))


# ---------------------------------------------------------------- the outcome


@dataclass(frozen=True)
class Outcome:
    """A finished merge: the report, its findings and the summary of what came from whom."""

    report: Report
    findings: tuple[Finding, ...]
    summary: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)


def finish(result: MergeResult, decisions: Mapping[str, Decision] | None = None, prefer: str = MINE) -> Outcome:
    """Decide the conflicts, check the merged report and say what came from whom."""
    decisions = decisions or {}
    report = result.resolve(decisions, prefer)
    findings = tuple(check(report))
    counts = {MINE: 0, THEIRS: 0, BOTH: 0}
    for taken in result.taken:
        counts[taken.side] += 1
    chosen = {choice: 0 for choice in CHOICE_NAMES}
    for conflict in result.conflicts:
        chosen[decisions.get(conflict.key, Decision(prefer)).choice] += 1
    lines = [("从共同的上一版本合并" if result.base is not None else "两份草稿没有共同的修订记录，逐项选择")
             + f"：自动取自{SIDE_NAMES[MINE]} {counts[MINE]} 处，取自{SIDE_NAMES[THEIRS]} {counts[THEIRS]} 处，"
               f"{SIDE_NAMES[BOTH]} {counts[BOTH]} 处。"]
    if result.conflicts:
        lines.append(f"冲突 {len(result.conflicts)} 处：" + "，".join(f"{CHOICE_NAMES[c]} {n} 处"
                                                                   for c, n in chosen.items() if n) + "。")
    for taken in result.taken:
        if taken.side != MINE:
            lines.append(f"  {taken.where}：{SIDE_NAMES[taken.side]}")
    for conflict in result.conflicts:
        lines.append(f"  {conflict.where}：{CHOICE_NAMES[decisions.get(conflict.key, Decision(prefer)).choice]}")
    errors = sum(f.is_error for f in findings)
    lines.append(f"合并结果检查：{errors} 个错误，{len(findings) - errors} 个提示。")
    return Outcome(report, findings, tuple(lines), {**counts, "conflicts": len(result.conflicts)})


def conflict_lines(result: MergeResult) -> list[str]:
    """The conflicts as text lines, both copies' values side by side."""
    out = []
    for index, c in enumerate(result.conflicts, 1):
        base = f"（原为：{_short(c.base)}）" if result.base is not None and c.kind != PART else ""
        if c.kind == PART:
            mine = _short(c.mine) if c.mine_value is not None else "已删去"
            theirs = _short(c.theirs) if c.theirs_value is not None else "已删去"
        else:
            mine, theirs = _short(c.mine), _short(c.theirs)
        out.append(f"{index}. {c.where}：我的副本：{mine}；同事的副本：{theirs}{base}")
    return out


def _short(text: str) -> str:
    if not text:
        return "（空）"
    flat = readable(text).replace("\n", " ↵ ")
    return flat if len(flat) <= 80 else flat[:78] + "……"


def to_json(result: MergeResult, outcome: Outcome | None = None) -> dict[str, Any]:
    """The merge as plain JSON data (``nianbao merge --json``)."""
    return {
        "base": result.base is not None,
        "taken": [{"key": t.key, "where": t.where, "side": t.side} for t in result.taken],
        "conflicts": [{"kind": c.kind, "key": c.key, "where": c.where, "base": c.base, "mine": c.mine,
                       "theirs": c.theirs, "choices": list(c.choices)} for c in result.conflicts],
        **({"summary": list(outcome.summary), "counts": outcome.counts,
            "findings": [f.to_json() for f in outcome.findings]} if outcome is not None else {}),
    }


__all__ = ["MINE", "THEIRS", "BOTH", "EDITED", "PART", "Conflict", "Decision", "Hunk", "MergeError", "MergeResult",
           "Outcome", "Taken", "TextMerge", "conflict_lines", "find_base", "finish", "merge", "merge_text", "to_json"]
