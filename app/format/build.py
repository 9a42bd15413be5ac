"""Turn the compact table descriptions of ``layouts`` into full grids, cells and sums.

The official tables are written down as label paths and column trees; the merged
rectangles (spans) are derived here, so no span is ever typed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.format.model import Balance, Cell, CellKind, GridItem, ItemRole, Sum, Table, TableShape


@dataclass(frozen=True)
class RowSpec:
    """A body row of a matrix table: its id, its label path and a short name for messages."""

    id: str
    path: tuple[str, ...]
    short: str


@dataclass(frozen=True)
class ColSpec:
    """A value column: its id, its heading path (outer group first) and a short name."""

    id: str
    path: tuple[str, ...]
    short: str


def _runs(values: list[tuple[str, ...] | None]) -> list[tuple[int, int]]:
    """Start and length of each run of equal, non-None consecutive values."""
    runs: list[tuple[int, int]] = []
    start = 0
    while start < len(values):
        end = start + 1
        while end < len(values) and values[start] is not None and values[end] == values[start]:
            end += 1
        if values[start] is not None:
            runs.append((start, end - start))
        start = end
    return runs


def _tree_spans(paths: list[tuple[str, ...]], depth: int) -> list[tuple[int, int, int, bool, str]]:
    """The merged rectangles of a label tree, as (level, start, length, is_leaf, text).

    Column headings and row labels are the same tree drawn across or down: a group spans
    its children at its level, and a leaf reaches to the deepest level.
    """
    spans = []
    for level in range(depth):
        keys = [p[: level + 1] if len(p) > level else None for p in paths]
        for start, length in _runs(keys):
            path = paths[start]
            spans.append((level, start, length, len(path) == level + 1, path[level]))
    return spans


def matrix_table(
    *,
    table_id: str,
    variant: str,
    section: str,
    title: str,
    corner: str,
    label_cols: int,
    rows: list[RowSpec],
    cols: list[ColSpec],
    kind: CellKind = CellKind.COUNT,
    sums: list[Sum] | None = None,
    balances: list[Balance] | None = None,
) -> Table:
    """A table whose body is rows × columns of figures under a multi-level header (t3, t4)."""
    depth = max(len(c.path) for c in cols)
    grid: list[GridItem] = []
    if label_cols:
        grid.append(GridItem(0, 0, ItemRole.HEADER, corner, rowspan=depth, colspan=label_cols))
    for level, start, length, leaf, text in _tree_spans([c.path for c in cols], depth):
        grid.append(GridItem(level, label_cols + start, ItemRole.HEADER, text,
                             rowspan=depth - level if leaf else 1, colspan=length))
    for level, start, length, leaf, text in _tree_spans([r.path for r in rows], label_cols):
        grid.append(GridItem(depth + start, level, ItemRole.LABEL, text,
                             rowspan=length, colspan=label_cols - level if leaf else 1))
    cells: list[Cell] = []
    for r_index, row in enumerate(rows):
        for c_index, col in enumerate(cols):
            grid_row, grid_col = depth + r_index, label_cols + c_index
            if row.id:
                cell = Cell(f"{table_id}.{row.id}.{col.id}", table_id, row.id, col.id, kind,
                            row.short, col.short, grid_row, grid_col)
            else:  # a single unnamed row (t4): the column id names group and result
                group, result = col.id.split(".", 1)
                cell = Cell(f"{table_id}.{col.id}", table_id, group, result, kind,
                            col.path[-2], col.path[-1], grid_row, grid_col)
            grid.append(GridItem(grid_row, grid_col, ItemRole.VALUE, cell_id=cell.id))
            cells.append(cell)
    return Table(
        id=table_id,
        variant=variant,
        section=section,
        title=title,
        shape=TableShape.MATRIX if label_cols else TableShape.ROW,
        rows=depth + len(rows),
        cols=label_cols + len(cols),
        header_rows=depth,
        grid=tuple(grid),
        cells=tuple(cells),
        sums=tuple(sums or ()),
        balances=tuple(balances or ()),
        short_rows={c.row: c.row_label for c in cells},
        short_cols={c.col: c.col_label for c in cells},
    )


@dataclass(frozen=True)
class BlockRow:
    """A row of a t2 block: id, label, and the kind of each of its value columns."""

    id: str
    label: str
    kinds: tuple[CellKind, ...]


@dataclass(frozen=True)
class Block:
    """A block of t2: a full-width heading, column headings, then its rows.

    ``columns`` are (id, heading) pairs; a row with fewer values than the table has
    value columns stretches its last value over the rest, as the official table does.
    """

    heading: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[BlockRow, ...]


def block_table(
    *, table_id: str, variant: str, section: str, title: str, corner: str, value_cols: int,
    blocks: list[Block],
) -> Table:
    """A table made of headed blocks, each with its own column headings (t2)."""
    width = 1 + value_cols
    grid: list[GridItem] = []
    cells: list[Cell] = []
    line = 0
    for block in blocks:
        grid.append(GridItem(line, 0, ItemRole.BLOCK, block.heading, colspan=width))
        line += 1
        grid.append(GridItem(line, 0, ItemRole.HEADER, corner))
        spans = _stretch(len(block.columns), value_cols)
        col = 1
        for (_, heading), span in zip(block.columns, spans):
            grid.append(GridItem(line, col, ItemRole.HEADER, heading, colspan=span))
            col += span
        line += 1
        for row in block.rows:
            grid.append(GridItem(line, 0, ItemRole.LABEL, row.label))
            col = 1
            for (col_id, heading), span, kind in zip(block.columns, spans, row.kinds):
                cell_id = f"{table_id}.{row.id}.{col_id}"
                grid.append(GridItem(line, col, ItemRole.VALUE, cell_id=cell_id, colspan=span))
                cells.append(Cell(cell_id, table_id, row.id, col_id, kind, row.label, heading, line, col))
                col += span
            line += 1
    return Table(
        id=table_id,
        variant=variant,
        section=section,
        title=title,
        shape=TableShape.BLOCKS,
        rows=line,
        cols=width,
        header_rows=0,
        grid=tuple(grid),
        cells=tuple(cells),
        short_rows={r.id: r.label for b in blocks for r in b.rows},
        short_cols={c: h for b in blocks for c, h in b.columns},
    )


def _stretch(count: int, width: int) -> list[int]:
    """Spans for ``count`` headings across ``width`` columns: the last one takes the rest."""
    return [1] * (count - 1) + [width - count + 1]
