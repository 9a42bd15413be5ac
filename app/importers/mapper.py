"""The one mapper: an outline's tables to cell ids, the format recognised, the draft built.

Every cell ends up either read with certainty (a value, or blank when the published report
leaves it blank) or blank and listed as uncertain with the reason in Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.errors import CellValueError, ImportSourceError
from app.format import SECTIONS, Table, TableShape, layout, table_name
from app.format.model import ItemRole
from app.importers import ImportResult, Uncertain
from app.importers.figures import figure, heading_unit
from app.importers.flow import Flow, Row, fold
from app.importers.outline import Outline, outline
from app.opening import standard_opening
from app.importers.rows import LayoutRow, align, fit, layout_rows, likeness, split
from app.report import TOTALS_PUBLISHED, Meta, Report
from app.values import CellValue, parse

MAX_TABLE_ROWS = 300  # more rows than this under one heading is not one of the official tables
_STRONG = 0.8


@dataclass
class Mapped:
    """Cells read so far and the ones that could not be read, with their reasons."""

    values: dict[str, CellValue] = field(default_factory=dict)
    uncertain: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # cell id → words printed beside its figure
    remarks: list[str] = field(default_factory=list)
    rows_matched: int = 0

    def note(self, section_id: str, reason: str) -> None:
        """Something in a section that could not be placed in any cell (kept with the section)."""
        known = self.uncertain.get(section_id)
        self.uncertain[section_id] = f"{known}；{reason}" if known else reason

    def doubt(self, cell_id: str, reason: str) -> None:
        """Mark a cell uncertain (blank in the draft); the first reason given is kept."""
        self.values[cell_id] = None
        self.uncertain.setdefault(cell_id, reason)


def _grid_texts(table: Table) -> set[str]:
    """The folded heading and label texts of a table, to tell formats apart."""
    return {fold(i.text) for i in table.grid if i.text and i.role is not ItemRole.VALUE}


def _t2_variant(rows: list[Row]) -> str:
    """2019 or 2021 table 二, by which format's own headings and labels the rows use."""
    old, new = _grid_texts(layout("2019").table("t2_2019")), _grid_texts(layout("2021").table("t2"))
    texts = [fold(cell) for row in rows for cell in row.cells if cell]
    old_votes = sum(t in old - new for t in texts)
    new_votes = sum(t in new - old for t in texts)
    return "2019" if old_votes > new_votes else "2021"


def _t3_single_other(rows: list[Row]) -> bool:
    """Whether table 三 has the one-row （六）其他处理 of 2019 rather than its three 2021 rows."""
    split_rows = [r for r in layout_rows(layout("2021").table("t3")) if r.row_id.startswith("r6_")]
    single = [r for r in layout_rows(layout("2019").table("t3")) if r.row_id == "r6"]
    labels = [split(row)[0] for row in rows]
    if any(likeness(label, r, _STRONG) >= _STRONG for label in labels if label for r in split_rows):
        return False
    return any(likeness(label, r, 0.9) >= 0.9 for label in labels if label for r in single)


def detect_layout(found: Outline) -> str:
    """The layout id (2021, 2019 or hybrid) the tables are drawn in (spec section 7)."""
    t2 = _t2_variant(found.rows.get("s2", []))
    single = _t3_single_other(found.rows.get("s3", []))
    if t2 == "2019":
        return "2019"
    return "hybrid" if single else "2021"


def _store(mapped: Mapped, table: Table, cell_id: str, text: str, where: str, amount_unit: str = "万元") -> None:
    """Parse one cell's figure by its kind, keeping words beside it as a note; unreadable text
    makes the cell uncertain."""
    kind = table.cell(cell_id).kind
    found = figure(text, kind, amount_unit)
    try:
        mapped.values[cell_id] = parse(found.text, kind)
    except CellValueError as error:
        mapped.doubt(cell_id, f"{where}：{error}")
        return
    if found.note:
        mapped.notes[cell_id] = f"{where}：{found.note}"


