"""The bold an import kept, shown in the text editors: the words in bold, the markers unseen.

An imported text keeps a source's bold as BOLD_START … BOLD_END (app.exporters.markup). The
editor keeps those characters in its text, so positions (sentences, copied-sentence highlights,
find) are the stored text's own; a highlighter only draws the run in bold and gives each marker a
format that draws nothing and takes no room. The arrow keys, Backspace and Delete step over a
marker as over nothing, so every key press moves or removes a character the clerk sees; 复制 and
剪切 by key put the text without markers on the clipboard; a click
puts the cursor before the markers that follow a character, so what is typed takes the weight of
the character before it.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (QColor, QFont, QGuiApplication, QKeyEvent, QKeySequence, QSyntaxHighlighter, QTextCharFormat,
                           QTextCursor, QTextDocument)
from PySide6.QtWidgets import QPlainTextEdit

from app.exporters.markup import BOLD_END, BOLD_RUN, BOLD_START, unmarked

MARKS = BOLD_START + BOLD_END


def character_count(text: str) -> int:
    """The 字 count under an editor: the characters seen, not spaces, line breaks or bold markers."""
    return len("".join(unmarked(text).split()))


def find_seen(text: str, phrase: str, start: int, case_sensitive: bool) -> tuple[int, int] | None:
    """Where ``phrase`` occurs in ``text`` as the clerk sees it (across bold markers), from ``start``:
    the (start, end) of the match in the stored text, or None. 查找 uses it: “实际，一是” is found in
    “实际，\x02一是\x03” although a marker sits between the words."""
    if not phrase:
        return None
    marked = BOLD_START in text or BOLD_END in text
    places = [i for i, char in enumerate(text) if char not in MARKS] if marked else None
    seen = "".join(text[i] for i in places) if places is not None else text
    begin = bisect_left(places, start) if places is not None else start
    haystack, needle = (seen, phrase) if case_sensitive else (seen.lower(), phrase.lower())
    if len(haystack) != len(seen):  # a letter whose lower case is longer: compare as written
        haystack, needle = seen, phrase
    at = haystack.find(needle, begin)
    if at < 0:
        return None
    if places is None:
        return at, at + len(needle)
    return places[at], places[at + len(needle) - 1] + 1


def _hidden() -> QTextCharFormat:
    """A marker's format: no colour, and a size so small that it takes no width on the line."""
    hidden = QTextCharFormat()
    hidden.setForeground(QColor(0, 0, 0, 0))
    hidden.setFontPointSize(0.1)
    return hidden


class BoldMarks(QSyntaxHighlighter):
    """Draws an imported text's bold runs in bold and its markers as nothing (the text is unchanged)."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.bold = QTextCharFormat()
        self.bold.setFontWeight(QFont.Weight.Bold)
        self.hidden = _hidden()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        if BOLD_START not in text and BOLD_END not in text:
            return
        for match in BOLD_RUN.finditer(text):
            self.setFormat(match.start(1), match.end(1) - match.start(1), self.bold)
        for index, char in enumerate(text):
            if char in MARKS:
                self.setFormat(index, 1, self.hidden)


class _StepOverMarks(QObject):
    """Makes the arrow keys, Backspace, Delete and clicks treat a marker as not there."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        if kind == QEvent.Type.MouseButtonRelease and watched is self.editor.viewport():
            cursor = self.editor.textCursor()
            if not cursor.hasSelection() and self._mark_before(cursor.position()):
                cursor.setPosition(self._back_over_marks(cursor.position()))
                self.editor.setTextCursor(cursor)
        return False

    def _text(self) -> QTextDocument:
        return QPlainTextEdit.document(self.editor)  # a LinkedTextEdit's ``document`` is the draft

    def _char(self, position: int) -> str:
        return self._text().characterAt(position)

    def _mark_before(self, position: int) -> bool:
        return position > 0 and self._char(position - 1) in MARKS

    def _back_over_marks(self, position: int) -> int:
        while self._mark_before(position):
            position -= 1
        return position

    def _on_over_marks(self, position: int) -> int:
        last = self._text().characterCount() - 1
        while position < last and self._char(position) in MARKS:
            position += 1
        return position

    def _copy(self, cut: bool) -> bool:
        """Copy (or cut) the selection as the clerk sees it: another program gets no marker characters."""
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            return False
        QGuiApplication.clipboard().setText(unmarked(cursor.selectedText()).replace("\u2029", "\n"))
        if cut and not self.editor.isReadOnly():
            cursor.removeSelectedText()
            self.editor.setTextCursor(cursor)
        return True

    def _key(self, event: QKeyEvent) -> bool:
        if event.matches(QKeySequence.StandardKey.Copy) or event.matches(QKeySequence.StandardKey.Cut):
            return self._copy(event.matches(QKeySequence.StandardKey.Cut))
        key, modifiers = event.key(), event.modifiers()
        shift = modifiers == Qt.KeyboardModifier.ShiftModifier
        if key not in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Backspace, Qt.Key.Key_Delete) \
                or not (shift or modifiers == Qt.KeyboardModifier.NoModifier):
            return False
        cursor = self.editor.textCursor()
        position = cursor.position()
        near = self._mark_before(position) or self._char(position) in MARKS \
            or (position > 1 and key == Qt.Key.Key_Left and self._char(position - 2) in MARKS)
        if not near:
            return False  # Qt's own handling: no marker in the way
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            if cursor.hasSelection() or shift:
                return False
            cursor.setPosition(self._back_over_marks(position) if key == Qt.Key.Key_Backspace
                               else self._on_over_marks(position))
            self.editor.setTextCursor(cursor)
            return False  # Qt then removes the character the clerk sees
        if cursor.hasSelection() and not shift:
            return False  # an arrow first collapses the selection, as Qt does
        if key == Qt.Key.Key_Right:
            position = self._on_over_marks(position)
            position = min(position + 1, self._text().characterCount() - 1)
        else:
            position = self._back_over_marks(position)
            position = self._back_over_marks(max(position - 1, 0))
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor if shift else QTextCursor.MoveMode.MoveAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        return True


def install_bold_marks(editor: QPlainTextEdit) -> BoldMarks:
    """Show an editor's imported bold in bold with its markers unseen, and let the cursor step over them."""
    steps = _StepOverMarks(editor)
    editor.installEventFilter(steps)
    editor.viewport().installEventFilter(steps)
    return BoldMarks(QPlainTextEdit.document(editor))
