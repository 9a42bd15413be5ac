"""What the prose says about the tables (spec §6, N.table): each claim tied to one table figure.

A claim is a number with its unit bound to one of the phrases below in the same clause
("予以公开及部分公开258件"), or a statement of none ("未收到政府信息公开申请", "均获维持").
Every claim is compared with the one table figure it names; a number that cannot be tied to
one figure (a comparison with last year, an approximate count, a count of something else) is
left alone: no false warning is worth more than one more catch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from app.format import LAYOUTS
from app.report import Report
from app.values import number

Figure = int | Decimal

_UNIT = r"(?:件|个|条|宗|起|次)"
_NUM = rf"(?<![\d.%])(\d+)\s*{_UNIT}(?![\d%])"
_GAP = r"[^。；;！!？?，,：:\d]{0,12}?"  # words between a phrase and its number, in one clause
# Words that make a number something else than the figure the phrase names.
_NOT_THE_FIGURE = re.compile(r"复议|诉讼|较|比|同比|增|减|上升|下降|去年|上年(?!度?结转)|前年|约|近|逾|超过|多于|以上|累计|平均")
_APPROX_AFTER = re.compile(r"^\s*(?:余|多)")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_CLAUSE = re.compile(r"[^，,。；;！!？?\n（）()]+")
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULL_WIDTH = re.compile("[０-９]")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
SENTENCE_CACHE = 4096  # sentences remembered: every sentence of a few drafts


@dataclass(frozen=True)
class Kind:
    """A kind of claim: the phrase that names it and what it is compared with."""

    kind: str
    phrase: str  # a regular expression
    figure: str  # what the table figure is called in the message
    needs_requests: bool = False  # only in a paragraph about 依申请公开 (the words also occur elsewhere)


# Order matters: the longer phrase first, and a clause's number is taken by the first phrase
# that binds it ("予以公开及部分公开258件" is not also a 部分公开 claim).
KINDS: tuple[Kind, ...] = (
    Kind("r1_r2", r"予以公开(?:及|和|与|、|以及)部分公开", "“（一）予以公开”与“（二）部分公开”的总计之和", True),
    Kind("r1", r"予以公开(?!及|和|与|、|以及)", "“（一）予以公开”的总计", True),
    Kind("r2", r"(?<!公开及|公开和|公开与|公开、)(?<!以及)部分公开", "“（二）部分公开”的总计", True),
    Kind("r3", r"不予公开", "“（三）不予公开”各项总计之和", True),
    Kind("r4", r"无法提供", "“（四）无法提供”各项总计之和", True),
    Kind("r5", r"不予处理", "“（五）不予处理”各项总计之和", True),
    Kind("r6", r"其他处理", "“（六）其他处理”的总计", True),
    Kind("carried", r"上一?年度?结转(?:的)?(?:政府信息公开)?申请", "“二、上年结转”的总计"),
    Kind("next", r"结转(?:到|至)?下一?年度?(?:继续办理)?", "“四、结转下年度继续办理”的总计"),
    Kind("handled", r"(?:办结|答复|办理)了?(?:各类|各项)?(?:政府)?信息公开申请", "“（七）总计”的总计"),
    Kind("new", r"(?:收到|受理|新收|接收|接到)了?[^。；，,\d复议诉讼]{0,10}?申请", "“一、本年新收”的总计"),
    Kind("reviews", r"行政复议(?:案件|申请)?", "表四“行政复议 / 总计”"),
    Kind("lawsuits", r"(?<!复议、)(?<!复议和)(?<!复议及)行政诉讼(?:案件)?", "表四行政诉讼两组总计之和"),
)
_NEXT_BEFORE = re.compile(rf"{_NUM}[^。；;，,\d]{{0,16}}?(?:结转|顺延)(?:到|至)?下一?年度?")
_CARRIED_AFTER = re.compile(rf"含上一?年度?结转(?:的)?(?:政府信息公开)?申请{_GAP}{_NUM}")
_NONE_PATTERNS = (
    ("no_requests", re.compile(r"(?:未|没有)(?:收到|受理|接到|接收到?)[^。；，,0-9]{0,14}?申请(?!行政复议|人)")),
    ("no_reviews", re.compile(r"(?:未|没有)(?:收到|发生|接到|出现|被申请)[^。；0-9]{0,20}?行政复议")),
    ("no_lawsuits", re.compile(r"(?:未|没有)(?:收到|发生|接到|出现|被提起)[^。；0-9]{0,20}?行政诉讼")),
)
_ALL_UPHELD = re.compile(r"(?:均|全部|都)(?:获|被|予|得到|获得)?(?:依法)?维持")
_FEE_NOTICE_NONE = re.compile(r"(?:未|没有)(?:发出|发送|下发)[^。；，,\d]{0,6}?收费通知|收费通知[^。；，,\d]{0,20}?(?:均为|为)\s*0")
_ADMIN_FEE = re.compile(rf"行政事业性收费[^。；;，,\d]{{0,10}}?(\d+(?:\.\d+)?)\s*(万元|元)")


@dataclass(frozen=True)
class Claim:
    """A claim found in the prose: its kind, the number said (None for 未… and 均获维持), its words."""

    kind: str
    value: Figure | None
    quote: str


@dataclass(frozen=True)
class Contradiction:
    """A claim the tables do not bear out: what was said, what the table has, the cells and why."""

    claim: Claim
    table_value: Figure
    cells: tuple[str, ...]
    message: str  # the part after "文中说“…”，但", e.g. 表三“一、本年新收”的总计为 95 件


def _normalised(text: str) -> str:
    """Full-width digits to ASCII, thousands separators dropped (1,295件 → 1295件)."""
    if _FULL_WIDTH.search(text):  # translate walks every character: only when there is one to change
        text = text.translate(_DIGITS)
    return _THOUSANDS.sub("", text)


def _bound(clause: str, start: int) -> re.Match[str] | None:
    """The number a phrase ending at ``start`` binds: the next count in the clause, nothing between."""
    match = re.match(rf"{_GAP}{_NUM}", clause[start:])
    if not match or _NOT_THE_FIGURE.search(match.group(0)[:match.start(1)]):
        return None
    if _APPROX_AFTER.match(clause[start + match.end(1):]):
        return None
    return match


@lru_cache(maxsize=64)
def claims(text: str, year: int | None = None) -> tuple[Claim, ...]:
    """Every claim in a section's prose that one table figure can confirm or refute (kept for
    the last texts seen: the check re-runs on every table edit, the prose rarely changes).

    A sentence about last year ("2023年共受理申请20件" in the report for 2024) is left out.
    Each sentence is read once (cached by its words): a keystroke re-reads only the sentence typed in.
    """
    found: list[Claim] = []
    for paragraph in text.split("\n"):
        about_requests = "申请" in paragraph
        for sentence in _SENTENCE.findall(paragraph):
            found.extend(_sentence_claims(sentence, about_requests, year))
    return tuple(found)


@lru_cache(maxsize=SENTENCE_CACHE)
def _sentence_claims(sentence: str, about_requests: bool, year: int | None) -> tuple[Claim, ...]:
    """The claims of one sentence (as typed: digits are normalised here, sentence by sentence,
    which splits as the whole text would, for no sentence ends at a digit or a thousands comma)."""
    sentence = _normalised(sentence)
    if year and f"{year - 1}年" in sentence and f"{year}年" not in sentence:
        return ()
    found: list[Claim] = []
    for kind, pattern in _NONE_PATTERNS:
        match = pattern.search(sentence)
        if match:
            found.append(Claim(kind, None, match.group(0)))
    upheld = _ALL_UPHELD.search(sentence)
    before = sentence[:upheld.start()] if upheld else ""
    groups = [g for g, word in (("review", "复议"), ("lawsuit", "诉讼")) if word in before]
    if upheld and groups:
        first = min(before.find(w) for w in ("复议", "诉讼") if w in before)
        start = max(before.rfind(mark, 0, first) for mark in "，,：:") + 1
        found.append(Claim("upheld_" + "_".join(groups), None, sentence[start:upheld.end()].strip()))
    fee_notice = _FEE_NOTICE_NONE.search(sentence)
    if fee_notice:
        found.append(Claim("no_fee_notice", None, fee_notice.group(0)))
    for fee in _ADMIN_FEE.finditer(sentence):
        amount = Decimal(fee.group(1)) / (10000 if fee.group(2) == "元" else 1)
        found.append(Claim("admin_fee", amount, fee.group(0)))
    for clause in _CLAUSE.findall(sentence):
        found.extend(_clause_claims(clause, about_requests, sentence))
    return tuple(found)


def _clause_claims(clause: str, about_requests: bool, sentence: str) -> list[Claim]:
    """The counted claims of one clause: each number bound to the first phrase before it."""
    found: list[Claim] = []
    taken: set[int] = set()
    carried = _CARRIED_AFTER.search(clause)
    if carried:
        found.append(Claim("carried", int(carried.group(1)), carried.group(0)))
        taken.add(carried.start(1))
    later = _NEXT_BEFORE.search(clause)
    if later and later.start(1) not in taken:
        found.append(Claim("next", int(later.group(1)), later.group(0)))
        taken.add(later.start(1))
    for kind in KINDS:
        if kind.needs_requests and not about_requests:
            continue
        for phrase in re.finditer(kind.phrase, clause):
            bound = _bound(clause, phrase.end())
            if bound is None:
                continue
            at = phrase.end() + bound.start(1)
            if at in taken:
                continue
            taken.add(at)
            found.append(Claim(kind.kind, int(bound.group(1)), clause[phrase.start():phrase.end() + bound.end()]))
    if "复议" in sentence and "行政诉讼" not in clause:  # "行政复议7件，诉讼9件": 诉讼 alone after 复议
        bare = re.search(rf"(?<![行政])诉讼(?:案件)?({_GAP}){_NUM}", clause)
        if bare and not _NOT_THE_FIGURE.search(bare.group(1)):
            found.append(Claim("lawsuits", int(bare.group(2)), bare.group(0)))
    return found


# ----- the table side -----

def _t3_rows(report: Report, prefix: str) -> list[str]:
    """The t3 row ids of this layout that start with ``prefix`` (r3 → r3_1…r3_8; r6 → r6 or r6_1…)."""
    rows = []
    for cell in report.layout.table("t3").cells:
        if cell.col == "total" and (cell.row == prefix or cell.row.startswith(prefix + "_")):
            rows.append(cell.row)
    return rows


def _row_figure(report: Report, row: str) -> tuple[Figure, tuple[str, ...], bool]:
    """A t3 row's total; when the total is blank but its columns are not, the columns' sum.

    Returns the figure, the cells it comes from and whether a blank total was replaced.
    """
    total_id = f"t3.{row}.total"
    if report.cells[total_id] is not None:
        return number(report.cells[total_id]), (total_id,), False
    columns = tuple(c.id for c in report.layout.table("t3").cells if c.row == row and c.col != "total")
    if any(report.cells[c] is not None for c in columns):
        return report.total(columns), columns, True
    return 0, (total_id,), False


def _rows_figure(report: Report, rows: list[str]) -> tuple[Figure, tuple[str, ...], str]:
    """The sum of t3 rows' totals, the cells, and how blanks were counted: 'columns' when a
    blank total was replaced by its columns' sum, 'blank' when every total is blank, else ''."""
    value: Figure = 0
    cells: list[str] = []
    replaced = blank = 0
    for row in rows:
        figure, ids, was_replaced = _row_figure(report, row)
        value += figure
        cells.extend(ids)
        replaced += was_replaced
        blank += not was_replaced and report.cells[f"t3.{row}.total"] is None
    return value, tuple(cells), "columns" if replaced else "blank" if blank == len(rows) else ""


