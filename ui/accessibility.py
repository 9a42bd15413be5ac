"""Access for everyone: what a screen reader says for a cell, the mark colours (checked
against WCAG AA), marks that do not rely on colour alone, and the 大字号 text scale.

WCAG 2.x contrast: text needs 4.5:1 against its background; a border or icon that tells a
mark apart (non-text contrast) needs 3:1 against the cell around it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication, QWidget

from app.format import Cell, Table
from app.format.layouts import table_name
from app.rules import Status

TEXT_COLOUR = QColor("#1a1a1a")  # the figures' text (the palette's text on office desktops is darker still)
ERROR_BACKGROUND = QColor("#f6c9cd")
WARNING_BACKGROUND = QColor("#fbe7b0")
EXPLAINED_BACKGROUND = QColor("#eef0e6")
MARK_BACKGROUND = {Status.ERROR: ERROR_BACKGROUND, Status.WARNING: WARNING_BACKGROUND,
                   Status.EXPLAINED: EXPLAINED_BACKGROUND}
# The border and the sign in the corner: the mark is seen without telling the colours apart.
MARK_BORDER = {Status.ERROR: QColor("#a4161a"), Status.WARNING: QColor("#7a4f00"),
               Status.EXPLAINED: QColor("#4a5a2a")}
MARK_SIGN = {Status.ERROR: "×", Status.WARNING: "!", Status.EXPLAINED: "√"}
COMPUTED_SIGN = QColor("#35506e")
MARK_NAME = {Status.ERROR: "错误", Status.WARNING: "提示", Status.EXPLAINED: "已说明"}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of a colour."""
    return 0.2126 * _channel(colour.red()) + 0.7152 * _channel(colour.green()) + 0.0722 * _channel(colour.blue())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def accessible_text(table: Table, cell: Cell, shown: str) -> str:
    """What a screen reader says for a cell: '表三，本年新收，自然人，5' (labels from the format)."""
    parts = [table_name(table), cell.row_label]
    if cell.col_label:
        parts.append(cell.col_label)
    parts.append(shown or "空白")
    return "，".join(parts)


def paint_mark(painter: QPainter, rect: QRect, mark: str) -> None:
    """A cell's mark beyond its colour: a border inside the cell and a sign (× ! √) at its left."""
    status = Status(mark)
    colour = MARK_BORDER[status]
    painter.save()
    painter.setPen(QPen(colour, 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(1, 1, -2, -2))
    font = painter.font()
    font.setBold(True)
    painter.setFont(font)
    # at the left, clear of the right-aligned figure (and of a total's Σ in the top-left corner)
    painter.drawText(rect.adjusted(13, 0, 0, 0), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                     MARK_SIGN[status])
    painter.restore()


def paint_computed(painter: QPainter, rect: QRect) -> None:
    """A computed total's sign (Σ at its top left), so it is told apart by more than its tint."""
    painter.save()
    font = painter.font()
    font.setPointSizeF(max(font.pointSizeF() * 0.75, 6.0))
    painter.setFont(font)
    painter.setPen(COMPUTED_SIGN)
    painter.drawText(rect.adjusted(3, 1, 0, 0), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), "Σ")
    painter.restore()


_BASE_POINT_SIZE: list[float] = []


def apply_text_scale(percent: int) -> None:
    """Scale the whole application's text (and so the tables, whose rows and columns follow it)
    to ``percent`` of the desktop's size, independent of the system's display scale."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if not _BASE_POINT_SIZE:
        size = app.font().pointSizeF()
        _BASE_POINT_SIZE.append(size if size > 0 else 9.0)
    font = QFont(app.font())
    font.setPointSizeF(_BASE_POINT_SIZE[0] * percent / 100)
    app.setFont(font)


def name_page(page: QWidget, title: str) -> None:
    """Accessible names and descriptions for a page's fields, from the format's titles (what a
    screen reader says when the cursor arrives), and for buttons that show only a sign."""
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit, QScrollArea

    from app.editing import MetaPlace, PartPlace, SectionPlace
    from app.format import META_FIELDS

    labels = {f.id: f.label for f in META_FIELDS}
    if isinstance(page, QScrollArea) and not page.accessibleName():
        page.setAccessibleName(title)
    for field_id, field in getattr(page, "fields", {}).items():  # 报告信息: a choice is named by its label, not its value
        field.setAccessibleName(labels.get(field_id, field_id))
    for widget in page.findChildren(QWidget):
        place = getattr(widget, "place", None)
        if isinstance(widget, (QLineEdit, QPlainTextEdit)) and place is not None:
            if isinstance(place, MetaPlace):
                name = labels.get(place.field, place.field)
            elif isinstance(place, PartPlace):
                what = "小标题" if place.field == "title" else "小标题下的正文"
                name = f"{title}，第 {place.index + 1} 个{what}"
            elif isinstance(place, SectionPlace):
                name = f"{title}，{'表下说明' if page.findChild(QWidget, 'table') is not None else '正文'}"
            else:
                continue
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(widget.placeholderText())
        elif isinstance(widget, QAbstractButton) and not widget.accessibleName() and widget.toolTip():
            if len(widget.text().replace("&", "")) <= 1:  # ↑, ↓: say what it does
                widget.setAccessibleName(widget.toolTip())
            widget.setAccessibleDescription(widget.toolTip())
