"""Fuzzing every importer: arbitrary bytes and mangled copies of the sample either give a draft
or the clear message; nothing crashes and nothing hangs (each example has a deadline)."""

from __future__ import annotations

import io
import tempfile
from datetime import timedelta
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import ImportSourceError
from app.importers import read_source
from app.store import load, save
from tests.conftest import SHARED

SAMPLE = (SHARED / "samples" / "huiji-2022.txt").read_text(encoding="utf-8")
PDF = (SHARED / "realworld" / "hongze-2024.pdf").read_bytes()
SUFFIXES = [".txt", ".html", ".htm", ".docx", ".pdf", ".json"]
FUZZ = settings(max_examples=60, deadline=timedelta(seconds=20), suppress_health_check=[HealthCheck.too_slow],
                derandomize=True)


def _attempt(content: bytes, suffix: str) -> None:
    """Import the content; a result must save and load as a draft, a failure must say why in Chinese."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"source{suffix}"
        path.write_bytes(content)
        try:
            result = read_source(path)
        except ImportSourceError as error:
            message = str(error)
            assert message and any("\u4e00" <= ch <= "\u9fff" for ch in message) and "\n" not in message
            return
        draft = Path(folder) / "draft.nianbao"
        save(result.report, draft)
        assert load(draft).cells == result.report.cells
        assert all(result.report.cells.get(u.cell_id) is None for u in result.uncertain if u.cell_id in
                   result.report.cells)


@st.composite
def mangled_sample(draw: st.DrawFn) -> str:
    """The sample with lines dropped, repeated, cut, swapped, re-tabbed or salted with noise."""
    lines = SAMPLE.splitlines()
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "cut", "swap", "tabs", "noise", "digits"]))
        line = lines[index]
        if action == "drop":
            del lines[index]
        elif action == "repeat":
            lines.insert(index, line)
        elif action == "cut":
            lines[index] = line[: draw(st.integers(0, len(line)))]
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], line
        elif action == "tabs":
            lines[index] = line.replace("\t", draw(st.sampled_from(["", "\t\t", " ", "\t0\t"])))
        elif action == "noise":
            lines[index] = line + draw(st.text(max_size=30))
        else:
            lines[index] = line.replace("0", draw(st.sampled_from(["1", "", "０", "-", "1,000", "0.5"])))
    return "\n".join(lines)


def _as_html(text: str) -> bytes:
    """The text as a web page: tab lines as table rows, other lines as paragraphs."""
    out = ["<html><head><meta charset='utf-8'></head><body>"]
    in_table = False
    for line in text.splitlines():
        if "\t" in line:
            out.append("" if in_table else "<table>")
            out.append("<tr>" + "".join(f"<td>{c}</td>" for c in line.split("\t")) + "</tr>")
            in_table = True
        else:
            out.append("</table>" if in_table else "")
            out.append(f"<p>{line}</p>")
            in_table = False
    out.append("</body></html>")
    return "".join(out).encode("utf-8")


def _as_docx(text: str) -> bytes:
    """The text as a Word file: tab lines as table rows, other lines as paragraphs."""
    document = docx.Document()
    block: list[list[str]] = []

    def table() -> None:
        if block:
            width = max(len(r) for r in block)
            grid = document.add_table(rows=len(block), cols=width)
            for r, cells in enumerate(block):
                for c, cell in enumerate(cells):
                    grid.cell(r, c).text = cell
            block.clear()

    for line in text.splitlines():
        if "\t" in line:
            block.append(line.split("\t")[:40])
        else:
            table()
            document.add_paragraph("".join(ch for ch in line if ch.isprintable()))
    table()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@FUZZ
@given(content=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes(content: bytes, suffix: str) -> None:
    _attempt(content, suffix)


@FUZZ
@given(text=mangled_sample(), suffix=st.sampled_from(SUFFIXES))
def test_mangled_sample_as_any_kind(text: str, suffix: str) -> None:
    _attempt(text.encode("utf-8"), suffix)


@FUZZ
@given(text=mangled_sample())
def test_mangled_sample_as_text_and_web_page(text: str) -> None:
    _attempt(text.encode("utf-8"), ".txt")
    _attempt(text.encode("gbk", errors="replace"), ".txt")
    _attempt(_as_html(text), ".html")


@settings(FUZZ, max_examples=25)
@given(text=mangled_sample())
def test_mangled_sample_as_word_file(text: str) -> None:
    _attempt(_as_docx(text), ".docx")


@settings(FUZZ, max_examples=12)
@given(cuts=st.lists(st.tuples(st.integers(0, len(PDF) - 1), st.binary(min_size=1, max_size=64)), min_size=1,
                     max_size=4))
def test_damaged_pdf(cuts: list[tuple[int, bytes]]) -> None:
    data = bytearray(PDF)
    for offset, noise in cuts:
        data[offset:offset + len(noise)] = noise
    _attempt(bytes(data), ".pdf")
