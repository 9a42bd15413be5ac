"""The Excel export: sheets and merges, totals as formulas LibreOffice recalculates, print set-up, read back."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.exporters.xlsx import COVER, cell_ref, export_xlsx, sheet_name, write_xlsx
from app.format import ItemRole, layout
from app.importers import read_source
from app.report import Report
from app.rules import check
from app.values import number
from tests.export_sources import DOCUMENTS, canonical_parts, soffice_convert, source_report
from tests.helpers import zero_report

KEYS = ("format", "meta", "cells")  # a workbook carries the tables and the cover, not the prose


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_document_reads_back_to_the_same_cells_and_meta(name: str, tmp_path: Path) -> None:
    report = source_report(name)
    path = tmp_path / "报告.xlsx"
    write_xlsx(report, path)
    result = read_source(path)
    assert result.uncertain == []
    assert canonical_parts(result.report, KEYS) == canonical_parts(report, KEYS)


def test_meta_the_cover_carries_reads_back_even_where_the_title_says_otherwise(tmp_path: Path) -> None:
    report = zero_report()
    report.meta.kind, report.meta.published, report.meta.contact = "人民政府", "2025-01-20", "电话 0517-1234"
    report.cells["t2.fee.amount"] = Decimal("1.50")
    path = tmp_path / "r.xlsx"
    write_xlsx(report, path)
    back = read_source(path).report
    assert canonical_parts(back, KEYS) == canonical_parts(report, KEYS)
    assert back.cells["t2.fee.amount"] == Decimal("1.50") and str(back.cells["t2.fee.amount"]) == "1.50"


@pytest.mark.parametrize("layout_id", ["2021", "2019", "hybrid"])
def test_sheets_merges_formats_and_print_setup(layout_id: str) -> None:
    report = Report.new(organ="测试县数据局", year=2024, layout_id=layout_id)
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(report).data))
    tables = layout(layout_id).tables
    assert book.sheetnames == [COVER, "表二", "表三", "表四"]
    for table, sheet in zip(tables, book.worksheets[1:]):
        merges = {(m.min_row, m.min_col, m.max_row, m.max_col) for m in sheet.merged_cells.ranges}
        wanted = {(i.row + 2, i.col + 1, i.row + 1 + i.rowspan, i.col + i.colspan) for i in table.grid
                  if i.rowspan > 1 or i.colspan > 1}
        wanted.add((1, 1, 1, table.cols))  # the sheet's heading
        assert merges == wanted
        for item in table.grid:
            if item.role is not ItemRole.VALUE:
                assert sheet.cell(item.row + 2, item.col + 1).value == item.text
        setup = sheet.page_setup
        assert setup.orientation == ("landscape" if table.id in ("t3", "t4") else "portrait")
        assert setup.fitToWidth == 1 and setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert all(sheet.column_dimensions[c].width >= 9 for c in "BCD")
        if table.header_rows:
            assert sheet.print_title_rows == f"$2:${1 + table.header_rows}"
    if layout_id != "2019":
        fee = book["表二"][cell_ref(tables[0], "t2.fee.amount")]
        assert fee.number_format == "0.0000"


def test_totals_are_formulas_over_their_parts() -> None:
    report = Report.new(organ="测试县数据局", year=2024)
    report.set_cell("t3.new.natural", 4)
    report.set_cell("t3.r1.natural", 4)
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(report).data))
    t3 = report.layout.table("t3")
    sheet = book["表三"]
    assert sheet[cell_ref(t3, "t3.new.total")].value == "=" + "+".join(
        cell_ref(t3, f"t3.new.{c}") for c in ("natural", "business", "research", "social", "legal", "other"))
    formulas = {c.id for t in report.layout.tables for c in t.cells
                if str(book[sheet_name(t)][cell_ref(t, c.id)].value).startswith("=")}
    assert formulas == set(report.computed_cells())


def test_a_published_total_that_differs_from_its_parts_stays_as_published() -> None:
    report = zero_report(t3__new__natural=5, t3__new__total=7)
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(report).data))
    t3 = report.layout.table("t3")
    assert book["表三"][cell_ref(t3, "t3.new.total")].value == 7
    cover = [str(c.value) for row in book[COVER].iter_rows() for c in row if c.value]
    errors = sum(f.is_error for f in check(report))
    assert f"{errors} 个错误，{len(check(report)) - errors} 个提示" in cover
    assert any("[T3.row]" in text for text in cover)


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8").splitlines()))


def test_libreoffice_recalculates_the_totals_nianbao_has_and_follows_a_change(tmp_path: Path) -> None:
    report = source_report("realworld/huaian-2024.pdf")
    report.totals = "computed"
    report.recompute_totals()
    path = tmp_path / "report.xlsx"
    write_xlsx(report, path)
    book = openpyxl.load_workbook(path)
    t3 = report.layout.table("t3")
    changed = book["表三"][cell_ref(t3, "t3.new.legal")]
    changed.value = changed.value + 10  # a statistician edits one figure in Excel
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    filter_all_sheets = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    for source, bump in ((path, 0), (edited, 10)):
        soffice_convert(source, filter_all_sheets, tmp_path)
        for table in report.layout.tables:
            rows = _csv(tmp_path / f"{source.stem}-{sheet_name(table)}.csv")
            for total in {s.target for s in table.sums}:
                cell = table.cell(total)
                expected = number(report.cells[total]) + (bump if total == "t3.new.total" else 0)
                assert rows[cell.grid_row + 1][cell.grid_col] == str(expected), (source.name, total)
    assert read_source(edited).report.cells["t3.new.total"] == report.cells["t3.new.total"] + 10


def test_a_colleagues_workbook_is_read_by_the_headings_above_its_tables(tmp_path: Path) -> None:
    report = source_report("realworld/pingtan-2024.html")
    path = tmp_path / "ours.xlsx"
    write_xlsx(report, path)
    book = openpyxl.load_workbook(path)
    del book[COVER]  # no cover; sheets renamed as someone else's file would have them
    for index, sheet in enumerate(book.worksheets, 1):
        sheet.title = f"Sheet{index}"
    book.move_sheet("Sheet3", offset=-2)  # order does not matter either
    book.properties.title = None
    theirs = tmp_path / "theirs.xlsx"
    book.save(theirs)
    result = read_source(theirs)
    assert result.uncertain == []
    assert result.report.cells == report.cells
    assert (result.report.meta.organ, result.report.meta.year) == ("", None)  # nothing says who or when
