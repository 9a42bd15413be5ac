"""Saved web pages (.html/.htm): the page as a small tree, then prose and data tables in order.

Pages are saved whole, with the site's navigation around the report; the outline later keeps
only what sits in the element that holds the report's headings. Tables that hold other tables
are page layout, not data, and are read as containers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from app.importers import ImportResult, read_bytes
from app.importers.decode import declared_charset, decode
from app.importers.flow import Flow, Paragraph, Row, clean, clean_cell

_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_SKIP = frozenset("script style head noscript template iframe object svg select button textarea".split())
_INLINE = frozenset("a abbr b bdi bdo big cite code data dfn em font i kbd mark q s samp small span strike "
                    "strong sub sup time tt u var label nobr o:p st1:chsdate".split())
_MAX_DEPTH = 400
_BOLD_CLASS = "nb-bold"  # nianbao's own mark for **bold** (app.exporters.html)


@dataclass
class Node:
    """An element of the page: tag, attributes, children (elements or text) and a number."""

    tag: str
    attrs: dict[str, str]
    number: int
    children: list[Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving tree builder: closes cells, rows and paragraphs the page forgot to close."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, 0)
        self.stack: list[Node] = [self.root]
        self.count = 0
        self.title = ""
        self._in_title = False

    def _close_until(self, tags: set[str], stop: set[str]) -> None:
        """Pop open elements named ``tags`` down to the nearest one of ``stop``."""
        for index in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[index].tag
            if tag in stop:
                return
            if tag in tags:
                del self.stack[index:]
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("td", "th"):
            self._close_until({"td", "th"}, {"tr", "table"})
        elif tag == "tr":
            self._close_until({"tr"}, {"table"})
        elif tag in ("p", "li"):
            self._close_until({tag}, {"td", "th", "table", "div", "ul", "ol"})
        if tag == "title":
            self._in_title = True
        self.count += 1
        node = Node(tag, {k: v or "" for k, v in attrs}, self.count)
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.count += 1
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, self.count))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        self.stack[-1].children.append(data)


def _has_table(node: Node) -> bool:
    """Whether a table holds another table (then it is page layout)."""
    for child in node.children:
        if isinstance(child, Node) and (child.tag == "table" or _has_table(child)):
            return True
    return False


def _text(node: Node, parts: list[str]) -> None:
    """All the text under a node, a line break for each block or <br>."""
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag in _SKIP:
            continue
        elif child.tag == "br":
            parts.append("\n")
        else:
            block = child.tag not in _INLINE
            if block:
                parts.append("\n")
            _text(child, parts)
            if block:
                parts.append("\n")


def _rows(table: Node) -> list[Node]:
    """The rows of a table (through tbody/thead/tfoot), not those of tables inside it."""
    found: list[Node] = []
    for child in table.children:
        if isinstance(child, Node):
            if child.tag == "tr":
                found.append(child)
            elif child.tag != "table":
                found.extend(_rows(child))
    return found


class _Walker:
    """Walks the tree in reading order, turning blocks into paragraphs and data tables into rows."""

    def __init__(self) -> None:
        self.flow = Flow()
        self.buffer: list[str] = []
        self.scope: list[int] = []
        self.tables = 0

    def flush(self) -> None:
        """End the paragraph being collected."""
        text = "".join(self.buffer)
        self.buffer = []
        for line in text.split("\n"):
            line = clean(line)
            if line:
                self.flow.items.append(Paragraph(line, tuple(self.scope)))

    def table(self, node: Node) -> None:
        """A data table: one Row per <tr>, one text per <td>/<th> as it appears."""
        self.tables += 1
        for tr in _rows(node):
            cells = []
            for cell in tr.children:
                if isinstance(cell, Node) and cell.tag in ("td", "th"):
                    parts: list[str] = []
                    _text(cell, parts)
                    cells.append(clean_cell("".join(parts)))
            if cells:
                self.flow.items.append(Row(tuple(cells), self.tables, tuple(self.scope)))

    def walk(self, node: Node) -> None:
        """Visit a node's children."""
        for child in node.children:
            if isinstance(child, str):
                self.buffer.append(child)
                continue
            if child.tag in _SKIP:
                continue
            if child.tag == "br":
                self.buffer.append("\n")
                continue
            if child.tag in _INLINE:
                bold = child.tag == "strong" and child.attrs.get("class") == _BOLD_CLASS
                self.buffer.append("**" if bold else "")
                self.walk(child)
                self.buffer.append("**" if bold else "")
                continue
            self.flush()
            self.scope.append(child.number)
            if child.tag == "table" and not _has_table(child):
                self.table(child)
            else:
                self.walk(child)
                self.flush()
            self.scope.pop()


def flow_of(page: str) -> Flow:
    """The flow of a web page."""
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    walker = _Walker()
    walker.walk(builder.root)
    walker.flush()
    walker.flow.title_hint = clean(builder.title)
    walker.flow.complete = bool(re.search(r"</html\s*>", page[-4096:], re.IGNORECASE))
    return walker.flow


def read(path: Path) -> ImportResult:
    """Import a saved web page (GBK or UTF-8)."""
    from app.importers.mapper import build

    data = read_bytes(path)
    return build(flow_of(decode(data, path.name, declared_charset(data))), path.name)
