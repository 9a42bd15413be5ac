"""Sentences written from the tables: zero and non-zero figures, every section that has one, and
N.table holding after insertion, firing after a later change, and the update that fixes it."""

from __future__ import annotations

import pytest

from app.editing import PartPlace, SectionPlace
from app.report import Report
from app.rules import check
from app.sentences import (Place, apply_update, fee_sentence, insert, proposals, requests_sentence, reviews_sentence,
                           target_place, update_for)


def _report() -> Report:
    report = Report.new(organ="测试县数据局", year=2024)
    report.sections["s5"].text = "主要问题是公开内容不够全面。"
    report.sections["s6"].text = "本年度未收取信息处理费。"
    report.sections["s1"].text = "本年度，我局认真贯彻落实《条例》。"
    return report


def _busy() -> Report:
    report = _report()
    for cell, value in {"t3.new.natural": 4, "t3.new.business": 1, "t3.carried.natural": 1, "t3.r1.natural": 3,
                        "t3.r3_4.natural": 1, "t3.r5_2.business": 1, "t3.next.natural": 1,
                        "t4.review.upheld": 2, "t4.review.pending": 1, "t4.direct.corrected": 1,
                        "t4.after.upheld": 1, "t3.r6_2.natural": 0}.items():
        report.set_cell(cell, value)
    return report


def _table_findings(report: Report, section: str, rule: str = "N.table") -> list:
    return [f for f in check(report) if f.rule == rule and f.section == section]


def test_zero_figures_read_naturally() -> None:
    report = _report()
    assert requests_sentence(report) == "本年度未收到政府信息公开申请，无上年结转申请。"
    assert reviews_sentence(report) == "本年度未发生政府信息公开行政复议、行政诉讼。"
    assert fee_sentence(report) == "本年度没有因申请人逾期未缴纳费用而不再处理的政府信息公开申请。"
    for section in ("s1", "s3", "s4", "s6"):
        for proposal in proposals(report, section):
            assert "0件" not in proposal.text and "0 件" not in proposal.text


def test_non_zero_figures_give_the_standard_sentences() -> None:
    report = _busy()
    assert requests_sentence(report) == ("本年度共新收政府信息公开申请5件，上年结转1件。办结5件，其中予以公开3件、"
                                         "不予公开1件、不予处理1件；结转下年度继续办理1件。")
    assert reviews_sentence(report) == ("本年度发生政府信息公开行政复议3件，其中结果维持2件、尚未审结1件；"
                                        "行政诉讼2件（未经复议直接起诉1件、复议后起诉1件）。")
    report.set_cell("t3.r6_2.natural", 2)
    assert fee_sentence(report) == "本年度因申请人逾期未按通知缴纳费用、不再处理的政府信息公开申请2件。"


def test_mixed_zero_and_non_zero_figures() -> None:
    report = _report()
    report.set_cell("t3.carried.natural", 2)
    report.set_cell("t3.r1.natural", 2)
    assert requests_sentence(report) == ("本年度未收到新的政府信息公开申请，上年结转2件。办结2件，均为予以公开；"
                                         "无结转下年度继续办理的申请。")
    report = _report()
    report.set_cell("t4.after.pending", 1)
    assert reviews_sentence(report) == "本年度未发生政府信息公开行政复议；发生行政诉讼1件。"


@pytest.mark.parametrize(("section", "place"), [("s1", PartPlace("s1", 1, "text")), ("s3", SectionPlace("s3")),
                                                ("s4", SectionPlace("s4")), ("s6", SectionPlace("s6"))])
def test_every_section_that_has_a_sentence_offers_it_at_its_place(section: str, place: Place) -> None:
    report = _busy()
    assert report.sections["s1"].parts[1].title.startswith("依申请公开")
    [proposal] = proposals(report, section)
    assert proposal.place == place == target_place(report, section)
    assert proposals(report, "s2") == [] and proposals(report, "s5") == []


def test_the_2019_table_has_no_unpaid_fee_row_so_section_six_offers_nothing() -> None:
    report = Report.new(organ="测试县数据局", year=2019, layout_id="2019")
    assert proposals(report, "s6") == [] and len(proposals(report, "s3")) == 1


@pytest.mark.parametrize(("section", "changes"), [
    ("s1", {"t3.new.natural": 6, "t3.r1.natural": 5}),  # two more requests, both answered: the table balances
    ("s3", {"t3.new.legal": 2, "t3.r2.legal": 2}),
    ("s4", {"t4.review.corrected": 3}),
])
def test_n_table_holds_after_insertion_fires_after_a_change_and_the_update_fixes_it(section: str,
                                                                                    changes: dict) -> None:
    report = _busy()
    report.sections[section].text = "已有的一段话。" if section != "s1" else report.sections[section].text
    [proposal] = proposals(report, section)
    text = insert(report, proposal)
    assert text.endswith("\n" + proposal.text) or text == proposal.text  # a new paragraph of its own
    assert _table_findings(report, section) == [] and _table_findings(report, section, "N.parts") == []
    for cell, value in changes.items():
        report.set_cell(cell, value)
    assert not [f for f in check(report) if f.is_error and f.rule != "S.missing"]
    findings = _table_findings(report, section)  # one per claim of the sentence the change made wrong
    assert findings
    updates = [update_for(report, finding) for finding in findings]
    update = updates[0]
    assert update is not None and update.old_sentence == proposal.text
    assert all(other == update for other in updates)  # every such finding offers the same rewrite
    assert update.new_sentence != proposal.text and update.new_text.replace(update.new_sentence, "") == \
        update.old_text.replace(update.old_sentence, "")
    apply_update(report, update)
    assert _table_findings(report, section) == [] and _table_findings(report, section, "N.parts") == []


def test_zero_sentence_holds_then_fires_when_a_request_arrives() -> None:
    report = _report()
    [proposal] = proposals(report, "s3")
    insert(report, proposal)
    assert _table_findings(report, "s3") == []
    report.set_cell("t3.new.natural", 1)
    report.set_cell("t3.r1.natural", 1)
    [finding] = _table_findings(report, "s3")
    update = update_for(report, finding)
    assert update is not None and update.new_sentence.startswith("本年度共新收政府信息公开申请1件")
    apply_update(report, update)
    assert _table_findings(report, "s3") == []


def test_a_sentence_a_person_wrote_is_not_rewritten() -> None:
    report = _busy()
    report.sections["s3"].text = "我局全年收到申请9件。"
    [finding] = _table_findings(report, "s3")
    assert update_for(report, finding) is None
