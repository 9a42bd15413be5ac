"""The damage patterns of issue 13, one small hand-made source each, each read exactly."""

from __future__ import annotations

import io
import os
import shutil
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from app.errors import ImportSourceError
from app.format import layout
from app.importers import ImportResult, read_source
from app.importers.summary import summarise
from app.rules import check
from tests.import_sources import (NARRATIVE, T, T2_LINES, T4_FIGURES, T4_HEAD, grid_table, html_page, report_text,
                                  simple_table, standard_values, t3_lines)

EXPECTED = {"t2.gf.made": 3, "t2.gf.valid": 20, "t2.xk.decisions": 5, "t2.cf.decisions": 7,
            "t2.fee.amount": Decimal("1.25"), "t3.new.natural": 5, "t3.new.business": 1, "t3.new.total": 6,
            "t3.r1.total": 4, "t3.r7.natural": 3, "t3.next.total": 2, "t3.r6_3.total": 0,
            "t4.review.upheld": 1, "t4.review.total": 1, "t4.after.total": 0}
SIX = ["s1", "s2", "s3", "s4", "s5", "s6"]


def _import(tmp_path: Path, content: str | bytes, suffix: str = ".txt") -> ImportResult:
    path = tmp_path / f"report{suffix}"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read_source(path)


def _assert_read(result: ImportResult, expected: dict | None = None) -> None:
    assert result.uncertain == []
    wanted = EXPECTED if expected is None else expected
    assert {cell: result.report.cells[cell] for cell in wanted} == wanted
    assert result.sections_found == SIX


def _tables(layout_id: str = "2021", values: dict[str, str] | None = None, old: bool = False) -> dict[str, str]:
    lay = layout(layout_id)
    figures = values if values is not None else standard_values()
    t2 = lay.tables[0]
    return {"t2": grid_table(t2, figures, old), "t3": grid_table(lay.table("t3"), figures, old),
            "t4": grid_table(lay.table("t4"), figures, old)}


# 1. Older content-system markup ------------------------------------------------------------

def _old_page(tables: dict[str, str], title: str = "测试县数据局2024年政府信息公开工作年度报告") -> str:
    nbsp6 = "&nbsp;" * 6
    paragraphs = lambda text: "".join(f"<P style='TEXT-INDENT: 2em'><FONT face=仿宋>{line}</FONT>"  # noqa: E731
                                      for line in text.split("\n"))
    return (f"<HTML><HEAD><META http-equiv=Content-Type content='text/html; charset=utf-8'><TITLE>{title}</TITLE>"
            f"</HEAD><BODY><DIV class=TRS_Editor><P align=center><STRONG>{title}</STRONG></P>"
            f"{paragraphs(NARRATIVE['s1'])}"
            f"<P><STRONG>二、{nbsp6}主动公开政府信息情况</STRONG></P><DIV align=center>{tables['t2']}</DIV>"
            f"<P><STRONG>三、{nbsp6}收到和处理政府信息公开申请情况</STRONG></P>{tables['t3']}"
            f"<P><STRONG>四、{nbsp6}政府信息公开行政复议、行政诉讼情况</STRONG></P><P>{tables['t4']}</P>"
            f"{paragraphs(NARRATIVE['s5'])}{paragraphs(NARRATIVE['s6'])}</DIV></BODY></HTML>")


def test_older_content_system_markup(tmp_path: Path) -> None:
    values = standard_values()
    values["t3.r3_1.research"] = ""  # an ideographic space instead of a figure: a blank cell
    result = _import(tmp_path, _old_page(_tables(values=values, old=True)), ".html")
    _assert_read(result)
    assert result.report.layout_id == "2021" and result.report.cells["t3.r3_1.research"] is None
    assert result.report.meta.organ == "测试县数据局"


