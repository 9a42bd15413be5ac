"""The sub-heads of a narrative section: how they are numbered, once for window and print.

Every sub-head with a title prints, in order, numbered （一）（二）…（十）（十一） — an empty one
too, under its own number, so nothing is silently dropped and nothing renumbered (the S.subhead
warning asks for its text; a clerk who does not want it removes it). Only a part with neither
title nor text, a placeholder, is left out. The window shows each sub-head with the number it
will print under, so what the clerk sees is what the reader gets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

_NUMERALS = "一二三四五六七八九十"
NUMBERED = re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")


class HasText(Protocol):
    """Anything with a title and a text (a report's ``Part``)."""

    @property
    def title(self) -> str: ...

    @property
    def text(self) -> str: ...


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一: the numbering of sub-heads."""
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _NUMERALS[tens - 1]) + "十" + (_NUMERALS[ones - 1] if ones else "")


def part_number(n: int) -> str:
    """The n-th printed sub-head's mark: （一）, （十一）."""
    return f"（{chinese_number(n)}）"


def prints(part: HasText) -> bool:
    """Whether a sub-head appears in the printed report (it has a title or text)."""
    return bool(part.title.strip() or part.text.strip())


def part_numbers(parts: Sequence[HasText]) -> list[int | None]:
    """For each sub-head, the number it prints under, or None if it does not print."""
    numbers: list[int | None] = []
    count = 0
    for part in parts:
        if prints(part):
            count += 1
            numbers.append(count)
        else:
            numbers.append(None)
    return numbers


def subheading_text(n: int, title: str) -> str:
    """A sub-head with its positional number, unless the clerk already numbered it."""
    title = title.strip()
    return title if NUMBERED.match(title) else f"{part_number(n)}{title}"
