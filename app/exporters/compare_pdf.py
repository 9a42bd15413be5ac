"""The comparison of two years as a PDF: the indicators, a bar chart of the main figures for
both years (ReportLab graphics), the figures that changed most, and the sentences per section."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

from app import __version__
from app.assets import resource
from app.compare import Comparison, percent_text
from app.fonts import FALLBACK, FontFile, load_font
from app.store import atomic_write

CHART_FIGURES = ("新收申请", "办结", "行政复议", "行政诉讼")  # the counts the chart shows for both years
LAST_COLOUR, THIS_COLOUR = colors.HexColor("#9aa5b1"), colors.HexColor("#1f5fa8")
MOST_CHANGED = 30  # figures listed


def chart(comparison: Comparison, font: str, width: float = 150 * mm, height: float = 70 * mm) -> Drawing:
    """Bars of the main counts, last year grey beside this year blue."""
    drawing = Drawing(width, height)
    bars = VerticalBarChart()
    bars.x, bars.y = 30, 25
    bars.width, bars.height = int(width - 120), int(height - 50)
    shown = [comparison.indicator(name) for name in CHART_FIGURES]
    bars.data = [[i.last or 0 for i in shown], [i.this or 0 for i in shown]]
    bars.categoryAxis.categoryNames = list(CHART_FIGURES)
    bars.categoryAxis.labels.fontName = bars.valueAxis.labels.fontName = font
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueMax = max(max(bars.data[0] + bars.data[1]) * 1.15, 5)  # room for the bar labels
    bars.bars[0].fillColor, bars.bars[1].fillColor = LAST_COLOUR, THIS_COLOUR
    bars.barLabelFormat = "%d"
    bars.barLabels.fontName, bars.barLabels.fontSize, bars.barLabels.nudge = font, 7, 6
    drawing.add(bars)
    legend = Legend()
    legend.x, legend.y, legend.fontName = int(width - 80), int(height - 20), font
    legend.colorNamePairs = [(LAST_COLOUR, f"{comparison.last_year or '上'}年"), (THIS_COLOUR, f"{comparison.this_year or '本'}年")]
    drawing.add(legend)
    drawing.add(String(30, height - 12, "主要数字（件）", fontName=font, fontSize=9))
    return drawing


def export_compare_pdf(comparison: Comparison) -> bytes:
    """The comparison laid out on A4."""
    font = load_font(FontFile(resource(FALLBACK))).name
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, spaceAfter=6)
    head = ParagraphStyle("head", fontName=font, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4)
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm, title=f"{comparison.this_title}与上年对比",
                            creator=f"nianbao {__version__}", invariant=1)
    story: list[Flowable] = [Paragraph(escape(f"{comparison.this_title}与上年对比"), title),
                   Paragraph(escape(f"上年：{comparison.last_title}"), body), Spacer(1, 4 * mm),
                   chart(comparison, font), Paragraph("主要指标", head)]
    rows: list[list[object]] = [["指标", f"{comparison.last_year or '上'}年", f"{comparison.this_year or '本'}年", "说明"]]
    rows += [[i.name, i.shown(i.last), i.shown(i.this), Paragraph(escape(i.basis), body)] for i in comparison.indicators]
    story.append(_table(rows, font, (30 * mm, 25 * mm, 25 * mm, 90 * mm)))
    story.append(Paragraph("变化最大的数字", head))
    changed = [f for f in comparison.figures if f.difference][:MOST_CHANGED]
    rows = [["项目", "上年", "本年", "增减", "变化"]]
    rows += [[Paragraph(escape(f.label), body), str(f.last), str(f.this), f"{f.difference:+}", percent_text(f)]
             for f in changed]
    story.append(_table(rows, font, (90 * mm, 20 * mm, 20 * mm, 20 * mm, 20 * mm)))
    story.append(Paragraph("各部分文字（数字和年份不计）", head))
    for section in comparison.sections:
        if section.added or section.removed or section.kept:
            story.append(Paragraph(escape(f"{section.title}：新增 {len(section.added)} 句，删去 {len(section.removed)} 句，"
                                          f"保留 {len(section.kept)} 句"), body))
    doc.build(story)
    return out.getvalue()


def _table(rows: list[list[object]], font: str, widths: tuple[float, ...]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 9),
                               ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table


def write_compare_pdf(comparison: Comparison, path: str | Path) -> None:
    """Export and write in one step (never half a PDF)."""
    atomic_write(Path(path), export_compare_pdf(comparison), keep_backup=False)
