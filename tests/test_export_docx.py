"""The Word export: read back by our own importer, merged cells as the format's grid, office styles, page."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from app.exporters.docx import BOLD_STYLE_ID, FACES, export_docx, write_docx
from app.format import layout
from app.importers import read_source
from app.values import display
from tests.export_sources import DOCUMENTS, canonical_parts, soffice_convert, source_report
from tests.helpers import zero_report

MM = 36000


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_document_reads_back_to_the_same_report(name: str, tmp_path: Path) -> None:
    report = source_report(name)
    path = tmp_path / "报告.docx"
    write_docx(report, path)
    result = read_source(path)
    assert result.uncertain == []
    assert canonical_parts(result.report) == canonical_parts(report)


def _grid_cells(table: Any) -> dict[tuple[int, int], Any]:
    """Each <w:tc> of a Word table by its (row, first grid column)."""
    found = {}
    for r, tr in enumerate(table._tbl.tr_lst):
        col = 0
        for tc in tr.tc_lst:
            found[(r, col)] = tc
            col += tc.grid_span
    return found


def _vmerge(tc: Any) -> str | None:
    merge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
    if merge is None:
        return None
    return merge.get(qn("w:val")) or "continue"


@pytest.mark.parametrize("layout_id", ["2021", "2019", "hybrid"])
def test_tables_have_the_formats_merges_cell_by_cell(layout_id: str) -> None:
    from app.report import Report

    report = Report.new(organ="测试县数据局", year=2024, layout_id=layout_id)
    document = docx.Document(io.BytesIO(export_docx(report).data))
    tables = layout(layout_id).tables
    assert len(document.tables) == len(tables)
    for drawn, table in zip(document.tables, tables):
        assert len(drawn.rows) == table.rows and len(drawn.columns) == table.cols
        cells = _grid_cells(drawn)
        covered = 0
        for item in table.grid:
            top = cells[(item.row, item.col)]
            assert top.grid_span == item.colspan, (table.id, item)
            assert _vmerge(top) == ("restart" if item.rowspan > 1 else None), (table.id, item)
            for below in range(item.row + 1, item.row + item.rowspan):
                tc = cells[(below, item.col)]
                assert tc.grid_span == item.colspan and _vmerge(tc) == "continue", (table.id, item, below)
            covered += item.rowspan * item.colspan
        assert covered == table.rows * table.cols  # nothing more is merged than the grid says
        assert len(cells) == sum(item.rowspan for item in table.grid)
        for r, tr in enumerate(drawn._tbl.tr_lst):  # header rows repeat on a new page; rows never split
            props = tr.trPr
            assert (props.find(qn("w:tblHeader")) is not None) == (r < table.header_rows)
            assert props.find(qn("w:cantSplit")) is not None


def test_cells_show_every_figure_and_label() -> None:
    report = source_report("realworld/shuyang-fgj-2023.html")
    document = docx.Document(io.BytesIO(export_docx(report).data))
    t3 = document.tables[1]
    table = report.layout.table("t3")
    for cell in table.cells:
        assert t3.cell(cell.grid_row, cell.grid_col).text == display(report.cells[cell.id]), cell.id
    assert t3.cell(0, 0).text.startswith("（本列数据的勾稽关系为")


def test_styles_fonts_and_page_are_as_offices_expect() -> None:
    data = export_docx(source_report("samples/huiji-2022.txt")).data
    document = docx.Document(io.BytesIO(data))
    expected = {"Title": ("方正小标宋简体", 22), "Heading 1": ("黑体", 16), "Heading 2": ("楷体_GB2312", 16),
                "Normal": ("仿宋_GB2312", 16)}
    for name, (face, size) in expected.items():
        style = document.styles[name]
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == face and fonts.get(qn("w:ascii")) == face, name
        assert style.font.size.pt == size
    assert document.styles["Normal"].element.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    names = [p.style.name for p in document.paragraphs]
    assert names[:4] == ["Title", "Normal", "Heading 1", "Normal"] and names.count("Heading 1") == 6  # the opening paragraph after the title
    assert names.count("Heading 2") == 5
    bold = [r for p in document.paragraphs for r in p.runs if r.style.style_id == BOLD_STYLE_ID]
    assert [r.text for r in bold][:2] == ["一是", "二是"] and all(r.style.font.bold for r in bold)
    section = document.sections[0]
    def mm(emu: int) -> float:  # Word keeps twentieths of a point
        return round(emu / MM, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.left_margin)) == (37, 28)
    assert mm(section.page_width - section.left_margin - section.right_margin) == 156
    assert mm(section.page_height - section.top_margin - section.bottom_margin) == 225
    footer = section.footer.paragraphs[0]
    assert footer.text == "— 1 —"  # the field's last computed value between the dashes
    assert " PAGE " in [t.text for t in footer._p.iter(qn("w:instrText"))]
    fonts = {f.get(qn("w:name")): f for f in
             __import__("lxml.etree", fromlist=["x"]).fromstring(
                 document.part.part_related_by(
                     "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable").blob)}
    for face in FACES.values():
        assert fonts[face.name].find(qn("w:altName")).get(qn("w:val")) == face.alt
    assert section.header.paragraphs[0].text == ""


def test_a_report_with_errors_carries_the_draft_mark() -> None:
    exported = export_docx(zero_report(t3__new__natural=5))
    document = docx.Document(io.BytesIO(exported.data))
    assert exported.draft and document.sections[0].header.paragraphs[0].text == "草稿"
    assert document.core_properties.title.endswith("（草稿）")
    assert not export_docx(zero_report()).draft


def test_libreoffice_turns_it_into_a_pdf_with_the_tables(tmp_path: Path) -> None:
    report = source_report("realworld/shuyang-fgj-2023.html")
    path = tmp_path / "report.docx"
    write_docx(report, path)
    pdf = soffice_convert(path, "pdf", tmp_path)
    import pdfplumber

    with pdfplumber.open(pdf) as opened:
        text = "".join(page.extract_text() or "" for page in opened.pages)
        footers = [(page.extract_text() or "").strip().splitlines()[-1] for page in opened.pages]
    assert report.meta.organ in text.replace(" ", "")
    assert "三、收到和处理政府信息公开申请情况" in text.replace(" ", "")
    assert footers == [f"— {n} —" for n in range(1, len(footers) + 1)]
