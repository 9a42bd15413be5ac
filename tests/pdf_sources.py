"""A small published-style PDF for the import tests: ruled tables, 表三 across a page break with
its header rows repeated on the next page, as WPS prints long tables."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.assets import resource
from tests.import_sources import NARRATIVE, T, T2_LINES, T4_FIGURES, T4_HEAD, t3_lines

_FONT = "test-wqy"


def _font() -> str:
    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_FONT, str(resource("fonts/wqy-microhei/wqy-microhei.ttf"))))
    return _FONT


def _table(lines: list[str], widths: list[float], header_rows: int, style: ParagraphStyle) -> Table:
    rows = [[Paragraph(cell, style) if cell else "" for cell in line.split(T)] for line in lines]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    table = Table(rows, colWidths=widths[:width] + [widths[-1]] * max(0, width - len(widths)),
                  repeatRows=header_rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table


def report_pdf(path: Path) -> None:
    """The standard small report as a PDF; 表三 starts low on a page and goes on to the next."""
    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=16)
    cell = ParagraphStyle("cell", fontName=font, fontSize=7, leading=9)
    story: list = [Paragraph("测试县数据局2024年政府信息公开工作年度报告", body)]
    story += [Paragraph(line, body) for line in NARRATIVE["s1"].split("\n")]
    story.append(Paragraph("二、主动公开政府信息情况", body))
    story.append(_table(T2_LINES, [150, 110, 110, 110], 0, cell))
    story.append(Paragraph("三、收到和处理政府信息公开申请情况", body))
    story.append(Spacer(1, 120))
    story.append(_table(t3_lines(), [60, 75, 95] + [38] * 7, 3, cell))
    story.append(Paragraph("四、政府信息公开行政复议、行政诉讼情况", body))
    story.append(_table(T4_HEAD + [T4_FIGURES.replace(" ", T)], [32] * 15, 0, cell))
    for key in ("s5", "s6"):
        story += [Paragraph(line, body) for line in NARRATIVE[key].split("\n")]
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=40, rightMargin=40, topMargin=50,
                      bottomMargin=50).build(story)
