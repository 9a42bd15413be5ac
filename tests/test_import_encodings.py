"""Text as Chinese Windows writes it: the encoding decided from the bytes, never mojibake."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from app.canonical import to_canonical
from app.errors import ImportSourceError
from app.importers import read_source
from app.importers.decode import chinese_likeness, decode
from tests.import_sources import html_page, simple_table, T2_LINES, T4_FIGURES, T4_HEAD, t3_lines

ENCODINGS = {
    "gbk": lambda t: t.encode("gbk"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16-bom": lambda t: t.encode("utf-16"),  # what Notepad calls "Unicode"
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-16-le-no-bom": lambda t: t.encode("utf-16-le"),
    "utf-8-bom": lambda t: t.encode("utf-8-sig"),
    "utf-32-bom": lambda t: t.encode("utf-32"),
    "utf-32-le-no-bom": lambda t: t.encode("utf-32-le"),
    "gbk-crlf": lambda t: t.replace("\n", "\r\n").encode("gbk"),
    "utf-8-cr": lambda t: t.replace("\n", "\r").encode("utf-8"),
    "gbk-ideographic-indent": lambda t: "\n".join(
        f"\u3000\u3000{line}" if line and "\t" not in line else line for line in t.split("\n")).encode("gbk"),
}


@pytest.fixture(scope="module")
def sample_text() -> str:
    from tests.conftest import SHARED

    return (SHARED / "samples" / "huiji-2022.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def original(sample_text: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = tmp_path_factory.mktemp("orig") / "huiji.txt"
    path.write_text(sample_text, encoding="utf-8")
    return to_canonical(read_source(path).report)


@pytest.mark.parametrize("kind", sorted(ENCODINGS))
def test_sample_in_every_windows_encoding_imports_to_the_same_json(kind: str, sample_text: str, original: dict,
                                                                   tmp_path: Path) -> None:
    path = tmp_path / "huiji.txt"
    path.write_bytes(ENCODINGS[kind](sample_text))
    result = read_source(path)
    assert result.uncertain == []
    assert to_canonical(result.report) == original


def test_gbk_web_page_without_a_declared_charset(tmp_path: Path) -> None:
    page = html_page({"t2": simple_table(T2_LINES), "t3": simple_table(t3_lines()),
                      "t4": simple_table(T4_HEAD + [T4_FIGURES.replace(" ", "\t")])})
    page = page.replace('<meta charset="utf-8">', "")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    result = read_source(path)
    assert result.uncertain == [] and result.report.meta.organ == "测试县数据局"


def test_a_page_that_declares_gb2312_but_is_utf8_is_read_as_utf8(tmp_path: Path) -> None:
    page = html_page({"t2": simple_table(T2_LINES), "t3": simple_table(t3_lines()),
                      "t4": simple_table(T4_HEAD + [T4_FIGURES.replace(" ", "\t")])}, charset="gb2312")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-8"))
    assert read_source(path).report.meta.organ == "测试县数据局"


def test_a_few_gbk_words_are_not_taken_for_big5_or_korean() -> None:
    assert decode("规章".encode("gbk"), "x.txt") == "规章"
    assert decode("行政规范性文件 3件".encode("gbk"), "x.txt") == "行政规范性文件 3件"


@pytest.mark.parametrize("codec,label", [("utf-8", "UTF-8"), ("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_text_cut_inside_its_last_character_is_named_precisely(codec: str, label: str, sample_text: str) -> None:
    data = sample_text.rstrip().encode(codec)[:-1]
    with pytest.raises(ImportSourceError) as raised:
        decode(data, "huiji.txt")
    assert f"是 {label} 编码" in str(raised.value) and "最后一个字的中间断了" in str(raised.value)


def test_bytes_in_no_encoding_are_refused_in_chinese() -> None:
    noise = bytes(range(0x80, 0x100)) * 20
    with pytest.raises(ImportSourceError) as raised:
        decode(noise, "noise.txt")
    assert "无法识别" in str(raised.value) or "不是文本文件" in str(raised.value)


def test_mojibake_scores_low_and_chinese_high(sample_text: str) -> None:
    assert chinese_likeness(sample_text) > 0.95
    mojibake = sample_text.encode("utf-8").decode("gb18030", "replace")
    assert chinese_likeness(mojibake) < 0.6
