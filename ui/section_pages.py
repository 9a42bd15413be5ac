"""The form pages: report information, narrative sections and table sections."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QHelpEvent, QTextDocument, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QToolTip,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.crossyear import copied_section
from app.editing import MetaPlace, PartPlace, SectionPlace, TextPlace, carried_key
from app.lastyear import CARRIED_MARK
from app.format import META_FIELDS, META_TITLE, MetaField, MetaKind, Section, part_number, part_numbers
from app.report import TOTALS_COMPUTED, TOTALS_NAMES, TOTALS_PUBLISHED, Part
from ui.bold_marks import character_count, install_bold_marks
from ui.document import Document
from ui.meta_fields import CheckedField
from ui.opening_editor import OpeningEditor
from ui.subheads import confirm_remove
from ui.undo_keys import is_undo_key as _is_undo_key
from ui.sentence_dialog import add_sentence_button
from ui.table_model import ReportTableModel
from ui.table_view import ReportTableView

NOT_PRINTED = "（不打印）"
NOT_PRINTED_TIP = "这一项既没有小标题也没有正文，导出和打印时不出现；写上后按顺序编号。"
PUBLISHED_SWITCH = f"{TOTALS_NAMES[TOTALS_PUBLISHED]}（合计不自动计算）"
COPIED_BACKGROUND = QColor("#ffe1b8")  # a sentence that also occurs in last year's same section (S.copy)
CARRIED_STYLE = "QPlainTextEdit { background: #f1f5fb; border-left: 4px solid #2f6fb5; }"


class LinkedTextEdit(QPlainTextEdit):
    """A text editor bound to one place of the report; its edits go to the undo stack."""

    def __init__(self, document: Document, place: TextPlace, counter: QLabel | None = None) -> None:
        super().__init__()
        self.document, self.place, self.counter = document, place, counter
        self.setUndoRedoEnabled(False)  # the window's one undo stack does it
        self.setTabChangesFocus(True)
        self.bold_marks = install_bold_marks(self)  # an import's bold in bold, its markers unseen (ui.bold_marks)
        self._updating = True
        self.setPlainText(document.text_at(place))
        self._updating = False
        self.copies: list[tuple[int, int, str]] = []  # (start, end, last year's sentence) of copied sentences
        self._carried_shown = False  # the 沿用上年 mark as shown (a new editor shows none)
        self._count()
        self.textChanged.connect(self._edited)
        document.text_changed.connect(self._on_document)
        document.previous_changed.connect(self.refresh_copies)
        self.refresh_copies()

    def _part(self) -> int | None:
        """Where this text sits in its section for S.copy: -1 the opening text, else the sub-head's index."""
        if isinstance(self.place, SectionPlace):
            return -1
        if isinstance(self.place, PartPlace) and self.place.field == "text":
            return self.place.index
        return None

    @property
    def carried(self) -> bool:
        """Whether this text is still as carried from last year (marked 沿用上年)."""
        return not isinstance(self.place, MetaPlace) and carried_key(self.place) in self.document.report.carried

    def refresh_copies(self) -> None:
        """Highlight the sentences that also occur in last year's same section; show the 沿用上年 mark."""
        report, part = self.document.report, self._part()
        was = (bool(self.copies), self._carried_shown)
        self.copies = []
        if report.previous is not None and part is not None and not isinstance(self.place, MetaPlace):
            found = copied_section(report, report.previous.report, self.place.section)
            self.copies = [(mine.start, mine.end, theirs.text) for mine, theirs in found.copied if mine.part == part]
        self._carried_shown = self.carried
        if was == (False, self._carried_shown) and not self.copies:
            return  # nothing highlighted before or now, the same mark: a keystroke elsewhere costs nothing
        selections = []
        for start, end, _last in self.copies:
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(COPIED_BACKGROUND)  # type: ignore[attr-defined]
            cursor = QTextCursor(self.document_text())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selections.append(selection)
        self.setExtraSelections(selections)
        self.setStyleSheet(CARRIED_STYLE if self.carried else "")
        self.setToolTip(f"{CARRIED_MARK}：这段正文取自上年报告，改写后标记消失。" if self.carried else "")
        self._count()

    def document_text(self) -> QTextDocument:
        """Qt's text document of this editor (``self.document`` is the draft)."""
        return super().document()

    def copy_at(self, position: int) -> str | None:
        """Last year's sentence that the copied sentence at a text position repeats."""
        return next((last for start, end, last in self.copies if start <= position < end), None)

    def event(self, event: QEvent) -> bool:
        if _is_undo_key(event):
            event.ignore()  # let the window's 撤销/重做 actions take the key
            return False
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent) and self.copies:
            position = self.cursorForPosition(self.viewport().mapFrom(self, event.pos())).position()
            last = self.copy_at(position)
            if last is not None:
                QToolTip.showText(event.globalPos(), f"与上年报告的这一句相同（{CARRIED_MARK}）：\n{last}", self)
                return True
        return super().event(event)

    def _edited(self) -> None:
        text = self.toPlainText()  # once per keystroke: Qt copies the whole text each time it is asked
        self._count(text)
        if not self._updating:
            self.document.set_text(self.place, text)

    def _count(self, text: str | None = None) -> None:
        if self.counter is not None:
            text = self.toPlainText() if text is None else text
            mark = f"{CARRIED_MARK} · " if self.carried else ""
            copied = f"与上年相同 {len(self.copies)} 句 · " if self.copies else ""
            self.counter.setText(f"{mark}{copied}{character_count(text)} 字")

    def _on_document(self, place: TextPlace) -> None:
        self._update_text(place)
        if not isinstance(place, MetaPlace) and not isinstance(self.place, MetaPlace) \
                and place.section == self.place.section:
            self.refresh_copies()  # after the text: a copied sentence elsewhere in the section counts too

    def _update_text(self, place: TextPlace) -> None:
        if place != self.place:
            return
        text = self.document.text_at(place)
        if text == self.toPlainText():
            return
        position = self.textCursor().position()
        self._updating = True
        self.setPlainText(text)
        self._updating = False
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)
        self._count()


