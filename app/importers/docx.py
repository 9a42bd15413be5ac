"""Word files (.docx): body paragraphs and tables in document order, merged cells given once."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from app.errors import ImportSourceError
from app.importers import ImportResult, read_bytes
from app.exporters.markup import bold as mark_bold
from app.importers.flow import Flow, Paragraph, Row, clean, clean_cell

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BOLD_STYLE = "nbBold"  # nianbao's own character style for bold (app.exporters.docx)
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_BOX = f"{_W}txbxContent"
_MAX_DEPTH = 40  # text boxes in tables in text boxes…: deeper than this is not a report


def _text(element: Any) -> str:
    """The text of an element: its runs' text, tabs and breaks as spaces and line breaks.

    Text boxes are read as blocks of their own (see ``_blocks``), and the fallback copy Word
    keeps of every text box for old readers is skipped, so nothing is read twice.
    """
    parts: list[str] = []
    stack = [element]
    while stack:
        node = stack.pop()
        tag = node.tag
        if node is not element and tag in (_TEXT_BOX, _MC_FALLBACK):
            continue
        if tag == f"{_W}t":
            bold = node.getparent().find(f"{_W}rPr/{_W}rStyle[@{_W}val='{_BOLD_STYLE}']") is not None
            parts.append(mark_bold(node.text) if bold and node.text else node.text or "")
        elif tag == f"{_W}tab":
            parts.append(" ")
        elif tag in (f"{_W}br", f"{_W}cr", f"{_W}p"):
            parts.append("\n")
        stack.extend(reversed(list(node)))
    return "".join(parts)


def _text_boxes(paragraph: Any) -> list[Any]:
    """The text boxes anchored in a paragraph: their current copies, not the fallbacks, and
    not boxes inside boxes (those are opened when their own box is read)."""
    found = []
    for box in paragraph.iter(_TEXT_BOX):
        node = box.getparent()
        while node is not None and node is not paragraph and node.tag not in (_MC_FALLBACK, _TEXT_BOX):
            node = node.getparent()
        if node is paragraph:
            found.append(box)
    return found


def _is_continued(cell: Any) -> bool:
    """Whether a cell only continues a vertical merge from the row above."""
    props = cell.find(f"{_W}tcPr")
    if props is None:
        return False
    merge = props.find(f"{_W}vMerge")
    return merge is not None and merge.get(f"{_W}val", "continue") == "continue"


def _table_rows(table: Any, number: int) -> list[Row]:
    """The rows of a Word table; cells merged from above are left out."""
    rows = []
    for tr in table.iterchildren(f"{_W}tr"):
        cells = [clean_cell(_text(tc)) for tc in tr.iterchildren(f"{_W}tc") if not _is_continued(tc)]
        if cells:
            rows.append(Row(tuple(cells), number))
    return rows


def _holds_table(table: Any) -> bool:
    """Whether a table's cells hold tables (then it is page layout, read as a container)."""
    return any(True for tc in table.iter(f"{_W}tc") for _ in tc.iterchildren(f"{_W}tbl"))


class _Reader:
    """Body blocks in reading order; text boxes and layout tables opened up as blocks."""

    def __init__(self) -> None:
        self.flow = Flow()
        self.tables = 0

    def paragraph(self, element: Any) -> None:
        for line in _text(element).split("\n"):
            if clean(line):
                self.flow.items.append(Paragraph(clean(line)))

    def blocks(self, parent: Any, depth: int = 0) -> None:
        for child in parent.iterchildren():
            if child.tag == f"{_W}p":
                self.paragraph(child)
                if depth < _MAX_DEPTH:
                    for box in _text_boxes(child):
                        self.blocks(box, depth + 1)
            elif child.tag == f"{_W}tbl":
                if _holds_table(child) and depth < _MAX_DEPTH:
                    for tc in child.iter(f"{_W}tc"):
                        if tc.getparent().getparent() is child:  # this table's own cells
                            self.blocks(tc, depth + 1)
                else:
                    self.tables += 1
                    self.flow.items.extend(_table_rows(child, self.tables))
            elif child.tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None and depth < _MAX_DEPTH:
                    self.blocks(content, depth + 1)


def flow_of(document: Any) -> Flow:
    """The flow of a python-docx Document: paragraphs and tables of the body, in order."""
    reader = _Reader()
    reader.blocks(document.element.body)
    flow = reader.flow
    try:
        flow.title_hint = clean(document.core_properties.title or "")
    except (ValueError, KeyError):
        flow.title_hint = ""
    return flow


def read(path: Path) -> ImportResult:
    """Import a Word report or the filled-in official template."""
    return read_named(path, path.name)


def read_named(path: Path, name: str) -> ImportResult:
    """Import a Word file, naming it ``name`` in messages (a .doc converted to a temporary .docx)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from app.importers.mapper import build

    data = read_bytes(path)
    if not data:
        raise ImportSourceError(f"“{name}”是空文件，无法导入。")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError, EOFError,
            zipfile.LargeZipFile, NotImplementedError) as error:
        raise ImportSourceError(f"“{name}”不是有效的 Word 文件（.docx），可能已损坏，无法导入。") from error
    except Exception as error:  # noqa: BLE001 - a broken package can fail anywhere inside the library
        raise ImportSourceError(f"“{name}”无法作为 Word 文件打开，可能已损坏，无法导入。") from error
    if not any(True for _ in document.element.body.iterchildren()):
        raise ImportSourceError(f"“{name}”是空的 Word 文件，无法导入。")
    return build(flow_of(document), name)
