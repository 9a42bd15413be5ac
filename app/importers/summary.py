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
    cells_read: int
    cells_uncertain: int
    items: tuple[Item, ...]

    @property
    def line(self) -> str:
        """The one-line count, e.g. 找到部分：6 个；读取单元格：200 个；不确定：0 项."""
        return (f"找到部分：{len(self.sections)} 个；读取单元格：{self.cells_read} 个；"
                f"不确定：{len(self.items)} 项（其中单元格 {self.cells_uncertain} 个）")


def summarise(result: ImportResult) -> Summary:
    """The summary of an import result."""
    report = result.report
    cells = report.cells
    doubtful = sum(item.cell_id in cells for item in result.uncertain)
    headings = {s.id: s.title for s in report.layout.sections}
    return Summary(
        title=report.title,
        layout=report.layout.name,
        sections=tuple(headings[s] for s in result.sections_found if s in headings),
        sections_total=len(headings),
        cells_read=len(cells) - doubtful,
        cells_uncertain=doubtful,
        items=tuple(Item(u.cell_id, u.reason) for u in result.uncertain),
    )
