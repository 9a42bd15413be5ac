"""Bringing reports in: each source kind has a module; all give an ``ImportResult``."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import ImportSourceError
from app.report import Report

MAX_SOURCE_BYTES = 50 * 1024 * 1024


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


def read_bytes(path: Path) -> bytes:
    """A source's bytes, refusing what is too big to be a report; ImportSourceError otherwise."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
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
    return importer(path)
