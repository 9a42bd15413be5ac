"""Word files (.docx): body paragraphs and tables in document order, merged cells given once."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from app.errors import ImportSourceError
from app.importers import ImportResult, read_bytes
from app.importers.flow import Flow, Paragraph, Row, clean, clean_cell

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BOLD_STYLE = "nbBold"  # nianbao's own character style for **bold** (app.exporters.docx)


def _text(element: Any) -> str:
    """The text of an element: its runs' text, tabs and breaks as spaces and line breaks."""
    parts: list[str] = []
    for node in element.iter():
        if node.tag == f"{_W}t":
            bold = node.getparent().find(f"{_W}rPr/{_W}rStyle[@{_W}val='{_BOLD_STYLE}']") is not None
            parts.append(f"**{node.text}**" if bold and node.text else node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif node.tag == f"{_W}p":
            parts.append("\n")
    return "".join(parts)


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


def flow_of(document: Any) -> Flow:
    """The flow of a python-docx Document: paragraphs and tables of the body, in order."""
    flow = Flow()
    tables = 0
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            for line in _text(child).split("\n"):
                if clean(line):
                    flow.items.append(Paragraph(clean(line)))
        elif child.tag == f"{_W}tbl":
            tables += 1
            flow.items.extend(_table_rows(child, tables))
        elif child.tag == f"{_W}sdt":
            for line in _text(child).split("\n"):
                if clean(line):
                    flow.items.append(Paragraph(clean(line)))
    try:
        flow.title_hint = clean(document.core_properties.title or "")
    except (ValueError, KeyError):
        flow.title_hint = ""
    return flow


def read(path: Path) -> ImportResult:
    """Import a Word report or the filled-in official template."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from app.importers.mapper import build

    data = read_bytes(path)
    if not data:
        raise ImportSourceError(f"“{path.name}”是空文件，无法导入。")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError, EOFError,
            zipfile.LargeZipFile, NotImplementedError) as error:
        raise ImportSourceError(f"“{path.name}”不是有效的 Word 文件（.docx），可能已损坏，无法导入。") from error
    except Exception as error:  # noqa: BLE001 - a broken package can fail anywhere inside the library
        raise ImportSourceError(f"“{path.name}”无法作为 Word 文件打开，可能已损坏，无法导入。") from error
    if not any(True for _ in document.element.body.iterchildren()):
        raise ImportSourceError(f"“{path.name}”是空的 Word 文件，无法导入。")
    return build(flow_of(document), path.name)
