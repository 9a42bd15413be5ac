"""The open draft: the report, its file, its undo stack, and the signals views listen to.

Every change is an edit value (``app.editing``) pushed on the one QUndoStack; the editor
applies it and says what changed, and the document only turns that into signals.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.editing import (FINAL_REFUSAL, Change, Edit, Editor, ReplaceContent, SetCells, SetParts, SetPrevious,
                         SetText, SetTotalsMode, TextPlace, Typed, undo_label)
from app.format import Cell
from app.history import History, Revision, save_draft
from app.locking import LockInfo
from app.report import Part, Previous, Report
from app.review import SetFinal
from app.rules import Finding, FindingsDelta, Tally
from app.save_check import FileState, state_of
from app.userdata import display_name
from app.values import CellValue, to_json
from ui.commands import EditCommand


class Document(QObject):
    """One report being edited, with everything the window shows about it."""

    cells_changed = Signal(object)  # frozenset of cell ids whose value changed
    findings_changed = Signal(object)  # the FindingsDelta of an update
    text_changed = Signal(object)  # the TextPlace that changed
    parts_changed = Signal(str)  # a section whose sub-heads were added, removed or moved
    totals_mode_changed = Signal(str)
    path_changed = Signal(object)
    previous_changed = Signal()  # last year's report attached, replaced or detached
    show_previous_changed = Signal(bool)  # the tables show last year's figures beside this year's
    notice = Signal(str)  # a sentence for the status bar: what was removed from typed text, and where (Change.notices)
    notes_changed = Signal(object)  # frozenset of review note ids added, changed or removed (app.review)
    final_changed = Signal()  # the report was made final (定稿) or editable again
    compared_changed = Signal()  # another copy's values to show beside the cells (ui.compare_view) changed

    def __init__(self, report: Report, path: Path | None = None, parent: QObject | None = None,
                 history: History | None = None, read_only: bool = False) -> None:
        super().__init__(parent)
        self.report = report
        self.path = path
        self.history = history if history is not None else History()  # app.history: the revisions in the file
        self.read_only = read_only  # opened read-only (someone else edits it, or an old revision): never saved over
        self.lock: object | None = None  # app.locking.Lock while this window edits the file
        self.lock_holder: LockInfo | None = None  # who has it, when opened read-only because of their lock
        self.disk: FileState | None = state_of(path, self.history.head) if path else None  # for app.save_check
        self.merge_parents: list[str] | None = None  # the next save records a merge of these revisions
        self._last_changes: dict[str, Revision] | None = None
        self.undo_stack = QUndoStack(self)
        self.editor = Editor(report)
        self.tally = Tally(report, self.editor.findings)
        self.show_previous = False
        self.compared: dict[str, str] = {}  # cell id → the other copy's value as shown beside it, while comparing

    # ------------------------------------------------------------------ reading

    @property
    def findings(self) -> list[Finding]:
        """The current findings, errors first."""
        return self.editor.findings

    def is_computed(self, cell: Cell | str) -> bool:
        """Whether a cell is a total kept by the program (read-only in the form)."""
        return self.editor.is_computed(cell if isinstance(cell, str) else cell.id)

    def text_at(self, place: TextPlace) -> str:
        """The text stored at a place."""
        return self.editor.text_at(place)

    # ------------------------------------------------------------------ editing (undoable)

    def push(self, edit: Edit, label: str | None = None) -> None:
        """Make an edit as one undo step (nothing happens if it would change nothing)."""
        if self.report.final is not None and not isinstance(edit, SetFinal):
            self.notice.emit(FINAL_REFUSAL)  # a final report is read-only (app.final)
            return
        if not self.editor.is_noop(edit):
            self.undo_stack.push(EditCommand(self.apply, edit, label or undo_label(edit, self.report)))
        elif isinstance(edit, Typed):
            self.apply(edit)  # changes nothing, but what cleaning removed is still told

    def set_cells(self, values: dict[str, CellValue], label: str) -> None:
        """Change one or more cells as one undo step (typing, pasting, deleting)."""
        self.push(SetCells.of(values), label)

    def set_text(self, place: TextPlace, value: str) -> None:
        """Change a text as typed (cleaned by the editor); consecutive typing in one field is one undo step."""
        self.push(Typed(SetText(place, value)))

    def set_parts(self, section: str, parts: list[Part], label: str) -> None:
        """Replace a section's sub-heads (add, remove, rename, reorder) as one undo step."""
        self.push(Typed(SetParts.of(section, parts)), label)

    def set_totals_mode(self, mode: str) -> None:
        """Switch between computed totals and totals kept as published."""
        self.push(SetTotalsMode(mode))

    def set_previous(self, previous: Previous | None) -> None:
        """Attach, replace or (None) detach last year's report, as one undo step."""
        self.push(SetPrevious(previous))

    def replace_report(self, report: Report, label: str) -> None:
        """Give the report another content (a merge) as one undo step."""
        self.push(ReplaceContent.of(report), label)

    def set_show_previous(self, on: bool) -> None:
        """Show or hide last year's figures in the tables (a view setting, not an edit)."""
        if on != self.show_previous:
            self.show_previous = on
            self.show_previous_changed.emit(on)

    def explain(self, finding: Finding, text: str) -> None:
        """Attach (or with empty text, remove) a clerk's explanation to a warning as it stands."""
        self.push(Typed(self.editor.explain(finding, text)))

    # ------------------------------------------------------------------ applying (from commands)

    def apply(self, edit: Edit) -> Change:
        """Apply an edit now (the undo commands call this) and tell the views."""
        change = self.editor.apply(edit)
        for sentence in change.notices:  # what cleaning typed text removed, and where
            self.notice.emit(sentence)
        self._publish(change.findings)
        if change.totals_mode is not None:
            self.totals_mode_changed.emit(change.totals_mode)
        if change.cells:
            self.cells_changed.emit(change.cells)
        for place in change.texts:
            self.text_changed.emit(place)
        for section in change.parts:
            self.parts_changed.emit(section)
        if change.previous:
            self.previous_changed.emit()
        if change.notes:
            self.notes_changed.emit(change.notes)
        if change.final:
            self.final_changed.emit()
        if change.findings:
            self.findings_changed.emit(change.findings)
        return change

    def recheck(self) -> FindingsDelta:
        """Run every rule again (检查)."""
        delta = self.editor.recheck()
        self._publish(delta)
        self.findings_changed.emit(delta)
        return delta

    def _publish(self, delta: FindingsDelta) -> None:
        self.tally.update(delta.added, delta.removed, delta.restated)

    # ------------------------------------------------------------------ files

    def changed_by(self, cell_id: str) -> Revision | None:
        """The saved revision that last changed a cell (from the history), or None if unknown."""
        if self._last_changes is None:
            try:
                self._last_changes = self.history.last_changes()
            except Exception:  # noqa: BLE001 - a damaged history never breaks a tooltip
                self._last_changes = {}
        return self._last_changes.get(cell_id)

    def changed_since_save(self, cell_id: str) -> bool:
        """Whether a cell differs from the last saved revision (a change not yet saved)."""
        if self.history.head is None:
            return False
        saved = self.history.content(self.history.head).get("cells", {})
        return saved.get(cell_id) != to_json(self.report.cells.get(cell_id))

    def save_to(self, path: Path, replace_read_only: bool = False) -> None:
        """Write the draft (atomically) with a new revision in its history, and mark the undo stack clean
        (a read-only file only if allowed)."""
        revision = save_draft(self.report, path, self.history, display_name(), parents=self.merge_parents,
                              replace_read_only=replace_read_only)
        self.merge_parents = None
        self._last_changes = None
        self.disk = state_of(path, revision.id)
        if path != self.path:
            self.path = path
            self.path_changed.emit(path)
        self.undo_stack.setClean()
