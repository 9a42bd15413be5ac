"""Importing the shared sample and the real published documents, as the issue's acceptance asks."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.importers import read_source
from app.rules import check
from tests.helpers import run_cli

BALANCE_RULES = {"T3.col", "T3.row", "T3.sum", "T4.sum"}
SAMPLE_PARTS = ["主动公开情况", "依申请公开情况", "政府信息公开行政复议、行政诉讼情况", "政府信息公开平台建设情况",
                "政府信息公开监督保障及教育培训情况"]


def _expected(shared: Path) -> dict[str, dict]:
    return json.loads((shared / "realworld" / "expected.json").read_text(encoding="utf-8"))


def test_sample_imports_every_cell_and_section(shared: Path) -> None:
    result = read_source(shared / "samples" / "huiji-2022.txt")
    report = result.report
    assert result.uncertain == [] and report.uncertain == {}
    assert report.layout_id == "2021" and report.totals == "published"
    assert report.meta.organ == "惠济区政务服务和大数据管理局" and report.meta.year == 2022
    for cell in report.layout.cells:
        if cell.id == "t2.fee.amount":
            assert report.cells[cell.id] == Decimal("0") and isinstance(report.cells[cell.id], Decimal)
        else:
            assert report.cells[cell.id] == 0 and type(report.cells[cell.id]) is int, cell.id
    assert result.sections_found == ["s1", "s2", "s3", "s4", "s5", "s6"]
    s1 = report.sections["s1"]
    assert [p.title for p in s1.parts] == SAMPLE_PARTS
    assert s1.text.startswith("2022年，区政务服务和大数据管理局在区委区政府的正确领导下")
    assert s1.parts[0].text.startswith("2022年，我局在郑州市政务公开网公开各类信息16条，其中")
    assert s1.parts[1].text == "2022年，我局未收到政府信息公开申请。"
    assert all(p.text for p in s1.parts)
    assert report.sections["s5"].text.startswith("2022年，我局政府信息公开工作虽然取得了成效")
    assert report.sections["s6"].text == "发出收费通知的件数和总金额及实际收取的总金额均为0。"


def test_sample_check_finds_no_error_and_the_parts_warning(shared: Path) -> None:
    findings = check(read_source(shared / "samples" / "huiji-2022.txt").report)
    assert not [f for f in findings if f.is_error]
    [parts] = findings
    assert parts.rule == "N.parts" and parts.expected == 16 and parts.actual == 25
    assert "13 + 6 + 1 + 2 + 1 + 2 = 25" in parts.message


def test_sample_through_the_command_line(shared: Path, tmp_path: Path) -> None:
    draft = tmp_path / "huiji.nianbao"
    done = run_cli("import", str(shared / "samples" / "huiji-2022.txt"), "-o", str(draft))
    assert done.returncode == 0, done.stderr
    assert "找到部分：6 个；读取单元格：200 个；不确定：0 项" in done.stdout
    checked = run_cli("check", str(shared / "samples" / "huiji-2022.txt"))
    assert checked.returncode == 0 and "[N.parts]" in checked.stdout and "没有发现错误" in checked.stdout
    shown = json.loads(run_cli("show", str(draft), "--json").stdout)
    assert shown["totals"] == "published" and shown["meta"]["organ"] == "惠济区政务服务和大数据管理局"


@pytest.mark.parametrize("name", ["hongze-2023.pdf", "hongze-2024.pdf", "huaian-2024.pdf", "pingtan-2024.html",
                                  "shuyang-fgj-2023.html", "shanghai-office-2019.html"])
def test_real_document_imports_with_its_figures_and_errors(shared: Path, name: str) -> None:
    expected = _expected(shared)[name]
    result = read_source(shared / "realworld" / name)
    report = result.report
    assert result.uncertain == []
    assert result.sections_found == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert report.meta.organ == expected["organ"] and report.meta.year == expected["year"]
    assert report.layout_id == expected["format"] and report.totals == "published"
    assert {cell: report.cells[cell] for cell in expected["cells"]} == expected["cells"]
    failing = {f.rule for f in check(report) if f.rule in BALANCE_RULES}
    assert failing == set(expected["errors"])
    assert all(not report.sections[s].is_empty() for s in ("s1", "s5", "s6"))
    assert report.sections["s1"].parts, "section 一 has its numbered sub-heads"


def test_every_real_document_is_in_expected_json(shared: Path) -> None:
    documents = {p.name for p in (shared / "realworld").iterdir() if p.suffix in (".pdf", ".html", ".docx")}
    assert documents - set(_expected(shared)) == {"template-2021.docx"}


def test_blank_template_imports_as_an_empty_2021_report(shared: Path) -> None:
    result = read_source(shared / "realworld" / "template-2021.docx")
    report = result.report
    assert result.uncertain == [] and report.layout_id == "2021"
    assert result.sections_found == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert all(value is None for value in report.cells.values()) and len(report.cells) == 200
    assert all(n.is_empty() for n in report.sections.values())  # the （文字描述） placeholders are not text
    assert {f.rule for f in check(report) if not f.is_error} == {"CELL.blank"}


def test_published_figures_the_checks_get_wrong_are_kept(shared: Path) -> None:
    hongze = read_source(shared / "realworld" / "hongze-2023.pdf").report
    assert [hongze.cells[f"t4.review.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == \
        [10, 1, 0, 0, 0]
    assert hongze.cells["t2.fee.amount"] == Decimal("7730.28")
    shanghai = read_source(shared / "realworld" / "shanghai-office-2019.html").report
    assert shanghai.cells["t2_2019.cg.amount"] == "251000元" and shanghai.cells["t2_2019.gz.total_public"] == 524
    assert shanghai.meta.published == "2020-01-31"


def test_narrative_claims_on_real_prose(shared: Path) -> None:
    findings = check(read_source(shared / "realworld" / "hongze-2024.pdf").report)
    [claim] = [f for f in findings if f.rule == "N.table"]
    assert "受理政府信息公开申请17件" in claim.message and claim.actual == 17 and claim.expected == 95
    shanghai = check(read_source(shared / "realworld" / "shanghai-office-2019.html").report)
    found = {f.actual: f for f in shanghai if f.rule == "N.table"}
    assert sorted((f.actual, f.expected) for f in found.values()) == [(0, 3), (258, 275), (265, 337)]
    assert "予以公开及部分公开258件" in found[258].message  # 258 is r1 自然人 only; r1 + r2 give 275
    assert "无法提供265件" in found[265].message and "为空白，按各申请人列之和计为 337 件" in found[265].message  # 265 is r4_1 only
    assert "均获维持" in found[0].message and "尚未审结" in found[0].message  # 3 cases still pending
    for name in ("pingtan-2024.html", "huaian-2024.pdf", "shuyang-fgj-2023.html", "hongze-2023.pdf"):
        report = read_source(shared / "realworld" / name).report
        assert not [f for f in check(report) if f.rule in ("N.table", "N.parts")], name
    assert not [f for f in check(read_source(shared / "samples" / "huiji-2022.txt").report) if f.rule == "N.table"]


def test_check_accepts_a_pdf_directly(shared: Path) -> None:
    done = run_cli("check", str(shared / "realworld" / "hongze-2023.pdf"))
    assert done.returncode == 1 and "[T4.sum]" in done.stdout
