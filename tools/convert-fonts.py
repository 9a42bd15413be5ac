#!/usr/bin/env python3
"""Make the bundled fonts once: Fandol (CFF outlines) to TrueType, WenQuanYi out of its TTC.

Why: ReportLab embeds only TrueType outlines, and the Fandol fonts — the one free set of
宋/黑/楷/仿宋 — ship as CFF-flavoured OpenType. The result is committed under
``resources/fonts/`` with each family's licence beside it; rerun this only to update them.

Needs Debian's ``texlive-lang-chinese`` (Fandol) and ``fonts-wqy-microhei``, and fontTools
(``pip install fonttools``). Usage: ``python tools/convert-fonts.py [RESOURCES_FONTS_DIR]``.
"""

from __future__ import annotations

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


def extract_ttc(source: Path, index: int, target: Path) -> None:
    """Write one face of a TrueType collection as a plain TrueType file."""
    TTFont(source, fontNumber=index).save(target)


def main() -> None:
    """Convert every bundled face and put the licences beside them."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "resources" / "fonts"
    fandol = out / "fandol"
    fandol.mkdir(parents=True, exist_ok=True)
    for face in FANDOL_FACES:
        print(f"{face}.otf → {face}.ttf", flush=True)
        cff_to_truetype(FANDOL_DIR / f"{face}.otf", fandol / f"{face}.ttf")
    (fandol / "COPYING").write_bytes(gzip.decompress(FANDOL_LICENCE.read_bytes()))
    shutil.copyfile(FANDOL_README, fandol / "README")
    wqy = out / "wqy-microhei"
    wqy.mkdir(parents=True, exist_ok=True)
    print("wqy-microhei.ttc[0] → wqy-microhei.ttf", flush=True)
    extract_ttc(WQY_TTC, 0, wqy / "wqy-microhei.ttf")
    shutil.copyfile(WQY_COPYRIGHT, wqy / "COPYRIGHT")
    shutil.copyfile(APACHE, wqy / "LICENSE-Apache-2.0")


if __name__ == "__main__":
    main()
