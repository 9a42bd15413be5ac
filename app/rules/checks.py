"""The rules of the format specification (section 6), each as a small check over named inputs.

A check lists its inputs (cell ids, section ids, ``meta``, ``previous``) so the engine can
re-run only the checks an edit touches.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from app.format import CellKind, Layout, Sum, Table, table_name
from app.format.model import Balance
from app.claims import claim_cells, contradictions
from app.narrative import likeness, parts_claims
from app.report import TOTALS_COMPUTED, Report
from app.rules.finding import ERROR, WARNING, Finding
from app.rules.late import LateCheck
from app.values import display, is_valid, number

META = "meta"
PREVIOUS = "previous"
NARRATIVE_SECTIONS = ("s1", "s5", "s6")
FEE_CELL = "t2.fee.amount"
FEE_MAX_DECIMALS = 4
FEE_PLAUSIBLE_MAX = Decimal(1_000_000)  # 万元, i.e. 100亿元: above this the unit is likely 元
COPY_LIKENESS = 0.9


class Check(Protocol):
    """A rule applied at one place."""

    rule: str
    inputs: frozenset[str]

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        """The findings at this place; empty when the rule holds."""
        ...


def _heading(report: Report, section_id: str) -> str:
    """A section's numbered heading, e.g. 一、总体情况."""
    section = report.layout.section(section_id)
    return f"{section.number}、{section.heading}"


def _terms(report: Report, cells: tuple[str, ...], label_of: dict[str, str]) -> str:
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
    return "空白" if value is None else str(number(value))  # type: ignore[arg-type]


@dataclass(frozen=True)
class SumCheck:
    """A total equals the sum of its parts (T3.row, T3.sum, T4.sum)."""

    total: Sum
    labels: dict[str, str]
    target_label: str

    @property
    def rule(self) -> str:
        return self.total.rule

    @property
    def inputs(self) -> frozenset[str]:
        return frozenset((self.total.target, *self.total.parts))

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        expected = report.total(self.total.parts)
        actual = number(report.cells[self.total.target])
        if expected == actual:
            return []
        diff = expected - actual
        message = (f"{self.total.scope}：{_terms(report, self.total.parts, self.labels)}，"
                   f"但{self.target_label}为{'空白（按 0 计）' if report.cells[self.total.target] is None else f' {actual}'}，"
                   f"相差 {abs(diff)}")
        return [Finding(self.rule, ERROR, message, f"{self.rule}:{self.total.target}",
                        (self.total.target, *self.total.parts), None, expected, actual, diff)]


@dataclass(frozen=True)
class BalanceCheck:
    """Two sums agree (T3.col: new + carried = r7 + next)."""

    balance: Balance
    labels: dict[str, str]

    @property
    def rule(self) -> str:
        return self.balance.rule

    @property
    def inputs(self) -> frozenset[str]:
        return frozenset(self.balance.lhs + self.balance.rhs)

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        expected = report.total(self.balance.lhs)
        actual = report.total(self.balance.rhs)
        if expected == actual:
            return []
        diff = expected - actual
        message = (f"{self.balance.scope}：{_terms(report, self.balance.lhs, self.labels)}，"
                   f"但{_terms(report, self.balance.rhs, self.labels)}，相差 {abs(diff)}")
        cells = self.balance.lhs + self.balance.rhs
        return [Finding(self.rule, ERROR, message, f"{self.rule}:{self.balance.lhs[0]}", cells, None,
                        expected, actual, diff)]


