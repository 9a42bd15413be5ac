"""``nianbao compare``: hongze 2023 → 2024, figures, indicators, sentences, and the PDF with its chart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.compare import compare
from app.importers import read_source
from tests.helpers import run_cli
from tests.pdf_reading import pdftotext, squeeze

REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"


@pytest.fixture(scope="module")
def hongze() -> object:
    return compare(read_source(REALWORLD / "hongze-2023.pdf").report, read_source(REALWORLD / "hongze-2024.pdf").report)


def test_hongze_figures_and_indicators(hongze) -> None:  # type: ignore[no-untyped-def]
    new = hongze.figure("t3.new.total")
    assert (new.last, new.this, new.difference, round(new.percent, 1)) == (21, 95, 74, 352.4)
    assert hongze.figure("t3.r1.total").percent is None  # 0 → 50: no % of 0
    # the biggest change first: 行政许可 处理决定 550 → 9487
    assert hongze.figures[0].cell == "t2.xk.decisions" and hongze.figures[0].difference == 8937
    assert [abs(f.difference) for f in hongze.figures] == sorted((abs(f.difference) for f in hongze.figures),
                                                                 reverse=True)
    # 2023 printed 复议 10/1/0/0 with 总计 0: a reader counts the 11 cases
    assert (hongze.indicator("行政复议").last, hongze.indicator("行政复议").this) == (11, 2)
    assert (hongze.indicator("行政诉讼").last, hongze.indicator("行政诉讼").this) == (5, 4)
    # 予以公开率 2024: 50 / 95; 实质公开率: (50 + 9) / 95; 纠错率: 结果纠正 1 / 16 cases in 2023, 1 / 6 in 2024
    assert round(hongze.indicator("予以公开率").this, 1) == 52.6
    assert round(hongze.indicator("实质公开率").this, 1) == 62.1
    assert round(hongze.indicator("纠错率").last, 2) == 6.25 and round(hongze.indicator("纠错率").this, 1) == 16.7
    s1 = next(s for s in hongze.sections if s.section == "s1")
    assert len(s1.kept) == 1 and s1.kept[0].startswith("主要通过政府门户网站主动公开")


def test_compare_cli_json_and_pdf(tmp_path: Path) -> None:
    out = tmp_path / "对比.pdf"
    done = run_cli("compare", str(REALWORLD / "hongze-2023.pdf"), str(REALWORLD / "hongze-2024.pdf"), "--json",
                   "-o", str(out))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    figure = next(f for f in data["figures"] if f["cell"] == "t2.fee.amount")
    assert (figure["last"], figure["this"], figure["difference"]) == ("7730.28", "7545", "-185.28")
    text = squeeze(pdftotext(out))
    assert "与上年对比" in text and "主要数字" in text and "新收申请" in text and "2023年" in text
    text_run = run_cli("compare", str(REALWORLD / "hongze-2023.pdf"), str(REALWORLD / "hongze-2024.pdf"))
    assert "新收申请：21 → 95" in text_run.stdout and "行政复议：11 → 2" in text_run.stdout


def test_a_2019_last_year_maps_onto_this_years_cells() -> None:
    from app.format.correspond import corresponding, merged_row
    from app.report import Report

    last = Report.new(organ="上海市人民政府办公厅", year=2019, layout_id="2019")
    last.cells["t2_2019.gz.made"], last.cells["t3.new.total"], last.cells["t3.r6.natural"] = 13, 859, 4
    this = Report.new(organ="上海市人民政府办公厅", year=2020)
    comparison = compare(last, this)
    assert comparison.figure("t2.gz.made").last == 13 and comparison.figure("t3.new.total").last == 859
    assert "t2.gz.valid" in comparison.unmatched and "t3.r6_1.natural" in comparison.unmatched
    assert corresponding("t2.gz.valid", last.cells) is None  # 对外公开总数量 is not 现行有效
    assert merged_row("t3.r6_2.natural", last.cells) == "t3.r6.natural"