def test_an_xhtml_page_in_gbk_with_an_xml_prolog(tmp_path: Path) -> None:
    page = _old_page(_tables(old=True)).replace(" content='text/html; charset=utf-8'", "")
    page = ('<?xml version="1.0" encoding="gb2312"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            + page.replace("<HTML>", '<html xmlns="http://www.w3.org/1999/xhtml">'))
    _assert_read(_import(tmp_path, page.encode("gb18030"), ".html"))


def test_hidden_copies_and_hidden_characters_are_not_read(tmp_path: Path) -> None:
    tables = _tables()
    tables["t3"] = tables["t3"].replace("<td>5</td>", "<td>5<span style='DISPLAY: none'>8</span></td>", 1) + \
        f"<div style='display:none'>{tables['t3']}</div>"  # a hidden print copy of the table
    _assert_read(_import(tmp_path, html_page(tables), ".html"))


def test_a_2019_layout_is_told_by_its_headings_not_its_year(tmp_path: Path) -> None:
    values = {c.id: "1" for c in layout("2019").table("t2_2019").cells}
    values["t2_2019.cg.amount"] = "1690.9913万元"
    values.update(standard_values())
    page = _old_page(_tables("2019", values, old=True), title="测试县数据局2021年政府信息公开工作年度报告")
    result = _import(tmp_path, page, ".html")
    assert result.uncertain == [] and result.report.layout_id == "2019" and result.report.meta.year == 2021
    assert result.report.cells["t2_2019.gz.total_public"] == 1
    assert result.report.cells["t2_2019.cg.amount"] == "1690.9913万元"  # kept as printed, with its unit
    assert result.report.cells["t3.r6.total"] == 0


def test_a_2021_layout_in_a_2019_report_stays_2021(tmp_path: Path) -> None:
    page = _old_page(_tables(old=True), title="测试县数据局2019年政府信息公开工作年度报告")
    result = _import(tmp_path, page, ".html")
    assert result.report.layout_id == "2021" and result.report.meta.year == 2019 and result.uncertain == []


# 2. Tables that are not the three official ones ---------------------------------------------

def test_other_tables_are_left_out_and_named(tmp_path: Path) -> None:
    tables = _tables()
    metadata = "<table><tr><td>名称</td><td>测试县数据局2024年报告</td></tr><tr><td>索引号</td><td>1234/2025-00001</td></tr>" \
               "<tr><td>发布机构</td><td>测试县数据局</td></tr></table>"
    fees = "<p>信息处理费收取情况</p><table><tr><td>发出收费通知件数</td><td>总金额（元）</td><td>实际收取金额（元）</td></tr>" \
           "<tr><td>0</td><td>0</td><td>0</td></tr></table>"
    tables["t4"] = tables["t4"] + fees
    page = html_page(tables).replace("<div class='content'>", f"<div class='content'>{metadata}")
    result = _import(tmp_path, page, ".html")
    _assert_read(result)
    summary = summarise(result)
    assert any("发出收费通知件数" in r and "不是表四" in r for r in summary.remarks)


def test_a_table_repeating_t4s_header_and_a_year_row(tmp_path: Path) -> None:
    t4 = T4_HEAD + ["2024"] + [T4_FIGURES.replace(" ", T)] + ["注\t本表含上年结转案件0件"]
    result = _import(tmp_path, report_text(t4=t4 + [""] + ["本表为重复的表头："] + T4_HEAD))
    _assert_read(result)
    wide = T4_HEAD + ["2024\t\t\t\t\t\t\t\t\t\t\t\t\t\t"] + [T4_FIGURES.replace(" ", T)]  # the year in a full row
    result = _import(tmp_path, report_text(t4=wide))
    _assert_read(result)
    assert any("2024" in r and "不是表四" in r for r in result.remarks)


@pytest.mark.parametrize("notes", [[], ["注：2024年度"]])
def test_t4_with_two_header_rows(tmp_path: Path, notes: list[str]) -> None:
    heads = ["行政复议\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
             T.join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)]
    _assert_read(_import(tmp_path, report_text(t4=heads + [T4_FIGURES.replace(" ", T)] + notes)))


def test_section_six_renumbered(tmp_path: Path) -> None:
    text = report_text().replace("六、其他需要报告的事项", "七、其他需要报告的事项")
    text = text.replace("五、存在的主要问题及改进情况", "六、存在的主要问题及改进情况")
    result = _import(tmp_path, text)
    _assert_read(result)
    assert "信息处理费" in result.report.sections["s6"].full_text()


def test_section_six_missing_is_named(tmp_path: Path) -> None:
    text = report_text().replace("六、其他需要报告的事项\n本年度未收取信息处理费。\n", "")
    result = _import(tmp_path, text)
    assert [u.cell_id for u in result.uncertain] == ["s6"] and "没有找到" in result.uncertain[0].reason
    assert {cell: result.report.cells[cell] for cell in EXPECTED} == EXPECTED


# 3. Rows that are missing or merged ---------------------------------------------------------

def test_a_t2_without_the_rules_row_is_blank_there(tmp_path: Path) -> None:
    t2 = [line for line in T2_LINES if not line.startswith("规章")]
    result = _import(tmp_path, report_text(t2=t2))
    _assert_read(result)
    assert [result.report.cells[f"t2.gz.{c}"] for c in ("made", "repealed", "valid")] == [None, None, None]
    assert any("规章" in r for r in result.remarks)


