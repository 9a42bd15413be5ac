"""Bringing reports in: each source kind has a module; all give an ``ImportResult``."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from app.errors import ImportSourceError
from app.report import Report

MAX_SOURCE_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 200_000  # all narratives together; the longest real report in ../shared has ~5,000


@dataclass(frozen=True)
class Uncertain:
    """A cell (or part) the importer could not read with certainty, and why."""

    cell_id: str | None
    reason: str


@dataclass
class ImportResult:
    """A report read from a source, with everything that could not be read for sure."""

    report: Report
    uncertain: list[Uncertain] = field(default_factory=list)
    sections_found: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # cell id → words printed beside its figure
    remarks: list[str] = field(default_factory=list)  # what the import left out or changed, and why
    notices: list[str] = field(default_factory=list)  # what was repaired on entry (invisible characters
    # stripped): shown, but no cell is in doubt because of it


Importer = Callable[[Path], ImportResult]


_MODULES = {".json": "canonical_json", ".txt": "text", ".html": "html", ".htm": "html",
            ".docx": "docx", ".pdf": "pdf", ".xlsx": "xlsx", ".doc": "legacy", ".wps": "legacy"}
SOURCE_SUFFIXES: tuple[str, ...] = tuple(_MODULES)  # what 导入已发布的报告 offers, from the one list


def _importer(suffix: str) -> Importer | None:
    """The importer for a file suffix, imported only when used so a plain check stays quick."""
    module = _MODULES.get(suffix)
    if module is None:
        return None
    reader: Importer = importlib.import_module(f"app.importers.{module}").read
    return reader


_CHUNK = 1024 * 1024


def _read_reporting(handle: BinaryIO, name: str) -> bytes:
    """Up to one byte over the limit, a megabyte at a time, telling app.progress how far it is."""
    from app.progress import report

    try:
        size = os.fstat(handle.fileno()).st_size
    except OSError:
        size = 0
    total = min(size, MAX_SOURCE_BYTES + 1)
    chunks: list[bytes] = []
    done = 0
    while done <= MAX_SOURCE_BYTES:
        chunk = handle.read(min(_CHUNK, MAX_SOURCE_BYTES + 1 - done))
        if not chunk:
            break
        chunks.append(chunk)
        done += len(chunk)
        if total:
            report(min(done, total), total, f"正在读取“{name}”：{done / 1048576:.1f} MB，共 {total / 1048576:.1f} MB")
    return b"".join(chunks)


def read_bytes(path: Path) -> bytes:
    """A source's bytes, refusing what is too big to be a report; ImportSourceError otherwise."""
    try:
        with path.open("rb") as handle:
            data = _read_reporting(handle, path.name)
    except FileNotFoundError as error:
        raise ImportSourceError(f"找不到文件“{path}”。") from error
    except OSError as error:
        raise ImportSourceError(f"无法读取“{path}”：{error.strerror or error}") from error
    if len(data) > MAX_SOURCE_BYTES:
        raise ImportSourceError(f"“{path.name}”太大（超过 {MAX_SOURCE_BYTES // (1024 * 1024)} MB），不像一份年度报告。")
    return data


def read_source(path: str | Path) -> ImportResult:
    """Import any supported source; ImportSourceError says why one cannot be read."""
    path = Path(path)
    importer = _importer(path.suffix.lower())
    if importer is None:
        kinds = "、".join(sorted(_MODULES))
        raise ImportSourceError(f"不支持导入“{path.name}”这种文件（支持：{kinds}）。")
    try:
        size = path.stat().st_size
    except FileNotFoundError as error:
        raise ImportSourceError(f"找不到文件“{path}”。") from error
    except OSError as error:
        raise ImportSourceError(f"无法读取“{path}”：{error.strerror or error}") from error
    if size > MAX_SOURCE_BYTES:
        raise ImportSourceError(f"“{path.name}”太大（{size // (1024 * 1024)} MB），不像一份年度报告。")
    result = importer(path)
    _check_text_length(result.report, path.name)
    return result


def _check_text_length(report: Report, name: str) -> None:
    """Refuse a report whose narrative texts are far longer than any report's: the window checks
    every text as it opens and as it is edited, about 1 ms per KB (bench/bench_check_big.py), so
    12 million characters in 六 (a 36 MB text) would freeze it for 50 s after the import."""
    lengths = {sid: len(n.text) + sum(len(p.title) + len(p.text) for p in n.parts)
               for sid, n in report.sections.items()}
    if sum(lengths.values()) <= MAX_TEXT_CHARS:
        return
    longest = max(lengths, key=lambda sid: lengths[sid])
    title = report.layout.section(longest).title
    raise ImportSourceError(f"“{name}”的正文共有 {sum(lengths.values()):,} 个字（其中“{title}”{lengths[longest]:,} 个字），"
                            f"远超一份年度报告的篇幅（{MAX_TEXT_CHARS:,} 字以内），无法导入。")
