"""Bytes of a text or web page source to text: BOMs, a declared charset, UTF-8, then GBK."""

from __future__ import annotations

import codecs
import re

from app.errors import ImportSourceError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_GB_NAMES = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936"}


def declared_charset(data: bytes) -> str | None:
    """The charset a web page names in its <meta> tags, normalised; None when it names none."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    return "gb18030" if name in _GB_NAMES else name


def decode(data: bytes, name: str, declared: str | None = None) -> str:
    """The text of a source; ImportSourceError when it is binary or in no known encoding."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise ImportSourceError(f"“{name}”的文字编码有误，无法读取。") from error
    if b"\x00" in data[:65536]:
        raise ImportSourceError(f"“{name}”不是文本文件，无法导入。")
    tried = [declared] if declared else []
    for codec in tried + ["utf-8", "gb18030"]:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    raise ImportSourceError(f"“{name}”的文字编码无法识别（既不是 UTF-8 也不是 GBK），无法导入。")
