"""The report as one self-contained web page a site's content system can publish as it is.

Semantic markup only (h1, h2, h3, p, table with thead/tbody, th with scope, rowspan/colspan from
the format's grid) and one small embedded stylesheet: no script, no external resource, no inline
style, so an editor that strips styles keeps the merged cells and the figures in their columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from app import __version__
from app.exporters import content
from app.exporters.markup import plain, runs
from app.exporters.tables import item_text
from app.format import ItemRole, Table
from app.format.model import GridItem
from app.report import Report
from app.final import is_draft
from app.store import atomic_write

BOLD_CLASS = "nb-bold"  # a source's bold (app.exporters.markup); our importer reads it back

STYLESHEET = """
body { margin: 2em auto; max-width: 46em; padding: 0 1em; color: #000; background: #fff;
  font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, serif; font-size: 16pt; line-height: 1.75; }
h1 { font-family: "方正小标宋简体", "宋体", SimSun, serif; font-size: 22pt; font-weight: normal;
  text-align: center; line-height: 1.4; }
h2 { font-family: "黑体", SimHei, sans-serif; font-size: 16pt; font-weight: normal; margin: 0;
  text-indent: 2em; }
h3 { font-family: "楷体_GB2312", "楷体", KaiTi, serif; font-size: 16pt; font-weight: normal; margin: 0;
  text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.signature { text-align: right; text-indent: 0; }
p.draft { color: #b00; font-family: "黑体", SimHei, sans-serif; text-indent: 0; }
table { border-collapse: collapse; margin: 0.5em auto 1em; font-size: 10.5pt; line-height: 1.3; }
th, td { border: 1px solid #000; padding: 0.2em 0.35em; }
th { font-weight: normal; text-align: center; }
th[scope="row"], th[scope="rowgroup"] { text-align: left; }
td { text-align: center; min-width: 2.5em; }
""".strip()


@dataclass(frozen=True)
class WebExported:
    """A finished web-page export: the page, and whether it carries the draft notice."""

    text: str
    draft: bool


def _scope(item: GridItem) -> str:
    """What a heading cell heads, for screen readers and editors that keep it."""
    if item.role is ItemRole.LABEL:
        return "rowgroup" if item.rowspan > 1 else "row"
    return "colgroup" if item.colspan > 1 else "col"


def _cell(report: Report, item: GridItem) -> str:
    """One grid rectangle as th (a heading or label) or td (a figure), with its spans."""
    spans = ""
    if item.rowspan > 1:
        spans += f' rowspan="{item.rowspan}"'
    if item.colspan > 1:
        spans += f' colspan="{item.colspan}"'
    text = escape(item_text(report, item.role, item.text, item.cell_id))
    if item.role is ItemRole.VALUE:
        return f"<td{spans}>{text}</td>"
    return f'<th scope="{_scope(item)}"{spans}>{text}</th>'


def table_html(report: Report, table: Table) -> str:
    """The official table: its header rows in thead, the rest in tbody, each rectangle once."""
    rows: list[list[GridItem]] = [[] for _ in range(table.rows)]
    for item in table.grid:
        rows[item.row].append(item)
    lines = ["<table>"]
    for index, row in enumerate(rows):
        if index == 0 and table.header_rows:
            lines.append("<thead>")
        if index == table.header_rows:
            if table.header_rows:
                lines.append("</thead>")
            lines.append("<tbody>")
        cells = "".join(_cell(report, item) for item in sorted(row, key=lambda i: i.col))
        lines.append(f"<tr>{cells}</tr>")
    lines.append("</tbody>")
    lines.append("</table>")
    return "\n".join(lines)


def _paragraph(text: str) -> str:
    """A body paragraph; bold marks (app.exporters.markup) become <strong>."""
    inner = "".join(f'<strong class="{BOLD_CLASS}">{escape(r.text)}</strong>' if r.bold else escape(r.text)
                    for r in runs(text))
    return f"<p>{inner}</p>"


def body_html(report: Report, draft: bool) -> str:
    """The report's content as markup, in print order: what a content system's editor receives."""
    lines: list[str] = []
    if draft:
        lines.append(f'<p class="draft">{content_draft_notice()}</p>')
    open_section = False
    for block in content.report_content(report):
        if block.kind == content.TITLE:
            lines.append(f"<h1>{escape(block.text)}</h1>")
        elif block.kind == content.HEADING:
            if open_section:
                lines.append("</section>")
            lines.append(f'<section id="{block.section}">')
            open_section = True
            lines.append(f"<h2>{escape(block.text)}</h2>")
        elif block.kind == content.SUBHEADING:
            lines.append(f"<h3>{escape(block.text)}</h3>")
        elif block.kind == content.PARAGRAPH:
            lines.append(_paragraph(block.text))
        elif block.kind == content.SIGNATURE:
            if open_section:
                lines.append("</section>")
                open_section = False
            lines.append(f'<p class="signature">{escape(block.text)}</p>')
        elif block.table is not None:
            lines.append(table_html(report, block.table))
    if open_section:
        lines.append("</section>")
    return "\n".join(lines)


def content_draft_notice() -> str:
    """The visible notice of a page exported while errors remain."""
    return "【草稿】本报告还有未改正的错误，请勿发布。"


def page_html(report: Report, draft: bool) -> str:
    """The whole page: UTF-8, Chinese, the stylesheet embedded, nothing fetched from anywhere."""
    title = report.title + ("（草稿）" if draft else "")
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f'<meta name="generator" content="nianbao {escape(__version__)}">',
        f"<style>\n{STYLESHEET}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        body_html(report, draft),
        "</main>",
        "</body>",
        "</html>",
        "",
    ])


def plain_text(report: Report) -> str:
    """The same content as plain text (the clipboard's alternative): paragraphs, tables by tabs."""
    lines: list[str] = []
    for block in content.report_content(report):
        if block.table is None:
            lines.append(plain(block.text))
            continue
        table = block.table
        grid = [["" for _ in range(table.cols)] for _ in range(table.rows)]
        for item in table.grid:
            grid[item.row][item.col] = item_text(report, item.role, item.text, item.cell_id)
        lines.extend("\t".join(row).rstrip("\t") for row in grid)
    return "\n".join(lines) + "\n"


def export_html(report: Report) -> WebExported:
    """The report as a web page; a report with errors says 草稿 at its top."""
    draft = is_draft(report)
    return WebExported(page_html(report, draft), draft)


def write_html(report: Report, path: str | Path) -> WebExported:
    """Export and write the page in one step, so a failed export never leaves half a file."""
    exported = export_html(report)
    atomic_write(Path(path), exported.text.encode("utf-8"), keep_backup=False)
    return exported
