"""Last year beside this one: S.copy by sentences, T.copy, N.year (spec §6 details), and the
two real hongze reports checked against each other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.crossyear import copied_section, normalise, sentences, stale_year_sentences
from app.importers import read_source
from app.report import Report
from app.rules import check
from tests.helpers import run_cli, zero_report

SHARED = Path(__file__).resolve().parents[2] / "shared"
REALWORLD = SHARED / "realworld"

# ---------------------------------------------------------------- N.year

FIRES = [  # in the report for 2025
    "2024年，我局共主动公开信息391条。",
    "2024年共制作、获取政府信息312条。",
    "（一）2024年度，我局共收到政府信息公开申请12件。",
    "一是2024年，区政府组织开展政务公开培训3次。",
    "1.2024年度受理依申请公开14件，均已按时办结。",
    "2024年，我办在门户网站发布政策解读56篇",
]
DOES_NOT_FIRE = [
    "较2024年增长12%。",
    "本年度共主动公开信息391条，较2024年增长12%。",
    "2024年结转的申请3件已全部办结。",
    "2024年度存在问题的整改落实情况。",
    "2024年度存在的问题主要是公开不够及时，本年度已整改。",
    "2024年同比增长的原因是申请量增加。",
    "2024年与2023年相比，公开数量基本持平。",
    "2024年12月印发的《政务公开工作要点》明确了任务。",
    "2024年底前已完成平台迁移。",
    "2025年，我局共主动公开信息391条。",
    "我局在2024年度政府信息公开工作年度报告发布后开展了自查。",
    "2024年以来，我局持续推进政务公开标准化建设。",
    "根据《关于印发〔2024〕5号文件的通知》，2024年度公开目录已调整。",
    "2024年度上年结转申请2件。",
]


@pytest.mark.parametrize("sentence", FIRES)
def test_n_year_fires_on_last_years_activity_stated_as_this_years(sentence: str) -> None:
    assert [s.text for s in stale_year_sentences(sentence, 2025)] == [sentence]


@pytest.mark.parametrize("sentence", DOES_NOT_FIRE)
def test_n_year_leaves_comparisons_problems_citations_and_carried_requests_alone(sentence: str) -> None:
    assert stale_year_sentences(sentence, 2025) == ()


def test_n_year_needs_the_report_year() -> None:
    assert stale_year_sentences(FIRES[0], None) == ()


def _documents() -> list[Path]:
    return [p for p in sorted(REALWORLD.iterdir()) if p.suffix in (".pdf", ".html", ".docx", ".txt")] + \
        sorted((SHARED / "samples").iterdir())


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_n_year_has_no_false_positive_on_the_real_documents(path: Path) -> None:
    report = read_source(path).report
    assert [f.message for f in check(report) if f.rule == "N.year"] == []


# ---------------------------------------------------------------- S.copy


def test_sentences_and_normalising() -> None:
    text = "2024年，我局主动公开信息 391 条。本年度办结申请12件！\n二是加强培训"
    found = sentences(text, 2024)
    assert [s.text for s in found] == ["2024年，我局主动公开信息 391 条。", "本年度办结申请12件！", "二是加强培训"]
    assert [text[s.start:s.end] for s in found] == [s.text for s in found]
    # this year and last year are one placeholder; numbers another; no spaces or punctuation
    assert normalise("2024年，我局主动公开信息 391 条。", 2024) == normalise("2023年我局主动公开信息12条", 2024)
    assert normalise("2023年我局主动公开信息12条", 2024) == "年份年我局主动公开信息数条"


LAST_S1 = ("根据《中华人民共和国政府信息公开条例》要求，现将本局2023年度政府信息公开工作报告如下。"
           "2023年，我局坚持以公开为常态、不公开为例外，全面推进政务公开工作。"
           "全年通过门户网站主动公开政府信息315条，其中政策文件42条。"
           "我局进一步完善依申请公开受理、审核、答复等工作流程。"
           "同时加强政策解读，以图文、视频等形式解读重要政策文件8件。")


def _pair(this_s1: str) -> tuple[Report, Report]:
    last = zero_report()
    last.meta.year = 2023
    last.sections["s1"].text = LAST_S1
    this = zero_report()
    this.sections["s1"].text = this_s1
    return this, last


def test_s_copy_fires_on_a_copy_with_new_figures_and_year() -> None:
    this, last = _pair(LAST_S1.replace("2023", "2024").replace("315", "402").replace("8件", "11件"))
    [finding] = [f for f in check(this, last) if f.rule == "S.copy"]
    assert finding.actual == "100%" and "4 句中有 4 句" in finding.message  # the stock lead sentence is left out
    found = copied_section(this, last, "s1")
    text = this.sections["s1"].text
    assert [text[s.start:s.end] for s, _ in found.copied] == [s.text for s, _ in found.copied]
    assert found.copied[0][0].text.startswith("2024年，我局坚持") and found.copied[0][1].text.startswith("2023年")


def test_s_copy_stops_once_most_sentences_are_rewritten() -> None:
    kept = "全年通过门户网站主动公开政府信息402条，其中政策文件50条。"
    this, last = _pair("本年度我局聚焦优化营商环境，新开设涉企政策专栏。" + kept +
                       "依申请公开答复平均用时缩短到8个工作日。我局还在各乡镇便民服务中心设立了政务公开专区。")
    found = copied_section(this, last, "s1")
    assert found.judged == 4 and len(found.copied) == 1 and not found.is_copy
    assert [f for f in check(this, last) if f.rule == "S.copy"] == []


def test_s_copy_does_not_judge_a_section_of_fewer_than_three_sentences() -> None:
    this, last = _pair("")
    last.sections["s6"].text = this.sections["s6"].text = "本年度未收取任何信息处理费，也未发出收费通知。"
    assert copied_section(this, last, "s6").copied and not copied_section(this, last, "s6").is_copy
    assert [f for f in check(this, last) if f.rule == "S.copy" and f.section == "s6"] == []


# ---------------------------------------------------------------- the two real hongze reports


def test_hongze_2024_against_2023_by_hand() -> None:
    """Worked out by hand from the two PDFs (MANIFEST.md and the tables):
    - X.carry holds: 2023 printed 结转下年度 0 in every column, 2024 printed 上年结转 0 in every column.
    - X.valid holds: 规章 0 + 0 − 0 = 0 (2024: 0); 规范性文件 2023 现行有效 5, 2024 制发 3, 废止 0 → 8 = 8.
    - T.copy does not fire: t3 总计 21 in 2023 against 95 in 2024; t4 复议 10/1/0/0 against 1/1/0/0.
    - S.copy does not fire: 一 shares 1 of its 10 judged sentences (主要通过政府门户网站主动公开…),
      五 none of 5; 六 has a single judged sentence (copied, but fewer than 3 are not judged).
    """
    done = run_cli("check", str(REALWORLD / "hongze-2024.pdf"), "--previous", str(REALWORLD / "hongze-2023.pdf"),
                   "--json")
    rules = [f["rule"] for f in json.loads(done.stdout)["findings"]]
    for cross_year in ("X.carry", "X.valid", "S.copy", "T.copy"):
        assert cross_year not in rules
    this, last = read_source(REALWORLD / "hongze-2024.pdf").report, read_source(REALWORLD / "hongze-2023.pdf").report
    assert (last.cells["t2.gf.valid"], this.cells["t2.gf.made"], this.cells["t2.gf.repealed"],
            this.cells["t2.gf.valid"]) == (5, 3, 0, 8)
    s1, s5, s6 = (copied_section(this, last, s) for s in ("s1", "s5", "s6"))
    assert (s1.judged, len(s1.copied), s5.judged, len(s5.copied), s6.judged, len(s6.copied)) == (10, 1, 5, 0, 1, 1)
    # the same pair with this year's carried figures changed: X.carry names both years' figures
    this.cells["t3.carried.natural"] = 3
    [carry] = [f for f in check(this, last) if f.rule == "X.carry"]
    assert (carry.expected, carry.actual, carry.cells) == (0, 3, ("t3.carried.natural",))
