"""Undoable edits: each command records before and after, and applies through the Document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from app.report import TOTALS_NAMES, Part
from app.values import CellValue

if TYPE_CHECKING:
    from ui.document import Document, TextPlace

_TEXT_ID = 1001


class SetCells(QUndoCommand):
    """One or more cells set at once (a typed value, a pasted block, a deletion)."""

    def __init__(self, document: Document, old: dict[str, CellValue], new: dict[str, CellValue],
                 label: str) -> None:
        super().__init__(label)
        self.document, self.old, self.new = document, old, new

    def redo(self) -> None:
        self.document._apply_cells(self.new)

    def undo(self) -> None:
        self.document._apply_cells(self.old)


class SetText(QUndoCommand):
    """A text changed; a burst of typing in the same field merges into one step."""

    def __init__(self, document: Document, place: TextPlace, old: str, new: str) -> None:
        super().__init__(_text_label(document, place))
        self.document, self.place, self.old, self.new = document, place, old, new

    def id(self) -> int:
        return _TEXT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetText) or other.place != self.place:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.document._apply_text(self.place, self.new)

    def undo(self) -> None:
        self.document._apply_text(self.place, self.old)


def _text_label(document: Document, place: TextPlace) -> str:
    """How the undo history names a text edit."""
    if place[0] == "meta":
        return "修改报告信息"
    section = document.report.layout.section(str(place[0]))
    return f"编辑“{section.number}、{section.heading}”"


class SetParts(QUndoCommand):
    """A section's sub-heads replaced as a whole (add, remove, rename, move)."""

    def __init__(self, document: Document, section: str, old: list[Part], new: list[Part],
                 label: str) -> None:
        super().__init__(label)
        self.document, self.section = document, section
        self.old = [Part(p.title, p.text) for p in old]
        self.new = [Part(p.title, p.text) for p in new]

    def redo(self) -> None:
        self.document._apply_parts(self.section, self.new)

    def undo(self) -> None:
        self.document._apply_parts(self.section, self.old)


class SetTotalsMode(QUndoCommand):
    """Totals computed or kept as published; undo restores the totals as they were."""

    def __init__(self, document: Document, mode: str) -> None:
        super().__init__(f"合计改为{TOTALS_NAMES[mode]}")
        self.document, self.mode = document, mode
        self.old_mode = document.report.totals
        self.old_totals = {c: document.report.cells[c] for c in document.report.computed_cells()}

    def redo(self) -> None:
        self.document._apply_totals(self.mode, None)

    def undo(self) -> None:
        self.document._apply_totals(self.old_mode, dict(self.old_totals))


class SetAcknowledgement(QUndoCommand):
    """A clerk's explanation attached to (or removed from) a warning."""

    def __init__(self, document: Document, key: str, text: str) -> None:
        super().__init__("说明提示" if text else "取消说明")
        self.document, self.key, self.new = document, key, text
        self.old = document.report.acknowledgements.get(key, "")

    def redo(self) -> None:
        self.document._apply_acknowledgement(self.key, self.new)

    def undo(self) -> None:
        self.document._apply_acknowledgement(self.key, self.old)
