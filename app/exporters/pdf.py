"""The printed report as a PDF (GB/T 9704 page, the official tables), the same bytes for the same draft."""

from __future__ import annotations

import io
import unicodedata
from datetime import datetime, timedelta
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfdoc import TimeStamp  # type: ignore[attr-defined]  # not in the stubs
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, PageTemplate

from app import __version__
from app.errors import ExportError
from app.exporters import content, styles
from app.exporters.content import heading_text, report_content, section_tables
from app.format import subheading_text
from app.exporters.markup import Run, plain, runs
from app.exporters.moment import export_time
from app.exporters.tables import SizedTable, item_text, table_flowable
from app.exporters.textblock import TextBlock, first_missing
from app.fonts import FontChain, FontFile, font_chains
from app.final import is_draft, sign_off_line
from app.report import Report
from app.store import atomic_write
from app.textclean import describe

_MARK_GREY = Color(0.82, 0.82, 0.82)
FOOTER_SIZE = 7  # the fingerprint line: small, yet readable on paper to type it back
FOOTER_BOTTOM = 12 * 2.8346  # 12 mm above the bottom edge, under the page number


__all__ = ["Exported", "export_pdf", "heading_text", "section_tables", "subheading_text",
           "write_pdf"]


@dataclass(frozen=True)
class Exported:
    """A finished export: the PDF bytes, how many pages, and whether it carries the draft mark."""

    data: bytes
    pages: int
    draft: bool


_STYLE_OF = {content.TITLE: "title", content.HEADING: "heading", content.SUBHEADING: "subheading",
             content.PARAGRAPH: "body", content.SIGNATURE: "body"}


def _texts(report: Report) -> Iterator[tuple[str, str, str]]:
    """Every printed text with its font style and where it is, for the missing-character check."""
    for block in report_content(report):
        if block.table is None:
            yield block.where, _STYLE_OF[block.kind], plain(block.text)
            continue
        for item in block.table.grid:
            text = item_text(report, item.role, item.text, item.cell_id)
            where = report.cell(item.cell_id).label if item.cell_id else text
            yield f"{block.where}中“{where}”", "body", text


def _describe(text: str, index: int) -> str:
    """A character as a message names it: itself where visible, else by its neighbour; always its code."""
    char = text[index]
    if unicodedata.category(char)[0] in "MCZ":  # a mark, control or separator: nothing the user can see
        return describe(text, index)
    return f"“{char}”（U+{ord(char):04X}）"


def check_characters(report: Report, chains: Mapping[str, FontChain]) -> None:
    """Stop with the first character no available font can draw, saying where it is."""
    for where, style, text in _texts(report):
        char = first_missing(text, chains[style])
        if char is not None:
            raise ExportError(f"{where}中的字符{_describe(text, text.index(char))}没有任何可用字体能够显示，无法导出PDF。"
                              "请改用其他写法，或选用包含该字的字体。")


def _title(report: Report, chain: FontChain) -> list[Flowable]:
    """The title; when it needs two lines, the organ's name stands on the first (词意完整)."""
    whole = TextBlock([Run(report.title)], styles.TITLE, chain)
    whole.wrap(styles.BLOCK_WIDTH, styles.BLOCK_HEIGHT)
    organ = report.meta.organ.strip()
    if len(whole.lines_text()) == 1 or not organ or not report.title.startswith(organ):
        return [whole]
    return [TextBlock([Run(organ)], styles.TITLE_FIRST, chain),
            TextBlock([Run(report.title[len(organ):])], styles.TITLE, chain)]


def _story(report: Report, chains: Mapping[str, FontChain]) -> list[Flowable]:
    """The flowables of the report, block by block in print order (app.exporters.content)."""
    story: list[Flowable] = []
    for block in report_content(report):
        if block.kind == content.TITLE:
            story.extend(_title(report, chains["title"]))
        elif block.kind == content.HEADING:
            story.append(TextBlock([Run(block.text)], styles.HEADING, chains["heading"]))
        elif block.kind == content.SUBHEADING:
            story.append(TextBlock([Run(block.text)], styles.SUBHEADING, chains["subheading"]))
        elif block.kind == content.PARAGRAPH:
            story.append(TextBlock(runs(block.text), styles.BODY, chains["body"]))
        elif block.kind == content.SIGNATURE:
            line = TextBlock([Run(block.text)], styles.SIGNATURE, chains["body"])
            if not isinstance(story[-1], TextBlock) or story[-1].style is not styles.SIGNATURE:
                line.spaceBefore = styles.PITCH  # a blank line between 六 and the 落款
            story.append(line)
        elif block.table is not None:
            heading = story[-1]
            look = styles.TABLES[block.table.shape]
            pitch = styles.HEADING.pitch
            drawn = table_flowable(report, block.table, chains["body"], look, styles.BLOCK_WIDTH,
                                   styles.BLOCK_HEIGHT - pitch - look.space_before)
            if look.one_page and isinstance(heading, TextBlock) and heading.style is styles.HEADING:
                story[-1] = KeepTogether([heading, drawn])  # the heading goes with its one-page table
            else:
                story.append(drawn)
    return _keep_with_start(story)


