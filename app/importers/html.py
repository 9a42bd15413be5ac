"""Saved web pages (.html/.htm): the page parsed as browsers do, then prose and data tables in order.

The page is parsed by lxml's HTML parser (libxml2), which closes cells, rows and paragraphs
a page forgot to close, moves a table out of the paragraph it was typed into, and lower-cases
the upper-case tags of older content systems. It was compared with html5lib (the reference
HTML5 algorithm) on the damage patterns of published pages and gives the same cells, about
twenty times faster (docs/import.md).

Pages are saved whole, with the site's navigation around the report; the outline later keeps
only what sits in the element that holds the report's headings. Tables that hold other tables
are page layout, not data, and are read as containers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.errors import ImportSourceError
from app.importers import ImportResult, read_bytes
from app.importers.decode import declared_charset, decode
from app.exporters.markup import BOLD_END, BOLD_START
from app.importers.flow import Flow, Paragraph, Row, clean, clean_cell

_SKIP = frozenset("script style head noscript template iframe object svg select button textarea title".split())
_INLINE = frozenset("a abbr b bdi bdo big cite code data dfn em font i kbd mark q s samp small span strike "
                    "strong sub sup time tt u var label nobr o:p st1:chsdate ins del wbr img".split())
_MAX_DEPTH = 400  # deeper nesting is not a report; what lies below is read as text
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_BOLD_CLASS = "nb-bold"  # nianbao's own mark for bold (app.exporters.html)


def _tag(element: Any) -> str:
    """An element's tag in lower case, without a namespace; '' for comments and the like."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _hidden(element: Any) -> bool:
    """Whether the page hides an element (a print copy, or characters some sites slip into
    text to spoil copying): a browser shows none of it, so neither is it read."""
    return element.get("hidden") is not None or bool(_HIDDEN.search(element.get("style") or ""))


def _has_table(element: Any) -> bool:
    """Whether a table holds another table (then it is page layout)."""
    return any(_tag(child) == "table" for child in element.iterdescendants())


def _text(element: Any, parts: list[str], depth: int = 0) -> None:
    """All the text under an element, a line break around each block and for each <br>."""
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = _tag(child)
        if tag in _SKIP or not tag or _hidden(child):
            pass
        elif tag == "br":
            parts.append("\n")
        elif depth > _MAX_DEPTH:
            parts.append("".join(child.itertext()))
        else:
            block = tag not in _INLINE
            if block:
                parts.append("\n")
            _text(child, parts, depth + 1)
            if block:
                parts.append("\n")
        if child.tail:
            parts.append(child.tail)


def _rows(table: Any) -> list[Any]:
    """The rows of a table (through tbody/thead/tfoot), not those of tables inside it."""
    found: list[Any] = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            found.append(child)
        elif tag in ("tbody", "thead", "tfoot"):
            found.extend(_rows(child))
    return found


class _Walker:
    """Walks the tree in reading order, turning blocks into paragraphs and data tables into rows."""

    def __init__(self) -> None:
        self.flow = Flow()
        self.buffer: list[str] = []
        self.scope: list[int] = []
        self.tables = 0
        self.count = 0

    def flush(self) -> None:
        """End the paragraph being collected."""
        text = "".join(self.buffer)
        self.buffer = []
        for line in text.split("\n"):
            line = clean(line)
            if line:
                self.flow.items.append(Paragraph(line, tuple(self.scope)))

    def table(self, element: Any) -> None:
        """A data table: one Row per <tr>, one text per <td>/<th> as it appears."""
        self.tables += 1
        for tr in _rows(element):
            cells = []
            for cell in tr:
                if _tag(cell) in ("td", "th"):
                    parts: list[str] = []
                    _text(cell, parts)
                    cells.append(clean_cell("".join(parts)))
            if cells:
                self.flow.items.append(Row(tuple(cells), self.tables, tuple(self.scope)))

    def walk(self, element: Any) -> None:
        """Visit an element's children (its own text first, each child's tail after it)."""
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            tag = _tag(child)
            if tag and _hidden(child):
                pass
            elif tag == "br":
                self.buffer.append("\n")
            elif tag in _INLINE:
                bold = tag == "strong" and child.get("class") == _BOLD_CLASS
                self.buffer.append(BOLD_START if bold else "")
                self.walk(child)
                self.buffer.append(BOLD_END if bold else "")
            elif tag and tag not in _SKIP:
                self.flush()
                self.count += 1
                self.scope.append(self.count)
                if tag == "table" and not _has_table(child):
                    self.table(child)
                elif len(self.scope) > _MAX_DEPTH:
                    self.buffer.append("".join(child.itertext()))
                else:
                    self.walk(child)
                self.flush()
                self.scope.pop()
            if child.tail:
                self.buffer.append(child.tail)


def _parse(page: str) -> Any:
    """The page's root element, or None when there is nothing to parse."""
    from lxml import etree

    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, encoding="utf-8", huge_tree=False)
    data = _XML_DECLARATION.sub("", page).encode("utf-8", "replace")
    if not data.strip():
        return None
    try:
        return etree.fromstring(data, parser)
    except (etree.ParserError, ValueError):
        return None


def flow_of(page: str) -> Flow:
    """The flow of a web page."""
    root = _parse(page)
    walker = _Walker()
    if root is not None:
        body = root.find("body")
        walker.walk(body if body is not None else root)
        walker.flush()
        title = root.find("head/title")
        walker.flow.title_hint = clean("".join(title.itertext())) if title is not None else ""
    walker.flow.complete = bool(re.search(r"</html\s*>", page[-4096:], re.IGNORECASE))
    return walker.flow


def read(path: Path) -> ImportResult:
    """Import a saved web page (GBK or UTF-8)."""
    from app.importers.mapper import build

    data = read_bytes(path)
    if not data.strip():
        raise ImportSourceError(f"“{path.name}”是空文件，无法导入。")
    return build(flow_of(decode(data, path.name, declared_charset(data))), path.name)
