"""PDFs with a text layer (.pdf, as WPS or Word publish them): ruled tables and wrapped prose.

pdfplumber finds the ruled tables; rows with two or more cells are table rows, everything
else (boxed prose, block headings) is read as text lines, which are joined back into
paragraphs by their indentation and where the previous line stopped.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import ImportSourceError
from app.importers import ImportResult, read_bytes
from app.importers.flow import Flow, Paragraph, Row, clean, clean_cell

MAX_PAGES = 200
_PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,3}[-—–\s]*$|^第\s*\d+\s*页")
_STARTS_BLOCK = re.compile(r"^(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,3}[）)])")


@dataclass(frozen=True)
class _Line:
    """A line of text on a page with where it starts and stops."""

    text: str
    top: float
    x0: float
    x1: float
    size: float


def _title_hint(metadata: dict[str, Any]) -> str:
    """The document title from the metadata, repairing UTF-16 that arrives as Latin-1."""
    title = metadata.get("Title") or ""
    if isinstance(title, bytes):
        raw = title
    elif title.startswith("ÿþ") or title.startswith("þÿ"):
        try:
            raw = title.encode("latin-1")
        except UnicodeEncodeError:
            return ""
    else:
        return clean(str(title))
    try:
        return clean(raw.decode("utf-16"))
    except UnicodeDecodeError:
        return ""


def _page_items(page: Any, tables: int) -> tuple[list[tuple[float, _Line | Row]], int]:
    """A page's table rows and text lines, each with its top position."""
    placed: list[tuple[float, _Line | Row]] = []
    boxes: list[tuple[float, float, float, float]] = []
    for table in page.find_tables():
        texts = table.extract()
        started = False
        for row, row_texts in zip(table.rows, texts):
            cells = [clean_cell(text or "") for box, text in zip(row.cells, row_texts) if box is not None]
            if len(cells) < 2:
                continue
            if not started:
                tables += 1
                started = True
            placed.append((row.bbox[1], Row(tuple(cells), tables)))
            boxes.append(row.bbox)
    for line in page.extract_text_lines(layout=False, strip=True, return_chars=True):
        middle = (line["top"] + line["bottom"]) / 2
        center = (line["x0"] + line["x1"]) / 2
        if any(b[1] <= middle <= b[3] and b[0] <= center <= b[2] for b in boxes):
            continue
        size = line["chars"][0]["size"] if line.get("chars") else 12.0
        placed.append((line["top"], _Line(line["text"], line["top"], line["x0"], line["x1"], size)))
    placed.sort(key=lambda item: item[0])
    return placed, tables


def _paragraphs(lines: list[_Line], left: float, right: float) -> list[str]:
    """Wrapped lines joined back into paragraphs."""
    paragraphs: list[str] = []
    current = ""
    previous: _Line | None = None
    for line in lines:
        text = clean(line.text)
        if not text or _PAGE_NUMBER.match(text):
            continue
        indented = line.x0 > left + line.size * 0.8
        ended = previous is None or previous.x1 < right - line.size * 1.5
        if current and not indented and not ended and not _STARTS_BLOCK.match(text):
            words = current[-1:].isascii() and current[-1:].isalnum() and text[:1].isascii() and text[:1].isalnum()
            current = f"{current} {text}" if words else current + text
        else:
            if current:
                paragraphs.append(current)
            current = text
        previous = line
    if current:
        paragraphs.append(current)
    return paragraphs


def flow_of(pdf: Any, name: str) -> Flow:
    """The flow of an open pdfplumber document."""
    flow = Flow(title_hint=_title_hint(pdf.metadata or {}))
    tables = 0
    pending: list[_Line] = []
    left, right = 1e9, 0.0
    chars = 0

    def flush() -> None:
        for text in _paragraphs(pending, left, right):
            flow.items.append(Paragraph(text))
        pending.clear()

    from app.progress import report

    pages = len(pdf.pages)
    for number, page in enumerate(pdf.pages, 1):
        report(number - 1, pages, f"正在读取 PDF 的第 {number} 页，共 {pages} 页")
        placed, tables = _page_items(page, tables)
        page_lines = [item for _, item in placed if isinstance(item, _Line)]
        if page_lines:
            left = min(left, min(line.x0 for line in page_lines))
            right = max(right, max(line.x1 for line in page_lines))
        for _, item in placed:
            if isinstance(item, Row):
                flush()
                flow.items.append(item)
            else:
                chars += len(item.text)
                pending.append(item)
    flush()
    report(pages, pages, f"已读取 PDF 的 {pages} 页")
    if chars == 0 and not any(isinstance(i, Row) for i in flow.items):
        raise ImportSourceError(f"“{name}”没有文字层（可能是扫描件），无法导入；本程序不做文字识别。")
    return flow


def read(path: Path) -> ImportResult:
    """Import a published PDF."""
    import pdfplumber

    from app.importers.limits import bounded_pdf_streams
    from app.importers.mapper import build

    data = read_bytes(path)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ImportSourceError(f"“{path.name}”不是 PDF 文件，无法导入。")
    from app.progress import report

    report(0, 0, "正在分析 PDF 的结构")
    try:
        with bounded_pdf_streams(path.name), pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ImportSourceError(f"“{path.name}”有 {len(pdf.pages)} 页，不像一份年度报告，无法导入。")
            flow = flow_of(pdf, path.name)
    except ImportSourceError:
        raise
    except Exception as error:  # noqa: BLE001 - pdfminer raises many kinds of error on a broken file
        refused = next((a for a in error.args if isinstance(a, ImportSourceError)), None)
        if refused is not None:  # a bound of bounded_pdf_streams, wrapped by pdfplumber (PdfminerException)
            raise refused from None
        raise ImportSourceError(f"“{path.name}”无法作为 PDF 读取（文件可能已损坏或被加密），无法导入。") from error
    return build(flow, path.name)
