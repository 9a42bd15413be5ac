"""What text may enter a report: one decision per character class, made where text comes in.

Typed, pasted, imported or loaded text passes through ``clean`` before it reaches the report,
so nothing that cannot be saved (a lone surrogate) or that vanishes from the PDF without a word
(a bidi override, a zero-width joiner, a variation selector our fonts do not carry) gets in.

Classes and what happens to them:

- strip, with a notice naming where and showing the code point and its neighbour: lone
  surrogates; C0 and C1 control characters and DEL (tab and line break are kept); bidi
  controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C); zero-width and invisible
  format characters (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+00AD, U+180E, U+FFFC); variation
  selectors (U+FE00–U+FE0F, U+E0100–U+E01EF: the base character prints in its usual form);
  tag characters (U+E0000–U+E007F); noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF).
- keep and print: everything else, private-use characters included (the exporter names any
  character no font can draw, with its code point).
- ``\\r\\n`` and a lone ``\\r`` become ``\\n`` without a notice (a Windows line end is not content).
- the bold markers of app.exporters.markup (U+0002, U+0003) are kept only where the text is
  our own (an import's markup, a saved draft); anything typed or pasted loses them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.report import Report

MARKUP = {"\x02", "\x03"}  # bold start, bold end (app.exporters.markup)
BOLD_MARKS = re.compile("[\x02\x03]")
_RANGES = (
    (0x0000, 0x0008), (0x000B, 0x000C), (0x000E, 0x001F), (0x007F, 0x009F),  # controls but \t \n \r
    (0x00AD, 0x00AD), (0x061C, 0x061C), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x2069), (0xD800, 0xDFFF), (0xFDD0, 0xFDEF), (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF), (0xFFFC, 0xFFFC), (0xE0000, 0xE007F), (0xE0100, 0xE01EF),
)


_NONCHARACTERS = "".join(chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
# Any character clean() may change (the classes above, and \r): text without one is taken as it
# is in one regular-expression scan, so a keystroke in a long narrative costs no per-character loop.
_ANY = re.compile("[\r" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _RANGES) + _NONCHARACTERS + "]")


def _stripped(char: str) -> bool:
    """Whether a character is of a class that is removed on entry."""
    code = ord(char)
    if (code & 0xFFFE) == 0xFFFE:
        return True
    return any(low <= code <= high for low, high in _RANGES)


def _kind(char: str) -> str:
    """A short Chinese name of the character's class, for the notice."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "无法保存的残缺字符"
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return "不可见的异体选择符"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "控制字符"
    if unicodedata.bidirectional(char) in ("RLO", "LRO", "RLE", "LRE", "PDF", "RLI", "LRI", "FSI", "PDI") \
            or code in (0x200E, 0x200F, 0x061C):
        return "不可见的文字方向控制符"
    return "不可见字符"


def describe(text: str, index: int) -> str:
    """A character a user may not see, by its visible neighbour and code point: “葛”后面的不可见字符 U+E0100."""
    char = text[index]
    code = f"U+{ord(char):04X}"
    before = next((c for c in reversed(text[:index]) if not _stripped(c) and not c.isspace()), "")
    after = next((c for c in text[index + 1:] if not _stripped(c) and not c.isspace()), "")
    if before:
        return f"“{before}”后面的{_kind(char)} {code}"
    if after:
        return f"“{after}”前面的{_kind(char)} {code}"
    return f"{_kind(char)} {code}"


def clean(text: str, where: str, keep_markup: bool = False) -> tuple[str, list[str]]:
    """``text`` without the characters that are stripped on entry, and one notice per kind removed."""
    if _ANY.search(text) is None:
        return text, []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept: list[str] = []
    found: dict[str, list[str]] = {}
    for index, char in enumerate(text):
        if keep_markup and char in MARKUP:
            kept.append(char)
        elif _stripped(char):
            found.setdefault(_kind(char), []).append(describe(text, index))
        else:
            kept.append(char)
    notices = []
    for places in found.values():
        more = f"等 {len(places)} 处" if len(places) > 1 else ""
        notices.append(f"{where}中的{places[0]}{more}已删除（打印时不显示，也可能无法保存）。")
    return "".join(kept), notices


def clean_report(report: Report, keep_markup: bool = True) -> list[str]:
    """Clean every text of a report in place; the notices, each naming where."""
    notices: list[str] = []

    def take(value: str, where: str) -> str:
        cleaned, found = clean(value, where, keep_markup)
        notices.extend(found)
        return cleaned

    meta = report.meta
    meta.organ = take(meta.organ, "机关名称")
    meta.published = take(meta.published, "发布日期")
    meta.contact = take(meta.contact, "联系方式")
    meta.website = take(meta.website, "电子版网址")
    meta.opening = take(meta.opening, "开头段落")
    for section in report.layout.sections:
        narrative = report.sections.get(section.id)
        if narrative is None:
            continue
        heading = f"“{section.title}”"
        narrative.text = take(narrative.text, heading)
        for number, part in enumerate(narrative.parts, 1):
            part.title = take(part.title, f"{heading}第 {number} 个小标题")
            part.text = take(part.text, f"{heading}第 {number} 个小标题下的正文")
    for key in list(report.acknowledgements):
        report.acknowledgements[key] = take(report.acknowledgements[key], "检查提示的说明")
    if report.previous is not None:  # last year's snapshot kept inside the draft is text of the draft too
        notices.extend(f"上年报告：{notice}" for notice in clean_report(report.previous.report, keep_markup))
    return notices


def clean_edit(old: str, new: str, where: str) -> tuple[str, list[str]]:
    """An edit of a stored text (``old`` → ``new``), cleaned like ``clean`` but keeping the text's own bold.

    The markers an import wrote stay while an edit brings in none (typing, deleting, replacing,
    moving sub-heads about keep the source's bold); when it brings in new ones (a paste), the
    stretch that came in is cleaned like any pasted text and the rest keeps its markers.
    """
    if BOLD_MARKS.search(new) is None:
        return clean(new, where)
    if all(new.count(mark) <= old.count(mark) for mark in MARKUP):
        return clean(new, where, keep_markup=True)
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    came_in, notices = clean(new[start:len(new) - end], where)
    head, _ = clean(new[:start], where, keep_markup=True)
    tail, _ = clean(new[len(new) - end:], where, keep_markup=True)
    return head + came_in + tail, notices