def _start_height(flowable: Flowable) -> float:
    """How much of a flowable must stand under a heading on the same page: the whole of a table
    kept on one page, the head and first row of a table that may run on, two lines of a paragraph."""
    _, height = flowable.wrap(styles.BLOCK_WIDTH, styles.BLOCK_HEIGHT)
    if isinstance(flowable, TextBlock):
        return min(height, styles.ORPHAN_LINES * flowable.pitch)
    rows = getattr(flowable, "_rowHeights", None)
    if isinstance(flowable, SizedTable) and rows:
        return float(sum(rows[:styles.TABLE_START_ROWS])) + flowable.getSpaceBefore()
    return float(height)


def _keep_with_start(story: list[Flowable]) -> list[Flowable]:
    """Headings stay with the start of what follows, and nothing more is held together.

    ReportLab's keep-with-next moves a heading and the whole of what follows to the next page
    when that does not fit (a long paragraph, 表二), leaving pages half empty; instead each run
    of headings gets a conditional page break for its own height and the start of what follows,
    and the text after it flows on across the page.
    """
    kept: list[Flowable] = []
    index = 0
    while index < len(story):
        run: list[Flowable] = []
        while index < len(story) and getattr(story[index], "keepWithNext", False):
            run.append(story[index])
            index += 1
        if run:
            following = story[index] if index < len(story) else None
            needed = sum(f.wrap(styles.BLOCK_WIDTH, styles.BLOCK_HEIGHT)[1] + f.getSpaceAfter() for f in run)
            needed += _start_height(following) if following is not None else 0
            kept.append(CondPageBreak(needed))
            for flowable in run:
                flowable.keepWithNext = False
            kept.extend(run)
            continue
        kept.append(story[index])
        index += 1
    return kept


