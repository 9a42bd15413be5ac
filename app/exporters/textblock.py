"""A ReportLab flowable that sets one Chinese paragraph: line breaking, justification, fallback fonts.

ReportLab's own Paragraph parses markup, lets a closing mark hang into the margin, cannot
justify lines without spaces and never switches font for a missing character; the official
layout needs all four done right, so paragraphs are set here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from app.exporters.linebreak import Line, break_lines, clusters
from app.exporters.markup import Run
from app.exporters.styles import TextStyle
from app.fonts import FontChain

_BASELINE = 0.38  # the ideographic em box's centre sits this far above the baseline, in ems
_BOLD_STROKE = 0.035  # a stroke of this many ems thickens 仿宋 into the bold of printed reports
_MAX_STRETCH = 0.35  # ems of extra space per gap beyond which a line is left ragged, not letter-spaced
_WIDTHS: dict[tuple[str, str], float] = {}


def invisible(char: str) -> bool:
    """Characters that print as nothing when no font has them: controls, format marks, spaces."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def first_missing(text: str, chain: FontChain) -> str | None:
    """The first character of ``text`` that would print as an empty box, or None."""
    for char in text:
        if chain.font_for(char) is None and not invisible(char):
            return char
    return None


def _advance(font: str, char: str) -> float:
    """A character's advance in ems of its font."""
    key = (font, char)
    if key not in _WIDTHS:
        _WIDTHS[key] = pdfmetrics.stringWidth(char, font, 1.0)
    return _WIDTHS[key]


@dataclass(frozen=True)
class _Char:
    """One character as it will be printed: its font (None: a gap, not drawn) and advance in ems."""

    char: str
    font: str | None
    advance: float
    bold: bool


@dataclass
class _Unit:
    """A cluster for the line breaker: its text, its characters' span, its width at this size."""

    text: str
    first: int
    last: int
    width: float = 0.0


@dataclass(frozen=True)
class _Placed:
    """A laid-out line and the indent it starts at."""

    line: Line
    indent: float


def _gap(char: str) -> float:
    """The advance of a space no font has, in ems (an ideographic space is a full em)."""
    if not char.isspace():
        return 0.0
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") or char == "\t" else 0.5


def _chars(runs: Sequence[Run], chain: FontChain) -> list[_Char]:
    """Every character of the runs in the font that will draw it."""
    chars: list[_Char] = []
    for run in runs:
        for char in run.text:
            font = chain.font_for(char)
            if font is None:
                chars.append(_Char(char, None, _gap(char), run.bold))
            else:
                chars.append(_Char(char, font.name, _advance(font.name, char), run.bold))
    return chars


