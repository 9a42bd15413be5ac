"""The official tables drawn from the format's grid: every label, span and figure comes from ``app.format``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle as RLTableStyle

from app.exporters.markup import Run
from app.exporters.styles import CELL_LEADING, TableLook, TextStyle
from app.exporters.textblock import TextBlock
from app.fonts import FontChain
from app.format import ItemRole, Table
from app.report import Report
from app.values import display

if TYPE_CHECKING:  # the stubs name the shape of a table style command; ReportLab itself does not
    from reportlab.platypus.tables import _TableCommand

_ALIGN = {ItemRole.HEADER: "center", ItemRole.BLOCK: "center", ItemRole.LABEL: "left", ItemRole.VALUE: "center"}
_SHRINK_STEP = 0.5


def item_text(report: Report, role: ItemRole, text: str, cell_id: str | None) -> str:
    """What a grid rectangle shows: its label, or the figure of its cell as entered."""
    if role is ItemRole.VALUE and cell_id:
        return display(report.cells.get(cell_id))
    return text


def column_widths(table: Table, look: TableLook, size: float, width: float) -> list[float]:
    """Widths of the grid's columns: label columns as the look says, value columns alike."""
    value_cols = sorted({cell.grid_col for cell in table.cells})
    label_cols = [c for c in range(table.cols) if c not in value_cols]
    pad = 2 * look.padding
    widths = [0.0] * table.cols
    if look.value_width is not None:
        for col in value_cols:
            widths[col] = look.value_width * size + pad
        fixed = [w * size + pad for w in look.label_widths]
        for col, w in zip(label_cols, fixed):
            widths[col] = w
        rest = width - sum(widths)
        if label_cols:
            widths[label_cols[-1]] += rest
        return widths
    labels_total = width * look.label_share if label_cols else 0.0
    for col in label_cols:
        widths[col] = labels_total / len(label_cols)
    for col in value_cols:
        widths[col] = (width - labels_total) / len(value_cols)
    return widths


class SizedTable(RLTable):
    """A ReportLab table that remembers the type size it was set in (the Word export uses the same)."""

    type_size: float = 0.0


def _build(report: Report, table: Table, chain: FontChain, look: TableLook, size: float,
           width: float) -> SizedTable:
    """The ReportLab table at one type size, spans (SPAN) taken from the grid."""
    data: list[list[object]] = [["" for _ in range(table.cols)] for _ in range(table.rows)]
    commands: list[_TableCommand] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), chain.primary.name),  # empty cells too: no stray Helvetica
        ("LEFTPADDING", (0, 0), (-1, -1), look.padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), look.padding),
        ("TOPPADDING", (0, 0), (-1, -1), look.padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), look.padding),
    ]
    for item in table.grid:
        style = TextStyle(f"cell-{item.role.value}", "body", size, size * CELL_LEADING, align=_ALIGN[item.role])
        text = item_text(report, item.role, item.text, item.cell_id)
        data[item.row][item.col] = TextBlock([Run(text)], style, chain)
        if item.rowspan > 1 or item.colspan > 1:
            commands.append(("SPAN", (item.col, item.row),
                             (item.col + item.colspan - 1, item.row + item.rowspan - 1)))
    built = SizedTable(data, colWidths=column_widths(table, look, size, width), style=RLTableStyle(commands),
                    hAlign="CENTER")
    built.spaceBefore, built.spaceAfter = look.space_before, look.space_after
    built.type_size = size
    return built


def table_flowable(report: Report, table: Table, chain: FontChain, look: TableLook, width: float,
                   height: float) -> SizedTable:
    """The table drawn from the grid; a one-page table gets the largest size that fits ``height``."""
    size = look.size
    while True:
        built = _build(report, table, chain, look, size, width)
        if not look.one_page or size - _SHRINK_STEP < look.min_size:
            return built
        _, needed = built.wrap(width, height)
        if needed <= height:
            return built
        size -= _SHRINK_STEP
