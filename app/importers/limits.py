"""Bounds on what a source may inflate to: zip members (a .docx) and PDF streams, checked before parsing.

A 1 MB file can decompress to gigabytes. These checks stream through the compressed data
with a fixed buffer, counting what it inflates to, and refuse before memory grows; the
worker process's memory limit (app.worker) is the second line for anything they miss.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from app.errors import ImportSourceError

MB = 1024 * 1024
MAX_ZIP_MEMBER = 100 * MB  # one part of a Word file (an embedded picture at most)
MAX_ZIP_XML_MEMBER = 20 * MB  # one XML part (a report's document.xml is 1–3 MB)
MAX_ZIP_TOTAL = 200 * MB  # all parts together
MAX_PDF_STREAM = 64 * MB  # one decoded PDF stream (a page's content, an image)
MAX_PDF_TOTAL = 256 * MB  # all decoded streams together
_CHUNK = 1 * MB
_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")


def _too_big(name: str, limit: int) -> ImportSourceError:
    """The existing size sentence, for what a file holds once unpacked."""
    return ImportSourceError(f"“{name}”解压后太大（超过 {limit // MB} MB），不像一份年度报告，无法导入。")


def check_zip(data: bytes, name: str) -> None:
    """Refuse a zip whose members declare, or actually inflate to, more than the limits.

    A file that is not a readable zip passes: the importer says what is wrong with it.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return
    with archive:
        members = archive.infolist()
        declared = 0
        for info in members:
            limit = MAX_ZIP_XML_MEMBER if info.filename.lower().endswith((".xml", ".rels")) else MAX_ZIP_MEMBER
            declared += info.file_size
            if info.file_size > limit:
                raise _too_big(name, limit)
            if declared > MAX_ZIP_TOTAL:
                raise _too_big(name, MAX_ZIP_TOTAL)
        read = 0
        for info in members:
            limit = MAX_ZIP_XML_MEMBER if info.filename.lower().endswith((".xml", ".rels")) else MAX_ZIP_MEMBER
            got = 0
            try:
                with archive.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        got += len(chunk)
                        read += len(chunk)
                        if got > limit or got > info.file_size:
                            raise _too_big(name, limit)
                        if read > MAX_ZIP_TOTAL:
                            raise _too_big(name, MAX_ZIP_TOTAL)
            except ImportSourceError:
                raise
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError,
                    zlib.error):
                continue  # a damaged member: the importer reports the file as damaged


def _inflated_size(data: bytes, start: int, limit: int) -> int:
    """How many bytes the zlib stream at ``start`` inflates to, counting no further than just past ``limit``."""
    inflater = zlib.decompressobj()
    total = 0
    position = start
    try:
        while position < len(data):
            pending = data[position:position + 64 * 1024]
            position += len(pending)
            while pending:
                out = inflater.decompress(pending, _CHUNK)
                total += len(out)
                if total > limit or inflater.eof:
                    return total
                if not out and inflater.unconsumed_tail == pending:
                    return total  # no progress: not flate data after all
                pending = inflater.unconsumed_tail
    except zlib.error:
        return total  # not (or no longer) flate data: what it gave so far
    return total


def check_pdf(data: bytes, name: str) -> None:
    """Refuse a PDF whose flate streams decode to more than the limits, before any PDF library reads it."""
    total = 0
    for match in _STREAM_START.finditer(data):
        size = _inflated_size(data, match.end(), MAX_PDF_STREAM)
        if size > MAX_PDF_STREAM:
            raise _too_big(name, MAX_PDF_STREAM)
        total += size
        if total > MAX_PDF_TOTAL:
            raise _too_big(name, MAX_PDF_TOTAL)


def check_source(path: Path, data: bytes) -> None:
    """The bounds for a source of this kind (Word files and PDFs; plain text is bounded by its size)."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        check_zip(data, path.name)
    elif suffix == ".pdf":
        check_pdf(data, path.name)
