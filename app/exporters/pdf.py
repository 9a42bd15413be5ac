"""The printed report as a PDF (GB/T 9704 page, the official tables), the same bytes for the same draft."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate

from app import __version__
from app.errors import ExportError
from app.exporters import styles
from app.exporters.markup import Run, paragraphs, plain, runs
from app.exporters.tables import item_text, table_flowable
from app.exporters.textblock import TextBlock, first_missing
from app.fonts import FontChain, FontFile, font_chains
from app.format.model import Section, Table
from app.report import Part, Report
from app.rules import check
from app.store import atomic_write
from app.textclean import describe

_NUMERALS = "一二三四五六七八九十"
_NUMBERED = re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")
_MARK_GREY = Color(0.82, 0.82, 0.82)


@dataclass(frozen=True)
class Exported:
    """A finished export: the PDF bytes, how many pages, and whether it carries the draft mark."""

    data: bytes
    pages: int
    draft: bool


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一: the numbering of sub-heads."""
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _NUMERALS[tens - 1]) + "十" + (_NUMERALS[ones - 1] if ones else "")


def heading_text(section: Section) -> str:
    """A section's printed heading, e.g. 一、总体情况."""
    return f"{section.number}、{section.heading}"


def subheading_text(index: int, title: str) -> str:
    """A sub-head with its positional number, unless the clerk already numbered it."""
    title = title.strip()
    return title if _NUMBERED.match(title) else f"（{chinese_number(index)}）{title}"


def _printed_parts(parts: list[Part]) -> list[tuple[int, Part]]:
    """The sub-heads that print, numbered in order: a sub-head left without text is a placeholder."""
    return list(enumerate((p for p in parts if p.text.strip()), 1))


def _texts(report: Report) -> Iterator[tuple[str, str, str]]:
    """Every printed text with its font style and where it is, for the missing-character check."""
    yield "标题", "title", report.title
    for section in report.layout.sections:
        heading = heading_text(section)
        yield f"标题“{heading}”", "heading", heading
        narrative = report.sections[section.id]
        for k, paragraph in enumerate(paragraphs(narrative.text), 1):
            yield f"“{heading}”第{k}段", "body", plain(paragraph)
        for i, part in _printed_parts(narrative.parts):
            sub = subheading_text(i, part.title) if part.title.strip() else f"第{i}个小标题"
            if part.title.strip():
                yield f"“{heading}”的小标题“{sub}”", "subheading", sub
            for k, paragraph in enumerate(paragraphs(part.text), 1):
                yield f"“{heading}”中“{sub}”下第{k}段", "body", plain(paragraph)
        for table in section_tables(report, section):
            for item in table.grid:
                text = item_text(report, item.role, item.text, item.cell_id)
                where = report.cell(item.cell_id).label if item.cell_id else text
                yield f"“{heading}”表格中“{where}”", "body", text


def section_tables(report: Report, section: Section) -> list[Table]:
    """The tables the report's layout places in a section (t2 or t2_2019 in 二, …)."""
    return list(report.layout.section_tables(section.id))


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


def _paragraph_blocks(text: str, chain: FontChain) -> list[Flowable]:
    """Body paragraphs of a narrative text."""
    return [TextBlock(runs(p), styles.BODY, chain) for p in paragraphs(text)]


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
    """The flowables of the report: title, then each section with its table or its prose."""
    story: list[Flowable] = _title(report, chains["title"])
    for section in report.layout.sections:
        heading = TextBlock([Run(heading_text(section))], styles.HEADING, chains["heading"])
        narrative = report.sections[section.id]
        story.append(heading)
        for table in section_tables(report, section):
            look = styles.TABLES[table.id]
            drawn = table_flowable(report, table, chains["body"], look, styles.BLOCK_WIDTH,
                                   styles.BLOCK_HEIGHT - heading.pitch - look.space_before)
            if look.one_page and story[-1] is heading:  # the heading goes with its one-page table
                story[-1] = KeepTogether([heading, drawn])
            else:
                story.append(drawn)
        story.extend(_paragraph_blocks(narrative.text, chains["body"]))
        for i, part in _printed_parts(narrative.parts):
            if part.title.strip():  # an untitled part prints as paragraphs only
                story.append(TextBlock([Run(subheading_text(i, part.title))], styles.SUBHEADING,
                                       chains["subheading"]))
            story.extend(_paragraph_blocks(part.text, chains["body"]))
    return story


class _Pages:
    """What every page carries besides the text: its number, and the draft mark while errors remain."""

    def __init__(self, chains: Mapping[str, FontChain], draft: bool) -> None:
        self.chains = chains
        self.draft = draft

    def __call__(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        if self.draft:
            self._mark(canvas)
        self._number(canvas, doc.page)

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


def _document(out: io.BytesIO, report: Report, chains: Mapping[str, FontChain], draft: bool) -> BaseDocTemplate:
    """An A4 document with the official text block and fixed metadata (invariant: no dates, fixed id)."""
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
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_Pages(chains, draft))])
    return doc


def export_pdf(report: Report, fonts: Mapping[str, FontFile] | None = None) -> Exported:
    """Lay out the report as a PDF; ExportError names any character no font can draw.

    ``fonts`` maps a style (``title``, ``heading``, ``subheading``, ``body``, ``number``) to a
    TrueType file the user prefers; the bundled faces remain behind it for missing characters.
    """
    chains = font_chains(fonts)
    check_characters(report, chains)
    draft = any(finding.is_error for finding in check(report))
    out = io.BytesIO()
    doc = _document(out, report, chains, draft)
    doc.build(_story(report, chains))
    return Exported(out.getvalue(), doc.page, draft)


def write_pdf(report: Report, path: str | Path, fonts: Mapping[str, FontFile] | None = None) -> Exported:
    """Export and write the file in one step, so a failed export never leaves half a PDF."""
    exported = export_pdf(report, fonts)
    atomic_write(Path(path), exported.data, keep_backup=False)
    return exported
