"""Hostile sources made on the spot: zip and flate bombs, a PDF whose page tree contains itself."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                  b'2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')


def docx_bomb(path: Path, inflated_mb: int) -> Path:
    """A .docx whose document.xml inflates to ``inflated_mb`` MB (about 1 MB per GB on disk)."""
    chunk = b"<w:p/>" * (1024 * 1024 // 6)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                         b'wordprocessingml/2006/main"><w:body>')
            for _ in range(inflated_mb):
                member.write(chunk)
            member.write(b"</w:body></w:document>")
    return path


def docx_lying_bomb(path: Path, inflated_mb: int) -> Path:
    """A .docx whose document.xml declares 1 KB but inflates to ``inflated_mb`` MB."""
    docx_bomb(path, inflated_mb)
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        start = 0
        while (found := data.find(signature, start)) >= 0:
            name_at = found + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                extra_at = found + (28 if signature == b"PK\x03\x04" else 30)
                extra_len = int.from_bytes(data[extra_at:extra_at + 2], "little")
                extra = name_at + len(name)
                block = data[extra:extra + extra_len]
                if block[:2] == b"\x01\x00":  # the zip64 sizes: uncompressed size first
                    data[extra + 4:extra + 12] = (1024).to_bytes(8, "little")
                else:
                    data[found + size_at:found + size_at + 4] = (1024).to_bytes(4, "little")
            start = found + 4
    path.write_bytes(bytes(data))
    return path


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file from its numbered objects, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_flate_bomb(path: Path, inflated_mb: int) -> Path:
    """A one-page PDF whose content stream inflates to ``inflated_mb`` MB of spaces."""
    squeezer = zlib.compressobj(9)
    block = b" " * (1024 * 1024)
    body = b"".join(squeezer.compress(block) for _ in range(inflated_mb)) + squeezer.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                           stream]))
    return path


def pdf_self_referencing(path: Path) -> Path:
    """A tiny PDF whose page tree lists itself as its own kid."""
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]))
    return path


def pdf_slow(path: Path, operations: int) -> Path:
    """A small PDF whose one page draws ``operations`` one-letter texts: minutes of work for a PDF library."""
    squeezer = zlib.compressobj(9)
    body = squeezer.compress(b"BT /F1 1 Tf 1 0 0 1 5 5 Tm (a) Tj ET\n" * operations) + squeezer.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                           b" /Resources << /Font << /F1 5 0 R >> >> >>",
                           stream,
                           b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]))
    return path


def pdf_nested_flate_bomb(path: Path, inflated_mb: int, filters: bytes = b"[/FlateDecode /FlateDecode]") -> Path:
    """A one-page PDF whose content stream decodes (flate) to a small zlib stream that decodes again
    to ``inflated_mb`` MB: only the PDF library sees the inner layer. ``filters`` may put
    /ASCIIHexDecode in front of the two flate layers instead."""
    squeezer = zlib.compressobj(9)
    block = b" " * (1024 * 1024)
    inner = b"".join(squeezer.compress(block) for _ in range(inflated_mb)) + squeezer.flush()
    body = zlib.compress(inner, 9)
    if filters.startswith(b"[/ASCIIHexDecode"):
        body = body.hex().encode("ascii") + b">"
    stream = b"<< /Length %d /Filter %s >>\nstream\n" % (len(body), filters) + body + b"\nendstream"
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                           stream]))
    return path


def pdf_runlength_bomb(path: Path, inflated_mb: int) -> Path:
    """A content stream /Filter [/FlateDecode /RunLengthDecode]: the flate layer gives runs of 128
    spaces, two bytes each, that pdfminer's RunLength decoder makes ``inflated_mb`` MB of."""
    runs = b"\x81 " * (inflated_mb * 1024 * 1024 // 128) + b"\x80"
    body = zlib.compress(runs, 9)
    stream = (b"<< /Length %d /Filter [/FlateDecode /RunLengthDecode] >>\nstream\n" % len(body) + body
              + b"\nendstream")
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                           stream]))
    return path
