"""Every rule of the spec, failing and passing, with the cells and figures it names."""

from __future__ import annotations

from decimal import Decimal

from app.report import Part, Report
from app.rules import RULE_IDS, WARNING, Checker, Finding, check
from tests.helpers import roundtrip, zero_report


def by_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_complete_zero_report_passes_everything() -> None:
    assert check(zero_report()) == []


def test_only_new_natural_five_gives_exactly_col_and_row_errors() -> None:
    report = Report.new(organ="测试局", year=2024)
    report.cells["t3.new.natural"] = 5
    report = roundtrip(report)  # through canonical JSON: nothing is recomputed
    findings = [f for f in check(report) if f.rule != "S.missing"]
    assert [(f.rule, f.severity) for f in findings] == [("T3.row", "error"), ("T3.col", "error")]
    row, col = findings
    assert row.cells[0] == "t3.new.total" and "t3.new.natural" in row.cells
    assert (row.expected, row.actual, row.difference) == (5, 0, 5)
    assert col.cells == ("t3.new.natural", "t3.carried.natural", "t3.r7.natural", "t3.next.natural")
    assert (col.expected, col.actual, col.difference) == (5, 0, 5)
    assert col.message == "自然人列：本年新收 5 + 上年结转 0 = 5，但办理结果总计 0 + 结转下年度 0 = 0，相差 5"
    assert {f.section for f in check(report) if f.rule == "S.missing"} == {"s1", "s5", "s6"}


def test_t3_col_passes_when_balanced() -> None:
    report = zero_report(t3__new__natural=5, t3__carried__natural=2, t3__r7__natural=4,
                         t3__next__natural=3, t3__r1__natural=4)
    assert by_rule(check(report), "T3.col") == []


def test_t3_row() -> None:
    report = zero_report(t3__r1__business=3, t3__r1__total=2)
    [finding] = by_rule(check(report), "T3.row")
    assert finding.cells[0] == "t3.r1.total" and "t3.r1.business" in finding.cells
    assert (finding.expected, finding.actual, finding.difference) == (3, 2, 1)
    assert finding.message.startswith("予以公开行：")
    report.cells["t3.r1.total"] = 3
    assert by_rule(check(report), "T3.row") == []


def test_t3_sum_over_leaf_rows() -> None:
    report = zero_report(t3__r3_4__legal=2, t3__r6_3__legal=1, t3__r7__legal=2)
    [finding] = by_rule(check(report), "T3.sum")
    assert finding.cells[0] == "t3.r7.legal"
    assert {"t3.r3_4.legal", "t3.r6_3.legal"} <= set(finding.cells)
    assert (finding.expected, finding.actual, finding.difference) == (3, 2, 1)
    assert "不予公开·4.保护第三方合法权益 2" in finding.message
    report.cells["t3.r7.legal"] = 3
    assert by_rule(check(report), "T3.sum") == []


def test_t4_sum_as_in_hongze_2023() -> None:
    report = zero_report(t4__review__upheld=10, t4__review__corrected=1)
    [finding] = by_rule(check(report), "T4.sum")
    assert finding.cells == ("t4.review.total", "t4.review.upheld", "t4.review.corrected",
                             "t4.review.other", "t4.review.pending")
    assert (finding.expected, finding.actual, finding.difference) == (11, 0, 11)
    report.cells["t4.review.total"] = 11
    assert by_rule(check(report), "T4.sum") == []


def test_cell_value() -> None:
    report = zero_report(t2__gz__made=-1, t2__fee__amount="十万")
    findings = by_rule(check(report), "CELL.value")
    assert [f.cells for f in findings] == [("t2.gz.made",), ("t2.fee.amount",)]
    assert findings[0].actual == "-1" and "不小于 0 的整数" in findings[0].message
    report.cells["t2.gz.made"], report.cells["t2.fee.amount"] = 1, Decimal("1.5")
    report.cells["t2.gz.valid"] = 1
    assert by_rule(check(report), "CELL.value") == []


def test_cell_blank_is_one_warning_per_table() -> None:
    report = zero_report(t3__r1__social=None, t3__r2__social=None, t4__after__other=None)
    findings = by_rule(check(report), "CELL.blank")
    assert [(f.severity, f.cells) for f in findings] == [
        ("warning", ("t3.r1.social", "t3.r2.social")), ("warning", ("t4.after.other",))]
    assert check(zero_report()) == []


def test_t2_fee_decimals_and_size() -> None:
    [many] = by_rule(check(zero_report(t2__fee__amount=Decimal("1.234567"))), "T2.fee")
    assert many.severity == "warning" and (many.expected, many.actual) == (4, 6)
    [huge] = by_rule(check(zero_report(t2__fee__amount=Decimal("251000000"))), "T2.fee")
    assert "万元而不是元" in huge.message
    assert by_rule(check(zero_report(t2__fee__amount=Decimal("96171.6"))), "T2.fee") == []


