"""The web-page export: read back by our own importer, valid HTML, self-contained, spans from the grid."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest

from app.exporters.html import body_html, export_html, plain_text, write_html
from app.format import ItemRole, layout
from app.importers import read_source
from app.report import Report
from tests.export_sources import DOCUMENTS, canonical_parts, source_report
from tests.helpers import zero_report

NS = "{http://www.w3.org/1999/xhtml}"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_document_reads_back_to_the_same_report(name: str, tmp_path: Path) -> None:
    report = source_report(name)
    path = tmp_path / "报告.html"
    write_html(report, path)
    result = read_source(path)
    assert result.uncertain == []
    assert canonical_parts(result.report) == canonical_parts(report)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_page_parses_without_a_single_error_and_is_self_contained(name: str) -> None:
    page = export_html(source_report(name)).text
    parser = html5lib.HTMLParser(strict=False)
    tree = parser.parse(page)
    assert parser.errors == []
    assert html5lib.HTMLParser(strict=True).parse(page) is not None  # strict mode raises on any error
    assert tree.find(f"{NS}head/{NS}meta").get("charset") == "utf-8"
    assert tree.get("lang") == "zh-CN"
    every = list(tree.iter())
    assert not [e for e in every if e.tag in (f"{NS}script", f"{NS}link", f"{NS}img", f"{NS}iframe")]
    assert not [e for e in every if "style" in e.attrib or any(a.startswith("on") for a in e.attrib)]
    assert not [e for e in every if "src" in e.attrib or "href" in e.attrib]
    markup = re.sub(r">[^<>]*</p>", "></p>", page)  # a report's own words may name its web site
    assert not re.search(r"https?:|//[a-z]|url\(|@import", markup, re.IGNORECASE)
    assert len([e for e in every if e.tag == f"{NS}style"]) == 1


@pytest.mark.parametrize("layout_id", ["2021", "2019", "hybrid"])
def test_tables_are_the_format_grid_with_heading_cells(layout_id: str) -> None:
    report = Report.new(organ="测试县数据局", year=2024, layout_id=layout_id)
    tree = html5lib.parse(export_html(report).text)
    drawn = tree.findall(f".//{NS}table")
    tables = layout(layout_id).tables
    assert len(drawn) == len(tables)
    for element, table in zip(drawn, tables):
        head = element.find(f"{NS}thead")
        assert (head is not None) == (table.header_rows > 0)
        rows = element.findall(f".//{NS}tr")
        assert len(rows) == table.rows
        if head is not None:
            assert len(head.findall(f"{NS}tr")) == table.header_rows
        by_row: dict[int, list] = {}
        for item in table.grid:
            by_row.setdefault(item.row, []).append(item)
        for index, row in enumerate(rows):
            items = sorted(by_row[index], key=lambda i: i.col)
            cells = list(row)
            assert len(cells) == len(items)
            for cell, item in zip(cells, items):
                heading = item.role is not ItemRole.VALUE
                assert cell.tag == (f"{NS}th" if heading else f"{NS}td")
                assert int(cell.get("rowspan", 1)) == item.rowspan and int(cell.get("colspan", 1)) == item.colspan
                if heading:
                    assert cell.get("scope") in ("row", "col", "rowgroup", "colgroup")
                    assert (cell.text or "") == item.text


def test_structure_headings_and_bold() -> None:
    report = source_report("samples/huiji-2022.txt")
    tree = html5lib.parse(export_html(report).text)
    assert [h.text for h in tree.iter(f"{NS}h1")] == [report.title]
    assert [h.text for h in tree.iter(f"{NS}h2")][0] == "一、总体情况"
    assert len(list(tree.iter(f"{NS}h2"))) == 6 and len(list(tree.iter(f"{NS}h3"))) == 5
    assert [s.text for s in tree.iter(f"{NS}strong")][:2] == ["一是", "二是"]


def test_user_text_is_escaped_and_the_draft_says_so() -> None:
    report = zero_report(t3__new__natural=5)
    report.sections["s5"].text = "<script>alert(1)</script> & “引号”"
    exported = export_html(report)
    assert exported.draft and "<script>" not in exported.text and "&lt;script&gt;" in exported.text
    assert "草稿" in exported.text.split("<h1>")[0] + exported.text.split("</h1>")[0]
    assert not export_html(zero_report()).draft


def test_clipboard_content_is_the_page_body_and_a_plain_text_alternative() -> None:
    report = source_report("realworld/shuyang-fgj-2023.html")
    body = body_html(report, draft=False)
    assert body.startswith("<h1>") and "<html" not in body and "<style" not in body
    text = plain_text(report)
    assert text.splitlines()[0] == report.title
    assert "三、收到和处理政府信息公开申请情况" in text.splitlines()
    figures = [c for c in report.layout.table("t4").cells]
    t4_line = "\t".join(str(report.cells[c.id]) for c in figures)
    assert t4_line in text
