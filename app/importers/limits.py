"""Bounds on what a source may inflate to: zip members (a .docx) and PDF streams, checked before parsing.

A 1 MB file can decompress to gigabytes. These checks stream through the compressed data
with a fixed buffer, counting what it inflates to, and refuse before memory grows; the
worker process's memory limit (app.worker) is the second line for anything they miss.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


class _Budget:
    """What the PDF library has decoded so far in one import, against the stream and total limits."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.total = 0

    def take(self, size: int, stream: int) -> None:
        """``size`` more bytes decoded, ``stream`` of them so far in the stream being decoded."""
        if stream > MAX_PDF_STREAM:
            raise _too_big(self.name, MAX_PDF_STREAM)
        self.total += size
        if self.total > MAX_PDF_TOTAL:
            raise _too_big(self.name, MAX_PDF_TOTAL)


class _CountingInflater:
    """A zlib decompressobj that stops at the limits (pdfminer's decoder of damaged streams uses one)."""

    def __init__(self, inflater: Any, budget: _Budget) -> None:
        self._inflater, self._budget, self._made = inflater, budget, 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out: bytes = self._inflater.decompress(data, max_length)
        self._made += len(out)
        self._budget.take(len(out), self._made)
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inflater, name)


class _BoundedZlib:
    """Stands in for the zlib module inside pdfminer.pdftypes: every flate stream the library
    decodes — a stream inside a stream's decoded content, an object or cross-reference stream,
    an encrypted one after deciphering — inflates through here, no further than the limits."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    def __init__(self, budget: _Budget) -> None:
        self._budget = budget

    def decompress(self, data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = 0) -> bytes:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, MAX_PDF_STREAM + 1)  # zlib.error on bad data, as zlib.decompress
        self._budget.take(len(out), len(out))
        if not inflater.eof:  # all input used (the output is under max_length), the end not reached
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def decompressobj(self, *args: Any, **kwargs: Any) -> _CountingInflater:
        return _CountingInflater(zlib.decompressobj(*args, **kwargs), self._budget)


def _bounded_lzw(budget: _Budget) -> Callable[[bytes], bytes]:
    """pdfminer's LZW decoder, its output counted as it is made (LZW reaches ratios of thousands)."""
    from pdfminer.lzw import LZWDecoder

    def lzwdecode(data: bytes) -> bytes:
        parts, made = [], 0
        for part in LZWDecoder(io.BytesIO(data)).run():
            made += len(part)
            budget.take(len(part), made)
            parts.append(part)
        return b"".join(parts)

    return lzwdecode


def _bounded_runlength(budget: _Budget, decode: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    """pdfminer's RunLength decoder, after reading from the run lengths how much it would make (64:1 at most)."""

    def rldecode(data: bytes) -> bytes:
        size = index = 0
        while index < len(data) and data[index] != 128:
            length = data[index]
            size += length + 1 if length < 128 else 257 - length
            index += length + 2 if length < 128 else 2
            if size > MAX_PDF_STREAM:
                break
        budget.take(size, size)
        return decode(data)

    return rldecode


@contextlib.contextmanager
def bounded_pdf_streams(name: str) -> Iterator[None]:
    """While reading ``name``, every stream the PDF library (pdfminer) decodes is bounded by its
    decoded size: check_pdf sees only the outermost flate layer of each stream in the file, and a
    stream whose decoded content is compressed again (/Filter [/FlateDecode /FlateDecode]), an
    /ASCII85Decode or /LZWDecode in front, or an encrypted stream is decoded only inside the library.

    pdfminer offers no limit of its own; it calls ``zlib.decompress``, ``lzwdecode`` and
    ``rldecode`` by their names in pdfminer.pdftypes, and those names are replaced for the block.
    """
    from pdfminer import pdftypes

    budget = _Budget(name)
    names = ("zlib", "lzwdecode", "rldecode")
    saved = {n: getattr(pdftypes, n) for n in names}
    replacements = {"zlib": _BoundedZlib(budget), "lzwdecode": _bounded_lzw(budget),
                    "rldecode": _bounded_runlength(budget, saved["rldecode"])}
    for n in names:
        setattr(pdftypes, n, replacements[n])
    try:
        yield
    finally:
        for n in names:
            setattr(pdftypes, n, saved[n])


def check_source(path: Path, data: bytes) -> None:
    """The bounds for a source of this kind (Word files and PDFs; plain text is bounded by its size)."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        check_zip(data, path.name)
    elif suffix == ".pdf":
        check_pdf(data, path.name)
