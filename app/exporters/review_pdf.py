"""The review print-out (批注清单): every note with where it is and what it is about, for a meeting.

It is never the published report: it says 审阅稿 at its top, and the report's own PDF carries
no notes at all.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app import __version__
from app.assets import resource
from app.fonts import FALLBACK, FontFile, load_font
from app.notes import finding_with_key, place
from app.report import Report
from app.review import CELL, FINDING, PART, REPORT, SECTION, Note, local_time, split_target
from app.store import atomic_write
from app.values import to_json

QUOTE_CHARS = 60  # how much of the paragraph a note is on is quoted


def quoted(report: Report, note: Note) -> str:
    """What the note is about, as it reads now: the figure, the start of the paragraph, the finding."""
    kind, key = split_target(note.target)
    if kind == CELL and key in report.cells:
        value = to_json(report.cells[key])
        return "空白" if value is None else str(value)
    if kind == PART:
        sid, _, index = key.partition("/")
        parts = report.sections[sid].parts if sid in report.sections else []
        text = parts[int(index)].text if index.isdigit() and int(index) < len(parts) else ""
        return text[:QUOTE_CHARS] + ("…" if len(text) > QUOTE_CHARS else "")
    if kind == SECTION and key in report.sections:
        text = report.sections[key].full_text()
        return text[:QUOTE_CHARS] + ("…" if len(text) > QUOTE_CHARS else "")
    if kind == FINDING:
        finding = finding_with_key(report, key)
        return finding.message if finding else "（该问题已不再出现）"
    return report.title if kind == REPORT else ""


def export_review_pdf(report: Report) -> bytes:
    """The notes of a report laid out on A4, one row each, open ones first marked 未处理."""
    font = load_font(FontFile(resource(FALLBACK))).name
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, spaceAfter=4)
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=f"{report.title}（批注清单）",
                            creator=f"nianbao {__version__}", invariant=1)
    handled = sum(n.handled for n in report.notes)
    state = (f"已于 {local_time(report.final.at)} 由 {report.final.by} 定稿" if report.final else "草稿")
    story: list[Flowable] = [
        Paragraph(escape(f"{report.title}——批注清单"), title),
        Paragraph(escape(f"审阅稿，不用于发布。共 {len(report.notes)} 条批注，{len(report.notes) - handled} 条未处理；"
                         f"报告状态：{state}。"), body),
        Spacer(1, 4 * mm)]
    rows: list[list[object]] = [["编号", "位置", "所注内容", "批注", "批注人、时间", "状态"]]
    for note in report.notes:
        status = f"已处理\n{note.handled_by}\n{local_time(note.handled_at)}" if note.handled else "未处理"
        rows.append([note.id, Paragraph(escape(place(report, note.target).label), body),
                     Paragraph(escape(quoted(report, note)), body), Paragraph(escape(note.text), body),
                     Paragraph(escape(f"{note.author}\n{local_time(note.at)}").replace("\n", "<br/>"), body),
                     Paragraph(escape(status).replace("\n", "<br/>"), body)])
    if not report.notes:
        story.append(Paragraph("本报告没有批注。", body))
    else:
        table = Table(rows, colWidths=(11 * mm, 34 * mm, 38 * mm, 52 * mm, 25 * mm, 20 * mm), repeatRows=1)
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 9),
                                   ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(table)
    doc.build(story)
    return out.getvalue()


def write_review_pdf(report: Report, path: str | Path) -> None:
    """Export and write in one step (never half a PDF)."""
    atomic_write(Path(path), export_review_pdf(report), keep_backup=False)
