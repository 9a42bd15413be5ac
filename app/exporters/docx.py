"""The report as a Word file (.docx) an office can edit and compile: the PDF's content and order,
GB/T 9704 page and styles, and the official tables with real merged cells from the format's grid.

Fonts are named as offices have them (方正小标宋简体, 黑体, 楷体_GB2312, 仿宋_GB2312), with the
East-Asian attribute set so Word and WPS use them for Chinese, and an ``altName`` in the font
table naming the face every stock Windows has (宋体, 黑体, 楷体, 仿宋) for PCs without them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import __version__
from app.exporters import content, styles
from app.exporters.markup import runs
from app.exporters.tables import column_widths, item_text
from app.format import ItemRole, Table
from app.report import Report
from app.exporters.word_comments import add_comments
from app.final import is_draft
from app.store import atomic_write

BOLD_STYLE_ID = "nbBold"  # the character style of a source's bold (app.exporters.markup); our importer reads it back
BOLD_STYLE_NAME = "要点加粗"
TABLE_TEXT_STYLE = "表格文字"
SIGNATURE_STYLE = "落款"
DRAFT_STYLE = "草稿标记"
_MM = 36000  # EMU per millimetre
TABLE_TEXT_SIZE = 10.5  # 五号


@dataclass(frozen=True)
class Face:
    """A font as Word names it, and the face of a stock Windows that stands in for it."""

    name: str
    alt: str


FACES: dict[str, Face] = {
    "title": Face("方正小标宋简体", "宋体"),
    "heading": Face("黑体", "黑体"),
    "subheading": Face("楷体_GB2312", "楷体"),
    "body": Face("仿宋_GB2312", "仿宋"),
    "number": Face("宋体", "宋体"),
}


@dataclass(frozen=True)
class WordExported:
    """A finished Word export: the bytes and whether it carries the draft mark."""

    data: bytes
    draft: bool


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _set_fonts(rpr: Any, face: Face) -> None:
    """Every script slot of a run property set to the face, East-Asian included (Word and WPS read it)."""
    from docx.oxml import OxmlElement

    fonts = rpr.find(_qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(_qn(slot), face.name)
    fonts.set(_qn("w:hint"), "eastAsia")


def _paragraph_style(document: Any, name: str, base: str | None, font: str, size: float, *,
                     indent_chars: float = 0, align: Any = None, keep_with_next: bool = False,
                     outline: int | None = None) -> Any:
    """A named paragraph style: face, size, exact line pitch of the official grid, first-line indent."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    try:
        style = document.styles[name]
    except KeyError:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base:
        style.base_style = document.styles[base]
    style.font.size = Pt(size)
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = None
    _set_fonts(style.element.get_or_add_rPr(), FACES[font])
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(styles.PITCH if size >= 16 else size * styles.CELL_LEADING)
    fmt.keep_with_next = keep_with_next
    if align is not None:
        fmt.alignment = align
    ppr = style.element.get_or_add_pPr()
    ind = ppr.find(_qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    ind.set(_qn("w:firstLineChars"), str(int(indent_chars * 100)))
    ind.set(_qn("w:firstLine"), str(int(indent_chars * size * 20)))
    if outline is not None:
        level = OxmlElement("w:outlineLvl")
        level.set(_qn("w:val"), str(outline))
        ppr.append(level)
    return style


def _setup_styles(document: Any) -> None:
    """The styles offices expect, set up once: 标题, 一级标题, 二级标题, 正文, 表格文字, 落款, 页码."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    _paragraph_style(document, "Normal", None, "body", 16, indent_chars=2, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _paragraph_style(document, "Title", "Normal", "title", 22, align=WD_ALIGN_PARAGRAPH.CENTER)
    title = document.styles["Title"]
    title.paragraph_format.line_spacing = Pt(styles.PITCH * 1.25)
    title.paragraph_format.space_after = Pt(styles.PITCH)
    for xml_border in title.element.xpath(".//w:pBdr"):  # the template underlines its title
        xml_border.getparent().remove(xml_border)
    _paragraph_style(document, "Heading 1", "Normal", "heading", 16, indent_chars=2, keep_with_next=True,
                     outline=0)
    _paragraph_style(document, "Heading 2", "Normal", "subheading", 16, indent_chars=2, keep_with_next=True,
                     outline=1)
    _paragraph_style(document, TABLE_TEXT_STYLE, "Normal", "body", TABLE_TEXT_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph_style(document, SIGNATURE_STYLE, "Normal", "body", 16, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph_style(document, "Footer", "Normal", "number", styles.NUMBER_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    draft = _paragraph_style(document, DRAFT_STYLE, "Normal", "heading", 22, align=WD_ALIGN_PARAGRAPH.RIGHT)
    draft.font.color.rgb = RGBColor(0xB0, 0xB0, 0xB0)
    draft.font.bold = True
    bold = document.styles.add_style(BOLD_STYLE_NAME, WD_STYLE_TYPE.CHARACTER)
    bold.style_id = BOLD_STYLE_ID
    bold.font.bold = True
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        document.styles[name].font.color.rgb = RGBColor(0, 0, 0)
    document.styles["Title"].font.bold = False
    for name, chinese in (("Normal", "正文"), ("Title", "标题"), ("Heading 1", "一级标题"),
                          ("Heading 2", "二级标题"), ("Footer", "页码")):
        _alias(document.styles[name], chinese)


def _alias(style: Any, chinese: str) -> None:
    """A built-in style keeps its name (Word localises it) and carries the Chinese name as an alias."""
    from docx.oxml import OxmlElement

    alias = OxmlElement("w:aliases")
    alias.set(_qn("w:val"), chinese)
    name = style.element.find(_qn("w:name"))
    name.addnext(alias)


def _font_table(document: Any) -> None:
    """Declare the faces with their stock-Windows stand-ins (altName) and the GB2312 charset."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement

    part = document.part.part_related_by(RT.FONT_TABLE)
    from lxml import etree

    root = etree.fromstring(part.blob)
    known = {f.get(_qn("w:name")) for f in root}
    for face in {f.name: f for f in FACES.values()}.values():
        if face.name in known:
            continue
        font = OxmlElement("w:font")
        font.set(_qn("w:name"), face.name)
        alt = OxmlElement("w:altName")
        alt.set(_qn("w:val"), face.alt)
        charset = OxmlElement("w:charset")
        charset.set(_qn("w:val"), "86")
        family = OxmlElement("w:family")
        family.set(_qn("w:val"), "modern" if face.alt == "黑体" else "roman")
        pitch = OxmlElement("w:pitch")
        pitch.set(_qn("w:val"), "variable")
        for child in (alt, charset, family, pitch):
            font.append(child)
        root.append(font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page(document: Any, draft: bool) -> None:
    """A4 with the GB/T 9704 text block (top 37 mm, left 28 mm, 156 × 225 mm) and — N — below it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Emu

    section = document.sections[0]
    section.page_width, section.page_height = Emu(210 * _MM), Emu(297 * _MM)
    section.top_margin, section.left_margin = Emu(37 * _MM), Emu(28 * _MM)
    section.right_margin = Emu((210 - 28 - 156) * _MM)
    section.bottom_margin = Emu((297 - 37 - 225) * _MM)
    section.header_distance = Emu(15 * _MM)
    section.footer_distance = Emu(28 * _MM - int(styles.NUMBER_GAP / 72 * 25.4 * _MM))
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    _page_field(footer)
    footer.add_run(" —")
    header = section.header.paragraphs[0]
    if draft:
        header.style = document.styles[DRAFT_STYLE]
        header.add_run(styles.DRAFT_MARK)


def _page_field(paragraph: Any) -> None:
    """A PAGE field, so Word and WPS number the pages themselves."""
    from docx.oxml import OxmlElement

    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(_qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(_qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text or ""


def _add_runs(paragraph: Any, text: str) -> None:
    """A paragraph's runs: bold marks (app.exporters.markup) become runs in the 要点加粗 character style."""
    for run in runs(text):
        added = paragraph.add_run(run.text)
        if run.bold:
            added.style = BOLD_STYLE_NAME


def printed_size(report: Report, table: Table) -> tuple[float, bool]:
    """The type size the PDF gives a table (a one-page table shrinks until it fits), so Word matches
    it; and whether the table takes more than half a page (then, as in the PDF, it starts a page)."""
    from app.exporters.tables import table_flowable
    from app.fonts import font_chains

    look = styles.TABLES[table.shape]
    if not look.one_page:
        return look.size, False
    height = styles.BLOCK_HEIGHT - styles.HEADING.pitch - look.space_before
    drawn = table_flowable(report, table, font_chains(None)["body"], look, styles.BLOCK_WIDTH, height)
    _, needed = drawn.wrap(styles.BLOCK_WIDTH, height)
    return float(drawn.type_size), needed > styles.BLOCK_HEIGHT / 2


def _table(document: Any, report: Report, table: Table, heading: Any) -> Any:
    """The official table: one Word cell per grid rectangle, merged across and down as the grid says."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Pt
    from docx.table import _Cell

    look = styles.TABLES[table.shape]
    size, own_page = printed_size(report, table)
    if own_page and heading is not None:
        heading.paragraph_format.page_break_before = True
    grid = document.add_table(rows=table.rows, cols=table.cols)
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = column_widths(table, look, size, styles.BLOCK_WIDTH)
    for col, width in zip(grid.columns, widths):
        col.width = Pt(width)
    align = {ItemRole.HEADER: WD_ALIGN_PARAGRAPH.CENTER, ItemRole.BLOCK: WD_ALIGN_PARAGRAPH.CENTER,
             ItemRole.LABEL: WD_ALIGN_PARAGRAPH.LEFT, ItemRole.VALUE: WD_ALIGN_PARAGRAPH.CENTER}
    # The cells taken once from the unmerged XML: python-docx's grid.cell() walks the whole table
    # on every call. The grid's rectangles never overlap, so no merge removes another one's corner.
    matrix = [[_Cell(tc, grid) for tc in tr.tc_lst] for tr in grid._tbl.tr_lst]
    for row in matrix:
        for cell, width in zip(row, widths):
            cell.width = Pt(width)
    style_id = document.styles[TABLE_TEXT_STYLE].style_id
    for item in table.grid:
        cell = matrix[item.row][item.col]
        if item.rowspan > 1 or item.colspan > 1:
            cell = cell.merge(matrix[item.row + item.rowspan - 1][item.col + item.colspan - 1])
        paragraph = cell.paragraphs[0]
        paragraph._p.style = style_id
        paragraph.alignment = align[item.role]
        if size != TABLE_TEXT_SIZE:
            paragraph.paragraph_format.line_spacing = Pt(size * styles.CELL_LEADING)
        text = item_text(report, item.role, item.text, item.cell_id)
        if text:
            run = paragraph.add_run(text)
            run.font.size = Pt(size)
        if look.one_page and item.row + item.rowspan < table.rows:
            paragraph.paragraph_format.keep_with_next = True  # the table stays on one page
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for index, row in enumerate(grid.rows):
        props = row._tr.get_or_add_trPr()
        no_split = OxmlElement("w:cantSplit")
        props.append(no_split)
        if index < table.header_rows:
            repeat = OxmlElement("w:tblHeader")  # repeated at the top of every page the table reaches
            props.append(repeat)
    return grid


def _build(report: Report, draft: bool) -> Any:
    """The python-docx Document of the report."""
    import docx

    document = docx.Document()
    _setup_styles(document)
    _font_table(document)
    _page(document, draft)
    body = document.element.body
    for empty in list(document.paragraphs):  # the template's empty first paragraph
        body.remove(empty._p)
    style_of = {content.TITLE: "Title", content.HEADING: "Heading 1", content.SUBHEADING: "Heading 2",
                content.PARAGRAPH: "Normal", content.SIGNATURE: SIGNATURE_STYLE}
    paragraph: Any = None  # the last paragraph written (a table's heading stays with it)
    for block in content.report_content(report):
        if block.table is not None:
            heading = paragraph if paragraph is not None and paragraph.style.name == "Heading 1" else None
            _table(document, report, block.table, heading)
            paragraph = None
            continue
        paragraph = document.add_paragraph(style=document.styles[style_of[block.kind]])
        if block.kind == content.PARAGRAPH:
            _add_runs(paragraph, block.text)
        else:
            paragraph.add_run(block.text)
    props = document.core_properties
    props.title = report.title + ("（草稿）" if draft else "")
    props.author = report.meta.organ
    props.subject = "政府信息公开工作年度报告"
    props.comments = f"nianbao {__version__}"
    props.language = "zh-CN"
    props.revision = 1
    return document


def export_docx(report: Report) -> WordExported:
    """The report as .docx bytes; a report with errors carries 草稿 at the top of every page."""
    draft = is_draft(report)
    out = io.BytesIO()
    document = _build(report, draft)
    add_comments(document, report)  # review notes (批注) as Word comments
    document.save(out)
    return WordExported(out.getvalue(), draft)


def write_docx(report: Report, path: str | Path) -> WordExported:
    """Export and write the file in one step, so a failed export never leaves half a file."""
    exported = export_docx(report)
    atomic_write(Path(path), exported.data, keep_backup=False)
    return exported
