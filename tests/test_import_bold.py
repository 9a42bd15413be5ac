"""Bold comes from a source's own markup only: what an import marks prints bold, typed ** is text."""

from __future__ import annotations

from app.exporters.markup import BOLD_END, BOLD_START, runs
from app.importers.flow import Paragraph
from app.importers.text import flow_of


def _paragraphs(text: str) -> list[str]:
    return [item.text for item in flow_of(text).items if isinstance(item, Paragraph)]


def test_markdown_bold_of_a_pasted_page_is_the_sources_bold() -> None:
    [line] = _paragraphs("结合工作实际，**一是**规范网站，**二是**加强咨询。")
    assert line == f"结合工作实际，{BOLD_START}一是{BOLD_END}规范网站，{BOLD_START}二是{BOLD_END}加强咨询。"
    assert [(r.text, r.bold) for r in runs(line)][:2] == [("结合工作实际，", False), ("一是", True)]


def test_lone_or_spaced_stars_stay_text() -> None:
    assert _paragraphs("2**3=8，a ** b ** c，**") == ["2**3=8，a ** b ** c，**"]
