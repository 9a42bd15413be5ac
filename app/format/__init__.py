"""The report format as data: the one definition every part of nianbao reads."""

from app.format.layouts import (
    DEFAULT_S1_PARTS,
    DOCUMENT_ROWS,
    HEADING_VARIANTS,
    LAYOUTS,
    PLACEHOLDER_PREFIX,
    SECTIONS,
    T3_COLUMNS,
    T3_NOTE,
    TABLE_SECTIONS,
    TITLE_SUFFIX,
    layout,
    section_title,
    table_name,
)
from app.format.meta import (
    DEFAULT_ORGAN_KIND,
    META_FIELDS,
    META_TITLE,
    ORGAN_KINDS,
    YEAR_RANGE,
    MetaField,
    MetaKind,
    meta_field,
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
    TableShape,
)
from app.format.parts import chinese_number, part_number, part_numbers, prints, subheading_text

__all__ = [
    "DEFAULT_S1_PARTS", "DOCUMENT_ROWS", "HEADING_VARIANTS", "LAYOUTS", "PLACEHOLDER_PREFIX", "SECTIONS",
    "T3_COLUMNS", "T3_NOTE", "TABLE_SECTIONS", "TITLE_SUFFIX", "layout", "section_title", "table_name",
    "DEFAULT_ORGAN_KIND", "META_FIELDS", "META_TITLE", "ORGAN_KINDS", "YEAR_RANGE", "MetaField", "MetaKind",
    "meta_field", "Balance", "Cell", "CellKind", "GridItem", "ItemRole", "Layout", "Section", "Sum", "Table",
    "TableShape", "chinese_number", "part_number", "part_numbers", "prints", "subheading_text",
]
