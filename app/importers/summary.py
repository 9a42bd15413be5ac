"""What an import found and could not read, in the words the command line and the window show."""

from __future__ import annotations

from dataclasses import dataclass

from app.importers import ImportResult


@dataclass(frozen=True)
class Item:
    """One thing an import could not read: where (cell id or section id) and why."""

    target: str | None
    reason: str


@dataclass(frozen=True)
class Summary:
    """Sections found, cells read and the uncertain items of one import."""

    title: str
    layout: str
    sections: tuple[str, ...]  # headings of the sections found, e.g. 一、总体情况
    sections_total: int
    cells_read: int  # cells with a figure read for certain
    cells_uncertain: int
    items: tuple[Item, ...]
    cells_blank: int = 0  # cells the published report leaves blank, imported blank (not 0)
    notes: tuple[Item, ...] = ()  # words printed beside a figure (22（其中修订16件）), kept per cell
    remarks: tuple[str, ...] = ()  # tables left out, rows missing, units converted: what and why
    notices: tuple[str, ...] = ()  # what was repaired on entry (invisible characters stripped)

    @property
    def line(self) -> str:
        """The counts, e.g. 找到部分：6 个；读取单元格：200 个；不确定：0 项, then the blank cells
        on a line of their own (blank is not 0: a clerk must see how many the report left blank)."""
        counts = (f"找到部分：{len(self.sections)} 个；读取单元格：{self.cells_read} 个；"
                  f"不确定：{len(self.items)} 项（其中单元格 {self.cells_uncertain} 个）")
        if self.notes:
            counts += f"；附注：{len(self.notes)} 项"
        blank = (f"空白单元格 {self.cells_blank} 个（原报告中留空，导入为空白，不按 0 计）" if self.cells_blank
                 else "空白单元格 0 个")
        return f"{counts}\n{blank}"


def summarise(result: ImportResult) -> Summary:
    """The summary of an import result."""
    report = result.report
    cells = report.cells
    doubtful = sum(item.cell_id in cells for item in result.uncertain)
    uncertain_cells = {item.cell_id for item in result.uncertain}
    blank = sum(value is None and cell_id not in uncertain_cells for cell_id, value in cells.items())
    headings = {s.id: s.title for s in report.layout.sections}
    return Summary(
        title=report.title,
        layout=report.layout.name,
        sections=tuple(headings[s] for s in result.sections_found if s in headings),
        sections_total=len(headings),
        cells_read=len(cells) - doubtful - blank,
        cells_uncertain=doubtful,
        items=tuple(Item(u.cell_id, u.reason) for u in result.uncertain),
        cells_blank=blank,
        notes=tuple(Item(cell_id, note) for cell_id, note in result.notes.items()),
        remarks=tuple(result.remarks),
        notices=tuple(result.notices),
    )
