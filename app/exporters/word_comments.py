"""Review notes (批注) as real Word comments in the exported .docx, anchored where each note is.

A note on a cell is anchored on the figure in the table; on a sub-head's text, on that sub-head;
on a section, on its heading; on a finding, on the first cell it names or its section's heading;
a note on the whole report, on the title. A handled note says so at its start.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.exporters import content
from app.notes import place
from app.report import Report
from app.review import Note, local_time

HANDLED = "【已处理】"


def comment_text(note: Note) -> str:
    """The words of a note's Word comment (the handling is part of them: Word has no such field here)."""
    if note.handled:
        return f"{HANDLED}{note.text}（{note.handled_by} {local_time(note.handled_at)} 处理）"
    return note.text


def _runs_of(paragraph: Any) -> list[Any]:
    """A paragraph's runs, with one added when it has none (Word anchors a comment on runs)."""
    return list(paragraph.runs) or [paragraph.add_run("")]


def _anchors(document: Any, report: Report) -> tuple[Any, dict[str, Any], dict[tuple[str, int], Any], dict[str, Any]]:
    """The title paragraph, each section's heading, each sub-head's paragraph and each cell's Word cell."""
    paragraphs = iter(document.paragraphs)
    tables = iter(document.tables)
    title = None
    headings: dict[str, Any] = {}
    subheads: dict[tuple[str, int], Any] = {}
    cells: dict[str, Any] = {}
    counter: dict[str, int] = {}
    for block in content.report_content(report):
        if block.kind == content.TABLE and block.table is not None:
            word_table = next(tables)
            for item in block.table.grid:
                if item.cell_id:
                    cells[item.cell_id] = word_table.cell(item.row, item.col)
            continue
        paragraph = next(paragraphs)
        if block.kind == content.TITLE and title is None:
            title = paragraph
        elif block.kind == content.HEADING and block.section:
            headings[block.section] = paragraph
        elif block.kind == content.SUBHEADING and block.section:
            k = counter.get(block.section, 0)
            counter[block.section] = k + 1
            subheads[(block.section, k)] = paragraph
    return title, headings, subheads, cells


def _printed_index(report: Report, section: str, index: int) -> int | None:
    """Which printed sub-head (0-based) the part ``index`` of a section is, if it prints a title."""
    parts = report.sections[section].parts
    printing = {id(p) for _n, p in content.printed_parts(parts)}
    titled = [i for i, p in enumerate(parts) if id(p) in printing and p.title.strip()]
    return titled.index(index) if index in titled else None


def add_comments(document: Any, report: Report) -> int:
    """Attach every note of the report to the document as a Word comment; how many were added."""
    if not report.notes:
        return 0
    title, headings, subheads, cells = _anchors(document, report)
    added = 0
    for note in report.notes:
        where = place(report, note.target)
        anchor = None
        if where.cell and where.cell in cells:
            anchor = cells[where.cell].paragraphs[0]
        elif where.part is not None and where.section:
            k = _printed_index(report, where.section, where.part)
            anchor = subheads.get((where.section, k)) if k is not None else None
        if anchor is None and where.section:
            anchor = headings.get(where.section)
        if anchor is None:
            anchor = title
        if anchor is None:
            continue
        comment = document.add_comment(_runs_of(anchor), text=comment_text(note), author=note.author,
                                       initials=note.author[:2])
        try:
            comment._comment_elm.date = datetime.fromisoformat(note.at)  # noqa: SLF001 - python-docx has no setter
        except (ValueError, AttributeError, TypeError):
            pass
        added += 1
    return added
