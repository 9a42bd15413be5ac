"""Every character of the 通用规范汉字表 prints in a face of the same family as the text around it."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from app.assets import resource
from app.exporters.pdf import export_pdf
from app.fonts import FALLBACK, SERIF_FALLBACK, FontFile, font_chains, load_font
from tests.helpers import zero_report

TABLE = Path(__file__).parent / "data" / "tongyong-guifan-hanzi-8105.txt"
SERIF_STYLES = ("title", "subheading", "body", "number")
NAMES = "镕堃喆昇珺"


def tongyong_guifan() -> list[str]:
    """The 8,105 characters, in the order of the table."""
    rows = [line.rstrip("\n").split("\t") for line in TABLE.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    assert [int(number) for number, _ in rows] == list(range(1, 8106))
    return [char for _, char in rows]


def test_the_list_is_the_whole_table() -> None:
    chars = tongyong_guifan()
    assert len(chars) == len(set(chars)) == 8105
    assert chars[0] == "一" and chars[-1] == "蠼" and set(NAMES) <= set(chars)


@pytest.mark.parametrize("style", ["title", "heading", "subheading", "body", "number"])
def test_every_character_prints_in_its_family(style: str) -> None:
    chain = font_chains()[style]
    wide = load_font(FontFile(resource(FALLBACK)))
    used: Counter[str] = Counter()
    for char in tongyong_guifan():
        font = chain.font_for(char)
        assert font is not None, char
        used[font.file.path.name] += 1
    if style in SERIF_STYLES:
        assert wide.file.path.name not in used, used  # never the sans fallback inside serif text
        assert used[Path(SERIF_FALLBACK[style]).name] == 1467 and sum(used.values()) == 8105
    else:  # 黑体: WenQuanYi (sans) where Fandol Hei lacks a character; the Song face only where both lack it
        assert used[wide.file.path.name] == 1467 - 276 and used[Path(SERIF_FALLBACK["body"]).name] == 276, used


def test_name_characters_print_in_the_serif_fallback(tmp_path: Path) -> None:
    report = zero_report()
    report.meta.organ = f"{NAMES}县数据局"
    report.sections["s1"].text = f"本年度由{NAMES}同志负责。"
    data = export_pdf(report).data
    serif_regular, serif_bold = "Nianbao-Serif-SC-Fallback-Regular", "Nianbao-Serif-SC-Fallback-Bold"
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        fonts = {(c["text"], c["fontname"].split("+")[-1]) for page in pdf.pages for c in page.chars
                 if c["text"] in NAMES}
    assert {char for char, _ in fonts} == set(NAMES)
    assert {name for _, name in fonts} == {serif_regular, serif_bold}  # title (bold) and body (regular)
