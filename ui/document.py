"""The open draft: the report, its file, its undo stack and its live findings.

Every change goes through a command on the one QUndoStack; the commands call the
``_apply_*`` methods here, which change the report, re-run the checks it touches and
tell the views what changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.format import Cell
from app.report import TOTALS_COMPUTED, Part, Report
from app.rules import Checker, Finding
from app.store import save
from app.textclean import clean
from app.values import CellValue
from ui import commands

# Where a text lives: ("meta", field), (section, "text"), (section, "part", index, "title"|"text").
TextPlace = tuple[object, ...]


class Document(QObject):
    """One report being edited, with everything the window shows about it."""

    cells_changed = Signal(object)  # set of cell ids whose value changed
    findings_changed = Signal(object)  # the new list of findings
    text_changed = Signal(object)  # the TextPlace that changed
    parts_changed = Signal(str)  # a section whose sub-heads were added, removed or moved
    totals_mode_changed = Signal(str)
    path_changed = Signal(object)
    notice = Signal(str)  # a sentence for the status bar: what was removed from typed text, and where

    def __init__(self, report: Report, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.checker = Checker(report)

    # ------------------------------------------------------------------ reading

    @property
    def findings(self) -> list[Finding]:
        """The current findings, errors first."""
        return self.checker.findings

    def is_computed(self, cell: Cell | str) -> bool:
        """Whether a cell is a total kept by the program (read-only in the form)."""
        cell_id = cell if isinstance(cell, str) else cell.id
        return self.report.totals == TOTALS_COMPUTED and cell_id in self.report.computed_cells()

    def text_at(self, place: TextPlace) -> str:
        """The text stored at a place."""
        if place[0] == "meta":
            value = getattr(self.report.meta, str(place[1]))
            return "" if value is None else str(value)
        narrative = self.report.sections[str(place[0])]
        if place[1] == "text":
            return narrative.text
        part = narrative.parts[int(place[2])]  # type: ignore[call-overload]
        return part.title if place[3] == "title" else part.text

    # ------------------------------------------------------------------ editing (undoable)

    def accept_text(self, value: str, where: str) -> str:
        """Typed or pasted text as it may enter the report (app.textclean); a notice says what was removed."""
        section = next((s for s in self.report.layout.sections if s.id == where), None)
        label = f"“{section.number}、{section.heading}”" if section else where
        value, notices = clean(value, label)
        for sentence in notices:
            self.notice.emit(sentence)
        return value

    def set_cells(self, values: dict[str, CellValue], label: str) -> None:
        """Change one or more cells as one undo step (typing, pasting, deleting)."""
        old = {cid: self.report.cells[cid] for cid in values}
        if all(old[cid] == values[cid] and type(old[cid]) is type(values[cid]) for cid in values):
            return
        self.undo_stack.push(commands.SetCells(self, old, dict(values), label))

    def set_text(self, place: TextPlace, value: str) -> None:
        """Change a text; consecutive typing in one field is one undo step."""
        value = self.accept_text(value, str(place[0]) if place[0] != "meta" else "报告信息")
        old = self.text_at(place)
        if old != value:
            self.undo_stack.push(commands.SetText(self, place, old, value))

    def set_parts(self, section: str, parts: list[Part], label: str) -> None:
        """Replace a section's sub-heads (add, remove, rename, reorder) as one undo step."""
        parts = [Part(self.accept_text(p.title, section), self.accept_text(p.text, section)) for p in parts]
        old = [Part(p.title, p.text) for p in self.report.sections[section].parts]
        self.undo_stack.push(commands.SetParts(self, section, old, parts, label))

    def set_totals_mode(self, mode: str) -> None:
        """Switch between computed totals and totals kept as published."""
        if mode != self.report.totals:
            self.undo_stack.push(commands.SetTotalsMode(self, mode))

    def acknowledge(self, key: str, text: str) -> None:
        """Attach (or with empty text, remove) a clerk's explanation to a warning."""
        text = self.accept_text(text, "检查提示的说明")
        if self.report.acknowledgements.get(key, "") != text:
            self.undo_stack.push(commands.SetAcknowledgement(self, key, text))

    # ------------------------------------------------------------------ applying (from commands)

    def _apply_cells(self, values: dict[str, CellValue]) -> None:
        changed: set[str] = set()
        for cell_id, value in values.items():
            changed |= self.report.set_cell(cell_id, value)
        self.checker.update(changed)
        self.cells_changed.emit(changed)
        self.findings_changed.emit(self.findings)

    def _apply_text(self, place: TextPlace, value: str) -> None:
        if place[0] == "meta":
            field = str(place[1])
            if field == "year":
                digits = value.strip()
                self.report.meta.year = int(digits) if digits.isdigit() else None
            else:
                setattr(self.report.meta, field, value)
            self.checker.update(["meta"])
        else:
            narrative = self.report.sections[str(place[0])]
            if place[1] == "text":
                narrative.text = value
            else:
                part = narrative.parts[int(place[2])]  # type: ignore[call-overload]
                setattr(part, str(place[3]), value)
            self.checker.update([str(place[0])])
        self.text_changed.emit(place)
        self.findings_changed.emit(self.findings)

    def _apply_parts(self, section: str, parts: list[Part]) -> None:
        self.report.sections[section].parts = [Part(p.title, p.text) for p in parts]
        self.checker.update([section])
        self.parts_changed.emit(section)
        self.findings_changed.emit(self.findings)

    def _apply_totals(self, mode: str, cells: dict[str, CellValue] | None) -> None:
        self.report.totals = mode
        if cells is not None:
            self.report.cells.update(cells)
            changed = set(cells)
        else:
            changed = self.report.recompute_totals() if mode == TOTALS_COMPUTED else set()
        self.checker.update(changed | {"meta"})
        self.totals_mode_changed.emit(mode)
        self.cells_changed.emit(set(self.report.computed_cells()))
        self.findings_changed.emit(self.findings)

    def _apply_acknowledgement(self, key: str, text: str) -> None:
        if text:
            self.report.acknowledgements[key] = text
        else:
            self.report.acknowledgements.pop(key, None)
        self.findings_changed.emit(self.findings)

    # ------------------------------------------------------------------ files

    def save_to(self, path: Path, replace_read_only: bool = False) -> None:
        """Write the draft (atomically) and mark the undo stack clean (a read-only file only if allowed)."""
        save(self.report, path, replace_read_only=replace_read_only)
        if path != self.path:
            self.path = path
            self.path_changed.emit(path)
        self.undo_stack.setClean()
