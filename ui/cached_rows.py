"""Rows of a list drawn once and then copied: the 问题 list and the navigator after each edit.

A QListView lays out and repaints all its rows whenever one changes, comes or goes, and each
row's Chinese text is wrapped and shaped again every time: with seven findings that was more
than a millisecond of every cell edit. Most rows are the same as before the edit, so each row
is drawn once into a picture kept by what it shows (text, icon, colour, state, size) and later
only copied. Its size is kept the same way.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

AnyIndex = QModelIndex | QPersistentModelIndex

_DISPLAY, _DECORATION, _FOREGROUND = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, \
    Qt.ItemDataRole.ForegroundRole
_STATE = (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Active
          | QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_MouseOver)
LIMIT = 400  # pictures kept at most (a few screens of rows in each state): then drawn afresh


def _looks(index: AnyIndex) -> tuple[Any, ...]:
    """What a row shows: its text, its icon and its text colour."""
    icon = index.data(_DECORATION)
    colour = index.data(_FOREGROUND)
    return (index.data(_DISPLAY), icon.cacheKey() if isinstance(icon, QIcon) else None,
            colour.rgba() if isinstance(colour, QColor) else None)


def _background(option: QStyleOptionViewItem) -> QColor:
    """What the list paints under a row: its base colour, or the alternate one on every other row."""
    if not option.state & QStyle.StateFlag.State_Enabled:
        group = QPalette.ColorGroup.Disabled
    elif option.state & QStyle.StateFlag.State_Active:
        group = QPalette.ColorGroup.Active
    else:
        group = QPalette.ColorGroup.Inactive
    alternate = bool(option.features & QStyleOptionViewItem.ViewItemFeature.Alternate)
    return option.palette.color(group, QPalette.ColorRole.AlternateBase if alternate else QPalette.ColorRole.Base)


class CachedRowDelegate(QStyledItemDelegate):
    """Draws each distinct row once (as QStyledItemDelegate would) and copies it afterwards."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._pictures: dict[tuple[Any, ...], QPixmap] = {}
        self._sizes: dict[tuple[Any, ...], QSize] = {}
        view.installEventFilter(self)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802 - Qt's name
        key = (_looks(index), option.rect.width(), option.font.key(), option.decorationSize.toTuple(),
               int(option.features.value))
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > LIMIT:
                self._sizes.clear()
            size = self._sizes[key] = super().sizeHint(option, index)
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        ratio = painter.device().devicePixelRatioF()
        size = option.rect.size()
        alternate = bool(option.features & QStyleOptionViewItem.ViewItemFeature.Alternate)
        key = (_looks(index), size.toTuple(), int((option.state & _STATE).value), alternate,
               option.font.key(), ratio)
        picture = self._pictures.get(key)
        if picture is None:
            if len(self._pictures) > LIMIT:
                self._pictures.clear()
            picture = self._pictures[key] = self._draw(option, index, size, ratio)
        painter.drawPixmap(option.rect.topLeft(), picture)

    def _draw(self, option: QStyleOptionViewItem, index: AnyIndex, size: QSize, ratio: float) -> QPixmap:
        """The row as the style draws it, on the background the list drew under it (so text keeps
        its sub-pixel smoothing, which a transparent picture would lose)."""
        picture = QPixmap(size * ratio)
        picture.setDevicePixelRatio(ratio)
        picture.fill(_background(option))
        painter = QPainter(picture)
        moved = QStyleOptionViewItem(option)
        moved.rect = QRect(QPoint(0, 0), size)
        super().paint(painter, moved, index)
        painter.end()
        return picture

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # A new font (大字号), palette or style draws every row differently: forget the pictures.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._pictures.clear()
            self._sizes.clear()
        return False
