"""The rules of the format specification (section 6), each one small declarative definition.

A definition is a function of the layout, registered with ``@rule``, that yields one
``Check`` per place the rule applies: its inputs (cell ids, section ids, ``meta``,
``previous``, so the engine re-runs only what an edit touches), the cells and section a
finding points at, its severity, the labels its sentence mentions (taken from the format)
and a test saying what must hold — the ways it fails, as ``Failure`` figures. The sentences
are in ``app.rules.messages``, keyed by rule id.

Adding a rule is one definition here plus one sentence in the catalogue. Every cell a
check names is checked against the layout when the checks are built (at import, by the
engine): a renamed cell fails loudly instead of silently dropping a rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from app.errors import FormatDefinitionError
from app.format import (
    DEFAULT_S1_PARTS,
    DOCUMENT_ROWS,
    META_TITLE,
    T3_COLUMNS,
    YEAR_RANGE,
    CellKind,
    ItemRole,
    Layout,
    Table,
    meta_field,
    part_numbers,
    subheading_text,
    table_name,
)
from app.format.parts import NUMBERED
from app.format.model import Balance, Sum
from app.claims import claim_cells, contradictions
from app.deadline import chinese_date, deadline, lateness, published_date
from app.crossyear import COPY_SHARE, copied_section, copied_table, stale_year_sentences
from app.exporters.markup import unmarked
from app.narrative import parts_claims
from app.report import Report
from app.rules.finding import ERROR, WARNING, Figure, Finding
from app.rules.messages import message
from app.values import display, is_valid, number

META = "meta"
PREVIOUS = "previous"
NARRATIVE_SECTIONS = ("s1", "s5", "s6")
FEE_MAX_DECIMALS = 4
FEE_PLAUSIBLE_MAX = Decimal(1_000_000)  # 万元, i.e. 100亿元: above this the unit is likely 元
_FEE_WORDS = ("处理费", "收费")  # or 收取 … 费 in one text (未收取任何费用)


# ---------------------------------------------------------------- the shape of a rule


@dataclass(frozen=True)
class Failure:
    """One way a check failed: its figures and the words its sentence needs.

    ``place`` refines the check's place in the finding's key (a quoted claim);
    ``cells`` overrides the cells the finding points at.
    """

    expected: Figure = None
    actual: Figure = None
    difference: Figure = None
    words: Mapping[str, object] = field(default_factory=dict)
    variant: str = ""
    place: str = ""
    cells: tuple[str, ...] | None = None


Test = Callable[[Report, "Report | None"], Iterable[Failure]]


@dataclass(frozen=True, eq=False)
class Check:
    """A rule applied at one place: what it reads, where it points, and what must hold."""

    rule: str
    severity: str
    place: str  # names the place in the finding's key, e.g. ``t3.new.total`` or ``s1``
    inputs: frozenset[str]
    test: Test
    cells: tuple[str, ...] = ()
    section: str | None = None
    words: Mapping[str, object] = field(default_factory=dict)

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        """The findings at this place; empty when the rule holds."""
        return [
            Finding(self.rule, self.severity, message(self.rule, f.variant, **{**self.words, **f.words}),
                    ":".join(part for part in (self.rule, self.place, f.place) if part),
                    self.cells if f.cells is None else f.cells, self.section,
                    f.expected, f.actual, f.difference)
            for f in self.test(report, previous)
        ]


Definition = Callable[[Layout], Iterable[Check]]
RULES: list[tuple[str, Definition]] = []


def rule(rule_id: str) -> Callable[[Definition], Definition]:
    """Register a rule's definition (the order of registration is the order of findings)."""

    def register(definition: Definition) -> Definition:
        RULES.append((rule_id, definition))
        return definition

    return register


def _gap(expected: int | Decimal, actual: int | Decimal) -> Failure | None:
    """The failure of an equality, or None when it holds."""
    if expected == actual:
        return None
    return Failure(expected, actual, expected - actual, {"gap": abs(expected - actual)})


