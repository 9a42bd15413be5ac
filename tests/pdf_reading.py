"""Reading an exported PDF back the way a checker would: fonts, text, tables, drawn characters."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdftypes import resolve1

from app.exporters import styles

_IGNORED = ("Cc", "Cf", "Zl", "Zp")


def tool(name: str) -> str:
    """A poppler tool's path; the test fails (not skips) when tools/install-system-deps was not run."""
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: run `sh tools/install-system-deps` (Debian package poppler-utils)")
    return found


def pdffonts(path: Path) -> list[dict[str, str]]:
    """The rows of ``pdffonts``: name, type, and whether the font is embedded."""
    out = subprocess.run([tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name, type (one or two words), encoding, emb, sub, uni, object, id
        rows.append({"name": parts[0], "emb": parts[-5], "line": line})
    return rows


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    """The text of a PDF (or a page range) as poppler reads it."""
    args = [tool("pdftotext"), "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    """Text without white space and invisible characters, for comparing what was typed with what printed."""
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in _IGNORED)


def body_chars(data: bytes) -> str:
    """Every character drawn inside the text block, in drawing order, pages in order.

    Page numbers (below the block) and the draft mark (huge type) are left out, so a paragraph
    running on to the next page reads as one.
    """
    bottom = styles.MARGIN_TOP + styles.BLOCK_HEIGHT
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join(c["text"] for page in pdf.pages for c in page.chars
                       if c["top"] < bottom and c["size"] < 60)


def tables(data: bytes) -> list[tuple[int, list[list[str | None]]]]:
    """Every ruled table of the PDF as (page number, rows of cell texts); None marks a merged-away cell."""
    found = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            page = page.filter(lambda obj: obj.get("object_type") != "char" or obj["size"] < 60)  # not the 草稿 mark
            for table in page.find_tables():
                rows = [[None if cell is None else re.sub(r"\s+", "", cell) for cell in row]
                        for row in table.extract()]
                found.append((number, rows))
    return found


def render_modes(data: bytes) -> list[bytes]:
    """The text render modes set on each page (``2 Tr`` is the stroked bold of ``**markers**``)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        modes = []
        for page in pdf.pages:
            streams = page.page_obj.contents
            content = b"".join(resolve1(s).get_data() for s in streams)
            modes.append(b" ".join(re.findall(rb"\d Tr", content)))
        return modes


def large_text(data: bytes) -> list[str]:
    """Per page, the characters set in huge type (the draft mark), in drawing order."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return ["".join(c["text"] for c in page.chars if c["size"] >= 60) for page in pdf.pages]