def test_group_label_in_its_own_column(tmp_path: Path) -> None:
    t3 = t3_lines()
    # （三）不予公开 alone in the first label column, 1.属于国家秘密 in the next
    t3 = [line.replace("\t（三）不予公开\t1.属于国家秘密", "（三）不予公开\t1.属于国家秘密\t") for line in t3]
    _assert_read(_import(tmp_path, report_text(t3=t3)))


def test_tab_positions_decide_the_column(tmp_path: Path) -> None:
    t3 = t3_lines()
    # the group cell of 三、本年度办理结果 is left out, 总计 left blank: the positions say where each figure is
    t3[5] = "（一）予以公开\t\t3\t1\t\t\t\t\t"
    result = _import(tmp_path, report_text(t3=t3))
    assert result.uncertain == []
    cells = result.report.cells
    assert [cells[f"t3.r1.{c}"] for c in ("natural", "business", "research", "social", "legal", "other", "total")] \
        == [3, 1, None, None, None, None, None]


def test_figures_after_an_empty_middle_field(tmp_path: Path) -> None:
    t3 = t3_lines()
    t3[3] = "一、本年新收政府信息公开申请数量\t\t\t5\t1\t\t\t\t\t6"
    result = _import(tmp_path, report_text(t3=t3))
    assert result.uncertain == []
    assert [result.report.cells[f"t3.new.{c}"] for c in ("natural", "business", "research", "total")] == [5, 1, None, 6]


# 4. Figures with words around them ----------------------------------------------------------

def test_figures_with_words_keep_the_words_as_a_note(tmp_path: Path) -> None:
    t2 = list(T2_LINES)
    t2[3] = "行政规范性文件\t3（其中修订1件）\t1件\t２０"
    t2[6] = "行政许可\t5（含变更2件）\t\t"
    t2[10] = "行政强制\t—\t\t"
    t3 = [line.replace("3.其他\t0\t0\t0\t0\t0\t0\t0", "3.其他\t0件\t/\t0\t0\t0\t0\t0") for line in t3_lines()]
    result = _import(tmp_path, report_text(t2=t2, t3=t3))
    _assert_read(result)
    cells = result.report.cells
    assert cells["t2.qz.decisions"] is None and cells["t3.r6_3.business"] is None
    assert "其中修订1件" in result.notes["t2.gf.made"] and "含变更2件" in result.notes["t2.xk.decisions"]
    summary = summarise(result)
    assert "附注：2 项" in summary.line and {n.target for n in summary.notes} == {"t2.gf.made", "t2.xk.decisions"}


def test_thousands_separator(tmp_path: Path) -> None:
    t2 = [line.replace("行政规范性文件\t3\t1\t20", "行政规范性文件\t3\t1\t1,295") for line in T2_LINES]
    result = _import(tmp_path, report_text(t2=t2))
    assert result.uncertain == [] and result.report.cells["t2.gf.valid"] == 1295


# 5. Amounts with units -----------------------------------------------------------------------

@pytest.mark.parametrize("printed,heading,expected,converted", [
    ("1.25万元", "本年收费金额（单位：万元）", "1.25", False),
    ("12500元", "本年收费金额（单位：万元）", "1.25", True),
    ("12500", "本年收费金额（单位：元）", "1.25", True),
    ("8810055", "本年收费金额（单位：万元）", "8810055", False),  # no unit printed: kept, T2.fee warns
])
def test_fee_amounts_with_units(tmp_path: Path, printed: str, heading: str, expected: str, converted: bool) -> None:
    t2 = [line.replace("本年收费金额（单位：万元）", heading).replace("行政事业性收费\t1.25", f"行政事业性收费\t{printed}")
          for line in T2_LINES]
    result = _import(tmp_path, report_text(t2=t2))
    assert result.uncertain == [] and result.report.cells["t2.fee.amount"] == Decimal(expected)
    assert ("t2.fee.amount" in result.notes) is converted
    if converted:
        assert "已换算为 1.25 万元" in result.notes["t2.fee.amount"]


# 7. Word files and PDFs from the same systems ------------------------------------------------

