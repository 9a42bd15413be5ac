"""Edits as plain values, and the editor that applies them to a report.

Every change a clerk makes — typing a figure, pasting a block, writing prose, adding a
sub-head, switching how totals are kept, explaining a warning — is one frozen ``Edit``.
``Editor.apply`` makes it and returns a ``Change``: the cells whose values changed (totals
included), the texts and sections touched, the findings added and removed, and the edit
that undoes it. The window wraps edits in undo commands; the command line and tests apply
them with no Qt at all. No-op detection, parsing of typed text by cell kind, cleaning of
typed or pasted text (``Typed``, app.textclean) and totals recomputation live here, once.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from app.errors import CellValueError, FinalReportError
from app.format import META_FIELDS, META_TITLE, MetaKind, meta_field
from app.report import TOTALS_COMPUTED, TOTALS_NAMES, Part, Previous, Report
from app.review import ACTION_NAMES, SetFinal, SetNote
from app.rules import Checker, Finding, FindingsDelta, figures_of
from app.rules.checks import PREVIOUS
from app.textclean import clean, clean_edit
from app.values import CellValue, parse, parse_date, parse_year

PartField = Literal["title", "text"]


# ---------------------------------------------------------------- where a text lives


@dataclass(frozen=True)
class MetaPlace:
    """A field of 报告信息 (``organ``, ``kind``, ``year``, ``published``, ``contact``)."""

    field: str


@dataclass(frozen=True)
class SectionPlace:
    """A section's opening text (for table sections, the note under the table)."""

    section: str


@dataclass(frozen=True)
class PartPlace:
    """The title or text of one sub-head of a section."""

    section: str
    index: int
    field: PartField


TextPlace = MetaPlace | SectionPlace | PartPlace


def checked_input(place: TextPlace) -> str:
    """The input name the rules know a text place by: ``meta`` or the section id."""
    return "meta" if isinstance(place, MetaPlace) else place.section


def carried_key(place: TextPlace) -> str:
    """How ``Report.carried`` names a text still as carried from last year: ``s1`` or ``s1/2``."""
    if isinstance(place, PartPlace):
        return f"{place.section}/{place.index}"
    return place.section if isinstance(place, SectionPlace) else f"meta/{place.field}"


# ---------------------------------------------------------------- the edits

CellValues = tuple[tuple[str, CellValue], ...]


@dataclass(frozen=True)
class SetCells:
    """One or more cells set at once (a typed value, a pasted block, a deletion)."""

    values: CellValues
    marked: frozenset[str] = frozenset()  # cells still marked as taken from last year afterwards (undo)

    @classmethod
    def of(cls, values: dict[str, CellValue]) -> SetCells:
        """The edit that gives these cells these values."""
        return cls(tuple(values.items()))


@dataclass(frozen=True)
class SetText:
    """A text replaced by another (the whole field, as it now reads)."""

    place: TextPlace
    value: str
    marked: bool = False  # still marked 沿用上年 afterwards (the undo of the first edit of a carried text)


@dataclass(frozen=True)
class SetParts:
    """A section's sub-heads replaced as a whole: (title, text) in order."""

    section: str
    parts: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, section: str, parts: list[Part]) -> SetParts:
        """The edit that gives a section these sub-heads."""
        return cls(section, tuple((p.title, p.text) for p in parts))


@dataclass(frozen=True)
class SetTotalsMode:
    """Totals computed or kept as published; ``totals`` are values written after the switch.

    Switching to computed recomputes the totals unless ``totals`` restores them (the undo
    of a switch gives back the totals as they were).
    """

    mode: str
    totals: CellValues = ()


@dataclass(frozen=True)
class Explain:
    """A clerk's explanation of a warning (empty text removes it), for given figures."""

    key: str
    text: str
    figures: str = ""  # the finding's figures when explained; "" records none


@dataclass(frozen=True, eq=False)
class SetPrevious:
    """Last year's report attached, replaced, or (``None``) detached."""

    previous: Previous | None


@dataclass(frozen=True, eq=False)
class ReplaceContent:
    """The whole content of the report replaced by another's (a merge with a colleague's copy),
    as one step; the report object itself stays, so every view keeps reading it."""

    report: Report

    @classmethod
    def of(cls, report: Report) -> ReplaceContent:
        """The edit that gives the report this content (a copy: later edits never reach the value)."""
        return cls(copy.deepcopy(report))


