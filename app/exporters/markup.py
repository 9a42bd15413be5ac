"""User text to printable paragraphs: one paragraph per line, ``**一是**`` marks bold.

The text is never interpreted as ReportLab markup, so ``<``, ``>`` and ``&`` print as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


@dataclass(frozen=True)
class Run:
    """A stretch of a paragraph printed in one weight."""

    text: str
    bold: bool = False


def runs(paragraph: str) -> list[Run]:
    """A paragraph's runs; a ``**`` without its partner prints as typed."""
    found: list[Run] = []
    position = 0
    for match in _BOLD.finditer(paragraph):
        if match.start() > position:
            found.append(Run(paragraph[position:match.start()]))
        found.append(Run(match.group(1), bold=True))
        position = match.end()
    if position < len(paragraph):
        found.append(Run(paragraph[position:]))
    return found


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text: its non-blank lines, without the spaces that indented them by hand."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def plain(paragraph: str) -> str:
    """What a paragraph reads as in print: the text without its bold markers."""
    return "".join(run.text for run in runs(paragraph))
