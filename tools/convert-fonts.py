#!/usr/bin/env python3
"""Make the bundled fonts once: Fandol (CFF outlines) to TrueType, WenQuanYi out of its TTC.

Why: ReportLab embeds only TrueType outlines, and the Fandol fonts — the one free set of
宋/黑/楷/仿宋 — ship as CFF-flavoured OpenType. The result is committed under
``resources/fonts/`` with each family's licence beside it; rerun this only to update them.

Needs Debian's ``texlive-lang-chinese`` (Fandol), ``fonts-wqy-microhei``, ``fonts-noto-cjk`` and
``unicode-data`` (the serif fallback: Noto Serif CJK SC cut to the 通用规范汉字表), and fontTools
(``pip install fonttools``). Usage: ``python tools/convert-fonts.py [RESOURCES_FONTS_DIR]``.
"""

from __future__ import annotations

import bz2
import gzip
import shutil
import sys
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

FANDOL_DIR = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")
FANDOL_LICENCE = Path("/usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz")
FANDOL_README = Path("/usr/share/doc/texlive-doc/fonts/fandol/README")
FANDOL_FACES = ("FandolSong-Regular", "FandolSong-Bold", "FandolHei-Regular", "FandolKai-Regular",
                "FandolFang-Regular")
WQY_TTC = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
WQY_COPYRIGHT = Path("/usr/share/doc/fonts-wqy-microhei/copyright")
APACHE = Path("/usr/share/common-licenses/Apache-2.0")
NOTO_SERIF = {"Regular": Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
              "Bold": Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc")}
UNIHAN_MAPPINGS = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")  # Debian's unicode-data
NOTO_SC_FACE = 2  # JP, KR, SC, TC, HK in Debian's fonts-noto-cjk collections
NOTO_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
SERIF_NAME = "Nianbao Serif SC Fallback"  # a modified (subset, converted) font gets its own name
MAX_ERROR = 1.0  # font units (of 1000 per em): the cubic-to-quadratic tolerance, invisible in print


def _quadratic_glyphs(font: TTFont) -> dict[str, object]:
    """Each glyph's cubic outline redrawn as quadratic TrueType contours."""
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in font.getGlyphOrder():
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    return glyphs


def cff_to_truetype(source: Path, target: Path) -> None:
    """Write ``source`` (OpenType/CFF) as a TrueType-outline font with the same metrics and cmap."""
    font = TTFont(source)
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = _quadratic_glyphs(font)
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):  # VORG only has meaning beside CFF outlines
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0  # the CID glyph names (cid01234) are of no use; drop them
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(target)


def tongyong_guifan() -> set[int]:
    """The 8,105 characters of the 通用规范汉字表 (2013): Unihan's kTGH field (Debian's unicode-data)."""
    with bz2.open(UNIHAN_MAPPINGS, "rt", encoding="utf-8") as lines:
        return {int(line.split("\t")[0][2:], 16) for line in lines if "\tkTGH\t" in line}


def serif_fallback_chars(fandol: Path) -> set[int]:
    """The characters of the 通用规范汉字表 that a Fandol face lacks: what the serif fallback must draw.

    Rarer ideographs beyond the table still fall back to WenQuanYi; covering all of them would
    take 19,642 glyphs (18 MB for the two weights) instead of about 1,500 (3 MB).
    """
    covered = set(TTFont(fandol / "FandolSong-Regular.ttf").getBestCmap())
    for face in FANDOL_FACES:
        covered &= set(TTFont(fandol / f"{face}.ttf").getBestCmap())
    return tongyong_guifan() - covered


def make_serif_fallback(weight: str, chars: set[int], target: Path) -> None:
    """Noto Serif CJK SC (Source Han Serif) cut to ``chars``, renamed, redrawn as TrueType."""
    from fontTools import subset

    font = TTFont(NOTO_SERIF[weight], fontNumber=NOTO_SC_FACE)
    options = subset.Options()
    options.layout_features = ["vert", "vrt2"]  # no shaping needed: one glyph per character
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14]
    options.hinting = False
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(chars))
    subsetter.subset(font)
    names = font["name"]
    full = f"{SERIF_NAME} {weight}"
    postscript = full.replace(" ", "-")
    for record in list(names.names):
        if record.nameID in (1, 4, 16):
            record.string = SERIF_NAME if record.nameID in (1, 16) else full
        elif record.nameID in (3, 6):
            record.string = postscript
        elif record.nameID == 17:
            record.string = weight
    staged = target.with_suffix(".otf")
    font.save(staged)
    cff_to_truetype(staged, target)
    staged.unlink()


def extract_ttc(source: Path, index: int, target: Path) -> None:
    """Write one face of a TrueType collection as a plain TrueType file."""
    TTFont(source, fontNumber=index).save(target)


def _fandol_and_wqy(out: Path, fandol: Path) -> None:
    """The Fandol licence files, and WenQuanYi out of its collection."""
    (fandol / "COPYING").write_bytes(gzip.decompress(FANDOL_LICENCE.read_bytes()))
    shutil.copyfile(FANDOL_README, fandol / "README")
    wqy = out / "wqy-microhei"
    wqy.mkdir(parents=True, exist_ok=True)
    print("wqy-microhei.ttc[0] → wqy-microhei.ttf", flush=True)
    extract_ttc(WQY_TTC, 0, wqy / "wqy-microhei.ttf")
    shutil.copyfile(WQY_COPYRIGHT, wqy / "COPYRIGHT")
    shutil.copyfile(APACHE, wqy / "LICENSE-Apache-2.0")


def main() -> None:
    """Convert every bundled face and put the licences beside them (``--serif-only``: the serif fallback)."""
    args = [a for a in sys.argv[1:] if a != "--serif-only"]
    out = Path(args[0]) if args else Path(__file__).resolve().parents[1] / "resources" / "fonts"
    fandol = out / "fandol"
    fandol.mkdir(parents=True, exist_ok=True)
    for face in FANDOL_FACES if "--serif-only" not in sys.argv else ():
        print(f"{face}.otf → {face}.ttf", flush=True)
        cff_to_truetype(FANDOL_DIR / f"{face}.otf", fandol / f"{face}.ttf")
    if "--serif-only" not in sys.argv:
        _fandol_and_wqy(out, fandol)
    serif = out / "serif-fallback"
    serif.mkdir(parents=True, exist_ok=True)
    chars = serif_fallback_chars(fandol)
    for weight in NOTO_SERIF:
        print(f"NotoSerifCJK-{weight}.ttc[SC] → {len(chars)} ideographs Fandol lacks", flush=True)
        make_serif_fallback(weight, chars, serif / f"NianbaoSerifFallback-{weight}.ttf")
    shutil.copyfile(NOTO_COPYRIGHT, serif / "copyright")


if __name__ == "__main__":
    main()
