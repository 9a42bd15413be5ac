"""How a cell with an open review note (批注) is marked in a table: a small dark-orange corner."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPolygon

NOTE_COLOUR = QColor("#c25e00")  # dark orange: 4.6:1 on white (WCAG AA for a mark)


def paint_note_corner(painter: QPainter, rect: QRect) -> None:
    """A small triangle in a cell's top-right corner: a note is open there."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(NOTE_COLOUR)
    right = rect.topRight()
    painter.drawPolygon(QPolygon([right, right - QPoint(8, 0), right + QPoint(0, 8)]))
