"""报告信息 fields whose typed text is checked (统计年度, 发布日期): refused text stays in the field
with the reason beside it, so the clerk corrects it where it was typed and nothing is lost."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from app.editing import MetaPlace, TextPlace
from app.errors import CellValueError
from app.format import MetaField
from ui.document import Document
from ui.undo_keys import is_undo_key

REFUSED_STYLE = "QLineEdit { border: 2px solid #b3261e; }"
MESSAGE_STYLE = "color: #b3261e;"


class CheckedLineEdit(QLineEdit):
    """A 报告信息 line whose text enters the report only when it is valid (app.editing.meta_value):
    each valid keystroke is kept as one undo step; leaving the field with refused text keeps the
    text, marks the field, puts the reason beside it and the cursor back in it."""

    def __init__(self, document: Document, field: MetaField, message: QLabel) -> None:
        super().__init__(document.text_at(MetaPlace(field.id)))
        self.document, self.field, self.message = document, field, message
        self.place = MetaPlace(field.id)
        self.setPlaceholderText(field.hint)
        self.setAccessibleName(field.label)
        self.textEdited.connect(self._edited)
        self.editingFinished.connect(self._finished)
        document.text_changed.connect(self._on_document)

    @property
    def refused(self) -> str:
        """Why the text in the field cannot be taken, or empty when it can."""
        try:
            self.document.editor.meta_value(self.field.id, self.text())
        except CellValueError as error:
            return str(error)
        return ""

    def event(self, event: QEvent) -> bool:
        if is_undo_key(event):
            event.ignore()  # the window's 撤销/重做 take the key
            return False
        return super().event(event)

    def _edited(self, text: str) -> None:
        try:
            value = self.document.editor.meta_value(self.field.id, text)
        except CellValueError:
            return  # not yet a value (a date half typed): judged when the field is left
        self._show("")
        self.document.set_text(self.place, value)

    def _finished(self) -> None:
        reason = self.refused
        self._show(reason)
        if reason:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        stored = self.document.text_at(self.place)
        if stored != self.text():
            self.setText(stored)  # 2026/1/20 shown as it is kept: 2026-01-20

    def _show(self, reason: str) -> None:
        self.message.setText(reason)
        self.message.setVisible(bool(reason))
        self.setStyleSheet(REFUSED_STYLE if reason else "")
        self.setToolTip(reason)
        self.setAccessibleDescription(reason)

    def _on_document(self, place: TextPlace) -> None:
        if place != self.place:
            return
        stored = self.document.text_at(place)
        try:
            same = self.document.editor.meta_value(self.field.id, self.text()) == stored
        except CellValueError:
            same = False
        if not same:  # an undo or redo: show what the report holds now
            position = self.cursorPosition()
            self.setText(stored)
            self.setCursorPosition(position)
            self._show("")


class CheckedField(QWidget):
    """The checked line with its message beside it (hidden while there is nothing to say)."""

    def __init__(self, document: Document, field: MetaField, width: int) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel()
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.line = CheckedLineEdit(document, field, self.message)
        self.line.setMaximumWidth(width)
        row.addWidget(self.line, 0, Qt.AlignmentFlag.AlignLeft)
        row.addWidget(self.message, 1)
