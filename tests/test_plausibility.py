"""Typed values that cannot be true are refused with a Chinese reason: dates, years, huge counts."""

from __future__ import annotations

from datetime import date

import pytest

from app.editing import Editor, MetaPlace, SetText
from app.errors import CellValueError
from app.format import CellKind
from app.rules import check
from app.values import MAX_COUNT, parse, parse_date, parse_year
from tests.helpers import zero_report

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(("typed", "stored"), [
    ("2026-01-20", "2026-01-20"), ("2026/1/20", "2026-01-20"), ("2026.1.5", "2026-01-05"),
    ("2024年2月29日", "2024-02-29"), ("２０２６－０１－２０", "2026-01-20"), ("", ""),
])
def test_real_dates_are_kept_as_yyyy_mm_dd(typed: str, stored: str) -> None:
    assert parse_date(typed, TODAY) == stored


@pytest.mark.parametrize(("typed", "reason"), [
    ("2026/13/45", "没有 13 月"), ("2025-02-29", "2025 年 2 月只有 28 天"), ("2026-04-31", "只有 30 天"),
    ("2007-12-31", "2008 年至 2027 年之间"), ("2028-01-01", "2008 年至 2027 年之间"),
    ("明年一月", "不是日期"), ("20260120", "不是日期"),
])
def test_impossible_dates_are_refused_with_the_reason(typed: str, reason: str) -> None:
    with pytest.raises(CellValueError, match=reason):
        parse_date(typed, TODAY)


@pytest.mark.parametrize("typed", ["2007", "2028", "20", "二〇二五", "2025年"])
def test_years_outside_2008_to_next_year_are_refused(typed: str) -> None:
    with pytest.raises(CellValueError, match="2008 年至 2027 年之间"):
        parse_year(typed, TODAY)
    assert parse_year("2008", TODAY) == 2008 and parse_year("2027", TODAY) == 2027 and parse_year(" ", TODAY) is None


def test_a_thirty_digit_count_is_refused_and_ten_digits_are_the_bound() -> None:
    with pytest.raises(CellValueError, match="有 30 位数.*最多 10 位"):
        parse("1" * 30, CellKind.COUNT)
    with pytest.raises(CellValueError, match="有 11 位数"):
        parse("12345678901", CellKind.SIGNED)
    assert parse("9999999999", CellKind.COUNT) == MAX_COUNT
    assert parse("0000000000012", CellKind.COUNT) == 12  # leading zeros are not digits of the figure


def test_a_huge_count_from_a_file_is_a_cell_value_error() -> None:
    report = zero_report(t3__new__natural=10 ** 29)
    assert [f.cells for f in check(report) if f.rule == "CELL.value"] == [("t3.new.natural",)]


def test_the_editor_refuses_a_typed_date_and_keeps_a_good_one() -> None:
    editor = Editor(zero_report())
    with pytest.raises(CellValueError, match="没有 13 月"):
        editor.meta_typed("published", "2026/13/45", TODAY)
    assert editor.meta_typed("published", "2026/1/20", TODAY) == SetText(MetaPlace("published"), "2026-01-20")
    assert editor.meta_typed("year", "2025", TODAY) == SetText(MetaPlace("year"), "2025")
    assert editor.meta_typed("organ", "某局", TODAY) == SetText(MetaPlace("organ"), "某局")
