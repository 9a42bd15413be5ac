"""Reading one table row: where its label ends, which of its texts are the figures, and which
layout row it is. Every decision either is certain or gives the reason it is not."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from app.format import ItemRole, Table
from app.importers.flow import Row, fold

_VALUEISH = re.compile(r"^[\d\s.,+\-−—–/*%]*(?:万?元)?$")
_FIGURE_WITH_WORDS = re.compile(r"^[+\-]?\d")  # 5件以上: a figure with words, not a label
_NUMBERED_LABEL = re.compile(r"^\d{1,2}\s*[.、]\s*\D")  # 1.属于国家秘密
# 零, 三件, 无: a figure written in words sits where a figure goes; it must not be taken for
# part of the label (which would leave the cell silently blank), so it is read as a figure
# and then refused as one, making the cell uncertain.
_FIGURE_IN_WORDS = re.compile(r"^[零〇一二三四五六七八九十百千万两无]{1,6}[件个条项次起]?$")
LABEL_MAX = 120  # longer "labels" are prose or noise; compared only by their start
MATCH_MIN = 0.6  # below this a source label is not that row at all


@dataclass(frozen=True)
class LayoutRow:
    """A body row of an official table: its row id, the ways its label may be written, its cells."""

    row_id: str
    forms: tuple[str, ...]
    cell_ids: tuple[str, ...]


def is_valueish(text: str) -> bool:
    """Whether a cell's text is a figure, a blank or a dash, rather than a label."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if _VALUEISH.match(folded) or _FIGURE_IN_WORDS.match(folded):
        return True
    return bool(_FIGURE_WITH_WORDS.match(folded)) and not _NUMBERED_LABEL.match(folded)


def split(row: Row) -> tuple[str, list[str]]:
    """A row's folded label (all label cells joined) and the texts after it."""
    end = -1
    for index, text in enumerate(row.cells):
        if text and not is_valueish(text):
            end = index
    label = fold("".join(row.cells[:end + 1]))[:LABEL_MAX]
    return label, list(row.cells[end + 1:])


def fit(area: list[str], count: int, start: Callable[[], int | None] | None = None) -> list[str] | str:
    """The ``count`` figures of a row, or why they cannot be told apart.

    Extra blank cells at either end (line-end tabs, empty label columns) are dropped only
    when every way of dropping them gives the same figures, or when the column headings
    above say where the figures start (``start`` gives an index into ``area``: the positions
    decide, so a blank 总计 at the end stays blank instead of shifting the row); a row with
    more figures than columns is read only when all its figures are the same.
    """
    if len(area) == count:
        return area
    windows = {}
    for begin in range(len(area) - count + 1):
        if all(not t for t in area[:begin]) and all(not t for t in area[begin + count:]):
            windows[begin] = area[begin:begin + count]
    if windows:
        first = next(iter(windows.values()))
        if all(w == first for w in windows.values()):
            return first
        where = start() if start is not None else None  # asked only here: finding it costs time
        if where is not None and where in windows:
            return windows[where]
        return f"这一行有 {len(area)} 格，只有 {count} 列，无法确定数字从哪一列开始"
    filled = [t for t in area if t]
    if len(filled) > count:
        if len(set(filled)) == 1:
            return filled[:count]
        return f"这一行有 {len(filled)} 个数，但表格只有 {count} 列，无法确定每个数属于哪一列"
    return f"这一行只有 {len(filled)} 个数，但表格有 {count} 列，无法确定缺的是哪一列"


def layout_rows(table: Table) -> list[LayoutRow]:
    """The body rows of a table with their label forms (leaf, group + leaf, full path)."""
    labels = [item for item in table.grid if item.role is ItemRole.LABEL]
    cells_by_row: dict[int, list[str]] = {}
    row_ids: dict[int, str] = {}
    for cell in table.cells:
        cells_by_row.setdefault(cell.grid_row, []).append(cell.id)
        row_ids[cell.grid_row] = cell.row
    rows = []
    for grid_row in sorted(cells_by_row):
        path = [fold(i.text) for i in sorted(labels, key=lambda i: i.col)
                if i.row <= grid_row < i.row + i.rowspan]
        forms = {path[-1], "".join(path[-2:]), "".join(path)} if path else set()
        rows.append(LayoutRow(row_ids[grid_row], tuple(sorted(forms)), tuple(cells_by_row[grid_row])))
    return rows


_MATCHERS: dict[str, SequenceMatcher[str]] = {}


def _matcher(form: str) -> SequenceMatcher[str]:
    """A matcher with ``form`` as its second sequence, kept: difflib caches what it learns of
    the second sequence, so comparing many labels with one form is much cheaper this way."""
    matcher = _MATCHERS.get(form)
    if matcher is None:
        matcher = _MATCHERS[form] = SequenceMatcher(None, "", form, autojunk=False)
    return matcher


def likeness(label: str, row: LayoutRow, floor: float = 0.0) -> float:
    """How well a source label names a layout row (0 to 1), its best form counting.

    Exact when it reaches ``floor``; below it only "less than floor" is promised, which
    lets the cheap upper bounds skip most comparisons (the mapper's time is spent here).
    """
    best = 0.0
    for form in row.forms:
        if label == form:
            return 1.0
        matcher = _matcher(form)
        matcher.set_seq1(label)
        if matcher.real_quick_ratio() <= best or matcher.real_quick_ratio() < floor:
            continue
        if matcher.quick_ratio() <= best or matcher.quick_ratio() < floor:
            continue
        best = max(best, matcher.ratio())
    return best


def align(labels: list[str], rows: list[LayoutRow]) -> dict[int, int]:
    """Source row index → layout row index: the best matching that keeps both orders.

    Pairs below MATCH_MIN are never made, so a row that names nothing stays unmatched.
    """
    n, m = len(labels), len(rows)
    score = [[likeness(labels[i], rows[j], MATCH_MIN) if labels[i] else 0.0 for j in range(m)] for i in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = score[i][j] + best[i + 1][j + 1] if score[i][j] >= MATCH_MIN else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs: dict[int, int] = {}
    i = j = 0
    while i < n and j < m:
        if score[i][j] >= MATCH_MIN and best[i][j] == score[i][j] + best[i + 1][j + 1]:
            pairs[i] = j
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs
