"""Cell values: parsing what a person types, checking what a file holds, writing them back.

A value in memory is ``int`` (counts), ``Decimal`` (万元 amounts), ``str`` (a figure kept
as written, or an unreadable value taken over from a file) or ``None`` (blank).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from app.errors import CellValueError
from app.format import CellKind

CellValue = int | Decimal | str | None

_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN_INT = re.compile(r"^[+-]?\d+$")
_PLAIN_DEC = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
MAX_MAGNITUDE = 15  # digits before or after the point; beyond that a figure is a mistake
# A count (documents, decisions, applications, cases of one organ in one year) has at most ten
# digits: 9 999 999 999 is about seven times China's population (1.41 billion, 2020 census), so no
# organ's yearly count comes near it, while the largest published ones (traffic penalty decisions of
# a province's police) have eight. More digits are a slip of the keyboard; the bound also keeps every
# count exact in Excel (15 significant digits) and inside its column of the printed table.
MAX_COUNT_DIGITS = 10
MAX_COUNT = 10 ** MAX_COUNT_DIGITS - 1
FIRST_YEAR = 2008  # the first year of reports under 《政府信息公开条例》 (in force 1 May 2008)
_FULL_WIDTH = {**{0xFF10 + i: str(i) for i in range(10)}, 0xFF0C: ",", 0xFF0E: ".", 0xFF0D: "-",
               0xFF0B: "+", 0x3000: " ", 0x2212: "-", 0xFF5E: "~"}


def normalise(text: str) -> str:
    """Full-width digits and signs to ASCII, spaces dropped, separators checked.

    Only the full-width forms a Chinese input method types are folded: ① or ² are refused
    rather than silently read as 1 or 2.
    """
    folded = text.translate(_FULL_WIDTH)
    folded = "".join(ch for ch in folded if not ch.isspace())
    if "," in folded:
        if not _GROUPED.match(folded):
            raise CellValueError(f"“{text.strip()}”中的千位分隔符位置不对，请按 1,234 的格式填写或直接填写数字。")
        folded = folded.replace(",", "")
    return folded


def parse(text: str, kind: CellKind) -> CellValue:
    """The value a person meant by ``text``, or CellValueError with the reason in Chinese.

    Empty text means a blank cell (None).
    """
    if kind is CellKind.TEXT:
        return text.strip() or None
    shown = text.strip()
    value = normalise(text)
    if value == "":
        return None
    if kind is CellKind.AMOUNT:
        if not _PLAIN_DEC.match(value):
            raise CellValueError(f"“{shown}”不是数字。这里填写金额（单位：万元），例如 12.5。")
        amount = Decimal(value)
        if amount < 0:
            raise CellValueError(f"金额不能为负数（填写的是 {shown}）。")
        if not _plausible(amount):
            raise CellValueError(f"“{shown}”数值过大或小数位过多，请检查单位是否为万元。")
        return amount + 0  # -0 becomes 0
    if not _PLAIN_INT.match(value):
        if _PLAIN_DEC.match(value):
            raise CellValueError(f"这里只能填写整数（填写的是 {shown}）。")
        raise CellValueError(f"“{shown}”不是数字。这里只能填写整数，例如 0 或 12。")
    digits = len(value.lstrip("+-").lstrip("0"))
    if digits > MAX_COUNT_DIGITS:
        raise CellValueError(f"“{shown}”有 {digits} 位数，太大了：表中的数量最多 {MAX_COUNT_DIGITS} 位"
                             f"（不超过 {MAX_COUNT}）。请检查是否多输入了数字。")
    number = int(value)
    if kind is CellKind.COUNT and number < 0:
        raise CellValueError(f"这里不能填写负数（填写的是 {shown}）。")
    return number


def is_valid(value: CellValue, kind: CellKind) -> bool:
    """Whether a stored value is a proper value of its kind (blank counts as valid here)."""
    if value is None:
        return True
    if kind is CellKind.TEXT:
        return isinstance(value, str)
    if kind is CellKind.AMOUNT:
        return isinstance(value, Decimal) and value.is_finite() and value >= 0 and _plausible(value)
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_COUNT:
        return False
    return kind is CellKind.SIGNED or value >= 0


def year_range(today: date | None = None) -> tuple[int, int]:
    """The years a report or its 发布日期 can have: from 2008 to next year."""
    return FIRST_YEAR, (today or date.today()).year + 1


_DATE_TYPED = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_year(text: str, today: date | None = None) -> int | None:
    """A typed 统计年度: four digits from 2008 to next year; empty means not set.

    CellValueError with the reason in Chinese otherwise.
    """
    shown = text.strip()
    digits = shown.translate(_FULL_WIDTH).strip()
    if not digits:
        return None
    low, high = year_range(today)
    if not digits.isdigit() or len(digits) != 4 or not low <= int(digits) <= high:
        raise CellValueError(f"“{shown}”不是可用的年度：统计年度应为 {low} 年至 {high} 年之间的四位数字。")
    return int(digits)


def parse_date(text: str, today: date | None = None) -> str:
    """A typed 发布日期 as YYYY-MM-DD (2026/1/20, 2026.1.20 and 2026年1月20日 are read too);
    empty means not set. CellValueError says why a text is not a real date of a report."""
    shown = text.strip()
    folded = shown.translate(_FULL_WIDTH).strip()
    if not folded:
        return ""
    match = _DATE_TYPED.match(folded)
    if not match:
        raise CellValueError(f"“{shown}”不是日期。请按“2026-01-20”的格式填写。")
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        raise CellValueError(f"“{shown}”不是真实的日期：没有 {month} 月（月份为 1 至 12）。")
    try:
        real = date(year, month, day)
    except ValueError:
        last = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
        raise CellValueError(f"“{shown}”不是真实的日期：{year} 年 {month} 月只有 {last} 天。") from None
    low, high = year_range(today)
    if not low <= year <= high:
        raise CellValueError(f"“{shown}”的年份不对：发布日期应在 {low} 年至 {high} 年之间。")
    return real.isoformat()


def _plausible(amount: Decimal) -> bool:
    """A finite decimal of sane size, safe to add up and to print."""
    return amount.is_finite() and (amount.is_zero() or -MAX_MAGNITUDE <= amount.adjusted() <= MAX_MAGNITUDE)


def number(value: CellValue) -> int | Decimal:
    """The value as a number for sums: blanks and unreadable values count as 0."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return 0
    if isinstance(value, Decimal) and not _plausible(value):
        return 0
    return value


