"""The report's content in print order, the one list every exporter (PDF, Word, web page) lays out.

Headings, sub-head numbering, which tables a section holds and the closing signature are decided
here once, so the formats can only differ in how they draw a block, never in what they print.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from app.deadline import chinese_date, published_date
from app.exporters.markup import paragraphs
from app.format import part_numbers, subheading_text
from app.format.model import Section, Table
from app.opening import printed_opening
from app.report import Part, Report

TITLE, HEADING, SUBHEADING, PARAGRAPH, TABLE, SIGNATURE = (
    "title", "heading", "subheading", "paragraph", "table", "signature")


@dataclass(frozen=True)
class Block:
    """One printed block: what kind, its text (a paragraph keeps its ``**`` bold marks), where it is."""

    kind: str
    text: str = ""
    section: str | None = None
    table: Table | None = None
    where: str = ""  # how a message names the place, e.g. “一、总体情况”第2段


def heading_text(section: Section) -> str:
    """A section's printed heading, e.g. 一、总体情况 (the format holds it)."""
    return section.title


def printed_parts(parts: list[Part]) -> list[tuple[int, Part]]:
    """The sub-heads that print, with their numbers (one rule with the window: app.format.parts)."""
    return [(n, part) for n, part in zip(part_numbers(parts), parts) if n is not None]


def section_tables(report: Report, section: Section) -> list[Table]:
    """The tables the report's layout places in a section (t2 or t2_2019 in 二, …)."""
    return list(report.layout.section_tables(section.id))


def signature(report: Report) -> list[str]:
    """The closing lines under section 六: the organ and the 发布日期, when the date is set."""
    day = published_date(report)
    if day is None:
        return []
    organ = report.meta.organ.strip()
    return ([organ] if organ else []) + [chinese_date(day)]


def _section_blocks(report: Report, section: Section) -> Iterator[Block]:
    """A section's heading, its tables, its opening text, then its sub-heads with their text."""
    heading = heading_text(section)
    yield Block(HEADING, heading, section.id, where=f"标题“{heading}”")
    for table in section_tables(report, section):
        yield Block(TABLE, table.title, section.id, table, where=f"“{heading}”表格")
    narrative = report.sections[section.id]
    for k, paragraph in enumerate(paragraphs(narrative.text), 1):
        yield Block(PARAGRAPH, paragraph, section.id, where=f"“{heading}”第{k}段")
    for i, part in printed_parts(narrative.parts):
        sub = subheading_text(i, part.title) if part.title.strip() else f"第{i}个小标题"
        if part.title.strip():  # an untitled part prints as paragraphs only
            yield Block(SUBHEADING, sub, section.id, where=f"“{heading}”的小标题“{sub}”")
        for k, paragraph in enumerate(paragraphs(part.text), 1):
            yield Block(PARAGRAPH, paragraph, section.id, where=f"“{heading}”中“{sub}”下第{k}段")


def opening_blocks(report: Report) -> list[Block]:
    """The opening paragraph(s) between the title and 一 (app.opening: the clerk's, else the standard one)."""
    return [Block(PARAGRAPH, paragraph, where=f"开头段落第{k}段")
            for k, paragraph in enumerate(paragraphs(printed_opening(report)), 1)]


def report_content(report: Report) -> list[Block]:
    """Everything the printed report shows, in order: title, opening paragraph, the six sections, the signature."""
    blocks = [Block(TITLE, report.title, where="标题")]
    blocks.extend(opening_blocks(report))
    for section in report.layout.sections:
        blocks.extend(_section_blocks(report, section))
    blocks.extend(Block(SIGNATURE, line, where="落款") for line in signature(report))
    return blocks