class LinkedLineEdit(QLineEdit):
    """A one-line field bound to one place of the report."""

    def __init__(self, document: Document, place: TextPlace) -> None:
        super().__init__(document.text_at(place))
        self.document, self.place = document, place
        self.textEdited.connect(lambda text: document.set_text(place, text))
        document.text_changed.connect(self._on_document)

    def event(self, event: QEvent) -> bool:
        if _is_undo_key(event):
            event.ignore()
            return False
        return super().event(event)

    def _on_document(self, place: TextPlace) -> None:
        if place == self.place and self.document.text_at(place) != self.text():
            position = self.cursorPosition()
            self.setText(self.document.text_at(place))
            self.setCursorPosition(position)


class TotalsSwitch(QCheckBox):
    """The per-report switch between computed totals and totals kept as published."""

    def __init__(self, document: Document) -> None:
        super().__init__(PUBLISHED_SWITCH)
        self.document = document
        self.setToolTip("用于录入从别处取得的已发布报告：合计按原样录入，并和其他单元格一样接受检查。")
        self.setChecked(document.report.totals == TOTALS_PUBLISHED)
        self.toggled.connect(lambda on: document.set_totals_mode(TOTALS_PUBLISHED if on else TOTALS_COMPUTED))
        document.totals_mode_changed.connect(lambda mode: self._sync(mode))

    def _sync(self, mode: str) -> None:
        self.blockSignals(True)
        self.setChecked(mode == TOTALS_PUBLISHED)
        self.blockSignals(False)


COUNTER_WIDEST = "沿用上年 · 与上年相同 999 句 · 999999 字"  # the longest count the label is sized for


def _counter() -> QLabel:
    """The 字 count under a text, of a fixed size that holds any count: a keystroke repaints the
    label alone and never re-lays out the page (a label of variable width asks its parent to)."""
    label = QLabel()
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    metrics = label.fontMetrics()
    label.setFixedSize(metrics.horizontalAdvance(COUNTER_WIDEST) + 8, metrics.height() + 4)
    label.setAutoFillBackground(True)  # opaque: a new count repaints the label, not the page behind it
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    return label