def _terms(report: Report, cells: tuple[str, ...], label_of: Mapping[str, str]) -> str:
    """'自然人 5 + 商业企业 空白 = 5（空白按 0 计）'; long sums list only their non-zero terms."""
    shown = cells if len(cells) <= 7 else tuple(c for c in cells if number(report.cells[c]))
    value = report.total(cells)
    blank = any(report.cells[c] is None for c in cells)
    if not shown:
        return f"各项均为 {'0 或空白' if blank else '0'}，合计 {value}"
    text = " + ".join(f"{label_of[c]} {_figure(report.cells[c])}" for c in shown)
    if len(shown) < len(cells):
        hidden_blank = any(report.cells[c] is None for c in cells if c not in shown)
        text = f"{text}（其余各项为 {'0 或空白' if hidden_blank else '0'}）"
    return f"{text} = {value}" + ("（空白按 0 计）" if blank else "")


def _figure(value: object) -> str:
    """A cell's figure in a message: a blank published cell is 空白, not 0."""
    return "空白" if value is None else str(number(value))  # type: ignore[arg-type]  # a cell holds int | Decimal | str


def _unnumbered(label: str) -> str:
    """A row label without its 一、 or （一） numbering: 结转下年度继续办理."""
    return label.split("、", 1)[-1] if "、" in label[:3] else label


# ---------------------------------------------------------------- the rules


@rule("M.meta")
def organ_and_year(layout: Layout) -> Iterator[Check]:
    """The organ name and the report year are set (M.meta)."""
    organ, year = meta_field("organ"), meta_field("year")

    def named(report: Report, _previous: Report | None) -> Iterator[Failure]:
        if not report.meta.organ.strip():
            yield Failure(variant="missing", words={"field": organ.label}, place="organ")

    def valid_year(report: Report, _previous: Report | None) -> Iterator[Failure]:
        low, high = YEAR_RANGE
        if report.meta.year is None:
            yield Failure(variant="missing", words={"field": year.label}, place="year")
        elif not low <= report.meta.year <= high:
            yield Failure(f"{low}–{high}", report.meta.year, None, {"field": year.label, "year": report.meta.year},
                          "year", "year")

    for test in (named, valid_year):
        yield Check("M.meta", ERROR, "", frozenset((META,)), test, (), META, {"meta": META_TITLE})


@rule("M.late")
def published_in_time(layout: Layout) -> Iterator[Check]:
    """The 发布日期 is not after the deadline of the organ's kind (M.late, spec §9; app.deadline)."""

    def holds(report: Report, _previous: Report | None) -> Iterator[Failure]:
        days, due, published = lateness(report), deadline(report), published_date(report)
        if days is None or due is None or published is None:
            return
        yield Failure(due.day.isoformat(), published.isoformat(), days,
                      {"published": chinese_date(published), "due": chinese_date(due.day), "basis": due.basis,
                       "days": days}, place="published")

    yield Check("M.late", WARNING, "", frozenset((META,)), holds, (), META, {"meta": META_TITLE})


def _sum_check(table: Table, total: Sum) -> Check:
    """A total equals the sum of its parts; labels by column within a row, else by row."""
    target = table.cell(total.target)
    same_row = all(table.cell(p).row == target.row for p in total.parts)
    labels = {p: table.cell(p).col_label if same_row else table.cell(p).row_label for p in total.parts}

    def holds(report: Report, _previous: Report | None) -> Iterator[Failure]:
        failure = _gap(report.total(total.parts), number(report.cells[total.target]))
        if failure:
            yield Failure(failure.expected, failure.actual, failure.difference,
                          {**failure.words, "terms": _terms(report, total.parts, labels),
                           "actual": failure.actual},
                          "blank" if report.cells[total.target] is None else "")

    return Check(total.rule, ERROR, total.target, frozenset((total.target, *total.parts)), holds,
                 (total.target, *total.parts), None,
                 {"scope": total.scope, "target": target.col_label if same_row else target.row_label})


@rule("T3.row/T3.sum/T4.sum")
def row_totals(layout: Layout) -> Iterator[Check]:
    """Every total of the format equals the sum of its parts (T3.row, T3.sum, T4.sum)."""
    for table in layout.tables:
        for total in table.sums:
            yield _sum_check(table, total)


