"""What every source reader hands on: the document as a flat flow of paragraphs and table rows.

Each reader (text, html, docx, pdf) only has to say, in reading order, which lines are prose
and which are table rows with their cell texts; the outline and the mapper do the rest the
same way for every kind of source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’、。，；：？！（）《》〈〉【】"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\xa0]+|[ \t\xa0]+(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\xa0\u2002\u2003\u2009\u200b\ufeff]+")


@dataclass(frozen=True)
class Paragraph:
    """A line of prose as the reader saw it; ``scope`` is where it sits in the page (HTML)."""

    text: str
    scope: tuple[int, ...] = ()


@dataclass(frozen=True)
class Row:
    """A table row: the text of each cell as it appears, merged cells given once.

    A cell covered by a merge from the row above is left out, so the labels of a row may
    be fewer than the table's label columns (the mapper matches labels by their words).
    """

    cells: tuple[str, ...]
    table: int
    scope: tuple[int, ...] = ()


@dataclass
class Flow:
    """A source document in reading order, plus a title the container itself gives (if any)."""

    items: list[Paragraph | Row] = field(default_factory=list)
    title_hint: str = ""
    complete: bool = True  # False when the source visibly stops early (a truncated page)


def clean(text: str) -> str:
    """Tidy a line of Chinese text: one space at most, none next to Chinese characters."""
    text = text.replace("\r", "")
    text = _SPACES.sub(" ", text)
    text = _SPACE_NEAR_CJK.sub("", text)
    return text.strip()


def clean_cell(text: str) -> str:
    """A cell's text on one line, tidied like prose."""
    return clean(" ".join(part for part in text.splitlines()))


def fold(text: str) -> str:
    """A label folded for comparison: full-width forms to ASCII, no white space, 1、→1."""
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(ch for ch in folded if not ch.isspace())
    folded = re.sub(r"(\d)[、．]", r"\1.", folded)
    return folded.replace("“", "\"").replace("”", "\"")