def _stamp(created: datetime) -> TimeStamp:
    """ReportLab's time stamp for a given moment (its own reads the clock, or 2000-01-01 when invariant)."""
    stamp = TimeStamp(invariant=1)
    offset = created.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    stamp.t = created.timestamp()
    stamp.lt = created.timetuple()
    stamp.YMDhms = tuple(created.timetuple())[:6]
    stamp.dhh, stamp.dmm = divmod(minutes, 60) if minutes >= 0 else (-((-minutes) // 60), (-minutes) % 60)
    stamp.tzname = created.tzname() or ""
    return stamp


class _LastPage(Flowable):
    """Takes no room; drawn at the very end of the story, it tells the page it lands on that it is the last."""

    def __init__(self, pages: _Pages) -> None:
        super().__init__()
        self.pages = pages
        self.width = self.height = 0

    def wrap(self, _width: float, _height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages.last = True


class _Pages:
    """What every page carries besides the text: its number, the draft mark while errors remain,
    and on the last page of a final report the sign-off fingerprint (app.final)."""

    def __init__(self, chains: Mapping[str, FontChain], draft: bool, footer: str = "",
                 created: datetime | None = None) -> None:
        self.chains = chains
        self.draft = draft
        self.footer = footer
        self.last = False
        self.created = export_time(created)

    def __call__(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        if doc.page == 1:  # the document's CreationDate and ModDate: the export time
            canvas._doc._timeStamp = _stamp(self.created)  # type: ignore[attr-defined]  # read when the info is written
        if self.draft:
            self._mark(canvas)
        self._number(canvas, doc.page)

    def end(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        """At the end of a page: the fingerprint, small, under the page number of the last page."""
        if self.last and self.footer:
            style = styles.TextStyle("fingerprint", "number", FOOTER_SIZE, FOOTER_SIZE * 1.2, align="center")
            block = TextBlock([Run(self.footer)], style, self.chains["body"])
            _, height = block.wrap(styles.BLOCK_WIDTH, style.pitch * 2)
            block.drawOn(canvas, styles.MARGIN_LEFT, FOOTER_BOTTOM)

    def _mark(self, canvas: Canvas) -> None:
        """A large grey 草稿 across the page, under the text."""
        chain = self.chains["heading"]
        font = chain.font_for(styles.DRAFT_MARK[0]) or chain.primary
        width, height = styles.PAGE_SIZE
        canvas.saveState()
        canvas.setFillColor(_MARK_GREY)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(35)
        canvas.setFont(font.name, 150)
        canvas.drawCentredString(0, -50, styles.DRAFT_MARK)
        canvas.restoreState()

    def _number(self, canvas: Canvas, page: int) -> None:
        """— N — in 4号 Song, centred below the text block."""
        style = styles.TextStyle("number", "number", styles.NUMBER_SIZE, styles.NUMBER_SIZE * 1.2,
                                 align="center")
        block = TextBlock([Run(f"— {page} —")], style, self.chains["number"])
        _, height = block.wrap(styles.BLOCK_WIDTH, style.pitch)
        bottom = styles.PAGE_SIZE[1] - styles.MARGIN_TOP - styles.BLOCK_HEIGHT
        block.drawOn(canvas, styles.MARGIN_LEFT, bottom - styles.NUMBER_GAP - height)


def footer_text(report: Report) -> str:
    """The line a final report prints on its last page: who signed it off, when, and its fingerprint."""
    line = sign_off_line(report)
    if line is None:
        return ""
    return f"定稿：{line.by} {line.when[:10]}　内容指纹 SHA-256：{line.fingerprint}"


def _document(out: io.BytesIO, report: Report, chains: Mapping[str, FontChain], draft: bool,
              pages: _Pages | None = None) -> BaseDocTemplate:
    """An A4 document with the official text block; its dates are the export time (``pages.created``),
    its id fixed (invariant), so the same draft at the same moment gives the same bytes."""
    width, height = styles.PAGE_SIZE
    bottom = height - styles.MARGIN_TOP - styles.BLOCK_HEIGHT
    frame = Frame(styles.MARGIN_LEFT, bottom, styles.BLOCK_WIDTH, styles.BLOCK_HEIGHT, leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0, id="text")
    doc = BaseDocTemplate(
        out, pagesize=styles.PAGE_SIZE, leftMargin=styles.MARGIN_LEFT, topMargin=styles.MARGIN_TOP,
        rightMargin=width - styles.MARGIN_LEFT - styles.BLOCK_WIDTH, bottomMargin=bottom,
        title=report.title + ("（草稿）" if draft else ""), author=report.meta.organ,
        subject="政府信息公开工作年度报告", creator=f"nianbao {__version__}", producer=f"nianbao {__version__}",
        invariant=1, initialFontName=chains["body"].primary.name, initialFontSize=16,
        lang="zh-CN",
    )
    pages = pages or _Pages(chains, draft)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=pages, onPageEnd=pages.end)])
    return doc


class _Progress:
    """ReportLab's build steps as app.progress reports: blocks laid out of all, and the page."""

    def __init__(self, doc: BaseDocTemplate) -> None:
        self.doc = doc
        self.total = 0

    def __call__(self, kind: str, value: int) -> None:
        from app.progress import report

        if kind == "SIZE_EST":
            self.total = value
        elif kind == "PROGRESS" and self.total:
            report(value, self.total, f"正在排版第 {self.doc.page} 页")


def export_pdf(report: Report, fonts: Mapping[str, FontFile] | None = None,
               created: datetime | None = None) -> Exported:
    """Lay out the report as a PDF; ExportError names any character no font can draw.

    ``fonts`` maps a style (``title``, ``heading``, ``subheading``, ``body``, ``number``) to a
    TrueType file the user prefers; the bundled faces remain behind it for missing characters.
    ``created`` is the moment the PDF states (export_time: now unless the clock is fixed).
    """
    chains = font_chains(fonts)
    check_characters(report, chains)
    draft = is_draft(report)
    out = io.BytesIO()
    pages = _Pages(chains, draft, footer_text(report), created)
    doc = _document(out, report, chains, draft, pages)
    doc.setProgressCallBack(_Progress(doc))
    doc.build(_story(report, chains) + [_LastPage(pages)])
    return Exported(out.getvalue(), doc.page, draft)


def write_pdf(report: Report, path: str | Path, fonts: Mapping[str, FontFile] | None = None,
              created: datetime | None = None) -> Exported:
    """Export and write the file in one step, so a failed export never leaves half a PDF."""
    exported = export_pdf(report, fonts, created)
    atomic_write(Path(path), exported.data, keep_backup=False)
    return exported
