"""根据表格生成…: the standard sentences from the figures, shown first, added on request as one
undo step; and 按表格更新此句 for an N.table warning on a sentence written that way."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.rules import Finding
from app.sentences import Place, Proposal, Update, proposals, text_at, update_for, with_paragraph
from app.editing import PartPlace, SetText
from ui.commands import EditCommand
from ui.window_geometry import fit_to_screen

if TYPE_CHECKING:
    from ui.document import Document
    from ui.problems import ProblemsPanel


class InsertText(EditCommand):
    """A whole paragraph added or rewritten: its own undo step, never merged with typing."""

    def id(self) -> int:
        return -1


def _push_text(document: Document, place: Place, new: str, label: str) -> None:
    """Write a text as one undo step of its own."""
    document.undo_stack.push(InsertText(document.apply, SetText(place, new), label))


def _where(document: Document, proposal: Proposal) -> str:
    """Where the sentence will go, as the clerk sees it."""
    place = proposal.place
    heading = document.report.layout.section(place.section).title
    if isinstance(place, PartPlace):
        part = document.report.sections[place.section].parts[place.index]
        return f"“{heading}”中小标题“{part.title}”的正文末尾"
    return f"“{heading}”的正文末尾"


class SentenceDialog(QDialog):
    """The proposed sentences of a section; 插入为新段落 adds them, 取消 leaves the text alone."""

    def __init__(self, document: Document, section_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.proposals = proposals(document.report, section_id)
        self.setWindowTitle("根据表格生成")
        fit_to_screen(self, 620, 260)  # never larger than the screen (1024×768, 200 %…)
        layout = QVBoxLayout(self)
        self.editors: list[QPlainTextEdit] = []
        for proposal in self.proposals:
            layout.addWidget(QLabel(f"将作为新段落加在{_where(document, proposal)}："))
            editor = QPlainTextEdit(proposal.text)
            editor.setReadOnly(True)
            editor.setMaximumHeight(96)
            layout.addWidget(editor)
            self.editors.append(editor)
        layout.addWidget(QLabel("句中的数字取自当前表格；表格以后有改动时，可在“问题”中对该句选择“按表格更新此句”。"))
        buttons = QDialogButtonBox()
        self.insert_button = buttons.addButton("插入为新段落", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def insert(self) -> None:
        """Add every proposal as a new paragraph at its place: one undo step each place."""
        for proposal in self.proposals:
            old = self.document.text_at(proposal.place)
            new = with_paragraph(old, proposal.text)
            _push_text(self.document, proposal.place, new, "根据表格生成句子")


def open_sentence_dialog(document: Document, section_id: str, parent: QWidget | None,
                         after: Callable[[], None] | None = None) -> SentenceDialog:
    """Show the dialog; on 插入为新段落 the sentences go in (and ``after`` runs, e.g. to show the note)."""
    dialog = SentenceDialog(document, section_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def accepted() -> None:
        dialog.insert()
        if after is not None:
            after()

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog


def add_sentence_button(layout: QBoxLayout, document: Document, section_id: str, parent: QWidget,
                        after: Callable[[], None] | None = None) -> QPushButton | None:
    """The 根据表格生成… button of a section that has standard sentences (一, 三, 四, 六)."""
    if not proposals(document.report, section_id):
        return None
    button = QPushButton("根据表格生成…")
    button.setToolTip("根据表格中的数字生成标准表述，先预览，确认后作为新段落插入")
    button.clicked.connect(lambda: open_sentence_dialog(document, section_id, parent, after))
    layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignLeft)
    return button


def update_sentence(document: Document, update: Update) -> None:
    """Rewrite a generated sentence from today's figures as one undo step."""
    current = text_at(document.report, update.place)
    if current != update.old_text:
        return
    _push_text(document, update.place, update.new_text, "按表格更新句子")


def install_update_button(panel: ProblemsPanel, document: Document) -> QPushButton:
    """按表格更新此句 beside 说明此提示… in the 问题 panel, enabled for an N.table warning on a
    sentence 根据表格生成 wrote."""
    button = QPushButton("按表格更新此句")
    button.setToolTip("用表格中当前的数字重新生成这句标准表述")
    button.setEnabled(False)
    top = panel.layout().itemAt(0).layout()
    top.insertWidget(top.count() - 1, button)

    def current() -> Update | None:
        index = panel.list.currentIndex()
        finding: Finding | None = panel.model.finding(index.row()) if index.isValid() else None
        return update_for(document.report, finding) if finding is not None else None

    def refresh(*_args: object) -> None:
        button.setEnabled(current() is not None)

    def clicked() -> None:
        update = current()
        if update is not None:
            update_sentence(document, update)

    panel.list.selectionModel().currentChanged.connect(refresh)
    document.findings_changed.connect(refresh)
    button.clicked.connect(clicked)
    panel.update_button = button  # type: ignore[attr-defined]  # kept on the panel for its tests
    return button
