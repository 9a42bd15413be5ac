"""Bytes of a text or web page source to text, the encoding decided from the bytes themselves.

Chinese Windows writes reports as GBK/GB18030 without a BOM (Notepad before 2019, WPS 另存为
文本), UTF-16 or UTF-8 with a BOM, and now and then UTF-32. The order: a BOM; UTF-16/32 told by
where their zero bytes fall; UTF-8 (Chinese text in GBK is practically never valid UTF-8); the
charset a page declares; then what charset-normalizer finds. Every candidate must decode the
whole text strictly and read as text (no control characters), so mojibake is never shown as a
report: a source no candidate reads gives one Chinese sentence naming what was found.
"""

from __future__ import annotations

import codecs
import re

from app.errors import ImportSourceError

# UTF-32 LE before UTF-16 LE: its BOM starts with UTF-16 LE's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_GB_NAMES = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "gb_2312-80", "hz-gb-2312"}
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_SAMPLE = 65536  # bytes looked at to tell UTF-16/32 apart and to judge a detector's guess
_LIKENESS_MIN = 0.6  # a reading with fewer ordinary characters than this is mojibake
_DETECT_MAX = 1 << 20  # charset-normalizer judges at most this much of a large file


def declared_charset(data: bytes) -> str | None:
    """The charset a web page names in its <meta> tags, normalised; None when it names none."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    return "gb18030" if name in _GB_NAMES else name


def _zero_pattern(data: bytes) -> tuple[str, str] | None:
    """UTF-32 or UTF-16 without a BOM, told by where the zero bytes of ASCII characters fall."""
    sample = data[:_SAMPLE - _SAMPLE % 4]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    fours = len(sample) // 4
    if fours and all(sample[i + 2:i + 4] == b"\x00\x00" for i in range(0, fours * 4, 4)):
        return "utf-32-le", "UTF-32"
    if fours and all(sample[i:i + 2] == b"\x00\x00" for i in range(0, fours * 4, 4)):
        return "utf-32-be", "UTF-32"
    pairs = len(sample) // 2
    odd_zero = sum(sample[i + 1] == 0 for i in range(0, pairs * 2, 2))
    even_zero = sum(sample[i] == 0 for i in range(0, pairs * 2, 2))
    if odd_zero >= 2 and even_zero * 8 < odd_zero:  # 一 (U+4E00) and a few others have a zero byte
        return "utf-16-le", "UTF-16"
    if even_zero >= 2 and odd_zero * 8 < even_zero:
        return "utf-16-be", "UTF-16"
    return None


def _reads_as_text(text: str) -> bool:
    """Whether decoded text is text: no control characters besides tab, line ends and form feed."""
    return not _CONTROLS.search(text[:_SAMPLE])


def _strict(data: bytes, codec: str) -> str | None:
    """The text when the whole of ``data`` decodes strictly in ``codec`` and reads as text."""
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if _reads_as_text(text) else None


def _cut_utf8(data: bytes) -> bool:
    """Whether the bytes are UTF-8 that stops inside its last character (a truncated copy)."""
    for cut in range(1, 4):
        if len(data) > cut and (data[-cut] & 0xC0) == 0xC0:  # the lead byte of the unfinished character
            try:
                data[:-cut].decode("utf-8")
            except UnicodeDecodeError:
                return False
            return True
    return False


def _detected(data: bytes) -> list[str]:
    """The encodings charset-normalizer finds likely, best first, GB names as GB18030."""
    from charset_normalizer import from_bytes

    names = []
    for match in from_bytes(data[:_DETECT_MAX]):
        name = match.encoding.replace("_", "-").lower()
        names.append("gb18030" if name in _GB_NAMES else name)
    return names


def _common(ch: str) -> float:
    """How ordinary a character is in Chinese prose: 1 for ASCII, punctuation and the 3755 common
    hanzi (GB2312 level 1), ½ for the rarer level 2, 0 for anything else (mojibake is made of those)."""
    if ch.isascii():
        return 1.0
    try:
        lead = ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return 1.0 if "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" else 0.0
    if lead <= 0xA9 or 0xB0 <= lead <= 0xD7:
        return 1.0
    return 0.5


def chinese_likeness(text: str) -> float:
    """The share of a text's characters (white space aside) that are ordinary in Chinese prose."""
    chars = [ch for ch in text[:_SAMPLE // 4] if not ch.isspace()]
    return sum(_common(ch) for ch in chars) / len(chars) if chars else 1.0


def decode(data: bytes, name: str, declared: str | None = None) -> str:
    """The text of a source; ImportSourceError says precisely why it cannot be read."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            unit = {"UTF-32": 4, "UTF-16": 2}.get(label, 1)
            if text is None and len(data) % unit:
                raise ImportSourceError(f"“{name}”是 {label} 编码，但文件在最后一个字的中间断了（文件不完整），"
                                        "无法导入；请重新保存完整的文件后再试。")
            if text is None:
                raise ImportSourceError(f"“{name}”标明是 {label} 编码，但其中的文字编码有误（文件可能不完整或已损坏），无法读取。")
            return text
    zeros = _zero_pattern(data)
    if zeros:
        codec, label = zeros
        text = _strict(data, codec)
        if text is not None and chinese_likeness(text) >= _LIKENESS_MIN:
            return text
    if b"\x00" in data[:_SAMPLE]:
        raise ImportSourceError(f"“{name}”不是文本文件，无法导入。")
    text = _strict(data, "utf-8")
    if text is not None:
        return text
    if _cut_utf8(data):
        raise ImportSourceError(f"“{name}”是 UTF-8 编码，但文件在最后一个字的中间断了（文件不完整），"
                                "无法导入；请重新保存完整的文件后再试。")
    candidates = ([declared] if declared else []) + _detected(data) + ["gb18030", "big5"]
    best, best_score = None, _LIKENESS_MIN
    for codec in dict.fromkeys(candidates):  # the first of equally likely readings wins
        text = _strict(data, codec)
        score = chinese_likeness(text) if text is not None else -1.0
        if text is not None and score > best_score:
            best, best_score = text, score
    if best is not None:
        return best
    raise ImportSourceError(f"“{name}”的文字编码无法识别（不是 UTF-8、UTF-16、UTF-32 或 GBK/GB18030），"
                            "或者文件已损坏，无法导入；请用记事本另存为 UTF-8 后再试。")
