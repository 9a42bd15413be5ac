"""Pasted text (.txt): prose lines, and tables as tab-separated lines, as browsers copy them."""

from __future__ import annotations

import re
from pathlib import Path

from app.importers import ImportResult, read_bytes
from app.importers.decode import decode
from app.exporters.markup import bold
from app.importers.flow import Flow, Paragraph, Row, clean, clean_cell

# A text copied from a page that was written in Markdown carries its bold as **…**: the source's
# markup, so the words print bold. Only a pair around words without spaces, on one line, not
# after a letter or digit (2**3 is arithmetic): anything else is text.
_MARKDOWN_BOLD = re.compile(r"(?<![0-9A-Za-z*])\*\*([^*\s]+?)\*\*(?!\*)")


def _source_bold(line: str) -> str:
    """A pasted line with the source's **bold** as the bold markup an import writes."""
    return _MARKDOWN_BOLD.sub(lambda match: bold(match.group(1)), line) if "**" in line else line


def flow_of(text: str) -> Flow:
    """The flow of a pasted text: a line with a tab is a table row, any other line is prose."""
    from app.progress import report

    flow = Flow()
    table = 0
    last_was_row = False
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if number % 2000 == 0 or number == len(lines):
            report(number, len(lines), f"正在分析文字：第 {number} 行，共 {len(lines)} 行")
        if "\t" in line:
            if not last_was_row:
                table += 1
            flow.items.append(Row(tuple(clean_cell(cell) for cell in line.split("\t")), table))
            last_was_row = True
        elif line.strip():
            flow.items.append(Paragraph(_source_bold(clean(line))))
            last_was_row = False
        # a blank line changes nothing: pasting puts them inside tables as well as between paragraphs
    return flow


def read(path: Path) -> ImportResult:
    """Import a pasted report."""
    from app.importers.mapper import build

    return build(flow_of(decode(read_bytes(path), path.name)), path.name)