def test_x_carry_needs_last_year() -> None:
    last = zero_report(t3__next__natural=4, t3__next__total=4)
    this = zero_report()
    assert by_rule(check(this), "X.carry") == []
    natural, total = by_rule(check(this, last), "X.carry")
    assert (natural.cells, total.cells) == (("t3.carried.natural",), ("t3.carried.total",))
    assert (natural.expected, natural.actual, natural.difference) == (4, 0, 4)
    this.cells["t3.carried.natural"] = 4
    this.cells["t3.carried.total"] = 4
    assert by_rule(check(this, last), "X.carry") == []


def test_x_valid() -> None:
    last = zero_report(t2__gf__valid=10)
    this = zero_report(t2__gf__made=3, t2__gf__repealed=1, t2__gf__valid=11)
    [finding] = by_rule(check(this, last), "X.valid")
    assert finding.cells == ("t2.gf.made", "t2.gf.repealed", "t2.gf.valid")
    assert (finding.expected, finding.actual, finding.difference) == (12, 11, 1)
    this.cells["t2.gf.valid"] = 12
    assert by_rule(check(this, last), "X.valid") == []


SAMPLE_S1 = ("2022年，我局在郑州市政务公开网公开各类信息16条，其中政务服务改革工作信息13条，事项清单公告公示6条，"
             "人大建议1条，部门决算预算2条，组织机构等信息1条，政府信息公开指南2条。")


def test_n_parts_as_in_the_sample() -> None:
    report = zero_report()
    report.sections["s1"].parts = [Part("主动公开情况", SAMPLE_S1)]
    [finding] = by_rule(check(report), "N.parts")
    assert (finding.expected, finding.actual, finding.difference) == (16, 25, -9)
    assert finding.section == "s1" and "13 + 6 + 1 + 2 + 1 + 2 = 25 条" in finding.message
    report.sections["s1"].parts[0].text = SAMPLE_S1.replace("16条", "25条")
    assert by_rule(check(report), "N.parts") == []


def test_n_table_requests_reviews_and_lawsuits() -> None:
    report = zero_report(t3__new__natural=95, t3__new__total=95, t3__r1__natural=95, t3__r1__total=95,
                         t3__r7__natural=95, t3__r7__total=95, t4__review__upheld=2, t4__review__total=2)
    report.sections["s1"].text = "区政府办代表区政府受理申请17件。全年发生行政复议2件，行政诉讼1件。"
    findings = by_rule(check(report), "N.table")
    assert [(f.cells, f.expected, f.actual) for f in findings] == [
        (("t3.new.total",), 95, 17), (("t4.direct.total", "t4.after.total"), 0, 1)]
    report.sections["s1"].text = "全年受理申请95件。全年发生行政复议2件，行政诉讼0件。"
    assert by_rule(check(report), "N.table") == []


def test_n_table_no_requests_claim() -> None:
    report = zero_report(t3__new__social=1, t3__new__total=1, t3__next__social=1, t3__next__total=1)
    report.sections["s1"].text = "2022年，我局未收到政府信息公开申请。"
    [finding] = by_rule(check(report), "N.table")
    assert finding.cells == ("t3.new.total",) and finding.expected == 1
    assert by_rule(check(zero_report()), "N.table") == []


def test_s_missing_for_prose_and_tables() -> None:
    report = zero_report()
    report.sections["s5"].text = "  "
    for cell in report.layout.table("t4").cells:
        report.cells[cell.id] = None
    findings = by_rule(check(report), "S.missing")
    assert [(f.section, f.severity) for f in findings] == [("s4", "error"), ("s5", "error")]
    assert by_rule(check(zero_report()), "S.missing") == []


def test_s_fee() -> None:
    report = zero_report()
    report.sections["s6"].text = "无。"
    [finding] = by_rule(check(report), "S.fee")
    assert finding.section == "s6" and finding.severity == "warning"
    report.sections["s6"].text = "发出收费通知的件数和总金额及实际收取的总金额均为0。"
    assert by_rule(check(report), "S.fee") == []


def test_s_copy() -> None:
    last = zero_report()
    last.meta.year = 2023
    last.sections["s5"].text = ("一是主动公开意识不强，主动公开内容不够全面；二是政策解读形式较为单一，图解视频较少；"
                                "三是依申请公开答复的规范性有待提高。2023年我局将继续加强培训。")
    this = zero_report()
    this.sections["s5"].text = last.sections["s5"].text.replace("2023", "2024")  # the year alone changed
    [finding] = by_rule(check(this, last), "S.copy")
    assert finding.section == "s5" and finding.actual == "100%"
    this.sections["s5"].text = "今年新建了政策解读专栏，依申请公开答复期限平均缩短到8个工作日。"
    assert by_rule(check(this, last), "S.copy") == []
    # T.copy: the tables are all zero in both years, which small offices often have
    assert by_rule(check(this, last), "T.copy") == []
    for cell in ("t3.new.natural", "t3.new.total", "t3.r1.natural", "t3.r1.total", "t3.r7.total"):
        this.cells[cell] = last.cells[cell] = 4
    [table] = by_rule(check(this, last), "T.copy")
    assert table.section == "s3" and set(table.cells) == {"t3.new.natural", "t3.new.total", "t3.r1.natural",
                                                        "t3.r1.total", "t3.r7.total"}
    this.cells["t3.r7.total"] = 5
    assert by_rule(check(this, last), "T.copy") == []


