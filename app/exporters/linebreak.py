"""Chinese line breaking: where a line may end, and which characters fill each line.

Rules (GB/T 15834 practice, CLREQ): a line never starts with closing punctuation such as
，。、；：！？）》” and never ends with opening punctuation such as （《“. Breaking is allowed
between any two Chinese characters, after a space, and not inside a run of Latin letters or
digits unless that run alone is wider than a line. A character that may not start a line is
kept with the character before it (the pair moves to the next line together), so nothing
hangs into the margin.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

# Characters that may not begin a line (closing and pausing punctuation, and the halves of
# the dash and the ellipsis, which must not be torn apart).
CANNOT_START = frozenset("，。、；：！？）》”’」』】〕〉〗〙｝］〞!),.:;?]}’”%‰℃…—‥·～〜ー゛゜")
# Characters that may not end a line (opening punctuation).
CANNOT_END = frozenset("（《“‘「『【〔〈〖〘｛［〝([{·")
_FUZZ = 1e-6


class Measured(Protocol):
    """A grapheme cluster with its drawn width."""

    text: str
    width: float


def is_space(text: str) -> bool:
    """Whether a cluster is white space (a break opportunity, invisible at a line end)."""
    return text.isspace()


def _is_word(text: str) -> bool:
    """Whether a cluster belongs to a run that must not be broken (Latin letters, digits, 12.5, URLs)."""
    first = text[0]
    if first.isspace():
        return False
    if ord(first) < 0x80:
        return True
    if first in CANNOT_START or first in CANNOT_END:
        return False
    return unicodedata.east_asian_width(first) not in ("W", "F")


def _joins(ch: str) -> bool:
    """Whether a character belongs to the cluster before it (combining marks, joiners, selectors)."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Mc", "Me"):
        return True
    code = ord(ch)
    return code in (0x200D, 0x20E3) or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF \
        or 0x1F3FB <= code <= 0x1F3FF


def clusters(text: str) -> list[str]:
    """Split text into the units a line may not cut through: a character with its marks."""
    units: list[str] = []
    joiner = False
    for ch in text:
        if units and (joiner or _joins(ch)):
            units[-1] += ch
        else:
            units.append(ch)
        joiner = ord(ch) == 0x200D
    return units


def break_allowed(before: str, after: str) -> bool:
    """Whether a line may end between two neighbouring clusters."""
    if is_space(after):
        return False  # spaces stay at the end of the line they follow
    if is_space(before):
        return True
    if after[0] in CANNOT_START or before[-1] in CANNOT_END:
        return False
    return not (_is_word(before) and _is_word(after))


@dataclass(frozen=True)
class Line:
    """One laid-out line: clusters ``[start, end)`` are drawn (trailing spaces left out)."""

    start: int
    end: int
    width: float
    last: bool


def _atoms(units: Sequence[Measured]) -> list[tuple[int, int]]:
    """The unbreakable stretches of a paragraph, as (start, end) index pairs."""
    atoms: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(units)):
        if break_allowed(units[i - 1].text, units[i].text):
            atoms.append((start, i))
            start = i
    if units:
        atoms.append((start, len(units)))
    return atoms


def _visible_end(units: Sequence[Measured], start: int, end: int) -> int:
    """The end of a stretch without its trailing spaces."""
    while end > start and is_space(units[end - 1].text):
        end -= 1
    return end


def _width(units: Sequence[Measured], start: int, end: int) -> float:
    """The natural width of clusters ``[start, end)``."""
    return sum(u.width for u in units[start:end])


def break_lines(units: Sequence[Measured], available: Callable[[int], float]) -> list[Line]:
    """Fill lines greedily, breaking only where allowed; ``available(n)`` is line n's width."""
    atoms = _atoms(units)
    lines: list[Line] = []
    index = 0
    while index < len(atoms):
        limit = available(len(lines)) + _FUZZ
        start = atoms[index][0]
        end = start
        while index < len(atoms):
            a_start, a_end = atoms[index]
            visible = _visible_end(units, a_start, a_end)
            if _width(units, start, visible) > limit:
                if end > start:
                    break  # the stretch goes to the next line
                cut = a_start + 1  # a stretch wider than a whole line is cut where it must
                while cut < visible and _width(units, start, cut + 1) <= limit:
                    cut += 1
                if cut < visible:
                    atoms[index] = (cut, a_end)
                    end = cut
                    break
            end = a_end
            index += 1
        drawn = _visible_end(units, start, end)
        lines.append(Line(start, drawn, _width(units, start, drawn), last=False))
    if lines:
        final = lines[-1]
        lines[-1] = Line(final.start, final.end, final.width, last=True)
    return lines
