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


def test_prose_checks_read_a_bold_figure_as_printed() -> None:
    from app.editing import Editor
    from app.report import Report

    report = Report.new(organ="测试县数据局", year=2024)
    report.sections["s1"].text = f"全年收到申请{BOLD_START}36{BOLD_END}件，其中自然人申请{BOLD_START}20件{BOLD_END}、法人申请5件。"
    quotes = {f.rule: f.message for f in Editor(report).findings if f.rule in ("N.table", "N.parts")}
    assert "“收到申请36件”" in quotes["N.table"]  # the bold figure is checked against 表三
    assert "N.parts" in quotes and BOLD_START not in quotes["N.parts"] + quotes["N.table"]
