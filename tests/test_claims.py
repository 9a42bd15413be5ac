"""N.table: each kind of claim the prose makes about the tables, once contradicted and once borne out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.claims import claims
from app.report import Report
from app.rules import check

# A small office: 10 new requests and 2 carried; 5 published, 2 partly, 1 refused (r3_4),
# 2 not held (r4_1), 1 not handled (r5_2), 1 other (r6_3); 12 handled, 0 carried on.
FIGURES = {"t3.new.total": 10, "t3.new.natural": 10, "t3.carried.total": 2, "t3.carried.natural": 2,
           "t3.r1.total": 5, "t3.r2.total": 2, "t3.r3_4.total": 1, "t3.r4_1.total": 2, "t3.r5_2.total": 1,
           "t3.r6_3.total": 1, "t3.r7.total": 12, "t3.next.total": 0,
           "t4.review.upheld": 2, "t4.review.total": 2, "t4.direct.upheld": 1, "t4.direct.total": 1,
           "t4.after.pending": 1, "t4.after.total": 1}


def _report(text: str, layout_id: str = "2021", **cells: object) -> Report:
    report = Report.new(organ="测试县数据局", year=2024, layout_id=layout_id)
    for cell_id, value in {**FIGURES, **cells}.items():
        report.cells[cell_id.replace("__", ".")] = value  # type: ignore[assignment]
    report.sections["s1"].text = text
    return report


def _table_findings(report: Report) -> list:
    return [f for f in check(report) if f.rule == "N.table"]


CASES = [  # kind, a sentence the tables bear out, one they contradict (and the table figure)
    ("new", "本年度共收到政府信息公开申请10件。", "本年度共收到政府信息公开申请9件。", 10),
    ("new counted with carried", "本年度受理政府信息公开申请12件（含上年结转）。", "本年度受理政府信息公开申请13件。", 10),
    ("carried", "答复申请12件（含上年度结转申请2件）。", "答复申请12件（含上年度结转申请3件）。", 2),
    ("next after", "结转下年度继续办理0件。", "结转下年度继续办理4件。", 0),
    ("next before", "另有0件申请顺延到下年度答复。", "另有4件申请顺延到下年度答复。", 0),
    ("handled", "全年办结政府信息公开申请12件。", "全年办结政府信息公开申请11件。", 12),
    ("r1", "依申请公开方面，予以公开5件。", "依申请公开方面，予以公开6件。", 5),
    ("r2", "依申请公开方面，部分公开2件。", "依申请公开方面，部分公开3件。", 2),
    ("r1 and r2", "依申请公开方面，予以公开及部分公开7件。", "依申请公开方面，予以公开和部分公开5件。", 7),
    ("r3", "对申请不予公开1件。", "对申请不予公开2件。", 1),
    ("r4", "对申请无法提供2件。", "对申请因本机关不掌握等原因无法提供1件。", 2),
    ("r5", "对申请不予处理1件。", "对申请不予处理0件。", 1),
    ("r6", "对申请其他处理1件。", "对申请其他处理2件。", 1),
    ("reviews", "发生政府信息公开行政复议2件。", "发生政府信息公开行政复议3件。", 2),
    ("lawsuits", "发生政府信息公开行政诉讼2件。", "发生政府信息公开行政诉讼1件。", 2),
    ("bare lawsuits after reviews", "行政复议2件，诉讼2件。", "行政复议2件，诉讼5件。", 2),
]


@pytest.mark.parametrize("name,agrees,contradicts,table", CASES, ids=[c[0] for c in CASES])
def test_each_claim_kind_agrees_and_contradicts(name: str, agrees: str, contradicts: str, table: int) -> None:
    assert _table_findings(_report(agrees)) == [], agrees
    [finding] = _table_findings(_report(contradicts))
    assert finding.expected == table and finding.severity == "warning"
    assert finding.cells and "文中说" in finding.message


def test_no_requests() -> None:
    none = {"t3__new__total": 0, "t3__new__natural": 0}
    assert _table_findings(_report("本年度未收到政府信息公开申请。", **none)) == []
    [finding] = _table_findings(_report("本年度未收到政府信息公开申请。"))
    assert finding.expected == 10 and finding.cells == ("t3.new.total",)


def test_no_reviews_and_no_lawsuits() -> None:
    quiet = {"t4__review__upheld": 0, "t4__review__total": 0, "t4__direct__upheld": 0, "t4__direct__total": 0,
             "t4__after__pending": 0, "t4__after__total": 0}
    assert _table_findings(_report("本年度未发生政府信息公开行政复议、行政诉讼。", **quiet)) == []
    found = _table_findings(_report("本年度未发生政府信息公开行政复议、行政诉讼。"))
    assert {f.expected for f in found} == {2} and len(found) == 2


def test_all_upheld_against_a_group_with_other_results() -> None:
    assert _table_findings(_report("行政复议2件，均获维持。")) == []
    [finding] = _table_findings(_report("行政复议2件，行政诉讼2件，均获维持。"))
    assert "复议后起诉 / 尚未审结”为 1" in finding.message and finding.cells == ("t4.after.pending",)


def test_fee_notice_statement_against_requests_dropped_for_an_unpaid_fee() -> None:
    text = "本年度未发出收费通知，未收取信息处理费。"
    assert _table_findings(_report(text)) == []
    [finding] = _table_findings(_report(text, t3__r6_2__total=1))
    assert "收费通知" in finding.message and finding.cells == ("t3.r6_2.total",)


def test_administrative_fee_amount_against_table_two() -> None:
    assert _table_findings(_report("行政事业性收费1.25万元。", t2__fee__amount=Decimal("1.25"))) == []
    assert _table_findings(_report("行政事业性收费12500元。", t2__fee__amount=Decimal("1.25"))) == []
    [finding] = _table_findings(_report("行政事业性收费3万元。", t2__fee__amount=Decimal("1.25")))
    assert finding.expected == Decimal("1.25") and finding.actual == Decimal("3")


def test_information_fee_is_not_compared_with_the_administrative_fee() -> None:
    # 信息处理费 (charged for answering requests) is not t2's 行政事业性收费: different money.
    report = _report("全年收取政府信息公开信息处理费0元。", t2__fee__amount=Decimal("7730.28"))
    assert _table_findings(report) == []


def test_the_2019_single_other_row() -> None:
    cells = {"t3__r6__total": 1}
    assert _table_findings(_report("对申请其他处理1件。", layout_id="2019", **cells)) == []
    [finding] = _table_findings(_report("对申请其他处理3件。", layout_id="2019", **cells))
    assert finding.cells == ("t3.r6.total",)


def test_blank_totals_are_named_blank() -> None:
    blank = {f"t3__new__{c}": None for c in ("natural", "business", "research", "social", "legal", "other", "total")}
    [finding] = _table_findings(_report("本年度共收到政府信息公开申请9件。", **blank))
    assert "为空白（按 0 计）" in finding.message
    [summed] = _table_findings(_report("依申请公开方面，予以公开6件。", t3__r1__total=None, t3__r1__natural=5))
    assert "为空白，按各申请人列之和计为 5 件" in summed.message and summed.expected == 5


@pytest.mark.parametrize("text", [
    "依申请公开方面，予以公开较去年增加3件。",  # a comparison
    "本年度受理政府信息公开申请约30件。",  # an approximate count
    "主动公开政府信息5500余条。",
    "依申请公开方面，予以公开5件（41.67%）。",  # a percentage beside a claim is not a claim
    "2023年受理政府信息公开申请比上年减少4件。",
    "主动公开文件予以公开12条。",  # 予以公开 outside a paragraph about requests
    "行政复议、行政诉讼共3件。",  # one number for two figures
    "2023年共受理政府信息公开申请20件。",  # last year's figure, in the report for 2024
    "全年收到行政复议决定书3份。",  # not a count of cases
])
def test_numbers_that_cannot_be_tied_to_one_figure_are_left_alone(text: str) -> None:
    assert _table_findings(_report(text)) == [], text


def test_outcomes_listed_with_enumeration_commas() -> None:
    text = "依申请公开方面，其中予以公开5件、部分公开2件、不予公开1件、无法提供2件。"
    assert _table_findings(_report(text)) == []
    found = _table_findings(_report(text.replace("部分公开2件", "部分公开4件")))
    assert [(f.expected, f.actual) for f in found] == [(2, 4)]


def test_thousands_and_full_width_digits() -> None:
    many = {"t3__new__total": 1295, "t3__new__natural": 1295}
    assert _table_findings(_report("全年受理政府信息公开申请1,295件。", **many)) == []
    assert [c.value for c in claims("全年受理政府信息公开申请１２件。")] == [12]
