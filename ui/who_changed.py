"""Who changed what: the revision, author and time of the last change to a cell, for tooltips.

Read from the draft's history (``app.history``); a cell changed since the last save says so.
"""

from __future__ import annotations

from app.rules import Finding
from ui.document import Document


def change_note(document: Document, cell_id: str) -> str | None:
    """最后修改：李四（财务科-PC02），2026-12-01 10:32（修订 ab12cd34）— or None without a history."""
    if document.history.head is None:
        return None
    if document.changed_since_save(cell_id):
        return "最后修改：本次打开后修改，尚未保存"
    revision = document.changed_by(cell_id)
    if revision is None:
        return None
    machine = f"（{revision.machine}）" if revision.machine else ""
    return f"最后修改：{revision.author}{machine}，{revision.local_time()}（修订 {revision.short_id}）"


def finding_note(document: Document, finding: Finding, limit: int = 3) -> str | None:
    """The last changes of a finding's cells, one line each (the first few), for the 问题 panel."""
    lines = []
    for cell_id in finding.cells[:limit]:
        note = change_note(document, cell_id)
        if note:
            label = document.report.cell(cell_id).label if cell_id in document.report.cells else cell_id
            lines.append(f"{label}：{note.removeprefix('最后修改：')}")
    if not lines:
        return None
    more = f"\n……另有 {len(finding.cells) - limit} 个单元格" if len(finding.cells) > limit else ""
    return "最后修改：\n" + "\n".join(lines) + more