def _balance_check(table: Table, balance: Balance) -> Check:
    labels = {c: table.cell(c).row_label for c in balance.lhs + balance.rhs}  # the terms its sentence names

    def holds(report: Report, _previous: Report | None) -> Iterator[Failure]:
        failure = _gap(report.total(balance.lhs), report.total(balance.rhs))
        if failure:
            yield Failure(failure.expected, failure.actual, failure.difference,
                          {**failure.words, "lhs": _terms(report, balance.lhs, labels),
                           "rhs": _terms(report, balance.rhs, labels)})

    return Check(balance.rule, ERROR, balance.lhs[0], frozenset(balance.lhs + balance.rhs), holds,
                 balance.lhs + balance.rhs, None, {"scope": balance.scope})


@rule("T3.col")
def column_balances(layout: Layout) -> Iterator[Check]:
    """New plus carried equals handled plus carried on, per column (T3.col)."""
    for table in layout.tables:
        for balance in table.balances:
            yield _balance_check(table, balance)


_WANTED = {CellKind.COUNT: "不小于 0 的整数", CellKind.SIGNED: "整数",
           CellKind.AMOUNT: "不小于 0 的金额（万元）", CellKind.TEXT: "文字"}


@rule("CELL.value")
def cell_values(layout: Layout) -> Iterator[Check]:
    """Every cell holds a value of its kind (CELL.value)."""
    for table in layout.tables:
        for cell in table.cells:
            def holds(report: Report, _previous: Report | None, cell_id: str = cell.id,
                      kind: CellKind = cell.kind) -> Iterator[Failure]:
                value = report.cells[cell_id]
                if not is_valid(value, kind):
                    yield Failure(_WANTED[kind], display(value), None, {"value": display(value), "wanted": _WANTED[kind]})

            yield Check("CELL.value", ERROR, cell.id, frozenset((cell.id,)), holds, (cell.id,), None,
                        {"where": f"{table_name(table)}“{cell.label}”"})


@rule("CELL.blank")
def no_blank_cells(layout: Layout) -> Iterator[Check]:
    """No cell of a table is left blank (CELL.blank); one finding per table."""
    for table in layout.tables:
        def holds(report: Report, _previous: Report | None, table: Table = table) -> Iterator[Failure]:
            blank = [c for c in table.cells if report.cells[c.id] is None]
            if blank:
                names = "、".join(f"“{c.label}”" for c in blank[:3])
                more = f"等 {len(blank)} 个单元格" if len(blank) > 3 else ""
                yield Failure(0, None, len(blank), {"names": names, "more": more},
                              cells=tuple(c.id for c in blank))

        yield Check("CELL.blank", WARNING, table.id, frozenset(c.id for c in table.cells), holds, (),
                    table.section, {"table": table_name(table)})


@rule("T2.fee")
def fee_amount(layout: Layout) -> Iterator[Check]:
    """The fee has at most four decimals and a size that fits 万元 (T2.fee)."""
    if not layout.has("fee"):
        return
    fee = layout.named_cell("fee")
    label = next(c.row_label for c in layout.cells if c.id == fee)

    def decimals(report: Report, _previous: Report | None) -> Iterator[Failure]:
        value = report.cells[fee]
        if not isinstance(value, Decimal) or not value.is_finite():
            return
        exponent = value.as_tuple().exponent
        places = max(-exponent, 0) if isinstance(exponent, int) else 0
        if places > FEE_MAX_DECIMALS:
            yield Failure(FEE_MAX_DECIMALS, places, places - FEE_MAX_DECIMALS,
                          {"value": value, "decimals": places, "most": FEE_MAX_DECIMALS}, "decimals", "decimals")
        elif value > FEE_PLAUSIBLE_MAX:
            yield Failure(FEE_PLAUSIBLE_MAX, value, value - FEE_PLAUSIBLE_MAX,
                          {"value": value, "yuan": f"{value * 10000:f}"}, "size", "size")

    yield Check("T2.fee", WARNING, "", frozenset((fee,)), decimals, (fee,), None, {"fee": label})


