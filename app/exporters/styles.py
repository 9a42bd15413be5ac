"""The printed report's look as data: the page (GB/T 9704), the text styles, the table styles."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from app.format import TableShape

PAGE_SIZE = A4
MARGIN_TOP = 37 * mm
MARGIN_LEFT = 28 * mm
BLOCK_WIDTH = 156 * mm
BLOCK_HEIGHT = 225 * mm
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
PITCH = int(BLOCK_HEIGHT / LINES_PER_PAGE * 100) / 100  # 22 lines of 3号 text fill the block
NUMBER_SIZE = 14  # 4号
NUMBER_GAP = 7 * mm  # page number below the text block


@dataclass(frozen=True)
class TextStyle:
    """How a kind of text is set: which font style, its size, line pitch, indent and alignment."""

    name: str
    font: str  # a style key of app.fonts.STYLES
    size: float
    pitch: float
    indent_chars: float = 0
    align: str = "justify"  # justify | left | center | right
    chars_per_line: int | None = None  # squeeze the characters onto the official grid
    space_after: float = 0
    keep_with_next: bool = False


TITLE = TextStyle("title", "title", 22, PITCH * 1.25, align="center", space_after=PITCH)
TITLE_FIRST = TextStyle("title-first", "title", 22, PITCH * 1.25, align="center", keep_with_next=True)
HEADING = TextStyle("heading", "heading", 16, PITCH, indent_chars=2, chars_per_line=CHARS_PER_LINE,
                    keep_with_next=True)
SUBHEADING = TextStyle("subheading", "subheading", 16, PITCH, indent_chars=2,
                       chars_per_line=CHARS_PER_LINE, keep_with_next=True)
BODY = TextStyle("body", "body", 16, PITCH, indent_chars=2, chars_per_line=CHARS_PER_LINE)
ORPHAN_LINES = 2  # a heading keeps at least this many lines of the paragraph under it on its page
TABLE_START_ROWS = 3  # … or this many rows of a table that may run on (表二: block header, column heads, a row)
# The closing signature (organ, then date) under section 六, set right.
SIGNATURE = TextStyle("signature", "body", 16, PITCH, align="right")


@dataclass(frozen=True)
class TableLook:
    """How an official table is drawn: its type size (shrunk down to ``min_size`` to fit one page
    when ``one_page``), and the width of its label columns in characters of that size."""

    size: float
    min_size: float
    label_widths: tuple[float, ...]  # every label column but the last, which takes what is left
    value_width: float | None  # value columns in characters; None: share what the labels leave
    one_page: bool
    label_share: float = 0.0  # with value_width None: the labels' share of the text block
    padding: float = 2.5
    space_before: float = 4.0  # a little air under the heading above the table
    space_after: float = PITCH / 2


# Looks by the table's shape (app.format.TableShape), so 2019's 表二 needs no entry of its own.
TABLES: dict[TableShape, TableLook] = {
    TableShape.BLOCKS: TableLook(size=12, min_size=12, label_widths=(), value_width=None, one_page=False,
                                 label_share=0.3),
    TableShape.MATRIX: TableLook(size=10.5, min_size=7, label_widths=(2.4, 4.6), value_width=3.3, one_page=True),
    TableShape.ROW: TableLook(size=10.5, min_size=7, label_widths=(), value_width=None, one_page=True),
}
CELL_LEADING = 1.3  # line pitch in table cells, as a multiple of the type size
DRAFT_MARK = "草稿"