TextEdit = SetText | SetParts | Explain
EXPLANATION_PLACE = "检查提示的说明"  # where a notice says an explanation's characters were removed


@dataclass(frozen=True)
class Typed:
    """Text someone typed or pasted, as an edit: cleaned on entry before it applies.

    ``Editor.apply`` strips what cannot be saved or printed (app.textclean) and returns in
    ``Change.notices`` what it removed and where; the change's ``edit`` is the edit as cleaned,
    so an undo command redoes it without cleaning (and telling) again. Text of our own (an
    import's markup, an undo's inverse) is applied as it is, never wrapped.
    """

    edit: TextEdit


Edit = SetCells | SetText | SetParts | SetTotalsMode | Explain | SetPrevious | SetNote | SetFinal | ReplaceContent | Typed


@dataclass(frozen=True)
class Change:
    """What applying an edit changed, and the edit that undoes it."""

    edit: Edit
    inverse: Edit
    cells: frozenset[str] = frozenset()
    texts: tuple[TextPlace, ...] = ()
    parts: frozenset[str] = frozenset()  # sections whose sub-heads were replaced
    totals_mode: str | None = None  # the new mode, when it switched
    previous: bool = False  # last year's report was attached, replaced or detached
    notes: frozenset[str] = frozenset()  # ids of review notes added, changed or removed
    final: bool = False  # the report was made final or editable again
    findings: FindingsDelta = field(default_factory=FindingsDelta)
    notices: tuple[str, ...] = ()  # what cleaning typed text removed, each naming where (Typed)

    @property
    def is_empty(self) -> bool:
        """Nothing changed (the edit was a no-op; it may still carry notices)."""
        return not (self.cells or self.texts or self.parts or self.totals_mode or self.previous or self.notes
                    or self.final or self.findings)


# ---------------------------------------------------------------- the editor


def _same(a: CellValue, b: CellValue) -> bool:
    """Equal and of the same type (0 and Decimal('0') are different values here)."""
    return a == b and type(a) is type(b)


