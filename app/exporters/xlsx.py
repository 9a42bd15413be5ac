"""The report's tables as an Excel workbook for statisticians: 封面, 表二, 表三, 表四.

Each table sheet is the format's grid with the official merged headers; a total the format
defines is written as a formula over its parts (so a change made in Excel carries through),
unless the report keeps a published total that differs from its parts — then the figure as
published stays, and the cover lists the error. The fee shows four decimals; its exact written
form is kept in a document property so the figure reads back as the clerk wrote it.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from app import __version__
from app.exporters.content import heading_text, signature
from app.format import CellKind, ItemRole, Table, table_name
from app.format.model import Sum
from app.opening import printed_opening
from app.report import TOTALS_NAMES, Report
from app.rules import Finding, check
from app.store import atomic_write
from app.values import number

COVER = "封面"
TOP = 2  # the grid starts on this sheet row, under the sheet's heading
FEE_FORMAT = "0.0000"
LINE_HEIGHT = 14.5  # points per line of 10.5 pt text
EXACT_PROPERTY = "nianbao:"  # custom property prefix: the written form of an amount, by cell id
COVER_FIELDS = ("标题", "机关名称", "机关类型", "统计年度", "发布日期", "联系方式", "电子版网址", "开头段落", "落款",
                "报告格式", "合计方式")
_SEVERITY = {"error": "错误", "warning": "提示"}


@dataclass(frozen=True)
class ExcelExported:
    """A finished workbook: its bytes and whether errors remained at export time."""

    data: bytes
    draft: bool


def sheet_name(table: Table) -> str:
    """The sheet of a table: 表二, 表三, 表四, as prose names it."""
    return table_name(table)


def cell_ref(table: Table, cell_id: str) -> str:
    """The sheet address of a table cell, e.g. H5."""
    from openpyxl.utils import get_column_letter

    cell = table.cell(cell_id)
    return f"{get_column_letter(cell.grid_col + 1)}{cell.grid_row + TOP}"


def _formulas(report: Report, table: Table) -> dict[str, str]:
    """Totals written as formulas: those whose figure equals the sum of its parts (the first
    definition of a target wins, as the form computes it)."""
    found: dict[str, str] = {}
    for total in table.sums:
        if total.target in found:
            continue
        value = report.cells[total.target]
        if value is None or any(report.cells[p] is None for p in total.parts):
            continue
        if number(value) != report.total(total.parts) or isinstance(value, str):
            continue
        found[total.target] = _formula(table, total)
    return found


def _formula(table: Table, total: Sum) -> str:
    """=B5+C5+… over the parts' addresses (parts need not be next to each other)."""
    return "=" + "+".join(cell_ref(table, part) for part in total.parts)


def _value(report: Report, cell_id: str) -> Any:
    """What a value cell holds in Excel: a number where it is one, the text otherwise."""
    value = report.cells[cell_id]
    if value is None:
        return None
    return value


