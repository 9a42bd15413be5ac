"""Excel workbooks (.xlsx): our own export, a colleague's or a 上级's spreadsheet of the tables.

A sheet is a table when its name is the table's (表二, 表三, 表四) or when one of its first rows
is the section's heading (三、收到和处理政府信息公开申请情况); its rows go through the same mapper
as every other source, merged cells given once. Totals written as formulas are read from the
values Excel saved, or added up here when a file carries none (a workbook written by a program).
A cover sheet (封面) gives the report's details when it has them.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.errors import ImportSourceError
from app.format import SECTIONS, layout, table_name
from app.importers import ImportResult, read_bytes
from app.opening import standard_opening
from app.importers.flow import Flow, Paragraph, Row, clean, clean_cell
from app.importers.outline import heading_section
from app.report import ORGAN_KINDS

COVER = "封面"
EXACT_PROPERTY = "nianbao:"
MAX_ROWS, MAX_COLS = 400, 40
TABLE_SECTIONS = ("s2", "s3", "s4")
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_RANGE = re.compile(r"^SUM\((\$?[A-Z]{1,3}\$?\d+):(\$?[A-Z]{1,3}\$?\d+)\)$", re.IGNORECASE)
_HEADING_ROWS = 5


def _sheet_sections() -> dict[str, str]:
    """Sheet names that name a table section: 表二 → s2 (from the format's own table names)."""
    names = {}
    for lay in (layout("2021"), layout("2019")):
        for table in lay.tables:
            names[table_name(table)] = table.section
    return names


class _Values:
    """A sheet's cell values: what Excel saved, or the sum a formula stands for when nothing was saved."""

    def __init__(self, formulas: Any, cached: Any) -> None:
        self.formulas = formulas
        self.cached = cached

    def value(self, row: int, col: int, depth: int = 0) -> Any:
        saved = self.cached.cell(row, col).value
        written = self.formulas.cell(row, col).value
        if saved is not None or not (isinstance(written, str) and written.startswith("=")):
            return saved if saved is not None else written
        return self._evaluate(written[1:].strip(), depth)

    def _evaluate(self, formula: str, depth: int) -> Any:
        """A sum of cell references (A1+B1, SUM(A1:A9)); anything else is left unread (None)."""
        from openpyxl.utils import column_index_from_string

        if depth > 20:
            return None
        total: int | Decimal = 0
        for term in formula.split("+"):
            term = term.strip()
            refs: list[tuple[int, int]] = []
            single, span = _REF.match(term.upper()), _RANGE.match(term)
            if single:
                refs = [(int(single.group(2)), column_index_from_string(single.group(1)))]
            elif span:
                (c1, r1), (c2, r2) = (_REF.match(span.group(i).upper()).groups() for i in (1, 2))  # type: ignore[union-attr]  # _RANGE matched two cell references, so each _REF match succeeds
                refs = [(r, c) for r in range(int(r1), int(r2) + 1)
                        for c in range(column_index_from_string(c1), column_index_from_string(c2) + 1)]
            else:
                return None
            for row, col in refs:
                part = self.value(row, col, depth + 1)
                if part is None:
                    continue
                if isinstance(part, bool) or not isinstance(part, (int, float, Decimal)):
                    return None
                total += Decimal(repr(part)) if isinstance(part, float) else part
        return total


def _text(value: Any) -> str:
    """A cell's value as the text a published table would show."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else str(value)
    return clean_cell(str(value))


def _covered(sheet: Any) -> set[tuple[int, int]]:
    """Cells inside a merge other than its top-left one (a merged cell is given once)."""
    covered: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, min(merged.max_row, MAX_ROWS) + 1):
            for col in range(merged.min_col, min(merged.max_col, MAX_COLS) + 1):
                if (row, col) != (merged.min_row, merged.min_col):
                    covered.add((row, col))
    return covered


def _section_of(name: str, rows: list[list[str]]) -> str | None:
    """The table section a sheet holds: by its name, else by a heading in its first rows."""
    by_name = _sheet_sections().get(clean(name))
    if by_name:
        return by_name
    for row in rows[:_HEADING_ROWS]:
        for text in row:
            section = heading_section(text) if text else None
            if section in TABLE_SECTIONS:
                return section
    return None


def _is_heading_row(cells: list[str], section: str) -> bool:
    """The sheet's own heading row (三、收到和处理政府信息公开申请情况 alone on its row)."""
    texts = [c for c in cells if c]
    return len(texts) == 1 and heading_section(texts[0]) == section


def _cover_fields(sheet: Any) -> dict[str, Any]:
    """The cover's label → value pairs (first column the label, second the value)."""
    fields: dict[str, Any] = {}
    for row in sheet.iter_rows(min_row=1, max_row=30, max_col=2, values_only=True):
        if row and isinstance(row[0], str):
            fields.setdefault(clean(row[0]), row[1] if len(row) > 1 else None)
    return fields


def _flow(formulas: Any, cached: Any) -> tuple[Flow, list[str], dict[str, Any]]:
    """The workbook as a flow: the cover's title, then each table sheet under its section heading."""
    flow = Flow()
    blocks: dict[str, list[list[str]]] = {}
    cover: dict[str, Any] = {}
    headings = {s.id: s.title for s in SECTIONS}
    for sheet in formulas.worksheets:
        values = _Values(sheet, cached[sheet.title])
        if clean(sheet.title) == COVER:
            cover = _cover_fields(cached[sheet.title])
            continue
        covered = _covered(sheet)
        last_row = min(sheet.max_row, MAX_ROWS)
        last_col = min(sheet.max_column, MAX_COLS)
        rows = [[_text(values.value(r, c)) if (r, c) not in covered else "" for c in range(1, last_col + 1)]
                for r in range(1, last_row + 1)]
        kept = [[text for c, text in enumerate(row, 1) if (r, c) not in covered]
                for r, row in enumerate(rows, 1)]
        section = _section_of(sheet.title, rows)
        if section is None or section in blocks:
            continue
        blocks[section] = [cells for cells in kept if any(cells) and not _is_heading_row(cells, section)]
    found = [s.id for s in SECTIONS if s.id in blocks]  # the sheets' order does not matter
    for number, section in enumerate(found, 1):
        flow.items.append(Paragraph(headings[section]))
        flow.items.extend(Row(tuple(cells), number) for cells in blocks[section])
    title = cover.get("标题")
    if isinstance(title, str) and title.strip():
        flow.items.insert(0, Paragraph(clean(title)))
    flow.title_hint = clean(str(formulas.properties.title or ""))
    return flow, found, cover


def _apply_cover(result: ImportResult, cover: dict[str, Any]) -> None:
    """Report details the cover states (kind, 发布日期, 联系方式) over what the title implies."""
    meta = result.report.meta
    kind = cover.get("机关类型")
    if isinstance(kind, str) and kind.strip() in ORGAN_KINDS:
        meta.kind = kind.strip()
    organ = cover.get("机关名称")
    if isinstance(organ, str) and organ.strip():
        meta.organ = clean(organ)
    year = cover.get("统计年度")
    if isinstance(year, (int, float)) and not isinstance(year, bool) and 1900 < year < 2200:
        meta.year = int(year)
    for field, key in (("发布日期", "published"), ("联系方式", "contact"), ("电子版网址", "website"),
                       ("开头段落", "opening")):
        value = cover.get(field)
        if isinstance(value, str):
            setattr(meta, key, value.strip())
        elif isinstance(value, (date, datetime)):  # a date cell
            setattr(meta, key, value.strftime("%Y-%m-%d"))
    if meta.opening == standard_opening(result.report):
        meta.opening = ""  # the standard paragraph our export wrote: keep it following 报告信息


def _exact_amounts(result: ImportResult, book: Any) -> None:
    """An amount keeps its written form (1.50) when the sheet's number is still that value."""
    report = result.report
    for prop in getattr(book, "custom_doc_props", None) or []:
        name = getattr(prop, "name", "")
        if not name.startswith(EXACT_PROPERTY):
            continue
        cell_id = name[len(EXACT_PROPERTY):]
        current = report.cells.get(cell_id)
        try:
            written = Decimal(str(prop.value))
        except (InvalidOperation, ValueError):
            continue
        if isinstance(current, Decimal) and current == written:
            report.cells[cell_id] = written


def read(path: Path) -> ImportResult:
    """Import a workbook of the report's tables; narrative sections are not expected in one."""
    from openpyxl import load_workbook

    from app.importers.mapper import build

    data = read_bytes(path)
    if not data:
        raise ImportSourceError(f"“{path.name}”是空文件，无法导入。")
    try:
        formulas = load_workbook(io.BytesIO(data), data_only=False, read_only=False)
        cached = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, TypeError) as error:
        raise ImportSourceError(f"“{path.name}”不是有效的 Excel 文件（.xlsx），可能已损坏，无法导入。") from error
    except Exception as error:  # noqa: BLE001 - a broken package can fail anywhere inside the library
        raise ImportSourceError(f"“{path.name}”无法作为 Excel 文件打开，可能已损坏，无法导入。") from error
    flow, found, cover = _flow(formulas, cached)
    if not found:
        raise ImportSourceError(f"“{path.name}”中没有找到年报的表格（工作表名应为表二、表三、表四，"
                                "或表格上方写有“二、主动公开政府信息情况”这样的标题），无法导入。")
    result = build(flow, path.name)
    _apply_cover(result, cover)
    _exact_amounts(result, formulas)
    # A workbook holds the tables only: the narrative sections are not missing from it.
    narrative = {s.id for s in SECTIONS if s.id not in TABLE_SECTIONS}
    result.uncertain = [u for u in result.uncertain if u.cell_id not in narrative]
    result.report.uncertain = {k: v for k, v in result.report.uncertain.items() if k not in narrative}
    return result
