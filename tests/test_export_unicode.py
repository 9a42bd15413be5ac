"""Arbitrary Unicode typed into every narrative prints intact, or stops with the missing-character message."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from app.errors import ExportError
from app.exporters.markup import paragraphs, plain
from app.exporters.pdf import export_pdf
from app.exporters.textblock import invisible
from app.fonts import font_chains, load_font
from app.report import Part
from tests.helpers import zero_report
from tests.pdf_reading import body_chars, squeeze

_COMMON = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK ideographs
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # ASCII, with < > & * \
    st.sampled_from(list("，。、；：！？）》”（《“‘’…—·　\n\t\r**")),
)
_ANY = st.characters(exclude_categories=("Cs",))  # every code point a str can hold
_FONTS = font_chains()["body"]
_FALLBACK = _FONTS.fallback
assert _FALLBACK is not None  # the body chain always carries the wide fallback font
_DRAWABLE = sorted(chr(code) for code in _FONTS.primary.chars | load_font(_FALLBACK).chars
                   if 0x80 <= code and not 0x4E00 <= code <= 0x9FFF)  # Greek, Cyrillic, marks, symbols, …
_SLOTS = ("s1", "s1.part", "s2", "s3", "s4", "s5", "s6")


@st.composite
def _narratives(draw: st.DrawFn) -> dict[str, str]:
    """Text for every narrative slot, with a few arbitrary code points dropped into one of them."""
    texts = {slot: draw(st.text(_COMMON, min_size=1, max_size=120)) for slot in _SLOTS}
    wild = draw(st.text(_ANY, max_size=4)) + draw(st.text(st.sampled_from(_DRAWABLE), max_size=30))
    slot = draw(st.sampled_from(_SLOTS))
    at = draw(st.integers(0, len(texts[slot])))
    texts[slot] = texts[slot][:at] + wild + texts[slot][at:]
    return texts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_narratives())
def test_arbitrary_text_prints_intact_or_names_the_missing_character(texts: dict[str, str]) -> None:
    report = zero_report()
    for slot, text in texts.items():
        if slot == "s1.part":
            report.sections["s1"].parts = [Part("主动公开情况", text)]
        else:
            report.sections[slot].text = text
    body = font_chains()["body"]
    typed = "".join(texts.values())
    undrawable = [ch for ch in typed if body.font_for(ch) is None and not invisible(ch)]
    try:
        data = export_pdf(report).data
    except ExportError as error:
        message = str(error)
        note(message)
        event("stopped: missing character")
        code = re.search(r"U\+([0-9A-F]{4,6})", message)
        assert code, message
        char = chr(int(code.group(1), 16))
        assert char == undrawable[0] or char in undrawable
        assert "段" in message and "、" in message  # which section, which paragraph
        return
    event("printed")
    assert not undrawable, undrawable
    drawn = squeeze(body_chars(data))
    for text in texts.values():
        for paragraph in paragraphs(text):
            assert squeeze(plain(paragraph)) in drawn, paragraph


def test_every_character_the_bundled_fonts_draw_reads_back_from_the_pdf() -> None:
    """All ~15,000 non-ideograph characters of Fandol 仿宋 and WenQuanYi, beyond U+FFFF included."""
    chars = [ch for ch in _DRAWABLE if not invisible(ch)]
    assert len(chars) > 10_000 and any(ord(ch) > 0xFFFF for ch in chars)
    texts = ["".join(chars[i:i + 400]) for i in range(0, len(chars), 400)]
    report = zero_report()
    report.sections["s1"].text = "\n".join(texts)
    drawn = squeeze(body_chars(export_pdf(report).data))
    assert [text[:5] for text in texts if squeeze(text) not in drawn] == []
