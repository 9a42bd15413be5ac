"""报告信息's 开头段落: the paragraph before 一, with the standard one shown until the clerk writes another."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.editing import MetaPlace, TextPlace
from app.format import MetaField
from app.opening import standard_opening
from ui.document import Document

FILL_STANDARD = "填入标准段落"
FILL_TIP = "按上面的报告信息生成标准开头段落，填入后可以修改（可撤销）。"


class OpeningEditor(QWidget):
    """The text box (its placeholder the standard paragraph that prints while it is empty) and a
    button that puts the standard paragraph into the box to be reworded; both are undoable edits."""

    def __init__(self, document: Document, field: MetaField, text: QPlainTextEdit) -> None:
        """``text`` is the page's text box bound to 开头段落 (its edits are undo steps)."""
        super().__init__()
        self.document, self.field = document, field
        self.place = MetaPlace(field.id)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.text = text
        self.text.setMinimumHeight(110)
        self.text.setMaximumHeight(160)
        self.text.setAccessibleName(field.label)
        self.text.setToolTip(field.hint)
        column.addWidget(self.text)
        row = QHBoxLayout()
        self.fill = QPushButton(FILL_STANDARD)
        self.fill.setToolTip(FILL_TIP)
        self.fill.clicked.connect(self.fill_standard)
        row.addWidget(self.fill)
        row.addStretch(1)
        column.addLayout(row)
        document.text_changed.connect(self._on_text)
        self._refresh()

    def fill_standard(self) -> None:
        """Put the standard paragraph in the box (one undo step)."""
        self.document.set_text(self.place, standard_opening(self.document.report))

    def _on_text(self, place: TextPlace) -> None:
        if isinstance(place, MetaPlace):
            self._refresh()

    def _refresh(self) -> None:
        """The placeholder follows 报告信息: it is what prints while the box is empty."""
        self.text.setPlaceholderText(f"{self.field.hint}\n\n{standard_opening(self.document.report)}")