def _word_with(tmp_path: Path, wrap: str) -> Path:
    """A Word report whose tables sit in text boxes ('box') or inside a layout table ('nested')."""
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    document.add_paragraph("测试县数据局2024年政府信息公开工作年度报告")
    for line in NARRATIVE["s1"].split("\n"):
        document.add_paragraph(line)
    for heading, lines in (("二、主动公开政府信息情况", T2_LINES), ("三、收到和处理政府信息公开申请情况", t3_lines()),
                           ("四、政府信息公开行政复议、行政诉讼情况", T4_HEAD + [T4_FIGURES.replace(" ", T)])):
        document.add_paragraph(heading)
        rows = [line.split(T) for line in lines]
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text
        element = table._tbl
        body.remove(element)
        ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
              'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
              'xmlns:v="urn:schemas-microsoft-com:vml"')
        if wrap == "box":
            holder = parse_xml(f'<w:p {ns}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
                               f'<wps:txbx><w:txbxContent/></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>'
                               f'<v:textbox><w:txbxContent/></v:textbox></w:pict></mc:Fallback></mc:AlternateContent>'
                               f'</w:r></w:p>')
            boxes = holder.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent")
            boxes[0].append(element)
            boxes[1].append(parse_xml(element.xml))  # Word's copy for old readers: must not be read twice
            for box in boxes:
                box.append(parse_xml(f'<w:p {ns}/>'))
        else:
            holder = parse_xml(f'<w:tbl {ns}><w:tr><w:tc><w:p><w:r><w:t>表格</w:t></w:r></w:p></w:tc>'
                               f'<w:tc/></w:tr></w:tbl>')
            cell = holder.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc")[1]
            cell.append(element)
            cell.append(parse_xml(f'<w:p {ns}/>'))
        body.insert(len(body) - 1, holder)
    for key in ("s5", "s6"):
        for line in NARRATIVE[key].split("\n"):
            document.add_paragraph(line)
    path = tmp_path / f"年报-{wrap}.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize("wrap", ["box", "nested"])
def test_word_tables_in_text_boxes_and_layout_tables(tmp_path: Path, wrap: str) -> None:
    _assert_read(read_source(_word_with(tmp_path, wrap)))


def test_pdf_table_across_a_page_break_with_its_header_repeated(tmp_path: Path) -> None:
    from tests.pdf_sources import report_pdf

    path = tmp_path / "年报.pdf"
    report_pdf(path)
    _assert_read(read_source(path))


def _legacy(tmp_path: Path, suffix: str) -> Path:
    """A .doc (or the same bytes named .wps) made from a Word report by LibreOffice itself."""
    from tests.test_import_files import _word_report

    source = tmp_path / "年报.docx"
    _word_report(source)
    folder = tmp_path / "made"
    folder.mkdir()
    import subprocess

    subprocess.run([shutil.which("soffice") or "soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--headless", "--convert-to", "doc", "--outdir", str(folder), str(source)],
                   capture_output=True, timeout=180, check=True)
    target = tmp_path / f"年报{suffix}"
    (folder / "年报.doc").rename(target)
    return target


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_legacy_word_files_through_libreoffice(tmp_path: Path, suffix: str) -> None:
    if not shutil.which("soffice"):
        pytest.fail("LibreOffice (soffice) is missing: tools/install-system-deps installs it")
    result = read_source(_legacy(tmp_path, suffix))
    assert result.uncertain == [] and result.report.cells["t3.new.total"] == 6
    assert result.report.meta.organ == "测试县数据局"


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_legacy_word_files_without_libreoffice(tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"年报{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # LibreOffice hidden, as on a PC without it
    with pytest.raises(ImportSourceError) as raised:
        read_source(path)
    assert "另存为" in str(raised.value) and ".docx" in str(raised.value) and path.name in str(raised.value)


def test_a_scanned_pdf_says_it_is_a_scan(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.rect(40, 40, 500, 700, fill=1)
    page.showPage()
    page.rect(40, 40, 500, 700, fill=1)
    page.save()
    with pytest.raises(ImportSourceError, match="扫描件"):
        read_source(path)


# 9. Blank is not zero in what the user reads ------------------------------------------------

def test_summary_counts_blank_cells_on_their_own_line(tmp_path: Path) -> None:
    t4 = T4_HEAD + ["1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t\t\t\t\t"]
    summary = summarise(_import(tmp_path, report_text(t4=t4)))
    counts, blank = summary.line.split("\n")
    assert "读取单元格：195 个" in counts and blank.startswith("空白单元格 5 个")


def test_findings_on_blank_cells_say_blank(tmp_path: Path) -> None:
    t4 = T4_HEAD + ["1\t0\t0\t0\t\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"]  # 行政复议 总计 blank, 1 upheld
    result = _import(tmp_path, report_text(t4=t4))
    [finding] = [f for f in check(result.report) if f.rule == "T4.sum"]
    assert "总计为空白（按 0 计）" in finding.message
