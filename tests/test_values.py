"""Typing a figure: what is accepted, how it is normalised, and what is refused and why."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.errors import CellValueError
from app.format import CellKind
from app.values import from_json, is_valid, parse, to_json


@pytest.mark.parametrize("text, value", [
    ("12", 12), ("１２", 12), (" 1,234 ", 1234), ("１，２３４", 1234), ("0", 0), ("", None),
    ("\u3000７\u3000", 7),
])
def test_counts_are_normalised(text: str, value: int | None) -> None:
    assert parse(text, CellKind.COUNT) == value


@pytest.mark.parametrize("text, reason", [
    ("abc", "不是数字"), ("-3", "负数"), ("1.5", "整数"), ("12,34", "千位分隔符"), ("1e3", "不是数字"),
])
def test_bad_counts_are_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(CellValueError, match=reason):
        parse(text, CellKind.COUNT)


def test_amounts_stay_exact_decimals() -> None:
    assert parse("96171.6", CellKind.AMOUNT) == Decimal("96171.6")
    assert str(parse("０.１２３４", CellKind.AMOUNT)) == "0.1234"
    assert to_json(parse("7,730.28", CellKind.AMOUNT)) == "7730.28"
    with pytest.raises(CellValueError, match="负数"):
        parse("-1", CellKind.AMOUNT)
    with pytest.raises(CellValueError):
        parse("NaN", CellKind.AMOUNT)


def test_signed_counts_take_a_minus() -> None:
    assert parse("-2", CellKind.SIGNED) == -2


def test_json_values_are_kept_as_given() -> None:
    assert from_json(5, CellKind.COUNT) == 5
    assert from_json(-3, CellKind.COUNT) == -3 and not is_valid(-3, CellKind.COUNT)
    assert from_json("x", CellKind.COUNT) == "x" and not is_valid("x", CellKind.COUNT)
    assert from_json("96171.60", CellKind.AMOUNT) == Decimal("96171.60")
    assert str(from_json(Decimal("0.5"), CellKind.AMOUNT)) == "0.5"
    assert from_json(None, CellKind.AMOUNT) is None


def test_only_input_method_forms_are_folded() -> None:
    with pytest.raises(CellValueError):
        parse("①", CellKind.COUNT)
    with pytest.raises(CellValueError):
        parse("10²", CellKind.COUNT)
    assert str(parse("-0", CellKind.AMOUNT)) == "0"
    with pytest.raises(CellValueError, match="数值过大"):
        parse("1" + "0" * 20, CellKind.AMOUNT)
