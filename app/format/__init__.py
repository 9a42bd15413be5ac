"""The report format as data: the one definition every part of nianbao reads."""

from app.format.layouts import (
    DEFAULT_S1_PARTS,
    HEADING_VARIANTS,
    LAYOUTS,
    PLACEHOLDER_PREFIX,
    SECTIONS,
    T3_NOTE,
    TITLE_SUFFIX,
    layout,
    table_name,
)
from app.format.model import (
    Balance,
    Cell,
    CellKind,
    GridItem,
    ItemRole,
    Layout,
    Section,
    Sum,
    Table,
)

__all__ = [
    "DEFAULT_S1_PARTS", "HEADING_VARIANTS", "LAYOUTS", "PLACEHOLDER_PREFIX", "SECTIONS", "T3_NOTE", "TITLE_SUFFIX",
    "layout", "table_name", "Balance", "Cell", "CellKind", "GridItem", "ItemRole", "Layout", "Section", "Sum",
    "Table",
]