def _header_start(rows: list[Row], index: int, heading: str) -> int | None:
    """Where, in row ``index``, its first figure sits by the column heading above it.

    The nearest earlier row of the same source table that prints the first column's heading
    gives its position; a row with fewer cells than that heading row lacks cells at its start
    (a label merged from above), so the position moves left by the difference.
    """
    wanted = fold(heading)[:4]
    if not wanted:
        return None
    row = rows[index]
    for earlier in reversed(rows[:index]):
        if earlier.table != row.table:
            break
        for position, text in enumerate(earlier.cells):
            if text and fold(text).startswith(wanted):
                return position + len(row.cells) - len(earlier.cells)
    return None


def _where(table: Table, cell_id: str) -> str:
    """'表三“本年新收 / 自然人”', the place a message names."""
    return f"{table_name(table)}“{table.cell(cell_id).label}”"


def _map_labelled(mapped: Mapped, table: Table, rows: list[Row]) -> None:
    """Rows that carry labels (t2, t3): match each to its layout row, then read its figures."""
    wanted = layout_rows(table)
    rows = rows[:MAX_TABLE_ROWS]
    split_rows = [split(row) for row in rows]
    pairs = align([label for label, _ in split_rows], wanted)
    amount_unit = heading_unit([text for row in rows for text in row.cells if "金额" in text])
    matched: set[int] = set()
    for source, target in pairs.items():
        layout_row: LayoutRow = wanted[target]
        matched.add(target)
        mapped.rows_matched += 1
        area = split_rows[source][1]
        heading = table.cell(layout_row.cell_ids[0]).col_label

        def start(source: int = source, area: list[str] = area, heading: str = heading) -> int | None:
            at = _header_start(rows, source, heading)
            return None if at is None else at - (len(rows[source].cells) - len(area))

        figures = fit(area, len(layout_row.cell_ids), start)
        if isinstance(figures, str):
            for cell_id in layout_row.cell_ids:
                mapped.doubt(cell_id, f"{_where(table, cell_id)}：{figures}")
            continue
        for cell_id, text in zip(layout_row.cell_ids, figures):
            _store(mapped, table, cell_id, text, _where(table, cell_id), amount_unit)
    for index, (label, area) in enumerate(split_rows):
        if index not in pairs and label and any(area):
            mapped.note(table.section,
                        f"{table_name(table)}中“{label[:30]}”这一行对应不到格式中的任何一行，其中的数字没有导入")
    for target, layout_row in enumerate(wanted):
        if target in matched:
            continue
        if layout_row.row_id in _OPTIONAL_ROWS.get(table.id, ()) and len(matched) >= len(wanted) // 2:
            for cell_id in layout_row.cell_ids:
                mapped.values[cell_id] = None
            label = table.cell(layout_row.cell_ids[0]).row_label
            mapped.remarks.append(f"{table_name(table)}没有“{label}”这一行（没有这项职权的机关常省略），其单元格导入为空白")
            continue
        for cell_id in layout_row.cell_ids:
            mapped.doubt(cell_id, f"{_where(table, cell_id)}：报告中没有找到这一行")


# Rows an organ without the power leaves out of its table (规章: only governments that make them).
_OPTIONAL_ROWS = {"t2": ("gz",), "t2_2019": ("gz",)}


def _map_t4(mapped: Mapped, table: Table, rows: list[Row]) -> None:
    """Table 四: its one row of fifteen figures, the only row without a label.

    A row of figures that is not fifteen wide (a year, a note's number under the header)
    is not the data row when there is exactly one full-width row.
    """
    count = len(table.cells)
    candidates = [split(row)[1] for row in rows if not split(row)[0]]
    filled = [area for area in candidates if any(area)]
    cell_ids = [c.id for c in table.cells]
    if len(filled) > 1:
        full = [area for area in filled if len(area) >= count]
        most = max((sum(bool(t) for t in area) for area in full), default=0)
        fullest = [area for area in full if sum(bool(t) for t in area) == most]
        if len(full) > 1 and len(fullest) == 1 and most >= count // 3:
            full = fullest  # a row with one figure (a year, a note's count) beside the row of figures
        if len(full) == 1:
            for area in filled:
                if area is not full[0]:
                    shown = " ".join(t for t in area if t)
                    mapped.remarks.append(f"表四中“{shown[:30]}”这一行不是表四的十五个数字，没有导入")
            filled = full
    if len(filled) > 1:
        for cell_id in cell_ids:
            mapped.doubt(cell_id, f"{_where(table, cell_id)}：表四有 {len(filled)} 行数字，无法确定哪一行是数据")
        return
    if not filled:
        empty = [area for area in candidates if len(area) >= count]
        if empty:
            for cell_id in cell_ids:
                mapped.values[cell_id] = None
            mapped.rows_matched += 1
            return
        for cell_id in cell_ids:
            mapped.doubt(cell_id, f"{_where(table, cell_id)}：报告中没有找到表四的数字")
        return
    mapped.rows_matched += 1
    figures = fit(filled[0], count)
    if isinstance(figures, str):
        for cell_id in cell_ids:
            mapped.doubt(cell_id, f"{_where(table, cell_id)}：{figures}")
        return
    for cell_id, text in zip(cell_ids, figures):
        _store(mapped, table, cell_id, text, _where(table, cell_id))