@dataclass(frozen=True)
class ValueCheck:
    """A cell holds a value of its kind (CELL.value)."""

    cell_id: str
    kind: CellKind
    where: str
    rule: str = "CELL.value"

    @property
    def inputs(self) -> frozenset[str]:
        return frozenset((self.cell_id,))

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        value = report.cells[self.cell_id]
        if is_valid(value, self.kind):
            return []
        wanted = {CellKind.COUNT: "不小于 0 的整数", CellKind.SIGNED: "整数",
                  CellKind.AMOUNT: "不小于 0 的金额（万元）", CellKind.TEXT: "文字"}[self.kind]
        message = f"{self.where}填写的“{display(value)}”不是{wanted}"
        return [Finding(self.rule, ERROR, message, f"{self.rule}:{self.cell_id}", (self.cell_id,),
                        None, wanted, display(value), None)]


@dataclass(frozen=True)
class BlankCheck:
    """No cell of a table is left blank (CELL.blank); one finding per table."""

    table: Table
    rule: str = "CELL.blank"

    @property
    def inputs(self) -> frozenset[str]:
        return frozenset(c.id for c in self.table.cells)

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        blank = [c for c in self.table.cells if report.cells[c.id] is None]
        if not blank:
            return []
        names = "、".join(f"“{c.label}”" for c in blank[:3])
        more = f"等 {len(blank)} 个单元格" if len(blank) > 3 else ""
        message = f"{table_name(self.table)}{names}{more}为空白；年报格式没有空白单元格，没有的请填 0"
        return [Finding(self.rule, WARNING, message, f"{self.rule}:{self.table.id}",
                        tuple(c.id for c in blank), self.table.section, 0, None, len(blank))]


@dataclass(frozen=True)
class FeeCheck:
    """The fee has at most four decimals and a size that fits 万元 (T2.fee)."""

    rule: str = "T2.fee"
    inputs: frozenset[str] = frozenset((FEE_CELL,))

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        value = report.cells[FEE_CELL]
        if not isinstance(value, Decimal) or not value.is_finite():
            return []
        decimals = max(-value.as_tuple().exponent, 0)  # type: ignore[operator]
        if decimals > FEE_MAX_DECIMALS:
            message = (f"行政事业性收费金额 {value} 万元有 {decimals} 位小数；"
                       f"以万元为单位时最多保留 {FEE_MAX_DECIMALS} 位小数")
            return [Finding(self.rule, WARNING, message, f"{self.rule}:decimals", (FEE_CELL,), None,
                            FEE_MAX_DECIMALS, decimals, decimals - FEE_MAX_DECIMALS)]
        if value > FEE_PLAUSIBLE_MAX:
            message = (f"行政事业性收费金额 {value} 万元，即 {value * 10000:f} 元，数额异常大；"
                       "请确认填写的单位是万元而不是元")
            return [Finding(self.rule, WARNING, message, f"{self.rule}:size", (FEE_CELL,), None,
                            FEE_PLAUSIBLE_MAX, value, value - FEE_PLAUSIBLE_MAX)]
        return []


@dataclass(frozen=True)
class CarryCheck:
    """This year's 上年结转 equals last year's 结转下年度, per column (X.carry)."""

    column: str
    label: str
    rule: str = "X.carry"

    @property
    def inputs(self) -> frozenset[str]:
        return frozenset((f"t3.carried.{self.column}", PREVIOUS))

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        last_id, this_id = f"t3.next.{self.column}", f"t3.carried.{self.column}"
        if previous is None or last_id not in previous.cells:
            return []
        expected = number(previous.cells[last_id])
        actual = number(report.cells[this_id])
        if expected == actual:
            return []
        message = (f"{self.label}列：本年“上年结转” {actual}，但上年报告的“结转下年度继续办理”为 "
                   f"{expected}，相差 {abs(expected - actual)}")
        return [Finding(self.rule, WARNING, message, f"{self.rule}:{self.column}", (this_id,), None,
                        expected, actual, expected - actual)]


