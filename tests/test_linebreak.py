"""Chinese line breaking, alone: the forbidden line starts and ends never happen, nothing is lost."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from app.exporters.linebreak import CANNOT_END, CANNOT_START, break_lines, clusters
from app.exporters.styles import BLOCK_WIDTH, BODY
from app.exporters.textblock import TextBlock
from app.exporters.markup import runs
from app.fonts import font_chains

SPEC_CANNOT_START = "，。、；：！？）》”"  # the spec's list; the breaker's own set is wider
SPEC_CANNOT_END = "（《“"


@dataclass
class _Unit:
    text: str
    width: float


def _units(text: str) -> list[_Unit]:
    """Clusters with a width of 1 (wide) or ½ (narrow) em."""
    return [_Unit(c, 1.0 if unicodedata.east_asian_width(c[0]) in "WFA" else 0.5) for c in clusters(text)]


def test_spec_sets_are_honoured() -> None:
    assert set(SPEC_CANNOT_START) <= CANNOT_START and set(SPEC_CANNOT_END) <= CANNOT_END


_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_TOKEN = st.one_of(
    _HAN.map(str),
    st.tuples(_HAN, st.sampled_from(sorted(SPEC_CANNOT_START) + ["。”", "）。", "……", "——"])).map("".join),
    st.tuples(st.sampled_from(sorted(SPEC_CANNOT_END)), _HAN).map("".join),
    st.text(st.sampled_from("abcXYZ0123"), min_size=1, max_size=4).map(lambda w: w + " "),
)


@given(st.lists(_TOKEN, min_size=1, max_size=80), st.integers(8, 30))
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(tokens: list[str], width: int) -> None:
    text = "".join(tokens)
    units = _units(text)
    lines = break_lines(units, lambda n: float(width))
    shown = ["".join(u.text for u in units[line.start:line.end]) for line in lines]
    for number, line in enumerate(shown):
        assert sum(u.width for u in units[lines[number].start:lines[number].end]) <= width
        if number:
            assert line[0] not in SPEC_CANNOT_START, shown
        if number < len(shown) - 1:
            assert line[-1] not in SPEC_CANNOT_END, shown
    assert "".join(shown).replace(" ", "") == text.replace(" ", "")  # only break spaces go


def test_a_run_wider_than_the_line_is_cut_not_lost() -> None:
    text = "编号" + "1234567890" * 5 + "。"
    units = _units(text)
    lines = break_lines(units, lambda n: 8.0)
    assert "".join(u.text for line in lines for u in units[line.start:line.end]) == text
    assert all(line.width <= 8.0 for line in lines)


def test_body_paragraph_fills_the_official_grid_of_28_characters() -> None:
    block = TextBlock(runs("政" * 200), BODY, font_chains()["body"])
    block.wrap(BLOCK_WIDTH, 1000)
    lines = block.lines_text()
    assert [len(line) for line in lines[:-1]] == [26] + [28] * (len(lines) - 2)  # 2-character indent


def test_decimals_and_addresses_are_not_broken_at_their_points() -> None:
    text = "金额为18651.06万元，网址www.gov.cn/zhengce/content。"
    units = _units(text)
    lines = break_lines(units, lambda n: 9.0)
    shown = ["".join(u.text for u in units[line.start:line.end]) for line in lines]
    assert not any(line.endswith(("18651.", "www.", "gov.")) for line in shown), shown
    assert any("18651.06" in line for line in shown), shown
