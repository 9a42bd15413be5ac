"""The sample report (``../shared/samples/huiji-2022.txt``) as canonical JSON, read at test time.

A small reader of that one pasted web page, not an importer: it knows the six headings, the
（一） sub-heads of section 一 and that each table's figures are the last numbers of its lines.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.canonical import from_canonical
from app.exporters.markup import bold, plain
from app.format import SECTIONS, TITLE_SUFFIX, layout
from app.report import Report

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "huiji-2022.txt"
_SUBHEAD = re.compile(r"^（[一二三四五六七八九十]+）")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def _split_sections(lines: list[str]) -> dict[str, list[str]]:
    """The sample's lines under each of the six canonical headings."""
    headings = {f"{s.number}、{s.heading}": s.id for s in SECTIONS}
    found: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.strip() in headings:
            current = headings[line.strip()]
            found[current] = []
        elif current and line.strip():
            found[current].append(line)
    return found


def _figures(lines: list[str], per_line: int | None) -> list[str]:
    """A table's figures in reading order: the trailing numbers of each line (``per_line`` of them)."""
    figures: list[str] = []
    for line in lines:
        tokens = [t.strip() for t in line.split("\t") if t.strip()]
        numbers: list[str] = []
        for token in reversed(tokens):
            if not _NUMBER.match(token):
                break
            numbers.insert(0, token)
        if numbers:
            figures.extend(numbers[-per_line:] if per_line else numbers)
    return figures


def _narrative(lines: list[str]) -> dict[str, Any]:
    """Opening text, then （一）… sub-heads each with the paragraphs under it."""
    text: list[str] = []
    parts: list[dict[str, Any]] = []
    for line in (raw.strip() for raw in lines):
        if _SUBHEAD.match(line) and len(line) < 40:
            parts.append({"title": _SUBHEAD.sub("", line), "text": ""})
        elif parts:
            parts[-1]["text"] = "\n".join(p for p in (parts[-1]["text"], line) if p)
        else:
            text.append(line)
    return {"text": "\n".join(text), "parts": parts}


def _marked(body: dict[str, Any]) -> dict[str, Any]:
    """The sample's ``**一是**`` (the published report's bold) as the bold markup an import writes."""
    def mark(text: str) -> str:
        return re.sub(r"\*\*(.+?)\*\*", lambda m: bold(m.group(1)), text)

    return {"text": mark(body["text"]), "parts": [{**part, "text": mark(part["text"])} for part in body["parts"]]}


def huiji_canonical(path: Path = SAMPLE) -> dict[str, Any]:
    """The sample report as the canonical JSON ``nianbao show --json`` would print (bold as an import marks it)."""
    raw = path.read_text(encoding="utf-8").splitlines()
    title = next(line.strip() for line in raw if line.strip())
    match = re.fullmatch(rf"(.+?)(\d{{4}})年{TITLE_SUFFIX}", title)
    assert match, title
    sections = _split_sections(raw)
    tables = {t.id: t for t in layout("2021").tables}
    cells: dict[str, Any] = {}
    for section_id, table_id, per_line in (("s2", "t2", None), ("s3", "t3", 7), ("s4", "t4", 15)):
        figures = _figures(sections[section_id], per_line)
        table = tables[table_id]
        assert len(figures) == len(table.cells), (table_id, len(figures))
        for cell, figure in zip(table.cells, figures):
            cells[cell.id] = figure if cell.kind.value == "amount" else int(figure)
    return {
        "format": "2021",
        "meta": {"organ": match.group(1), "kind": "部门", "year": int(match.group(2)), "published": "",
                 "contact": ""},
        "totals": "published",
        "sections": {sid: _marked(_narrative(sections.get(sid, []))) if sid in ("s1", "s5", "s6")
                     else {"text": "", "parts": []} for sid in (s.id for s in SECTIONS)},
        "cells": cells,
    }


def huiji_report(path: Path = SAMPLE) -> Report:
    """The sample report as a draft."""
    return from_canonical(huiji_canonical(path))


def sample_paragraphs(path: Path = SAMPLE) -> list[str]:
    """Every narrative paragraph of the sample as printed (bold markers removed)."""
    data = huiji_canonical(path)
    texts: list[str] = []
    for body in data["sections"].values():
        texts.extend(body["text"].splitlines())
        for part in body["parts"]:
            texts.extend(part["text"].splitlines())
    return [plain(t) for t in texts if t.strip()]