class TextBlock(Flowable):
    """One paragraph set in a TextStyle; it splits between lines across pages."""

    def __init__(self, runs: Sequence[Run], style: TextStyle, chain: FontChain,
                 align: str | None = None) -> None:
        super().__init__()
        self.style = style
        self.align = align or style.align
        self.keepWithNext = style.keep_with_next
        self.spaceAfter = style.space_after
        self._chars = _chars(runs, chain)
        self._units: list[_Unit] = []
        position = 0
        for text in clusters("".join(c.char for c in self._chars)):
            self._units.append(_Unit(text, position, position + len(text)))
            position += len(text)
        self._placed: list[_Placed] | None = None
        self._laid_for: float | None = None
        self._tracking = 0.0
        self._frozen = False

    @property
    def pitch(self) -> float:
        """The distance between baselines."""
        return self.style.pitch

    def _layout(self, width: float) -> None:
        """Break the paragraph into lines for this width (once per width)."""
        if self._frozen or self._laid_for == width:
            return
        style = self.style
        size = style.size
        self._tracking = width / style.chars_per_line - size if style.chars_per_line else 0.0
        for unit in self._units:
            unit.width = sum(self._char_width(c) for c in self._chars[unit.first:unit.last])
        indent = style.indent_chars * (size + self._tracking)
        # Each character owns a cell of advance + tracking (the official 28-a-line grid); only
        # positive tracking after the last character is blank space that may pass the margin.
        trailing = max(self._tracking, 0.0)
        lines = break_lines(self._units, lambda n: width - (indent if n == 0 else 0) + trailing)
        self._placed = [_Placed(line, indent if n == 0 else 0.0) for n, line in enumerate(lines)]
        self._laid_for = width

    def _char_width(self, char: _Char) -> float:
        """What a character adds to a line: its advance plus the tracking when drawn."""
        size = self.style.size
        return char.advance * size + (self._tracking if char.font else 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._layout(availWidth)
        assert self._placed is not None
        self.width = availWidth
        self.height = len(self._placed) * self.pitch
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._layout(availWidth)
        assert self._placed is not None
        fit = int((availHeight + 1e-6) // self.pitch)
        if fit <= 0:
            return []
        if fit >= len(self._placed):
            return [self]
        return [self._part(self._placed[:fit], availWidth, keep=False),
                self._part(self._placed[fit:], availWidth, keep=self.keepWithNext)]

    def _part(self, placed: list[_Placed], width: float, keep: bool) -> TextBlock:
        """A piece of this paragraph with its lines already set."""
        part = TextBlock.__new__(TextBlock)
        Flowable.__init__(part)
        part.style, part.align = self.style, self.align
        part.keepWithNext = keep
        last = self._placed[-1] if self._placed else None
        part.spaceAfter = self.spaceAfter if placed[-1] is last else 0
        part._chars, part._units, part._tracking = self._chars, self._units, self._tracking
        part._placed, part._laid_for, part._frozen = placed, width, True
        return part

    def lines_text(self) -> list[str]:
        """The text of each laid-out line (for tests and the line-breaking checks)."""
        assert self._placed is not None, "wrap() first"
        return ["".join(u.text for u in self._units[p.line.start:p.line.end]) for p in self._placed]

    def draw(self) -> None:
        assert self._placed is not None
        canvas = self.canv
        size = self.style.size
        canvas.saveState()
        canvas.setLineWidth(size * _BOLD_STROKE)
        for number, placed in enumerate(self._placed):
            baseline = self.height - number * self.pitch - self.pitch / 2 - _BASELINE * size
            self._draw_line(placed, baseline)
        canvas.restoreState()

    def _draw_line(self, placed: _Placed, baseline: float) -> None:
        """Draw one line, runs of one font and weight at a time, spread to the full width."""
        line = placed.line
        if line.end <= line.start:
            return
        first, last = self._units[line.start].first, self._units[line.end - 1].last
        chars = self._chars[first:last]
        drawn = sum(1 for c in chars if c.font)
        ink = line.width - (max(self._tracking, 0.0) if chars[-1].font else 0.0)
        free = self.width - placed.indent - ink
        tracking, x = self._tracking, placed.indent
        if self.align == "center":
            x += free / 2
        elif self.align == "right":
            x += free
        elif self.align == "justify" and not line.last and drawn > 1 and free > 0:
            extra = free / (drawn - 1)
            if extra <= _MAX_STRETCH * self.style.size:
                tracking += extra
        text = self.canv.beginText()
        text.setCharSpace(tracking)
        run: list[_Char] = []
        run_x = x
        for char in chars + [_Char("", None, 0.0, False)]:
            if run and (char.font != run[0].font or char.bold != run[0].bold):
                self._draw_run(text, run, run_x, baseline)
                run = []
            if char.font:
                if not run:
                    run_x = x
                run.append(char)
                x += char.advance * self.style.size + tracking
            else:
                x += char.advance * self.style.size
        self.canv.drawText(text)

    def _draw_run(self, text: PDFTextObject, run: list[_Char], x: float, baseline: float) -> None:
        """Put one run of characters sharing font and weight at its place on the line."""
        font = run[0].font
        assert font is not None  # runs hold drawn characters only; gaps have no font
        text.setTextOrigin(x, baseline)
        text.setFont(font, self.style.size)
        text.setTextRenderMode(2 if run[0].bold else 0)
        text.textOut("".join(c.char for c in run))
