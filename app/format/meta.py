"""The report information (报告信息) as data: its fields, their labels and kinds, organ kinds.

The form, the rules' messages, the command line and the canonical JSON read these, so a
label is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

META_TITLE = "报告信息"
ORGAN_KINDS: tuple[str, ...] = ("人民政府", "部门", "乡镇街道", "其他")
DEFAULT_ORGAN_KIND = "部门"
YEAR_RANGE = (2008, 2100)  # 《条例》 reports began with 2008


class MetaKind(Enum):
    """What a field holds, which decides its editor and how typed text is read."""

    TEXT = "text"  # one line
    CHOICE = "choice"  # one of ``choices``
    YEAR = "year"  # four digits, stored as a number
    DATE = "date"  # as written, normally YYYY-MM-DD
    LINES = "lines"  # a few lines (address, telephone)
    PARAGRAPH = "paragraph"  # a paragraph of the report itself (the opening paragraph)


@dataclass(frozen=True)
class MetaField:
    """One field of 报告信息: its id in the draft, its label, kind and an example."""

    id: str
    label: str
    kind: MetaKind
    hint: str = ""
    choices: tuple[str, ...] = ()


META_FIELDS: tuple[MetaField, ...] = (
    MetaField("organ", "机关名称", MetaKind.TEXT, "例如：某某县发展和改革局"),
    MetaField("kind", "机关类型", MetaKind.CHOICE, choices=ORGAN_KINDS),
    MetaField("year", "统计年度", MetaKind.YEAR, "例如：2025"),
    MetaField("published", "发布日期", MetaKind.DATE, "例如：2026-01-20"),
    MetaField("contact", "联系方式", MetaKind.LINES, "地址、邮编、电话、电子邮箱，用于报告开头“如对本报告有疑问……”"),
    MetaField("website", "电子版网址", MetaKind.TEXT, "例如：某某县人民政府门户网站（www.example.gov.cn）"),
    MetaField("opening", "开头段落", MetaKind.PARAGRAPH,
              "报告标题下、“一、总体情况”之前的段落。不填时按上面的报告信息生成标准段落。"),
)


def meta_field(field_id: str) -> MetaField:
    """The field of that id; KeyError for an unknown one."""
    for field in META_FIELDS:
        if field.id == field_id:
            return field
    raise KeyError(field_id)
