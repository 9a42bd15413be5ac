"""The fonts of the printed report: the bundled set, the user's own choice, and who draws which character."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.assets import resource
from app.errors import ExportError

# The styles of the printed report and the bundled face of each (GB/T 9704 in free fonts).
STYLES: dict[str, str] = {
    "title": "标题",
    "heading": "一级标题",
    "subheading": "二级标题",
    "body": "正文",
    "number": "页码",
}
BUNDLED: dict[str, str] = {
    "title": "fonts/fandol/FandolSong-Bold.ttf",
    "heading": "fonts/fandol/FandolHei-Regular.ttf",
    "subheading": "fonts/fandol/FandolKai-Regular.ttf",
    "body": "fonts/fandol/FandolFang-Regular.ttf",
    "number": "fonts/fandol/FandolSong-Regular.ttf",
}
# Song (serif) faces for the 通用规范汉字表 characters Fandol lacks (镕 堃 喆 昇 珺 …), so a name in
# 仿宋, 楷体 or 宋体 text stays in the serif family; 黑体 falls back to WenQuanYi, a sans face.
SERIF_FALLBACK: dict[str, str] = {
    "title": "fonts/serif-fallback/NianbaoSerifFallback-Bold.ttf",
    "subheading": "fonts/serif-fallback/NianbaoSerifFallback-Regular.ttf",
    "body": "fonts/serif-fallback/NianbaoSerifFallback-Regular.ttf",
    "number": "fonts/serif-fallback/NianbaoSerifFallback-Regular.ttf",
}
FALLBACK = "fonts/wqy-microhei/wqy-microhei.ttf"  # wide coverage, for characters the styled face lacks


@dataclass(frozen=True)
class FontFile:
    """A TrueType file chosen for a style; ``index`` picks a face inside a collection (.ttc)."""

    path: Path
    index: int = 0


@dataclass(frozen=True)
class LoadedFont:
    """A font registered with ReportLab under ``name``, with the characters it can draw."""

    name: str
    file: FontFile
    chars: frozenset[int]
    family: str

    def has(self, char: str) -> bool:
        """Whether the font has a real glyph for ``char``."""
        return ord(char) in self.chars


@dataclass
class FontChain:
    """The fonts tried in order for one style: the chosen face first, the fallbacks after it.

    The wide fallback is read only when a character needs it (it is the slowest font to load).
    """

    fonts: tuple[LoadedFont, ...]
    fallback: FontFile | None = None
    last: tuple[LoadedFont, ...] = ()  # tried after the wide fallback (黑体: a Song face rather than no glyph)
    _memo: dict[str, LoadedFont | None] = field(default_factory=dict, repr=False)

    @property
    def primary(self) -> LoadedFont:
        """The face the style is set in; its metrics place the lines."""
        return self.fonts[0]

    def font_for(self, char: str) -> LoadedFont | None:
        """The first font of the chain that can draw ``char``, or None if none can."""
        try:
            return self._memo[char]
        except KeyError:
            found = next((f for f in self.fonts if f.has(char)), None)
            if found is None and self.fallback is not None:
                wide = load_font(self.fallback)
                found = wide if wide.has(char) else None
            if found is None:
                found = next((f for f in self.last if f.has(char)), None)
            self._memo[char] = found
            return found


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode map of a font subset, characters beyond U+FFFF written as UTF-16 pairs.

    ReportLab 4–5 writes such a character as five hex digits, which PDF readers decode as
    other characters: copying, searching and checking the text of the PDF then fails.
    """
    pairs = [f"<{code:02X}> <{chr(char).encode('utf-16-be').hex().upper()}>" for code, char in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar", *pairs,
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


ttfonts.makeToUnicodeCMap = to_unicode_cmap  # the subsets of every export get the corrected map

_LOADED: dict[tuple[str, int, int, int], LoadedFont] = {}


def _file_error(file: FontFile, detail: str) -> ExportError:
    """The sentence for a font file that cannot be used."""
    return ExportError(f"字体文件“{file.path}”无法使用：{detail}")


def load_font(file: FontFile) -> LoadedFont:
    """Register a TrueType face with ReportLab once per file version; ExportError says why it cannot be used."""
    path = Path(file.path)
    try:
        stat = path.stat()
    except FileNotFoundError as error:
        raise _file_error(file, "找不到该文件。") from error
    except OSError as error:
        raise _file_error(file, f"无法读取（{error.strerror or error}）。") from error
    key = (str(path.resolve()), file.index, stat.st_mtime_ns, stat.st_size)
    if key in _LOADED:
        return _LOADED[key]
    name = "nb-" + hashlib.sha1(repr(key[:2]).encode("utf-8")).hexdigest()[:12]
    try:
        font = TTFont(name, str(path), subfontIndex=file.index)
    except TTFError as error:
        text = str(error).lower()
        if "embed" in text:
            detail = "字体的授权不允许嵌入到PDF文件中，请换一种字体。"
        elif "postscript" in text or "otto" in text or "cff" in text:
            detail = "这是 PostScript（CFF）轮廓的 OpenType 字体，PDF导出只支持 TrueType 字体（.ttf、.ttc）。"
        else:
            detail = "不是可用的 TrueType 字体（.ttf、.ttc）。"
        raise _file_error(file, detail) from error
    except (OSError, ValueError, IndexError, KeyError, AssertionError) as error:
        raise _file_error(file, "文件已损坏或不是 TrueType 字体（.ttf、.ttc）。") from error
    pdfmetrics.registerFont(font)
    chars = frozenset(code for code, glyph in font.face.charToGlyph.items() if glyph)
    loaded = LoadedFont(name, file, chars, font.face.name.decode("latin-1", "replace")
                        if isinstance(font.face.name, bytes) else str(font.face.name))
    _LOADED[key] = loaded
    return loaded


def bundled_file(style: str) -> FontFile:
    """The font shipped for a style."""
    return FontFile(resource(BUNDLED[style]))


def style_key(text: str) -> str:
    """A style named in English (``body``) or as the user reads it (``正文``) → its key."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    for key, label in STYLES.items():
        if folded in (key, label):
            return key
    names = "、".join(f"{label}（{key}）" for key, label in STYLES.items())
    raise ExportError(f"不认识的字体用途“{text}”，可用的有：{names}。")


def font_chains(overrides: Mapping[str, FontFile] | None = None) -> dict[str, FontChain]:
    """For every style: the user's face if chosen, the bundled face, the serif fallback (serif styles), the wide one."""
    overrides = dict(overrides or {})
    unknown = [k for k in overrides if k not in STYLES]
    if unknown:
        style_key(unknown[0])  # raises with the list of valid names
    fallback = FontFile(resource(FALLBACK))
    chains: dict[str, FontChain] = {}
    for style in STYLES:
        faces: list[LoadedFont] = []
        if style in overrides:
            faces.append(load_font(overrides[style]))
        faces.append(load_font(bundled_file(style)))
        serif = load_font(FontFile(resource(SERIF_FALLBACK.get(style, SERIF_FALLBACK["body"]))))
        if style in SERIF_FALLBACK:
            faces.append(serif)
        chains[style] = FontChain(tuple(dict.fromkeys(faces)), fallback, () if style in SERIF_FALLBACK else (serif,))
    return chains