class Editor:
    """Applies edits to one report and keeps its findings current."""

    def __init__(self, report: Report, previous: Report | None = None) -> None:
        self.report = report
        self.checker = Checker(report, previous)
        self._cleaned: tuple[Typed, tuple[Edit, tuple[str, ...]]] | None = None  # the last Typed edit cleaned

    @property
    def findings(self) -> list[Finding]:
        """The current findings, errors first."""
        return self.checker.findings

    # ------------------------------------------------------------ reading

    def text_at(self, place: TextPlace) -> str:
        """The text stored at a place (a year as its digits)."""
        if isinstance(place, MetaPlace):
            value = getattr(self.report.meta, place.field)
            return "" if value is None else str(value)
        narrative = self.report.sections[place.section]
        if isinstance(place, SectionPlace):
            return narrative.text
        part = narrative.parts[place.index]
        return part.title if place.field == "title" else part.text

    def is_computed(self, cell_id: str) -> bool:
        """Whether a cell is a total kept by the program (read-only in the form)."""
        return self.report.totals == TOTALS_COMPUTED and cell_id in self.report.computed_cells()

    def value_of(self, cell_id: str, text: str) -> CellValue:
        """The value typed text means in a cell of its kind; CellValueError (why) if none."""
        return parse(text, self.report.cell(cell_id).kind)

    def typed(self, cell_id: str, text: str) -> SetCells:
        """The edit a clerk means by typing ``text`` into a cell; CellValueError if it cannot be."""
        cell = self.report.cell(cell_id)
        try:
            value = self.value_of(cell_id, text)
        except CellValueError as error:
            raise CellValueError(f"“{cell.label}”：{error}") from None
        return SetCells(((cell_id, value),))

    def meta_value(self, field_id: str, text: str, today: date | None = None) -> str:
        """The text a 报告信息 field stores for what was typed: a 发布日期 as YYYY-MM-DD, a year as
        its digits, other fields as typed; CellValueError (the reason, in Chinese) when refused."""
        kind = meta_field(field_id).kind
        if kind is MetaKind.DATE:
            return parse_date(text, today)
        if kind is MetaKind.YEAR:
            year = parse_year(text, today)
            return "" if year is None else str(year)
        return text

    def meta_typed(self, field_id: str, text: str, today: date | None = None) -> SetText:
        """The edit a clerk means by typing ``text`` into a 报告信息 field; CellValueError if refused."""
        return SetText(MetaPlace(field_id), self.meta_value(field_id, text, today))

    def explain(self, finding: Finding, text: str) -> Explain:
        """The edit that explains this finding as it stands now (empty text withdraws it)."""
        return Explain(finding.key, text, figures_of(finding) if text else "")

    def cleaned(self, edit: Edit) -> tuple[Edit, tuple[str, ...]]:
        """A ``Typed`` edit's text as it may enter the report, and the notices of what was removed
        (app.textclean); any other edit as it is."""
        if not isinstance(edit, Typed):
            return edit, ()
        if self._cleaned is not None and self._cleaned[0] is edit:  # asked by is_noop, then by apply
            return self._cleaned[1]
        notices: list[str] = []

        def take(text: str, where: str, old: str | None = None) -> str:
            # with ``old``, the text it replaces: the bold an import marked there stays (clean_edit)
            value, found = clean(text, where) if old is None else clean_edit(old, text, where)
            notices.extend(found)
            return value

        inner = edit.edit
        plain: Edit
        if isinstance(inner, SetText):
            plain = replace(inner, value=take(inner.value, self._where(inner.place), self.text_at(inner.place)))
        elif isinstance(inner, SetParts):
            where = f"“{self.report.layout.section(inner.section).title}”"
            old = "".join(part.text for part in self.report.sections[inner.section].parts)  # moved sub-heads keep their bold
            plain = SetParts(inner.section, tuple((take(title, where), take(text, where, old))
                                                  for title, text in inner.parts))
        else:
            text = take(inner.text, EXPLANATION_PLACE)
            plain = Explain(inner.key, text, inner.figures if text else "")
        self._cleaned = (edit, (plain, tuple(notices)))
        return plain, tuple(notices)

    def _where(self, place: TextPlace) -> str:
        """How a notice names a text's place: 报告信息, or the section's title in quotes."""
        if isinstance(place, MetaPlace):
            return META_TITLE
        return f"“{self.report.layout.section(place.section).title}”"

    def is_noop(self, edit: Edit) -> bool:
        """Whether applying the edit would change nothing."""
        if isinstance(edit, Typed):
            return self.is_noop(self.cleaned(edit)[0])
        report = self.report
        if isinstance(edit, SetPrevious):
            return report.previous is edit.previous
        if isinstance(edit, SetNote):
            return next((n for n in report.notes if n.id == edit.note_id), None) == edit.note
        if isinstance(edit, SetFinal):
            return report.final == edit.final and tuple(report.final_log) == edit.log
        if isinstance(edit, ReplaceContent):
            from app.canonical import to_canonical

            return to_canonical(report) == to_canonical(edit.report)
        if isinstance(edit, SetCells):
            return (all(_same(report.cells[cid], value) for cid, value in edit.values)
                    and edit.marked == report.carried & {cid for cid, _ in edit.values})
        if isinstance(edit, SetText):
            return (self.text_at(edit.place) == edit.value
                    and edit.marked == (carried_key(edit.place) in report.carried))
        if isinstance(edit, SetParts):
            return SetParts.of(edit.section, report.sections[edit.section].parts) == edit
        if isinstance(edit, SetTotalsMode):
            return edit.mode == report.totals and all(_same(report.cells[c], v) for c, v in edit.totals)
        return (report.acknowledgements.get(edit.key, "") == edit.text
                and report.acknowledged_figures.get(edit.key, "") == edit.figures)

    # ------------------------------------------------------------ applying

    def apply(self, edit: Edit) -> Change:
        """Make the edit; returns what changed and the edit that undoes it."""
        if self.report.final is not None and not isinstance(edit, SetFinal):
            raise FinalReportError(FINAL_REFUSAL)
        if isinstance(edit, Typed):
            plain, notices = self.cleaned(edit)
            change = self.apply(plain)
            return replace(change, notices=notices) if notices else change
        if self.is_noop(edit):
            return Change(edit, edit)
        if isinstance(edit, SetNote):
            return self._note(edit)
        if isinstance(edit, SetFinal):
            return self._final(edit)
        if isinstance(edit, SetCells):
            return self._cells(edit)
        if isinstance(edit, SetText):
            return self._text(edit)
        if isinstance(edit, SetParts):
            return self._parts(edit)
        if isinstance(edit, SetTotalsMode):
            return self._totals(edit)
        if isinstance(edit, SetPrevious):
            return self._previous(edit)
        if isinstance(edit, ReplaceContent):
            return self._replace(edit)
        return self._explain(edit)

    def recheck(self) -> FindingsDelta:
        """Run every rule again (检查), returning what changed."""
        return self.checker.run_all()

    def _cells(self, edit: SetCells) -> Change:
        cells, carried = self.report.cells, self.report.carried
        ids = {cid for cid, _ in edit.values}
        inverse = SetCells(tuple((cid, cells[cid]) for cid, _ in edit.values), frozenset(carried & ids))
        changed: set[str] = set()
        for cell_id, value in edit.values:
            changed |= self.report.set_cell(cell_id, value)
        unmarked = (carried & ids) - edit.marked
        carried -= unmarked
        carried |= edit.marked
        return Change(edit, inverse, cells=frozenset(changed | unmarked | edit.marked),
                      findings=self.checker.update(changed))

    def _text(self, edit: SetText) -> Change:
        place, value = edit.place, edit.value
        key = carried_key(place)
        inverse = SetText(place, self.text_at(place), key in self.report.carried)
        if edit.marked:
            self.report.carried.add(key)
        else:
            self.report.carried.discard(key)
        if isinstance(place, MetaPlace):
            if place.field == "year":
                digits = value.strip()
                self.report.meta.year = int(digits) if digits.isdigit() else None
            else:
                setattr(self.report.meta, place.field, value)
        elif isinstance(place, SectionPlace):
            self.report.sections[place.section].text = value
        else:
            setattr(self.report.sections[place.section].parts[place.index], place.field, value)
        delta = self.checker.update([checked_input(place)])
        return Change(edit, inverse, texts=(place,), findings=delta)

    def _parts(self, edit: SetParts) -> Change:
        inverse = SetParts.of(edit.section, self.report.sections[edit.section].parts)
        old = self.report.sections[edit.section].parts
        carried = self.report.carried
        marked = {old[i].text for i in range(len(old)) if f"{edit.section}/{i}" in carried}
        carried -= {f"{edit.section}/{i}" for i in range(len(old))}
        # a sub-head moved or a neighbour removed keeps its 沿用上年 mark: marks follow the texts
        carried |= {f"{edit.section}/{i}" for i, (_title, text) in enumerate(edit.parts) if text and text in marked}
        self.report.sections[edit.section].parts = [Part(title, text) for title, text in edit.parts]
        return Change(edit, inverse, parts=frozenset((edit.section,)),
                      findings=self.checker.update([edit.section]))

    def _totals(self, edit: SetTotalsMode) -> Change:
        report = self.report
        computed = report.computed_cells()
        before = {c: report.cells[c] for c in computed}
        inverse = SetTotalsMode(report.totals, tuple(before.items()))
        report.totals = edit.mode
        if edit.totals:
            report.cells.update(dict(edit.totals))
        elif edit.mode == TOTALS_COMPUTED:
            report.recompute_totals()
        changed = {c for c in computed if not _same(before[c], report.cells[c])}
        delta = self.checker.update(changed | {"meta"})
        return Change(edit, inverse, cells=frozenset(changed), totals_mode=edit.mode, findings=delta)

    def _previous(self, edit: SetPrevious) -> Change:
        inverse = SetPrevious(self.report.previous)
        self.report.previous = edit.previous
        return Change(edit, inverse, previous=True, findings=self.checker.update([PREVIOUS]))

    def _note(self, edit: SetNote) -> Change:
        notes = self.report.notes
        index = next((i for i, n in enumerate(notes) if n.id == edit.note_id), None)
        inverse = SetNote(edit.note_id, None if index is None else notes[index], index)
        if edit.note is None:
            if index is not None:
                del notes[index]
        elif index is None:
            notes.insert(len(notes) if edit.index is None else edit.index, edit.note)
        else:
            notes[index] = edit.note
        return Change(edit, inverse, notes=frozenset((edit.note_id,)))

    def _final(self, edit: SetFinal) -> Change:
        report = self.report
        inverse = SetFinal(report.final, tuple(report.final_log))
        report.final = edit.final
        report.final_log = list(edit.log)
        return Change(edit, inverse, final=True)
    def _replace(self, edit: ReplaceContent) -> Change:
        report, new = self.report, copy.deepcopy(edit.report)
        if new.layout_id != report.layout_id:
            raise ValueError("ReplaceContent keeps the report's format")
        inverse = ReplaceContent(copy.deepcopy(report))
        cells = frozenset(c for c in report.cells if not _same(report.cells[c], new.cells[c])
                          or (c in report.carried) != (c in new.carried))
        texts: list[TextPlace] = [MetaPlace(f.id) for f in META_FIELDS
                                  if getattr(report.meta, f.id) != getattr(new.meta, f.id)]
        parts = frozenset(sid for sid in report.sections
                          if SetParts.of(sid, report.sections[sid].parts) != SetParts.of(sid, new.sections[sid].parts))
        texts += [SectionPlace(sid) for sid in report.sections if report.sections[sid].text != new.sections[sid].text
                  or (sid in report.carried) != (sid in new.carried)]
        parts |= {key.split("/")[0] for key in report.carried ^ new.carried if "/" in key and not key.startswith("meta")}
        mode = new.totals if new.totals != report.totals else None
        previous = report.previous is not new.previous
        for name in ("meta", "sections", "cells", "totals", "acknowledgements", "acknowledged_figures", "uncertain",
                     "previous", "carried"):
            setattr(report, name, getattr(new, name))
        return Change(edit, inverse, cells=cells, texts=tuple(texts), parts=parts, totals_mode=mode, previous=previous,
                      findings=self.checker.run_all())

    def _explain(self, edit: Explain) -> Change:
        report = self.report
        inverse = Explain(edit.key, report.acknowledgements.get(edit.key, ""),
                          report.acknowledged_figures.get(edit.key, ""))
        if edit.text:
            report.acknowledgements[edit.key] = edit.text
        else:
            report.acknowledgements.pop(edit.key, None)
        if edit.text and edit.figures:
            report.acknowledged_figures[edit.key] = edit.figures
        else:
            report.acknowledged_figures.pop(edit.key, None)
        restated = FindingsDelta(restated=tuple(self.checker.with_key(edit.key)))
        return Change(edit, inverse, findings=restated)