class MetaPage(QScrollArea):
    """报告信息: who reports, for which year, and how the report is kept (fields from the format);
    it scrolls, so the opening paragraph's box never makes the window taller than a small screen."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self.setWidget(inner)
        layout = QVBoxLayout(inner)
        layout.addWidget(_heading(META_TITLE))
        form = QFormLayout()
        self.fields: dict[str, QWidget] = {}
        for field in META_FIELDS:
            widget = self._editor(field)
            self.fields[field.id] = getattr(widget, "line", widget)
            form.addRow(f"{field.label}：", widget)
        self.organ, self.year = self.fields["organ"], self.fields["year"]
        self.published, self.contact = self.fields["published"], self.fields["contact"]
        self.kind = self.fields["kind"]
        document.text_changed.connect(self._on_text)
        form.addRow("报告格式：", QLabel(document.report.layout.name))
        form.addRow("合计：", TotalsSwitch(document))
        layout.addLayout(form)
        self.title = QLabel()
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addStretch(1)
        self._update_title()

    def _editor(self, field: MetaField) -> QWidget:
        """The editor a field's kind asks for, bound to its place in the report."""
        document, place = self.document, MetaPlace(field.id)
        if field.kind is MetaKind.CHOICE:
            combo = QComboBox()
            combo.addItems(list(field.choices))
            combo.setCurrentText(document.text_at(place))
            combo.currentTextChanged.connect(lambda text: document.set_text(place, text))
            return combo
        if field.kind is MetaKind.PARAGRAPH:
            return OpeningEditor(document, field, LinkedTextEdit(document, place))
        if field.kind is MetaKind.LINES:
            lines = LinkedTextEdit(document, place)
            lines.setPlaceholderText(field.hint)
            lines.setMaximumHeight(90)
            return lines
        if field.kind in (MetaKind.YEAR, MetaKind.DATE):
            return CheckedField(document, field, 120 if field.kind is MetaKind.YEAR else 200)
        line = LinkedLineEdit(document, place)
        line.setPlaceholderText(field.hint)
        return line

    def _on_text(self, place: TextPlace) -> None:
        kind = self.kind
        if place == MetaPlace("kind") and isinstance(kind, QComboBox) and kind.currentText() != self.document.report.meta.kind:
            kind.blockSignals(True)
            kind.setCurrentText(self.document.report.meta.kind)
            kind.blockSignals(False)
        if isinstance(place, MetaPlace):
            self._update_title()

    def _update_title(self) -> None:
        self.title.setText(f"报告标题：{self.document.report.title}")