@rule("X.carry")
def carried_from_last_year(layout: Layout) -> Iterator[Check]:
    """This year's 上年结转 equals last year's 结转下年度, per column (X.carry)."""
    t3 = layout.table("t3")
    for column in T3_COLUMNS:
        this_id, last_id = layout.named_cell(f"carried.{column}"), layout.named_cell(f"next.{column}")
        this, last = t3.cell(this_id), t3.cell(last_id)
        next_label = _unnumbered(next(i.text for i in t3.grid if i.role is ItemRole.LABEL and i.row == last.grid_row))

        def holds(report: Report, previous: Report | None, this_id: str = this_id,
                  last_id: str = last_id) -> Iterator[Failure]:
            if previous is None or last_id not in previous.cells:
                return
            failure = _gap(number(previous.cells[last_id]), number(report.cells[this_id]))
            if failure:
                yield Failure(failure.expected, failure.actual, failure.difference,
                              {**failure.words, "expected": failure.expected, "actual": failure.actual})

        yield Check("X.carry", WARNING, column, frozenset((this_id, PREVIOUS)), holds, (this_id,), None,
                    {"column": this.col_label, "carried": this.row_label, "next": next_label})


@rule("X.valid")
def documents_in_force(layout: Layout) -> Iterator[Check]:
    """现行有效 = last year's 现行有效 + 本年制发 − 本年废止 (X.valid)."""
    for row in DOCUMENT_ROWS:
        if not layout.has(f"documents.{row}.valid"):
            continue
        made, repealed, valid = (layout.named_cell(f"documents.{row}.{c}") for c in ("made", "repealed", "valid"))
        t2 = layout.table(next(c.table for c in layout.cells if c.id == valid))
        heads = {c: t2.cell(c).col_label.removesuffix("件数") for c in (made, repealed, valid)}

        def holds(report: Report, previous: Report | None, made: str = made, repealed: str = repealed,
                  valid: str = valid) -> Iterator[Failure]:
            if previous is None or valid not in previous.cells:
                return
            last = number(previous.cells[valid])
            new, gone = number(report.cells[made]), number(report.cells[repealed])
            failure = _gap(last + new - gone, number(report.cells[valid]))
            if failure:
                yield Failure(failure.expected, failure.actual, failure.difference,
                              {**failure.words, "last": last, "made": new, "repealed": gone,
                               "expected": failure.expected, "actual": failure.actual})

        yield Check("X.valid", WARNING, row, frozenset((made, repealed, valid, PREVIOUS)), holds,
                    (made, repealed, valid), None,
                    {"row": t2.short_rows[row], "made_label": heads[made], "repealed_label": heads[repealed],
                     "valid": heads[valid]})


@rule("S.missing")
def sections_have_content(layout: Layout) -> Iterator[Check]:
    """Every section has content (S.missing): prose for 一五六, figures for 二三四."""
    for section in layout.sections:
        table_cells = tuple(c.id for t in layout.section_tables(section.id) for c in t.cells)

        def holds(report: Report, _previous: Report | None, section_id: str = section.id,
                  table_cells: tuple[str, ...] = table_cells) -> Iterator[Failure]:
            if not report.sections[section_id].is_empty():
                return
            if not table_cells:
                yield Failure(variant="prose")
            elif all(report.cells[c] is None for c in table_cells):
                yield Failure(variant="table")

        yield Check("S.missing", ERROR, section.id, frozenset((section.id, *table_cells)), holds, (),
                    section.id, {"where": section.title})


