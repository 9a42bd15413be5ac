"""A label whose text changes on every edit but whose size does not.

A QLabel asks its parent to lay out again whenever its text changes, unless its size is fixed
in both directions; in the status bar that relaid the bar, repainted it whole and redrew the
labels beside it after every edit that changed the counts. This one fixes its size to room
for the longest text it is meant to show, and measures again when the font changes (大字号).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel


class SteadyLabel(QLabel):
    """One line of changing text in a fixed box: wide enough for ``longest``, one line high."""

    def __init__(self, longest: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignRight) -> None:
        super().__init__()
        self.longest = longest
        self.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        self._fit()

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        width = metrics.horizontalAdvance(self.longest) + margins.left() + margins.right() + 2 * self.margin() + 8
        height = metrics.height() + margins.top() + margins.bottom() + 2 * self.margin() + 2
        self.setFixedSize(width, height)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
        super().changeEvent(event)