def test_n_year() -> None:
    report = zero_report()  # the 2024 report
    report.sections["s1"].text = "2023年，我局共主动公开政府信息391条。较2023年增长12%。"
    [finding] = by_rule(check(report), "N.year")
    assert finding.section == "s1" and "2023年，我局共主动公开政府信息391条" in finding.message
    report.sections["s1"].text = "本年度共主动公开政府信息391条，较2023年增长12%。"
    assert by_rule(check(report), "N.year") == []


def test_m_meta() -> None:
    report = zero_report()
    report.meta.organ, report.meta.year = "", None
    findings = by_rule(check(report), "M.meta")
    assert [(f.key, f.severity) for f in findings] == [("M.meta:organ", "error"), ("M.meta:year", "error")]
    assert by_rule(check(zero_report()), "M.meta") == []


def test_m_late() -> None:  # both organ kinds and both sides of each deadline: tests/test_deadline.py
    report = zero_report()
    report.meta.published = "2025-02-01"
    [late] = by_rule(check(report), "M.late")
    assert (late.severity, late.expected, late.actual, late.difference) == ("warning", "2025-01-31", "2025-02-01", 1)
    report.meta.published = "2025-01-31"
    assert by_rule(check(report), "M.late") == []


def test_every_rule_of_the_spec_is_implemented_and_tested_here() -> None:
    from pathlib import Path

    from app.format import LAYOUTS
    from app.rules.checks import checks_for

    spec = (Path(__file__).resolve().parents[2] / "shared" / "format-spec.md").read_text(encoding="utf-8")
    table = spec[spec.index("## 6."):spec.index("## 7.")]
    spec_ids = {line.split("`")[1] for line in table.splitlines() if line.startswith("| `")}
    added = spec[spec.index("## 9."):]
    added_ids = {line.split("`")[1] for line in added.splitlines() if line.startswith("| `")}
    # §9's rules join with the work that needs them: M.late with the deadline, T.copy and N.year
    # with last year's report; every one of them is now implemented
    assert added_ids == {"M.late", "T.copy", "N.year"}
    spec_ids |= added_ids
    ours = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    our_ids = {line.split("`")[1] for line in ours.splitlines() if line.startswith("| `")}
    assert our_ids == {"S.subhead"} and not our_ids & spec_ids  # the project's own, documented beside the spec
    spec_ids |= our_ids
    assert spec_ids == set(RULE_IDS) and len(spec_ids) == 19
    implemented = {c.rule for lid in LAYOUTS for c in checks_for(LAYOUTS[lid])}
    assert implemented == spec_ids
    source = open(__file__, encoding="utf-8").read()
    for rule in RULE_IDS:
        assert f'"{rule}"' in source, rule


def test_recheck_after_one_edit_matches_a_full_check() -> None:
    report = zero_report()
    report.totals = "computed"
    checker = Checker(report)
    changed = report.set_cell("t3.new.natural", 5)
    assert changed == {"t3.new.natural", "t3.new.total"}
    delta = checker.update(changed)
    assert checker.findings == check(report)
    assert list(delta.added) == check(report) and delta.removed == ()  # the update says what came
    assert {f.rule for f in checker.findings} == {"T3.col"}
    delta = checker.update(report.set_cell("t3.r1.natural", 5))
    assert checker.findings == []
    assert delta.added == () and {f.rule for f in delta.removed} == {"T3.col"}


def test_an_empty_standard_sub_head_is_a_warning_naming_it() -> None:
    report = zero_report()
    parts = report.sections["s1"].parts
    parts[1].title, parts[1].text = "（二）依申请公开政府信息情况", ""  # a published wording, numbered by hand
    parts[3].title, parts[3].text = "信息公开平台建设方面", ""
    parts.append(Part("本单位自定的小标题", ""))  # the organ's own: not judged
    found = [f for f in check(report) if f.rule == "S.subhead"]
    assert [f.key for f in found] == ["S.subhead:s1:依申请公开", "S.subhead:s1:政府信息公开平台建设"]
    assert all(f.severity == WARNING and f.section == "s1" for f in found)
    assert "“（二）依申请公开政府信息情况”下还没有正文" in found[0].message and "删除" in found[0].message
    assert "“（四）信息公开平台建设方面”" in found[1].message  # the number it prints under
    parts[1].text = "本年度未收到申请。"
    assert [f.key for f in check(report) if f.rule == "S.subhead"] == ["S.subhead:s1:政府信息公开平台建设"]
    del parts[3]  # removed on purpose: no longer asked for
    assert not [f for f in check(report) if f.rule == "S.subhead"]


def test_an_empty_section_one_is_s_missing_not_five_sub_head_warnings() -> None:
    report = Report.new(organ="测试县数据局", year=2024)
    rules = [f.rule for f in check(report)]
    assert "S.missing" in rules and "S.subhead" not in rules