def _official_rows(mapped: Mapped, table: Table, rows: list[Row]) -> list[Row]:
    """The rows of the source tables under a section that are this official table.

    A source table is the official one (or a page's part of it) when it prints one of the
    table's own headings or labels, or, for 表四, a row of all its figures; any other table
    (信息处理费收取情况, a page's metadata) is left out and named in the summary.
    """
    grid = _grid_texts(table)
    wanted = layout_rows(table)
    groups: dict[int, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.table, []).append(row)
    kept: list[Row] = []
    for group in groups.values():
        texts = [fold(cell) for row in group for cell in row.cells if cell]
        if (not texts or any(text in grid for text in texts)
                or table.section == "s4" and any(len(split(row)[1]) >= len(table.cells) for row in group)
                or any(likeness(label, r, _STRONG) >= _STRONG for row in group for label in [split(row)[0]] if label
                       for r in wanted)):
            kept.extend(group)
            continue
        first = next((cell for row in group for cell in row.cells if cell), "")
        mapped.remarks.append(f"{table_name(table)}所在部分中，首格为“{first[:20]}”的表格不是{table_name(table)}，没有导入")
    return kept


def organ_kind(organ: str) -> str:
    """The organ kind of the draft, from how its name ends (部门, the usual, when unknown)."""
    if not organ:
        return "部门"
    if organ.endswith(("镇人民政府", "乡人民政府", "街道办事处")):
        return "乡镇街道"
    if organ.endswith("人民政府"):
        return "人民政府"
    if organ.endswith(("局", "委员会", "办公室", "办公厅", "厅", "委", "办", "中心", "院", "署")):
        return "部门"
    return "其他"


def build(flow: Flow, name: str) -> ImportResult:
    """The draft and the list of what could not be read, from any reader's flow."""
    from app import progress

    progress.report(0, 0, "正在整理各部分和表格")
    found = outline(flow)
    layout_id = detect_layout(found)
    lay = layout(layout_id)
    mapped = Mapped()
    for table in lay.tables:
        rows = _official_rows(mapped, table, found.rows.get(table.section, []))
        if table.shape is TableShape.ROW:
            _map_t4(mapped, table, rows)
        else:
            _map_labelled(mapped, table, rows)
    if len(found.found) < 2 and mapped.rows_matched < 3:
        raise ImportSourceError(f"“{name}”看起来不是政府信息公开工作年度报告（没有找到报告的各部分标题和表格），无法导入。")
    if not found.complete and (len(found.found) < len(SECTIONS) or mapped.uncertain):
        raise ImportSourceError(f"“{name}”不完整（文件在中途就断了），无法导入；请重新保存完整的文件后再试。")
    report = Report(layout_id=layout_id,
                    meta=Meta(organ=found.organ, kind=organ_kind(found.organ), year=found.year,
                              published=found.published, opening=found.opening),
                    sections=found.sections, totals=TOTALS_PUBLISHED)
    if report.meta.opening == standard_opening(report):
        report.meta.opening = ""  # the standard paragraph (our own export): it keeps following 报告信息
    for cell_id, value in mapped.values.items():
        report.cells[cell_id] = value
    for section in SECTIONS:
        if section.id not in found.found:
            mapped.note(section.id, f"没有找到“{section.title}”这一部分")
    report.uncertain = dict(mapped.uncertain)
    uncertain = [Uncertain(key, reason) for key, reason in mapped.uncertain.items()]
    return ImportResult(report, uncertain, list(found.found), dict(mapped.notes), list(mapped.remarks))
