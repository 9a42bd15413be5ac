"""A published cell's text to the text of its figure, and the words printed beside it.

Published tables write "22（其中修订16件）", "0件", "—", "/", "无", "１２", "1690.9913万元": the leading
figure is the cell, words around it are kept as a note on the cell, a dash or slash is a blank,
零 or 无 is 0 (with a note saying it was written so).
An amount keeps its unit where the format keeps one (2019 采购总金额, a text cell); the 万元 fee
of the 2021 table is converted from 元 only when the unit is printed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from app.format import CellKind

_DASHES = frozenset("-—–－―/／\\…")
_COUNT_UNIT = r"(?:件|条|个|项|次|起|宗|篇|份|期|场|人次|家)"
_FIGURE = r"[+\-]?\d[\d,]*(?:\.\d+)?"
_WITH_NOTE = re.compile(rf"^(?P<figure>{_FIGURE})\s*{_COUNT_UNIT}?\s*[(\[【](?P<note>[^()]*)[)\]】]$")
_WITH_UNIT = re.compile(rf"^(?P<figure>{_FIGURE})\s*{_COUNT_UNIT}$")
_AMOUNT = re.compile(rf"^(?P<figure>{_FIGURE})\s*(?P<unit>万元|元)$")
# 零 (zero) and 无 (none) are what a table prints for nothing: the figure is 0, the word kept as a
# note. Other figures in words (五件, 十二) stay uncertain: the importer does not read numerals.
_NONE = re.compile(rf"^(?:零|〇|无){_COUNT_UNIT}?$")


@dataclass(frozen=True)
class Figure:
    """The text to parse as the cell, a note to keep beside it ('' when none)."""

    text: str
    note: str = ""


def _fold(text: str) -> str:
    """Full-width digits and brackets to ASCII, white space (also &nbsp; and 　) trimmed."""
    folded = "".join(ch if ch in "（）" else unicodedata.normalize("NFKC", ch) for ch in text)
    return folded.replace("（", "(").replace("）", ")").strip()


def figure(text: str, kind: CellKind, amount_unit: str = "万元") -> Figure:
    """What to parse for a cell of ``kind`` and the note to keep.

    ``amount_unit`` is the unit the source's own column heading prints for an amount (元 when
    the heading says （单位：元）); the format's amount is in 万元.
    """
    folded = _fold(text)
    if not folded or all(ch in _DASHES for ch in folded):
        return Figure("")
    if kind is CellKind.TEXT:
        return Figure(text.strip())
    if _NONE.match(folded):
        return Figure("0", f"原文为“{text.strip()}”，按 0 读入")
    match = _WITH_NOTE.match(folded)
    if match:
        return Figure(match.group("figure"), match.group("note").strip())
    match = _WITH_UNIT.match(folded)
    if match and kind is not CellKind.AMOUNT:
        return Figure(match.group("figure"))
    if kind is CellKind.AMOUNT:
        match = _AMOUNT.match(folded)
        unit = match.group("unit") if match else amount_unit
        value = match.group("figure") if match else folded
        if unit == "元":
            return _yuan_to_wan(value, text.strip())
        return Figure(value)
    return Figure(folded)


def _yuan_to_wan(value: str, shown: str) -> Figure:
    """An amount printed in 元, as 万元 exactly (147230元 → 14.723), with a note saying so."""
    try:
        yuan = Decimal(value.replace(",", ""))
    except InvalidOperation:
        return Figure(value)
    wan = (yuan / 10000).normalize()
    text = format(wan, "f")
    return Figure(text, f"原文为“{shown}”，单位为元，已换算为 {text} 万元")


def heading_unit(texts: list[str]) -> str:
    """The amount unit a source's column heading prints: 元 when it says 单位：元 or （元）, else 万元."""
    for text in texts:
        folded = "".join(_fold(text).split())
        if re.search(r"单位[:：]?元|\(元\)|金额\(元", folded):
            return "元"
    return "万元"