def _stated(name: str, value: Figure, blanks: str) -> str:
    """'表三…的总计为 95 件', or what a blank published total was counted as."""
    if blanks == "columns":
        return f"{name}为空白，按各申请人列之和计为 {value} 件"
    if blanks == "blank":
        return f"{name}为空白（按 0 计）"
    return f"{name}为 {value} 件"


def _t4(report: Report, groups: tuple[str, ...], col: str) -> tuple[Figure, tuple[str, ...], bool]:
    """The sum of one column of t4 groups; whether every cell of it is blank."""
    ids = tuple(f"t4.{g}.{col}" for g in groups)
    return report.total(ids), ids, all(report.cells[c] is None for c in ids)


_KIND_BY_ID = {k.kind: k for k in KINDS}
_OUTCOME_ROWS = {"r1": ["r1"], "r2": ["r2"], "r1_r2": ["r1", "r2"], "handled": ["r7"], "carried": ["carried"],
                 "next": ["next"]}


def contradictions(report: Report, text: str) -> list[Contradiction]:
    """The claims of a text that the report's tables contradict."""
    found: list[Contradiction] = []
    for claim in claims(text, report.meta.year):
        result = _judge(report, claim)
        if result is not None:
            found.append(result)
    return found


def _judge(report: Report, claim: Claim) -> Contradiction | None:
    """The contradiction a claim makes with the tables, or None when they agree (or cannot tell)."""
    kind = claim.kind
    if kind in ("new", "no_requests"):
        new, new_ids, blanks = _rows_figure(report, ["new"])
        carried, _, _ = _rows_figure(report, ["carried"])
        handled, _, _ = _rows_figure(report, ["r7"])
        said = claim.value or 0
        # 受理 N 件 may count new + carried, and many reports say 收到/受理 for the requests handled.
        if kind == "no_requests" and new == 0 or kind == "new" and said in (new, new + carried, handled):
            return None
        return Contradiction(claim, new, new_ids, _stated("表三“一、本年新收”的总计", new, blanks))
    if kind in _OUTCOME_ROWS or kind in ("r3", "r4", "r5", "r6"):
        rows = _OUTCOME_ROWS.get(kind) or _t3_rows(report, kind)
        if not rows:
            return None
        value, ids, blanks = _rows_figure(report, rows)
        accepted = {value}
        if kind == "handled":  # 办理 N 件 is often the requests received (new, or new + carried)
            accepted |= {_rows_figure(report, ["new"])[0],
                         _rows_figure(report, ["new"])[0] + _rows_figure(report, ["carried"])[0]}
        if claim.value in accepted:
            return None
        return Contradiction(claim, value, ids, _stated(f"表三{_KIND_BY_ID[kind].figure}", value, blanks))
    if kind in ("reviews", "no_reviews"):
        value, ids, blank = _t4(report, ("review",), "total")
        if (claim.value or 0) == value:
            return None
        return Contradiction(claim, value, ids, _stated("表四“行政复议 / 总计”", value, "blank" if blank else ""))
    if kind in ("lawsuits", "no_lawsuits"):
        value, ids, blank = _t4(report, ("direct", "after"), "total")
        if (claim.value or 0) == value:
            return None
        return Contradiction(claim, value, ids, _stated("表四“未经复议直接起诉 / 总计”与“复议后起诉 / 总计”之和", value,
                                                        "blank" if blank else ""))
    if kind.startswith("upheld_"):
        groups = (("review",) if "review" in kind else ()) + (("direct", "after") if "lawsuit" in kind else ())
        others = [(f"t4.{g}.{c}", number(report.cells[f"t4.{g}.{c}"])) for g in groups
                  for c in ("corrected", "other", "pending")]
        shown = [(cell, value) for cell, value in others if value]
        if not shown:
            return None
        names = "、".join(f"“{report.cell(cell).label}”为 {value}" for cell, value in shown)
        total = sum(value for _, value in shown)
        return Contradiction(claim, total, tuple(cell for cell, _ in shown),
                             f"表四中{names}，不是全部维持")
    if kind == "no_fee_notice":
        rows = [r for r in _t3_rows(report, "r6") if r == "r6_2"]
        if not rows:
            return None
        value, ids, blanks = _rows_figure(report, rows)
        if not value:
            return None
        return Contradiction(claim, value, ids, _stated("表三“（六）2.申请人逾期未按收费通知要求缴纳费用”的总计",
                                                        value, blanks) + "，说明发出过收费通知")
    if kind == "admin_fee" and "t2.fee.amount" in report.cells:
        stored = report.cells["t2.fee.amount"]
        if stored is None or claim.value is None or number(stored) == claim.value:
            return None
        return Contradiction(claim, number(stored), ("t2.fee.amount",),
                             f"表二“行政事业性收费 / 本年收费金额”为 {stored} 万元")
    return None


@lru_cache(maxsize=1)
def claim_cells() -> frozenset[str]:
    """Every cell a claim can be compared with, in any layout (the check's inputs)."""
    ids = {c.id for lay in LAYOUTS.values() for t in lay.tables if t.id in ("t3", "t4") for c in t.cells}
    return frozenset(ids | {"t2.fee.amount"})