def display(value: CellValue) -> str:
    """The text shown for a value: exactly as entered for amounts, empty for blanks."""
    if value is None:
        return ""
    return str(value)


def to_json(value: CellValue) -> int | str | None:
    """The canonical-JSON form: integers as numbers, amounts as decimal strings."""
    if isinstance(value, Decimal):
        return str(value)
    return value


def from_json(raw: object, kind: CellKind) -> CellValue:
    """A value read from JSON, kept as given: nothing is rounded or recomputed.

    Values that do not fit the kind are kept (as text where needed) so the CELL.value
    rule can point at them instead of the import silently changing them.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        return str(raw).lower()
    if kind is CellKind.AMOUNT:
        if isinstance(raw, (int, Decimal)):
            amount = Decimal(raw)
            return amount if _plausible(amount) else str(raw)
        if isinstance(raw, float):
            return Decimal(repr(raw))
        if isinstance(raw, str):
            try:
                amount = Decimal(raw.strip())
            except InvalidOperation:
                return raw
            return amount if _plausible(amount) else raw
        return str(raw)
    if kind is CellKind.TEXT:
        return raw if isinstance(raw, str) else str(raw)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, Decimal):
        if not _plausible(raw):
            return str(raw)
        return int(raw) if raw == raw.to_integral_value() and "." not in str(raw) else raw
    if isinstance(raw, float):
        return Decimal(repr(raw))
    return str(raw)