def _table_sheet(book: Any, report: Report, table: Table) -> None:
    """One table: heading row, grid with merges, borders, formats, widths, print set-up."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(sheet_name(table))
    section = report.layout.section(table.section)
    sheet.cell(1, 1, heading_text(section)).font = Font(name="黑体", size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=table.cols)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    formulas = _formulas(report, table)
    widths = [6.0] * table.cols
    for item in table.grid:
        row, col = item.row + TOP, item.col + 1
        cell = sheet.cell(row, col)
        if item.role is ItemRole.VALUE and item.cell_id:
            kind = table.cell(item.cell_id).kind
            cell.value = formulas.get(item.cell_id, _value(report, item.cell_id))
            cell.number_format = FEE_FORMAT if kind is CellKind.AMOUNT else "0"
            cell.alignment = Alignment(horizontal="center", vertical="center")
            if item.cell_id in report.computed_cells():
                cell.font = Font(name="宋体", size=10.5, bold=True)
            else:
                cell.font = Font(name="宋体", size=10.5)
        else:
            cell.value = item.text
            left = item.role is ItemRole.LABEL
            cell.alignment = Alignment(horizontal="left" if left else "center", vertical="center", wrap_text=True)
            cell.font = Font(name="宋体", size=10.5, bold=item.role is ItemRole.BLOCK)
            if item.colspan == 1:
                widths[item.col] = max(widths[item.col], min(len(item.text) * 1.9 / max(item.rowspan, 1), 40))
        for r in range(row, row + item.rowspan):
            for c in range(col, col + item.colspan):
                sheet.cell(r, c).border = border
        if item.rowspan > 1 or item.colspan > 1:
            sheet.merge_cells(start_row=row, start_column=col, end_row=row + item.rowspan - 1,
                              end_column=col + item.colspan - 1)
    final = [max(width, 9 if col else 12) for col, width in enumerate(widths)]
    for col, width in enumerate(final, 1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    _row_heights(sheet, table, final)
    if table.header_rows:
        sheet.print_title_rows = f"{TOP}:{TOP + table.header_rows - 1}"
    sheet.freeze_panes = None
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if table.id in ("t3", "t4") else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True


def _row_heights(sheet: Any, table: Table, widths: list[float]) -> None:
    """Rows tall enough for their wrapped labels (a Chinese character is about two width units)."""
    lines = [1] * table.rows
    for item in table.grid:
        if item.role is ItemRole.VALUE or item.rowspan > 1 or not item.text:
            continue
        room = sum(widths[item.col:item.col + item.colspan]) / 2 - 1
        lines[item.row] = max(lines[item.row], math.ceil(len(item.text) / max(room, 1)))
    for row, count in enumerate(lines):
        if count > 1:
            sheet.row_dimensions[row + TOP].height = count * LINE_HEIGHT


def _cover(book: Any, report: Report, findings: list[Finding]) -> None:
    """The cover: who, which year, the format, and the errors and warnings at export time."""
    from openpyxl.styles import Alignment, Font

    sheet = book.active
    sheet.title = COVER
    meta = report.meta
    values = (report.title, meta.organ, meta.kind, meta.year, meta.published, meta.contact, meta.website,
              printed_opening(report), "\n".join(signature(report)), report.layout_id, TOTALS_NAMES[report.totals])
    for row, (field, value) in enumerate(zip(COVER_FIELDS, values), 1):
        sheet.cell(row, 1, field).font = Font(name="黑体", size=11)
        sheet.cell(row, 2, value if value not in (None, "") else None).font = Font(name="宋体", size=11)
    sheet.cell(1, 2).font = Font(name="宋体", size=14, bold=True)
    for label in ("联系方式", "开头段落", "落款"):
        sheet.cell(COVER_FIELDS.index(label) + 1, 2).alignment = Alignment(wrap_text=True, vertical="top")
    errors = sum(f.is_error for f in findings)
    row = len(COVER_FIELDS) + 2
    sheet.cell(row, 1, "导出时检查").font = Font(name="黑体", size=11)
    sheet.cell(row, 2, f"{errors} 个错误，{len(findings) - errors} 个提示")
    for finding in findings:
        row += 1
        sheet.cell(row, 1, f"{_SEVERITY[finding.severity]} [{finding.rule}]")
        sheet.cell(row, 2, finding.message).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.cell(row + 2, 1, f"由 nianbao {__version__} 导出；各表中的合计为公式，修改数字后合计随之更新。")
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 90
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _exact_amounts(book: Any, report: Report) -> None:
    """Amounts' written form (e.g. 1.50) as custom properties; the sheet holds the number."""
    from openpyxl.packaging.custom import StringProperty

    for cell in report.layout.cells:
        value = report.cells[cell.id]
        if cell.kind is CellKind.AMOUNT and isinstance(value, Decimal):
            book.custom_doc_props.append(StringProperty(name=EXACT_PROPERTY + cell.id, value=str(value)))


def export_xlsx(report: Report) -> ExcelExported:
    """The workbook's bytes: 封面 first, then one sheet per table of the report's layout."""
    from openpyxl import Workbook

    findings = check(report)
    book = Workbook()
    _cover(book, report, findings)
    for table in report.layout.tables:
        _table_sheet(book, report, table)
    _exact_amounts(book, report)
    book.properties.title = report.title
    book.properties.creator = f"nianbao {__version__}"
    book.properties.language = "zh-CN"
    out = io.BytesIO()
    book.save(out)
    return ExcelExported(out.getvalue(), any(f.is_error for f in findings))


def write_xlsx(report: Report, path: str | Path) -> ExcelExported:
    """Export and write the workbook in one step, so a failed export never leaves half a file."""
    exported = export_xlsx(report)
    atomic_write(Path(path), exported.data, keep_backup=False)
    return exported