@dataclass(frozen=True)
class ValidCheck:
    """现行有效 = last year's 现行有效 + 本年制发 − 本年废止 (X.valid)."""

    row: str
    label: str
    rule: str = "X.valid"

    @property
    def inputs(self) -> frozenset[str]:
        return frozenset((f"t2.{self.row}.made", f"t2.{self.row}.repealed", f"t2.{self.row}.valid",
                          PREVIOUS))

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        base = f"t2.{self.row}"
        if previous is None or f"{base}.valid" not in previous.cells:
            return []
        last = number(previous.cells[f"{base}.valid"])
        made, repealed = number(report.cells[f"{base}.made"]), number(report.cells[f"{base}.repealed"])
        expected = last + made - repealed
        actual = number(report.cells[f"{base}.valid"])
        if expected == actual:
            return []
        message = (f"{self.label}：上年现行有效 {last} + 本年制发 {made} − 本年废止 {repealed} = {expected}，"
                   f"但本年现行有效为 {actual}，相差 {abs(expected - actual)}"
                   "（如有文件到期自然失效，可确认此提示并说明）")
        return [Finding(self.rule, WARNING, message, f"{self.rule}:{self.row}",
                        (f"{base}.made", f"{base}.repealed", f"{base}.valid"), None,
                        expected, actual, expected - actual)]


@dataclass(frozen=True)
class PartsCheck:
    """A narrative total agrees with the parts listed after 其中 (N.parts)."""

    section: str
    rule: str = "N.parts"

    @property
    def inputs(self) -> frozenset[str]:
        return frozenset((self.section,))

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        findings = []
        for claim in parts_claims(report.sections[self.section].full_text()):
            added = sum(claim.parts)
            if added == claim.total:
                continue
            terms = " + ".join(str(p) for p in claim.parts)
            message = (f"{_heading(report, self.section)}：“{claim.quote}”，但其后“其中”所列各项 "
                       f"{terms} = {added} {claim.unit}，相差 {abs(added - claim.total)} {claim.unit}")
            findings.append(Finding(self.rule, WARNING, message,
                                    f"{self.rule}:{self.section}:{claim.quote}", (), self.section,
                                    claim.total, added, claim.total - added))
        return findings


@dataclass(frozen=True)
class ClaimsCheck:
    """Numbers and claims in the prose agree with the tables (N.table; the claims: app.claims)."""

    section: str
    rule: str = "N.table"

    @property
    def inputs(self) -> frozenset[str]:
        return frozenset((self.section, *claim_cells()))

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        where = _heading(report, self.section)
        findings = []
        for found in contradictions(report, report.sections[self.section].full_text()):
            said = found.claim.value if found.claim.value is not None else 0
            findings.append(Finding(self.rule, WARNING, f"{where}：文中说“{found.claim.quote}”，但{found.message}",
                                    f"{self.rule}:{self.section}:{found.claim.quote}", found.cells, self.section,
                                    found.table_value, said, found.table_value - said))
        return findings


@dataclass(frozen=True)
class MissingCheck:
    """Every section has content (S.missing): prose for 一五六, figures for 二三四."""

    section: str
    table_cells: tuple[str, ...]
    rule: str = "S.missing"

    @property
    def inputs(self) -> frozenset[str]:
        return frozenset((self.section, *self.table_cells))

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        if not report.sections[self.section].is_empty():
            return []
        if self.table_cells:
            if any(report.cells[c] is not None for c in self.table_cells):
                return []
            message = f"{_heading(report, self.section)}：表格还没有填写"
        else:
            message = f"{_heading(report, self.section)}：这一部分还没有内容"
        return [Finding(self.rule, ERROR, message, f"{self.rule}:{self.section}", (), self.section)]


_FEE_WORDS = ("处理费", "收费")  # or 收取 … 费 in one text (未收取任何费用)