class NarrativePage(QScrollArea):
    """A narrative section: its opening text, then sub-heads that can be added, renamed, moved."""

    def __init__(self, document: Document, section: Section) -> None:
        super().__init__()
        self.document, self.section = document, section
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self.setWidget(inner)
        self.box = QVBoxLayout(inner)
        self.box.addWidget(_heading(section.title))
        counter = _counter()
        self.opening = LinkedTextEdit(document, SectionPlace(section.id), counter)
        self.opening.setPlaceholderText("本部分的正文（开头段落）")
        self.opening.setMinimumHeight(120)
        self.box.addWidget(self.opening)
        self.box.addWidget(counter, alignment=Qt.AlignmentFlag.AlignRight)
        self.parts_box = QVBoxLayout()
        self.box.addLayout(self.parts_box)
        add = QPushButton("添加小标题")
        add.clicked.connect(self.add_part)
        self.box.addWidget(add, alignment=Qt.AlignmentFlag.AlignLeft)
        add_sentence_button(self.box, document, section.id, self)
        self.box.addStretch(1)
        self.part_editors: list[tuple[LinkedLineEdit, LinkedTextEdit]] = []
        self.part_labels: list[QLabel] = []
        self._build_parts()
        document.parts_changed.connect(lambda sid: self._build_parts() if sid == section.id else None)
        document.text_changed.connect(self._on_text)

    def _parts(self) -> list[Part]:
        return [Part(p.title, p.text) for p in self.document.report.sections[self.section.id].parts]

    def _build_parts(self) -> None:
        while self.parts_box.count():
            item = self.parts_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.part_editors = []
        self.part_labels = []
        parts = self._parts()
        for index in range(len(parts)):
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            column = QVBoxLayout(frame)
            row = QHBoxLayout()
            number = QLabel()
            self.part_labels.append(number)
            row.addWidget(number)
            title = LinkedLineEdit(self.document, PartPlace(self.section.id, index, "title"))
            title.setPlaceholderText("小标题")
            row.addWidget(title, 1)
            for text, tip, handler, enabled in (
                ("↑", "上移", lambda _=False, i=index: self.move_part(i, -1), index > 0),
                ("↓", "下移", lambda _=False, i=index: self.move_part(i, 1), index < len(parts) - 1),
                ("删除", "删除这个小标题及其正文", lambda _=False, i=index: self.remove_part(i), True),
            ):
                button = QToolButton()
                button.setText(text)
                button.setToolTip(tip)
                button.setEnabled(enabled)
                button.clicked.connect(handler)
                row.addWidget(button)
            column.addLayout(row)
            counter = _counter()
            body = LinkedTextEdit(self.document, PartPlace(self.section.id, index, "text"), counter)
            body.setPlaceholderText("小标题下的正文")
            body.setMinimumHeight(130)
            column.addWidget(body)
            column.addWidget(counter, alignment=Qt.AlignmentFlag.AlignRight)
            self.parts_box.addWidget(frame)
            self.part_editors.append((title, body))
        self._number_parts()

    def _on_text(self, place: TextPlace) -> None:
        if isinstance(place, PartPlace) and place.section == self.section.id:  # a title or text: what prints
            self._number_parts()

    def _number_parts(self) -> None:
        """Each sub-head shows the number it prints under (one rule with the PDF)."""
        numbers = part_numbers(self.document.report.sections[self.section.id].parts)
        for label, number in zip(self.part_labels, numbers):
            label.setText(part_number(number) if number else NOT_PRINTED)
            label.setToolTip("" if number else NOT_PRINTED_TIP)

    def add_part(self) -> None:
        """A new, empty sub-head at the end."""
        parts = self._parts() + [Part("新的小标题")]
        self.document.set_parts(self.section.id, parts, "添加小标题")
        self.part_editors[-1][0].setFocus()
        self.part_editors[-1][0].selectAll()

    def remove_part(self, index: int) -> None:
        """Remove a sub-head with its text (undo brings it back); asked first when it has text."""
        parts = self._parts()
        removed = parts.pop(index)
        if removed.text.strip() and not confirm_remove(self, removed):
            return
        self.document.set_parts(self.section.id, parts, f"删除小标题“{removed.title}”")

    def move_part(self, index: int, step: int) -> None:
        """Move a sub-head up or down."""
        parts = self._parts()
        parts[index], parts[index + step] = parts[index + step], parts[index]
        self.document.set_parts(self.section.id, parts, "调整小标题顺序")

    def focus_text(self) -> None:
        """Put the cursor in the section's text (for a finding about it)."""
        editor = self.opening
        if not self.opening.toPlainText().strip():
            for _, body in self.part_editors:
                if body.toPlainText().strip() or editor is self.opening:
                    editor = body
                    break
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        editor.moveCursor(QTextCursor.MoveOperation.End)
        self.ensureWidgetVisible(editor)


class TablePage(QWidget):
    """A table section: the official table, the totals switch and an optional note."""

    def __init__(self, document: Document, section: Section) -> None:
        super().__init__()
        self.document, self.section = document, section
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(_heading(section.title), 1)
        top.addWidget(TotalsSwitch(document))
        layout.addLayout(top)
        [table] = document.report.layout.section_tables(section.id)
        self.model = ReportTableModel(document, table)
        self.view = ReportTableView(self.model)
        layout.addWidget(self.view, 1)
        self.note_toggle = QToolButton()
        self.note_toggle.setText("表下说明")
        self.note_toggle.setCheckable(True)
        self.note = LinkedTextEdit(document, SectionPlace(section.id))
        self.note.setPlaceholderText("表格下方的说明文字（可不填），例如：以上数据含上年结转案件。")
        self.note.setMaximumHeight(70)
        has_note = bool(document.report.sections[section.id].text.strip())
        self.note.setVisible(has_note)
        self.note_toggle.setChecked(has_note)
        self.note_toggle.toggled.connect(self.note.setVisible)
        layout.addWidget(self.note_toggle, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.note)
        add_sentence_button(layout, document, section.id, self, lambda: self.note_toggle.setChecked(True))
