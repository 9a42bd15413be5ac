"""The printed report: the sample exports with embedded fonts, all its text, the official tables."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from app.errors import ExportError
from app.exporters import styles
from app.exporters.markup import bold, plain
from app.exporters.pdf import export_pdf, heading_text, write_pdf
from app.fonts import FontFile, bundled_file
from app.assets import resource
from app.format import ItemRole
from app.report import Report
from app.rules import check
from app.store import save
from tests.helpers import run_cli, zero_report
from tests.pdf_reading import tool, body_chars, large_text, pdffonts, pdftotext, render_modes, squeeze, tables
from tests.sample_report import huiji_canonical, huiji_report, sample_paragraphs


FIXED_CLOCK = "1769045400"  # 2026-01-22 01:30:00 UTC: SOURCE_DATE_EPOCH fixes the export time


@pytest.fixture(scope="module", autouse=True)
def fixed_clock() -> Iterator[None]:
    """Every export in this module (the command line's processes too) at one fixed moment."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_CLOCK
    yield
    if before is None:
        del os.environ["SOURCE_DATE_EPOCH"]
    else:
        os.environ["SOURCE_DATE_EPOCH"] = before


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample report exported through the command line, as a clerk would."""
    folder = tmp_path_factory.mktemp("sample")
    draft = folder / "惠济区2022.nianbao"
    save(huiji_report(), draft)
    out = folder / "惠济区2022.pdf"
    done = run_cli("export", str(draft), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "已导出" in done.stdout and "草稿" not in done.stdout
    return out


def test_every_font_is_embedded(sample_pdf: Path) -> None:
    rows = pdffonts(sample_pdf)
    assert rows, "no fonts listed"
    assert all(row["emb"] == "yes" for row in rows), [r["line"] for r in rows]
    names = {row["name"].split("+")[-1] for row in rows}
    assert {"FandolSong-Bold", "FandolHei-Regular", "FandolKai-Regular", "FandolFang-Regular",
            "FandolSong-Regular"} <= names


def test_text_holds_title_headings_and_every_paragraph(sample_pdf: Path) -> None:
    report = huiji_report()
    text = squeeze(body_chars(sample_pdf.read_bytes()))  # a paragraph running on to the next page reads as one
    assert squeeze(report.title) in text
    for section in report.layout.sections:
        assert heading_text(section) in text
    for part in report.sections["s1"].parts:
        assert part.title in text
    paragraphs = sample_paragraphs()
    assert len(paragraphs) == 10
    for paragraph in paragraphs:
        assert squeeze(paragraph) in text, paragraph[:20]


def _expected_grid(report: Report, table_id: str) -> list[list[str | None]]:
    """The official table as text: each rectangle's label or figure at its top-left, None under spans."""
    table = report.layout.table(table_id)
    grid: list[list[str | None]] = [[None] * table.cols for _ in range(table.rows)]
    for item in table.grid:
        value = report.cells[item.cell_id] if item.role is ItemRole.VALUE else item.text
        grid[item.row][item.col] = squeeze(str(value))
    return grid


def _numbered_report() -> Report:
    """A report whose every figure is different, so a figure in the wrong cell shows."""
    report = huiji_report()
    for n, cell in enumerate(report.layout.cells, 1):
        report.cells[cell.id] = Decimal(f"{n}.0625") if cell.kind.value == "amount" else n * 7
    return report


@pytest.mark.parametrize("make", [huiji_report, _numbered_report], ids=["sample", "every-figure-different"])
def test_tables_are_the_official_grids_with_every_label_and_figure(make: Callable[[], Report]) -> None:
    report = make()
    found = tables(export_pdf(report).data)
    assert [len(rows) for _, rows in found] == [14, 28, 4]
    for (_, rows), table_id in zip(found, ("t2", "t3", "t4")):
        assert rows == _expected_grid(report, table_id), table_id


def test_t3_and_t4_each_sit_whole_on_one_page(sample_pdf: Path) -> None:
    found = tables(sample_pdf.read_bytes())
    pages = [page for page, _ in found]
    assert len(found) == 3 and len(set(pages)) == 3  # no table continues on another page
    t3_page, t4_page = pages[1], pages[2]
    t3_text = squeeze(pdftotext(sample_pdf, t3_page, t3_page))
    assert "三、收到和处理政府信息公开申请情况" in t3_text and "四、结转下年度继续办理" in t3_text
    t4_text = squeeze(pdftotext(sample_pdf, t4_page, t4_page))
    assert "四、政府信息公开行政复议、行政诉讼情况" in t4_text and "复议后起诉" in t4_text


def test_page_numbers_in_official_form(sample_pdf: Path) -> None:
    pages = pdftotext(sample_pdf).split("\f")[:-1]
    assert len(pages) >= 4
    for number, page in enumerate(pages, 1):
        assert f"—{number}—" in squeeze(page)


def test_same_draft_gives_the_same_bytes(sample_pdf: Path, tmp_path: Path) -> None:
    report = huiji_report()
    first, second = export_pdf(report).data, export_pdf(report).data
    assert first == second
    assert first == sample_pdf.read_bytes()  # and the same as another process wrote
    assert b"/CreationDate (D:20260122013000+00'00')" in first  # the (fixed) export time


def test_the_pdf_states_the_export_time(tmp_path: Path) -> None:
    moment = datetime(2026, 1, 20, 9, 30, 5, tzinfo=timezone(timedelta(hours=8)))
    path = tmp_path / "报告.pdf"
    write_pdf(zero_report(), path, created=moment)
    info = subprocess.run([tool("pdfinfo"), "-isodates", str(path)], capture_output=True, text=True, check=True).stdout
    assert "2026-01-20T09:30:05+08" in info.split("CreationDate:")[1].splitlines()[0]
    del os.environ["SOURCE_DATE_EPOCH"]  # the real clock (the module fixture puts the fixed one back)
    try:
        before = datetime.now(timezone.utc).replace(microsecond=0)
        data = export_pdf(zero_report()).data
        after = datetime.now(timezone.utc)
    finally:
        os.environ["SOURCE_DATE_EPOCH"] = FIXED_CLOCK
    stamp = re.search(rb"/CreationDate \(D:(\d{14})([+-])(\d\d)'(\d\d)'\)", data)
    assert stamp is not None
    sign = 1 if stamp.group(2) == b"+" else -1
    zone = timezone(sign * timedelta(hours=int(stamp.group(3)), minutes=int(stamp.group(4))))
    made = datetime.strptime(stamp.group(1).decode(), "%Y%m%d%H%M%S").replace(tzinfo=zone)
    assert before <= made <= after


def test_draft_mark_on_every_page_with_an_error_and_nowhere_without() -> None:
    clean = zero_report()
    assert not any(f.is_error for f in check(clean))
    wrong = zero_report(t4__review__upheld=3)  # total 0 ≠ 3 + 0 + 0 + 0: a T4.sum error
    assert any(f.is_error for f in check(wrong))
    warned = zero_report()
    warned.sections["s6"].text = "本年度工作顺利。"  # S.fee is a warning only
    assert check(warned) and not any(f.is_error for f in check(warned))
    for report, expected in ((clean, False), (warned, False), (wrong, True)):
        exported = export_pdf(report)
        assert exported.draft is expected
        marks = large_text(exported.data)
        assert len(marks) == exported.pages >= 3
        assert marks == [styles.DRAFT_MARK if expected else ""] * exported.pages


def test_user_text_prints_exactly_as_typed() -> None:
    report = zero_report()
    typed = ["<b>不是粗体</b> & &amp; <br/> <font name=x> 1 < 2 > 0 \\ ( ) 【】",
             "1234567890" * 9, "abcdefghijklmnopqrstuvwxyz" * 4 + " https://www.gov.cn/zhengce/content/2019-04/15/",
             "第二段**一是**不加粗，**未配对的星号，2**3=8", "长段落。" + "政府信息公开工作年度报告，" * 120]
    report.sections["s1"].text = "\n".join(typed)
    report.sections["s1"].parts[0].text = bold("一是") + "导入时原文的粗体"
    data = export_pdf(report).data
    drawn = squeeze(body_chars(data))
    for line in typed:
        assert squeeze(plain(line)) in drawn, line[:30]
    assert "**未配对的星号" in drawn and "**一是**不加粗" in drawn and "2**3=8" in drawn  # typed is printed
    assert "一是导入时原文的粗体" in drawn
    assert any(b"2 Tr" in modes for modes in render_modes(data))  # the imported bold run is stroked


def test_sample_lines_obey_the_chinese_line_breaking_rules(sample_pdf: Path) -> None:
    """Read back from the PDF: no body line starts with closing or ends with opening punctuation."""
    cannot_start, cannot_end = "，。、；：！？）》”", "（《“"
    text = pdftotext(sample_pdf, 1, 2) + pdftotext(sample_pdf, 5, 5)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert len(lines) > 40
    for before, line in itertools.pairwise(lines):
        assert line[0] not in cannot_start, (before, line)
        assert line[-1] not in cannot_end, line


def test_a_character_no_font_has_stops_the_export_naming_it_and_where() -> None:
    report = zero_report()
    report.sections["s1"].parts[0].text = "主动公开情况。"
    report.sections["s1"].parts[1].text = "第一段。\n第二段有一个生僻字𠀀。"
    with pytest.raises(ExportError) as caught:
        export_pdf(report)
    message = str(caught.value)
    assert "𠀀" in message and "U+20000" in message
    assert "一、总体情况" in message and "（二）依申请公开" in message and "第2段" in message


def test_chosen_installed_font_is_used_and_embedded(tmp_path: Path) -> None:
    report = zero_report()
    chosen = FontFile(resource("fonts/wqy-microhei/wqy-microhei.ttf"))
    out = tmp_path / "wqy.pdf"
    write_pdf(report, out, {"body": chosen, "title": bundled_file("heading")})
    names = {row["name"].split("+")[-1] for row in pdffonts(out)}
    assert "WenQuanYiMicroHei" in names and "FandolHei-Regular" in names
    assert "FandolFang-Regular" not in names and "FandolSong-Bold" not in names


def test_cli_export_refusals_are_one_chinese_line(tmp_path: Path) -> None:
    draft = tmp_path / "a.nianbao"
    report = zero_report()
    report.sections["s5"].text = "问题𠀀"
    save(report, draft)
    for args in (["--font", "草书=x.ttf"], ["--font", "正文=" + str(tmp_path / "none.ttf")], []):
        done = run_cli("export", str(draft), "-o", str(tmp_path / "a.pdf"), *args)
        assert done.returncode == 2, done.stdout
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "U+20000" in lines[0] and "五、存在的主要问题及改进情况" in lines[0]
    assert not (tmp_path / "a.pdf").exists()


def test_sub_heads_are_numbered_in_print_order_and_placeholders_left_out() -> None:
    report = zero_report()
    s1 = report.sections["s1"]
    s1.parts[0].text = ""  # 主动公开 left empty: it prints under its own number (S.subhead warns)
    s1.parts[1].text = "依申请公开的情况。"
    s1.parts[2].title, s1.parts[2].text = "（三）已编号的小标题", "管理情况。"
    s1.parts[3].title, s1.parts[3].text = "", "没有小标题的一段。"
    s1.parts.insert(4, type(s1.parts[0])("", ""))  # a placeholder: neither title nor text
    text = squeeze(body_chars(export_pdf(report).data))
    assert "（一）主动公开（二）依申请公开依申请公开的情况。" in text  # not dropped, not renumbered
    assert "（三）已编号的小标题管理情况。" in text and "（三）（三）" not in text
    assert "管理情况。没有小标题的一段。（五）监督保障" in text  # the untitled part keeps its number, the placeholder none
    assert [f.key for f in check(report) if f.rule == "S.subhead"] == ["S.subhead:s1:主动公开"]


def test_cli_exports_any_importable_source_to_the_same_bytes(tmp_path: Path, sample_pdf: Path) -> None:
    source = tmp_path / "惠济区2022.json"
    source.write_text(json.dumps(huiji_canonical(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "from-json.pdf"
    done = run_cli("export", str(source), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == sample_pdf.read_bytes()
    again = run_cli("export", str(source), "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    assert run_cli("export", str(source), "-o", str(out), "--force").returncode == 0


@pytest.mark.parametrize("layout_id", ["2019", "hybrid"])
def test_older_layouts_print_their_own_tables(layout_id: str) -> None:
    report = Report.new(organ="某县人民政府", year=2020, layout_id=layout_id)
    report.sections["s1"].text = "概述。"
    found = tables(export_pdf(report).data)
    assert [rows for _, rows in found] == [_expected_grid(report, t.id) for t in report.layout.tables]


def test_text_flows_before_the_tables_and_headings_keep_the_start_of_what_follows(sample_pdf: Path) -> None:
    pages = [squeeze(page) for page in pdftotext(sample_pdf).split("\f")[:-1]]
    assert len(pages) == 5  # title+opening+一 | 一 | 一's end, 二 and 表二 | 三 and 表三 alone | 四, 五, 六
    assert "一、总体情况2022年，区政务服务" in pages[0]  # 一 starts under the opening, not on a page of its own
    report = huiji_report()
    heads = [s.title for s in report.layout.sections] + [
        f"（{'一二三四五'[i]}）{p.title}" for i, p in enumerate(report.sections["s1"].parts)]
    for head in heads:
        [number] = [n for n, page in enumerate(pages) if head in page]
        after = pages[number][pages[number].index(head) + len(head):].replace(f"—{number + 1}—", "")
        assert len(after) >= 20, head  # at least the start of its text (two lines) or of its table on that page
    assert "三、收到和处理政府信息公开申请情况" in pages[3] and "二、主动公开政府信息情况" in pages[2]