@dataclass(frozen=True)
class FeeStatementCheck:
    """Section 六 states the 信息处理费, or that none was charged (S.fee)."""

    rule: str = "S.fee"
    inputs: frozenset[str] = frozenset(("s6",))

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        text = report.sections["s6"].full_text()
        if not text.strip() or any(word in text for word in _FEE_WORDS) or ("收取" in text and "费" in text):
            return []
        message = ("六、其他需要报告的事项：没有说明信息处理费的情况（发出收费通知的件数和总金额、"
                   "实际收取的总金额，或写明未收取）")
        return [Finding(self.rule, WARNING, message, f"{self.rule}:s6", (), "s6")]


@dataclass(frozen=True)
class CopyCheck:
    """A section is not (nearly) the same as last year's (S.copy)."""

    section: str
    rule: str = "S.copy"

    @property
    def inputs(self) -> frozenset[str]:
        return frozenset((self.section, PREVIOUS))

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        if previous is None:
            return []
        this = report.sections[self.section].full_text()
        last = previous.sections[self.section].full_text()
        share = likeness(this, last)
        if share < COPY_LIKENESS:
            return []
        message = (f"{_heading(report, self.section)}：与上年报告的同一部分几乎相同（相似度 "
                   f"{round(share * 100)}%）；年度报告不应照搬往年内容")
        return [Finding(self.rule, WARNING, message, f"{self.rule}:{self.section}", (), self.section,
                        f"< {round(COPY_LIKENESS * 100)}%", f"{round(share * 100)}%", None)]


@dataclass(frozen=True)
class MetaCheck:
    """Organ name and report year are set (M.meta)."""

    rule: str = "M.meta"
    inputs: frozenset[str] = frozenset((META,))

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        findings = []
        if not report.meta.organ.strip():
            findings.append(Finding(self.rule, ERROR, "报告信息：机关名称还没有填写", f"{self.rule}:organ",
                                    (), META))
        year = report.meta.year
        if year is None:
            findings.append(Finding(self.rule, ERROR, "报告信息：统计年度还没有填写", f"{self.rule}:year",
                                    (), META))
        elif not 2008 <= year <= 2100:
            findings.append(Finding(self.rule, ERROR, f"报告信息：统计年度 {year} 不是有效的年份",
                                    f"{self.rule}:year", (), META, "2008–2100", year, None))
        return findings


def checks_for(layout: Layout) -> list[Check]:
    """Every check that applies to a report of this layout, derived from the format."""
    checks: list[Check] = [MetaCheck(), LateCheck()]
    for table in layout.tables:
        row_labels = {c.id: c.row_label for c in table.cells}
        col_labels = {c.id: c.col_label for c in table.cells}
        for total in table.sums:
            target = table.cell(total.target)
            same_row = all(table.cell(p).row == target.row for p in total.parts)
            labels = col_labels if same_row else row_labels
            checks.append(SumCheck(total, labels, target.col_label if same_row else target.row_label))
        for balance in table.balances:
            checks.append(BalanceCheck(balance, row_labels))
        for cell in table.cells:
            checks.append(ValueCheck(cell.id, cell.kind, f"{table_name(table)}“{cell.label}”"))
        checks.append(BlankCheck(table))
    cell_ids = {c.id for c in layout.cells}
    if FEE_CELL in cell_ids:
        checks.append(FeeCheck())
    t3 = layout.table("t3")
    for col, label in t3.short_cols.items():
        checks.append(CarryCheck(col, label))
    for row in ("gz", "gf"):
        if f"t2.{row}.valid" in cell_ids:
            checks.append(ValidCheck(row, layout.table("t2").short_rows[row]))
    for section in layout.sections:
        table_cells = tuple(c.id for t in layout.section_tables(section.id) for c in t.cells)
        checks.append(MissingCheck(section.id, table_cells))
        checks.append(PartsCheck(section.id))
        checks.append(ClaimsCheck(section.id))
        if section.id in NARRATIVE_SECTIONS:
            checks.append(CopyCheck(section.id))
    checks.append(FeeStatementCheck())
    return checks


__all__ = ["Check", "checks_for", "META", "PREVIOUS", "TOTALS_COMPUTED"]
