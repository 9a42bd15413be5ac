"""查找和替换 (Ctrl+F, Ctrl+H) over the report's prose: the sections' texts, the sub-heads'
titles and their texts, in the order they print.

A found phrase is shown selected in its editor (its page brought to the front). 替换 and
全部替换 edit through the document, so one 撤销 undoes them (全部替换 as one step).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QApplication, QCheckBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QMainWindow, QPlainTextEdit, QPushButton, QVBoxLayout)

from app.editing import PartPlace, SectionPlace, TextPlace
from ui.places import focus_place
from ui.window_geometry import fit_to_screen

MainWindow = QMainWindow  # the main window (ui.main_window is not imported: ui has no import circle)


def text_places(window: MainWindow) -> list[TextPlace]:
    """Every text a person writes, in printing order: section text, then each sub-head's title and text."""
    report = window.document.report
    places: list[TextPlace] = []
    for section in report.layout.sections:
        places.append(SectionPlace(section.id))
        for index in range(len(report.sections[section.id].parts)):
            places.append(PartPlace(section.id, index, "title"))
            places.append(PartPlace(section.id, index, "text"))
    return places


class FindReplaceDialog(QDialog):
    """The 查找和替换 window: stays open beside the report while the clerk works."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("查找和替换")
        self.setModal(False)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.find_field = QLineEdit()
        self.find_field.setAccessibleName("查找内容")
        self.replace_field = QLineEdit()
        self.replace_field.setAccessibleName("替换为")
        form.addRow("查找内容(&N)：", self.find_field)
        form.addRow("替换为(&I)：", self.replace_field)
        layout.addLayout(form)
        self.case = QCheckBox("区分大小写(&C)")
        layout.addWidget(self.case)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.find_button = QPushButton("查找下一个(&F)")
        self.find_button.setDefault(True)
        self.replace_button = QPushButton("替换(&R)")
        self.replace_all_button = QPushButton("全部替换(&A)")
        close = QPushButton("关闭")
        for button in (self.find_button, self.replace_button, self.replace_all_button, close):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.find_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close)
        self.found: tuple[TextPlace, int, int] | None = None
        fit_to_screen(self, 460, 200)

    def _sensitivity(self) -> Qt.CaseSensitivity:
        return Qt.CaseSensitivity.CaseSensitive if self.case.isChecked() else Qt.CaseSensitivity.CaseInsensitive

    def _index(self, text: str, phrase: str, start: int) -> int:
        if self.case.isChecked():
            return text.find(phrase, start)
        return text.lower().find(phrase.lower(), start)

    def find_next(self) -> bool:
        """Select the next occurrence after the last one found (wrapping round once)."""
        phrase = self.find_field.text()
        if not phrase:
            self.status.setText("请输入要查找的内容。")
            return False
        places = text_places(self.window_)
        document = self.window_.document
        start_place, start_at = 0, 0
        if self.found is not None and self.found[0] in places:
            start_place, start_at = places.index(self.found[0]), self.found[1] + 1
        tries = ([(start_place, start_at, None)] + [(i, 0, None) for i in range(start_place + 1, len(places))]
                 + [(i, 0, None) for i in range(start_place)] + [(start_place, 0, start_at)])  # round once
        for i, begin, limit in tries:
            place = places[i]
            text = document.text_at(place)
            if limit is not None:
                text = text[:limit + len(phrase) - 1]
            at = self._index(text, phrase, begin)
            if at >= 0:
                self.found = (place, at, at + len(phrase))
                focus_place(self.window_, place, at, at + len(phrase))
                self.status.setText("")
                return True
        self.found = None
        self.status.setText(f"没有找到“{phrase}”。")
        return False

    def replace(self) -> bool:
        """Replace the occurrence found (if it is still there), then find the next."""
        phrase = self.find_field.text()
        if self.found is not None and phrase:
            place, start, end = self.found
            text = self.window_.document.text_at(place)
            if self._index(text[start:end], phrase, 0) == 0 and end - start == len(phrase):
                new = self.replace_field.text()
                self.window_.document.set_text(place, text[:start] + new + text[end:])
                self.found = (place, start + len(new) - 1, start + len(new) - 1) if new else (place, start - 1, start - 1)
        return self.find_next()

    def replace_all(self) -> int:
        """Replace every occurrence, as one undo step; says how many."""
        phrase, new = self.find_field.text(), self.replace_field.text()
        if not phrase:
            self.status.setText("请输入要查找的内容。")
            return 0
        document = self.window_.document
        count = 0
        document.undo_stack.beginMacro(f"全部替换“{phrase}”")
        try:
            for place in text_places(self.window_):
                text = document.text_at(place)
                pieces, at = [], 0
                while (found := self._index(text, phrase, at)) >= 0:
                    pieces.append(text[at:found] + new)
                    at = found + len(phrase)
                    count += 1
                if pieces:
                    document.set_text(place, "".join(pieces) + text[at:])
        finally:
            document.undo_stack.endMacro()
        self.found = None
        sentence = f"已替换 {count} 处。" if count else f"没有找到“{phrase}”。"
        self.status.setText(sentence)
        self.window_.show_message(sentence)
        return count


def open_find(window: MainWindow, replace: bool) -> FindReplaceDialog:
    """Show 查找 (or 替换) with the selected text as what to find."""
    dialog = getattr(window, "find_dialog", None)
    if dialog is None:
        dialog = FindReplaceDialog(window)
        window.find_dialog = dialog
    focus = QApplication.focusWidget()
    selected = ""
    if isinstance(focus, QPlainTextEdit):
        selected = focus.textCursor().selectedText()
    elif isinstance(focus, QLineEdit) and focus.window() is window:
        selected = focus.selectedText()
    if selected and "\u2029" not in selected:
        dialog.find_field.setText(selected)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    field = dialog.replace_field if replace and dialog.find_field.text() else dialog.find_field
    field.setFocus()
    field.selectAll()
    return dialog


def install_find_replace(window: MainWindow) -> None:
    """The 查找 and 替换 actions (Ctrl+F, Ctrl+H)."""
    window.find_action = window._action("查找(&F)…", lambda: open_find(window, False), QKeySequence.StandardKey.Find,
                                        "在各部分正文和小标题中查找")
    window.replace_action = window._action("替换(&H)…", lambda: open_find(window, True), "Ctrl+H",
                                           "在各部分正文和小标题中查找并替换")