@rule("S.subhead")
def standard_subheads_have_text(layout: Layout) -> Iterator[Check]:
    """Each of section 一's standard sub-heads that the report keeps has text under it (S.subhead).

    A sub-head counts as standard when its title, without its （一） numbering and a trailing 情况,
    is one of the format's usual five; a section with no words at all is S.missing's, not this.
    """
    section = layout.section("s1")

    def holds(report: Report, _previous: Report | None) -> Iterator[Failure]:
        narrative = report.sections[section.id]
        if narrative.is_empty():
            return
        numbers = part_numbers(narrative.parts)
        for index, part in enumerate(narrative.parts):
            standard = _standard_subhead(part.title)
            if standard is not None and not part.text.strip():
                shown = subheading_text(numbers[index] or index + 1, part.title)
                yield Failure(words={"title": shown}, place=standard)

    yield Check("S.subhead", WARNING, section.id, frozenset((section.id,)), holds, (), section.id,
                {"where": section.title})


_SUBHEAD_SUFFIX = re.compile(r"(?:情况|方面|工作)+$")
_SUBHEAD_WORDS = re.compile(r"^(?:政府信息公开|信息公开)(?=.)|(?<=.)政府信息$")


def _subhead_words(title: str) -> str:
    """A sub-head's core words: without numbering, 情况/方面/工作 and 政府信息(公开) around them,
    so （五）政府信息公开监督保障情况 and 监督保障方面 are both 监督保障."""
    words = _SUBHEAD_SUFFIX.sub("", NUMBERED.sub("", "".join(title.split())))
    return _SUBHEAD_WORDS.sub("", words)


_STANDARD_SUBHEADS = {_subhead_words(title): title for title in DEFAULT_S1_PARTS}


def _standard_subhead(title: str) -> str | None:
    """The format's standard sub-head a title is (主动公开政府信息情况 → 主动公开), or None."""
    return _STANDARD_SUBHEADS.get(_subhead_words(title))


@rule("N.parts")
def stated_totals_add_up(layout: Layout) -> Iterator[Check]:
    """A narrative total agrees with the parts listed after 其中 (N.parts)."""
    for section in layout.sections:
        def holds(report: Report, _previous: Report | None, section_id: str = section.id) -> Iterator[Failure]:
            for claim in parts_claims(unmarked(report.sections[section_id].full_text())):  # read as printed
                added = sum(claim.parts)
                if added != claim.total:
                    yield Failure(claim.total, added, claim.total - added,
                                  {"quote": claim.quote, "terms": " + ".join(str(p) for p in claim.parts),
                                   "added": added, "unit": claim.unit, "gap": abs(added - claim.total)},
                                  place=claim.quote)

        yield Check("N.parts", WARNING, section.id, frozenset((section.id,)), holds, (), section.id,
                    {"where": section.title})


@rule("N.table")
def prose_agrees_with_tables(layout: Layout) -> Iterator[Check]:
    """Numbers and claims in the prose agree with the tables (N.table). Which claims are read and
    the one figure each is compared with are in app.claims, the one place N.table decides."""
    cells = claim_cells() & {c.id for c in layout.cells}
    for section in layout.sections:
        def holds(report: Report, _previous: Report | None, section_id: str = section.id) -> Iterator[Failure]:
            for found in contradictions(report, unmarked(report.sections[section_id].full_text())):
                stated = found.claim.value if found.claim.value is not None else 0
                yield Failure(found.table_value, stated, found.table_value - stated,
                              {"quote": found.claim.quote, "table_says": found.message},
                              place=found.claim.quote, cells=found.cells)

        # META: a sentence about last year (the report's year - 1) is not a claim about this one
        yield Check("N.table", WARNING, section.id, frozenset((section.id, META, *cells)), holds, (), section.id,
                    {"where": section.title})


@rule("S.copy")
def not_copied_from_last_year(layout: Layout) -> Iterator[Check]:
    """A section is not (nearly) the same as last year's (S.copy, by sentences: app.crossyear)."""
    for section in layout.sections:
        if section.id not in NARRATIVE_SECTIONS:
            continue

        def holds(report: Report, previous: Report | None, section_id: str = section.id) -> Iterator[Failure]:
            if previous is None:
                return
            found = copied_section(report, previous, section_id)
            if found.is_copy:
                share = int(found.share * 100)
                first = found.copied[0][0].text
                yield Failure(f"< {round(COPY_SHARE * 100)}%", f"{share}%", None,
                              {"share": share, "count": len(found.copied), "judged": found.judged,
                               "first": first if len(first) <= 40 else first[:40] + "…"})

        yield Check("S.copy", WARNING, section.id, frozenset((section.id, META, PREVIOUS)), holds, (), section.id,
                    {"where": section.title})


