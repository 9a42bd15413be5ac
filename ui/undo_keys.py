"""The 撤销/重做 keys, which every text field leaves to the window's one undo stack."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence


def is_undo_key(event: QEvent) -> bool:
    """Whether an event is Ctrl+Z / Ctrl+Y (or the platform's) about to be taken by a field."""
    return isinstance(event, QKeyEvent) and event.type() == QEvent.Type.ShortcutOverride and (
        event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))
