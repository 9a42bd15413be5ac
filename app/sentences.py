"""Standard sentences written from the tables, so the narrative's figures are never typed by hand.

Sections 一 (its 依申请公开 sub-head), 三, 四 and 六 (2021 table 三 only: the unpaid-fee row)
can take a sentence proposed here; zero
figures read as Chinese reports write them ("未收到…", "未发生…"), never "0件". A sentence is
found again later by its opening words, so when the tables change and ``N.table`` warns about
it, it can be written anew from the current figures (按表格更新此句).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.editing import PartPlace, SectionPlace
from app.report import Report
from app.rules import Finding
from app.values import number

REQUESTS, REVIEWS, FEE = "requests", "reviews", "fee"
SECTION_KINDS: dict[str, tuple[str, ...]] = {"s1": (REQUESTS,), "s3": (REQUESTS,), "s4": (REVIEWS,), "s6": (FEE,)}
# How each generated sentence begins: the marks it is found by again.
OPENINGS: dict[str, tuple[str, ...]] = {
    REQUESTS: ("本年度共新收政府信息公开申请", "本年度未收到政府信息公开申请", "本年度未收到新的政府信息公开申请"),
    REVIEWS: ("本年度发生政府信息公开行政复议", "本年度未发生政府信息公开行政复议", "本年度未发生政府信息公开行政诉讼"),
    FEE: ("本年度没有因申请人逾期未缴纳费用", "本年度因申请人逾期未按通知缴纳费用"),
}
_S1_PART_WORDS = ("依申请",)
FEE_ROW = "t3.r6_2.total"  # 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
_RESULTS = (("r1", "予以公开"), ("r2", "部分公开"), ("r3", "不予公开"), ("r4", "无法提供"), ("r5", "不予处理"),
            ("r6", "其他处理"))
_T4_RESULTS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))

# Where a sentence goes: a section's opening text or one sub-head's text (app.editing's places).
Place = SectionPlace | PartPlace


@dataclass(frozen=True)
class Proposal:
    """A sentence proposed for a section, and the place it would be added to."""

    kind: str
    place: Place
    text: str


def _value(report: Report, cell_id: str) -> int | Decimal:
    return number(report.cells.get(cell_id))


def _group(report: Report, prefix: str) -> int | Decimal:
    """The total column of a t3 result group: r3 is r3_1…r3_8 (or the single 2019 row r6)."""
    ids = [c.id for c in report.layout.table("t3").cells
           if c.col == "total" and (c.row == prefix or c.row.startswith(prefix + "_"))]
    return report.total(ids)


def requests_sentence(report: Report) -> str:
    """本年度共新收政府信息公开申请N件，上年结转M件。办结K件，其中…；结转下年度继续办理g件。"""
    new, carried = _value(report, "t3.new.total"), _value(report, "t3.carried.total")
    done, left = _value(report, "t3.r7.total"), _value(report, "t3.next.total")
    if not new and not carried:
        return "本年度未收到政府信息公开申请，无上年结转申请。"
    if new:
        first = f"本年度共新收政府信息公开申请{new}件"
    else:
        first = "本年度未收到新的政府信息公开申请"
    first += f"，上年结转{carried}件。" if carried else "，无上年结转申请。"
    parts = [f"{name}{_group(report, row)}件" for row, name in _RESULTS if _group(report, row)]
    if not done:
        second = "本年度没有办结的申请"
    elif len(parts) > 1:
        second = f"办结{done}件，其中{'、'.join(parts)}"
    elif parts:
        second = f"办结{done}件，均为{parts[0][:4]}"
    else:
        second = f"办结{done}件"
    second += f"；结转下年度继续办理{left}件。" if left else "；无结转下年度继续办理的申请。"
    return first + second


def _case_clause(report: Report, group: str, name: str) -> str:
    """行政复议3件，其中结果维持2件、尚未审结1件 (a group's results, zeros left out)."""
    total = _value(report, f"t4.{group}.total")
    parts = [f"{label}{_value(report, f't4.{group}.{col}')}件" for col, label in _T4_RESULTS
             if _value(report, f"t4.{group}.{col}")]
    if len(parts) > 1:
        return f"{name}{total}件，其中{'、'.join(parts)}"
    if parts:
        return f"{name}{total}件，{parts[0][:4]}"
    return f"{name}{total}件"


def reviews_sentence(report: Report) -> str:
    """本年度发生政府信息公开行政复议N件、行政诉讼M件 with their results; 未发生… when none."""
    reviews = _value(report, "t4.review.total")
    direct, after = _value(report, "t4.direct.total"), _value(report, "t4.after.total")
    lawsuits = direct + after
    if not reviews and not lawsuits:
        return "本年度未发生政府信息公开行政复议、行政诉讼。"
    clauses = []
    if reviews:
        clauses.append(_case_clause(report, "review", "本年度发生政府信息公开行政复议"))
    else:
        clauses.append("本年度未发生政府信息公开行政复议")
    if lawsuits:
        suits = f"行政诉讼{lawsuits}件"
        if direct and after:
            suits += f"（未经复议直接起诉{direct}件、复议后起诉{after}件）"
        clauses.append(suits if reviews else f"发生{suits}")
    else:
        clauses.append("未发生行政诉讼")
    return "；".join(clauses) + "。"


def fee_sentence(report: Report) -> str:
    """What the tables tell about the 信息处理费: requests dropped because a fee notice went unpaid
    (t3.r6_2). The notices sent and the amounts are in no table (t2.fee.amount is the organ's
    行政事业性收费, not this fee), so they stay for the clerk to state."""
    dropped = _value(report, FEE_ROW)
    if not dropped:
        return "本年度没有因申请人逾期未缴纳费用而不再处理的政府信息公开申请。"
    return f"本年度因申请人逾期未按通知缴纳费用、不再处理的政府信息公开申请{dropped}件。"


_WRITERS = {REQUESTS: requests_sentence, REVIEWS: reviews_sentence, FEE: fee_sentence}


def sentence(report: Report, kind: str) -> str:
    """The standard sentence of a kind from the current figures."""
    return _WRITERS[kind](report)


def target_place(report: Report, section_id: str) -> Place:
    """Where a section's sentence goes: in 一 the 依申请公开 sub-head (else the opening text)."""
    if section_id == "s1":
        for index, part in enumerate(report.sections["s1"].parts):
            if any(word in part.title for word in _S1_PART_WORDS):
                return PartPlace("s1", index, "text")
    return SectionPlace(section_id)


def proposals(report: Report, section_id: str) -> list[Proposal]:
    """The sentences 根据表格生成… offers for a section (none for sections without one)."""
    place = target_place(report, section_id)
    kinds = [k for k in SECTION_KINDS.get(section_id, ()) if k != FEE or FEE_ROW in report.cells]
    return [Proposal(kind, place, sentence(report, kind)) for kind in kinds]


def text_at(report: Report, place: Place) -> str:
    """The text stored at a narrative place."""
    narrative = report.sections[place.section]
    return narrative.text if isinstance(place, SectionPlace) else narrative.parts[place.index].text


def with_paragraph(text: str, paragraph: str) -> str:
    """The text with a paragraph added at its end (a paragraph is a line)."""
    return f"{text.rstrip()}\n{paragraph}" if text.strip() else paragraph


def insert(report: Report, proposal: Proposal) -> str:
    """Add a proposal as a new paragraph at its place; returns the new text of that place."""
    new = with_paragraph(text_at(report, proposal.place), proposal.text)
    _store(report, proposal.place, new)
    return new


def _store(report: Report, place: Place, value: str) -> None:
    narrative = report.sections[place.section]
    if isinstance(place, SectionPlace):
        narrative.text = value
    else:
        narrative.parts[place.index].text = value


def _places(report: Report, section_id: str) -> list[Place]:
    places: list[Place] = [SectionPlace(section_id)]
    places += [PartPlace(section_id, i, "text") for i in range(len(report.sections[section_id].parts))]
    return places


def _kind_of(paragraph: str) -> str | None:
    for kind, openings in OPENINGS.items():
        if paragraph.startswith(openings):
            return kind
    return None


@dataclass(frozen=True)
class Update:
    """A generated sentence the tables no longer agree with, and what it would now say."""

    place: Place
    old_text: str  # the whole text at the place, before
    new_text: str  # and after
    old_sentence: str
    new_sentence: str


def update_for(report: Report, finding: Finding) -> Update | None:
    """For an N.table warning on a sentence this module wrote: that sentence from today's figures.

    None when the warning is about words a person wrote (those are theirs to change).
    """
    if finding.rule != "N.table" or not finding.section:
        return None
    quote = finding.key.split(":", 2)[2] if finding.key.count(":") >= 2 else ""
    for place in _places(report, finding.section):
        text = text_at(report, place)
        lines = text.split("\n")
        for index, line in enumerate(lines):
            kind = _kind_of(line.strip())
            if kind is None or (quote and quote not in line):
                continue
            fresh = sentence(report, kind)
            if fresh == line.strip():
                continue
            lines[index] = fresh
            return Update(place, text, "\n".join(lines), line.strip(), fresh)
    return None


def apply_update(report: Report, update: Update) -> None:
    """Write an update into the report (the window does it through its undo stack instead)."""
    _store(report, update.place, update.new_text)