@rule("T.copy")
def tables_not_copied(layout: Layout) -> Iterator[Check]:
    """Table t3 (and separately t4) does not repeat last year's figures wholesale (T.copy, spec §9)."""
    for table in layout.tables:
        if table.id not in ("t3", "t4"):
            continue
        ids = frozenset(c.id for c in table.cells)

        def holds(report: Report, previous: Report | None, table_id: str = table.id) -> Iterator[Failure]:
            if previous is None:
                return
            same = copied_table(report, previous, table_id)
            if same:
                yield Failure(None, len(same), None, {"count": len(same)}, cells=same)

        yield Check("T.copy", WARNING, table.id, ids | {PREVIOUS}, holds, (), table.section,
                    {"table": table_name(table)})


@rule("N.year")
def no_stale_year(layout: Layout) -> Iterator[Check]:
    """The prose does not state last year's activity as this report's (N.year, spec §9)."""
    for section in layout.sections:
        def holds(report: Report, _previous: Report | None, section_id: str = section.id) -> Iterator[Failure]:
            year = report.meta.year
            for found in stale_year_sentences(report.sections[section_id].full_text(), year):
                quote = found.text if len(found.text) <= 40 else found.text[:40] + "…"
                yield Failure(year, (year or 1) - 1, None, {"quote": quote, "last": (year or 1) - 1, "year": year},
                              place=found.text)

        yield Check("N.year", WARNING, section.id, frozenset((section.id, META)), holds, (), section.id,
                    {"where": section.title})


@rule("S.fee")
def fee_is_stated(layout: Layout) -> Iterator[Check]:
    """Section 六 states the 信息处理费, or that none was charged (S.fee)."""
    section = layout.section("s6")

    def holds(report: Report, _previous: Report | None) -> Iterator[Failure]:
        text = report.sections[section.id].full_text()
        if text.strip() and not any(w in text for w in _FEE_WORDS) and not ("收取" in text and "费" in text):
            yield Failure()

    yield Check("S.fee", WARNING, section.id, frozenset((section.id,)), holds, (), section.id,
                {"where": section.title})


# ---------------------------------------------------------------- building


def _verify(layout: Layout, checks: list[Check]) -> None:
    """Every cell a check reads or points at is a cell of the layout; else fail loudly."""
    known = {c.id for c in layout.cells} | {s.id for s in layout.sections} | {META, PREVIOUS}
    for check in checks:
        unknown = sorted((set(check.inputs) | set(check.cells)) - known)
        if unknown:
            raise FormatDefinitionError(f"规则 {check.rule} 引用了{layout.name}中没有的单元格：{'、'.join(unknown)}")


def _in_format_order(layout: Layout) -> Callable[[Check], tuple[int, int]]:
    """Where a check sits in the report: 报告信息, then each table, then single cells, then
    each section — the order findings are listed in (rules keep their order within a place)."""
    tables = [t.id for t in layout.tables]
    sections = [s.id for s in layout.sections]

    def position(check: Check) -> tuple[int, int]:
        if check.section == META:
            return (0, 0)
        head = check.place.split(".")[0]
        if head in tables:
            return (1, tables.index(head))
        if check.section in sections:
            return (3, sections.index(check.section))
        return (2, 0)

    return position


def checks_for(layout: Layout) -> list[Check]:
    """Every check that applies to a report of this layout, derived from the format."""
    checks: list[Check] = []
    for rule_id, definition in RULES:
        try:
            made = list(definition(layout))
        except KeyError as error:
            raise FormatDefinitionError(f"规则 {rule_id} 引用了{layout.name}中没有的单元格或表格：{error}") from None
        checks.extend(made)
    _verify(layout, checks)
    return sorted(checks, key=_in_format_order(layout))


__all__ = ["Check", "Failure", "RULES", "checks_for", "rule", "META", "PREVIOUS"]
