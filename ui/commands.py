"""Undo commands: each wraps one edit value from ``app.editing``.

``redo`` applies the edit, ``undo`` applies the inverse the editor returned. Commands know
nothing of the document: they are given the function that applies an edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app.editing import Change, Edit, SetText

_TEXT_ID = 1001

Apply = Callable[[Edit], Change]


class EditCommand(QUndoCommand):
    """One edit on the undo stack; a burst of typing in one text merges into one step."""

    def __init__(self, apply: Apply, edit: Edit, label: str) -> None:
        super().__init__(label)
        self._apply = apply
        self.edit = edit
        self.inverse: Edit | None = None

    def id(self) -> int:
        return _TEXT_ID if isinstance(self.edit, SetText) else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, EditCommand) and isinstance(self.edit, SetText)
                and isinstance(other.edit, SetText) and other.edit.place == self.edit.place):
            return False
        self.edit = other.edit  # the first step's inverse still restores the text as it was
        return True

    def redo(self) -> None:
        change = self._apply(self.edit)
        self.edit = change.edit  # typed text as it entered the report: a redo applies it without cleaning again
        if self.inverse is None:
            self.inverse = change.inverse

    def undo(self) -> None:
        if self.inverse is not None:
            self._apply(self.inverse)
