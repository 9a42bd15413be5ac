"""The shapes in which the report format is written down once, as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from app.errors import FormatDefinitionError


class CellKind(Enum):
    """What a table cell holds; decides parsing, storage and the CELL.value rule."""

    COUNT = "count"  # a non-negative integer
    SIGNED = "signed"  # an integer that may be negative (2019 本年增/减)
    AMOUNT = "amount"  # a non-negative decimal in 万元, never a float
    TEXT = "text"  # a figure kept as written, with its unit (2019 采购总金额)


class ItemRole(Enum):
    """The part a grid item plays in the drawn table."""

    HEADER = "header"  # a column heading (the header rows at the top, or a block's own)
    BLOCK = "block"  # a full-width heading naming a block of t2 (第二十条第（一）项)
    LABEL = "label"  # a row label
    VALUE = "value"  # a cell that holds a figure


class TableShape(Enum):
    """How a table is drawn and read: decides its import mapping and its printed look."""

    BLOCKS = "blocks"  # headed blocks, each with its own column headings (t2)
    MATRIX = "matrix"  # labelled rows × columns under a multi-level header (t3)
    ROW = "row"  # one unnamed row of figures under a multi-level header (t4)


@dataclass(frozen=True)
class GridItem:
    """One drawn rectangle of an official table: position, span and what it shows."""

    row: int
    col: int
    role: ItemRole
    text: str = ""
    cell_id: str | None = None
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Cell:
    """One figure of the report, named by its stable id (e.g. ``t3.new.natural``)."""

    id: str
    table: str
    row: str
    col: str
    kind: CellKind
    row_label: str
    col_label: str
    grid_row: int
    grid_col: int

    @property
    def label(self) -> str:
        """Where the cell sits, as a clerk would say it."""
        return f"{self.row_label} / {self.col_label}" if self.col_label else self.row_label


@dataclass(frozen=True)
class Sum:
    """A total the format defines: ``target`` equals the sum of ``parts``.

    The same definition computes totals live in the form and checks them as a rule.
    """

    rule: str
    target: str
    parts: tuple[str, ...]
    scope: str  # e.g. "自然人列" or "本年新收行"


@dataclass(frozen=True)
class Balance:
    """An equality between two sums that is checked but never computed (T3.col)."""

    rule: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    scope: str


@dataclass(frozen=True)
class Table:
    """An official table: its grid as drawn, its cells, and the sums it carries."""

    id: str
    variant: str
    section: str
    title: str
    shape: TableShape
    rows: int
    cols: int
    header_rows: int
    grid: tuple[GridItem, ...]
    cells: tuple[Cell, ...]
    sums: tuple[Sum, ...] = ()
    balances: tuple[Balance, ...] = ()
    short_rows: dict[str, str] = field(default_factory=dict)
    short_cols: dict[str, str] = field(default_factory=dict)

    def cell(self, cell_id: str) -> Cell:
        """The cell of that id; KeyError if this table has none."""
        for cell in self.cells:
            if cell.id == cell_id:
                return cell
        raise KeyError(cell_id)


@dataclass(frozen=True)
class Section:
    """One of the six sections: its id, canonical heading and what it holds."""

    id: str
    number: str
    heading: str
    short: str
    table: str | None = None

    @property
    def title(self) -> str:
        """The heading as printed and shown: 一、总体情况."""
        return f"{self.number}、{self.heading}"

    @property
    def short_title(self) -> str:
        """The short form the navigator shows: 三、申请办理."""
        return f"{self.number}、{self.short}"


@dataclass(frozen=True)
class Layout:
    """A complete report format: the six sections and their tables (2021, 2019 or hybrid)."""

    id: str
    name: str
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    # Single cells the rules name by role (e.g. ``fee`` → ``t2.fee.amount``); a layout
    # without a role has no rule that needs it. Checked against the cells when built.
    named: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        ids = {c.id for t in self.tables for c in t.cells}
        missing = sorted(f"{role} → {cell_id}" for role, cell_id in self.named.items() if cell_id not in ids)
        if missing:
            raise FormatDefinitionError(f"{self.name}的命名单元格在表格中不存在：{'、'.join(missing)}")

    def has(self, role: str) -> bool:
        """Whether this layout has the named cell of that role."""
        return role in self.named

    def named_cell(self, role: str) -> str:
        """The cell id a role names in this layout; KeyError if the layout has none."""
        return self.named[role]

    def table(self, table_id: str) -> Table:
        """The table of that id in this layout."""
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)

    @property
    def cells(self) -> tuple[Cell, ...]:
        """Every cell of the layout, in reading order."""
        return tuple(cell for table in self.tables for cell in table.cells)

    @property
    def sums(self) -> tuple[Sum, ...]:
        """Every total the layout defines."""
        return tuple(s for table in self.tables for s in table.sums)

    def section_tables(self, section_id: str) -> tuple[Table, ...]:
        """The tables a section holds in this layout (the 2019 table 二 is ``t2_2019``)."""
        return tuple(t for t in self.tables if t.section == section_id)

    def section(self, section_id: str) -> Section:
        """The section of that id."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)