FINAL_REFUSAL = "本报告已定稿，不能修改。如需修改，请先取消定稿（“报告”菜单 → 取消定稿）。"


def undo_label(edit: Edit, report: Report) -> str:
    """How the undo history names an edit that was not given a name."""
    if isinstance(edit, SetNote):
        if edit.note is None:
            return "删除批注"
        old = next((n for n in report.notes if n.id == edit.note_id), None)
        if old is None:
            return "添加批注"
        return ("标为已处理" if edit.note.handled else "标为未处理") if old.handled != edit.note.handled else "修改批注"
    if isinstance(edit, SetFinal):
        return ACTION_NAMES["final" if edit.final is not None else "reopen"]
    if isinstance(edit, Typed):
        return undo_label(edit.edit, report)
    if isinstance(edit, SetText):
        if isinstance(edit.place, MetaPlace):
            return "修改报告信息"
        return f"编辑“{report.layout.section(edit.place.section).title}”"
    if isinstance(edit, SetTotalsMode):
        return f"合计改为{TOTALS_NAMES[edit.mode]}"
    if isinstance(edit, Explain):
        return "说明提示" if edit.text else "取消说明"
    if isinstance(edit, SetParts):
        return f"修改“{report.layout.section(edit.section).title}”的小标题"
    if isinstance(edit, ReplaceContent):
        return "替换报告内容"
    if isinstance(edit, SetPrevious):
        if edit.previous is None:
            return "移除上年报告"
        return "更换上年报告" if report.previous is not None else "附加上年报告"
    return f"修改 {len(edit.values)} 个单元格"
