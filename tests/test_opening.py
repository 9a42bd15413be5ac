"""The opening paragraph and the 落款: kept, printed, exported to every format and read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.canonical import to_canonical
from app.editing import Editor, MetaPlace, SetText
from app.exporters.docx import write_docx
from app.exporters.html import write_html
from app.exporters.pdf import write_pdf
from app.exporters.xlsx import write_xlsx
from app.importers import read_source
from app.opening import printed_opening, standard_opening
from app.report import Report
from app.store import load, save
from tests.helpers import zero_report
from tests.pdf_reading import pdftotext, squeeze

SHARED = Path(__file__).resolve().parents[2] / "shared"
CONTACT = "地址：测试县人民路1号\n邮编：223100\n电话：0517-1234567\n电子邮箱：sjj@example.gov.cn"
OWN_OPENING = ("本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
               "如对本报告有疑问，请与测试县数据局联系（电话：0517-7654321）。")
WRITERS = {".pdf": write_pdf, ".docx": write_docx, ".html": write_html, ".xlsx": write_xlsx}


def _report(opening: str = "") -> Report:
    report = zero_report()
    report.meta.contact, report.meta.published, report.meta.opening = CONTACT, "2025-01-20", opening
    report.meta.website = "测试县人民政府门户网站（www.example.gov.cn）"
    return report


def test_the_standard_opening_says_what_spec_1_asks_from_the_report_information() -> None:
    text = standard_opening(_report())
    assert "《中华人民共和国政府信息公开条例》" in text and "国办公开办函〔2021〕30号" in text
    assert "自2024年1月1日起至2024年12月31日止" in text
    assert "测试县人民政府门户网站（www.example.gov.cn）" in text
    assert "（地址：测试县人民路1号；邮编：223100；电话：0517-1234567；电子邮箱：sjj@example.gov.cn）" in text
    assert printed_opening(_report()) == text and printed_opening(_report(OWN_OPENING)) == OWN_OPENING


def test_the_pdf_prints_the_opening_after_the_title_and_the_signature_after_six(tmp_path: Path) -> None:
    path = tmp_path / "报告.pdf"
    write_pdf(_report(OWN_OPENING), path)
    text = squeeze(pdftotext(path))
    title, opening, one = (text.index(squeeze(t)) for t in ("测试县数据局2024年政府信息公开工作年度报告",
                                                              OWN_OPENING, "一、总体情况"))
    assert title < opening < one
    six, fee = text.index("六、其他需要报告的事项"), text.index("本年度未收取信息处理费。")
    signature = text.rindex("测试县数据局2025年1月20日")
    assert six < fee < signature


@pytest.mark.parametrize("suffix", list(WRITERS))
def test_every_format_reads_back_with_its_opening_and_date_and_six_without_the_signature(
        tmp_path: Path, suffix: str) -> None:
    report = _report(OWN_OPENING)
    path = tmp_path / f"报告{suffix}"
    WRITERS[suffix](report, path)
    back = read_source(path).report
    assert back.meta.opening == OWN_OPENING
    assert back.meta.published == "2025-01-20"
    if suffix != ".xlsx":  # a workbook holds the tables, not the prose
        assert back.sections["s6"].full_text() == "本年度未收取信息处理费。"


@pytest.mark.parametrize("suffix", [".docx", ".html", ".pdf"])
def test_the_standard_opening_prints_and_reads_back_as_printed(tmp_path: Path, suffix: str) -> None:
    report = _report()
    path = tmp_path / f"报告{suffix}"
    WRITERS[suffix](report, path)
    back = read_source(path).report
    assert printed_opening(back) == standard_opening(report)


def test_the_excel_cover_keeps_the_standard_opening_following_the_report_information(tmp_path: Path) -> None:
    path = tmp_path / "报告.xlsx"
    write_xlsx(_report(), path)
    back = read_source(path).report
    assert back.meta.opening == "" and back.meta.contact == CONTACT
    assert printed_opening(back) == standard_opening(_report())


@pytest.mark.parametrize(("name", "words"), [
    ("realworld/hongze-2023.pdf", ("统计期限自2023年1月1日起至2023年12月31日止", "电子邮箱：hzzwgk@126.com")),
    ("realworld/huaian-2024.pdf", ("本报告由淮安市人民政府办公室根据", "邮编：223001")),
    ("realworld/shanghai-office-2019.html", ("本年度报告根据", "www.shanghai.gov.cn")),
    ("realworld/shuyang-fgj-2023.html", ("统计时限为2023年1月1日至2023年12月31日", "邮编：223600")),
    ("realworld/pingtan-2024.html", ("国办公开办函〔2021〕30号", "统计期限为2024年1月1日至2024年12月31日")),
])
def test_published_reports_keep_their_own_opening(name: str, words: tuple[str, ...]) -> None:
    report = read_source(SHARED / name).report
    opening = report.meta.opening
    assert all(w in opening for w in words), opening
    assert "政府信息公开工作年度报告" not in opening.split("。")[0][-12:]  # not the title
    assert "总体情况" not in report.sections["s1"].full_text()[:10]
    assert not any(w in report.sections["s1"].full_text() for w in words)


def test_a_report_without_an_opening_imports_with_none() -> None:
    report = read_source(SHARED / "samples" / "huiji-2022.txt").report
    assert report.meta.opening == ""


@pytest.mark.parametrize("schema", [2, 3])
def test_an_older_draft_reads_with_no_website_and_no_opening(tmp_path: Path, schema: int) -> None:
    data = to_canonical(zero_report())
    del data["meta"]["website"], data["meta"]["opening"]
    path = tmp_path / "旧.nianbao"
    path.write_text(json.dumps({"file": {"1": {"format": "nianbao-draft", "schema": schema}}, "report": {"1": data}},
                               ensure_ascii=False), encoding="utf-8")
    report = load(path)
    assert (report.meta.website, report.meta.opening) == ("", "")
    save(report, path)
    assert json.loads(path.read_text(encoding="utf-8"))["report"]["1"]["meta"]["opening"] == ""


def test_the_opening_is_an_undoable_edit_of_the_report_information() -> None:
    editor = Editor(_report())
    change = editor.apply(SetText(MetaPlace("opening"), OWN_OPENING))
    assert editor.report.meta.opening == OWN_OPENING
    editor.apply(change.inverse)
    assert editor.report.meta.opening == ""


def test_the_excel_cover_carries_the_opening_and_the_signature(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "报告.xlsx"
    write_xlsx(_report(OWN_OPENING), path)
    cover = {row[0]: row[1] for row in load_workbook(path).worksheets[0].iter_rows(max_col=2, values_only=True)
             if row[0]}
    assert cover["开头段落"] == OWN_OPENING
    assert cover["落款"] == "测试县数据局\n2025年1月20日"
    assert cover["电子版网址"] == "测试县人民政府门户网站（www.example.gov.cn）"
