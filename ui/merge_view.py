"""文件 → 合并同事的副本…: the conflicts side by side, decided one by one, applied as one undo step.

Everything only one copy changed is merged without a question (``app.merge``); this view lists
what is left — each place both copies changed differently, or, with no common revision, every
difference — with both versions side by side. A conflict is decided with 用我的 / 用同事的, and a
text also with 两者都保留 or 手动编辑. 合并 gives the draft the merged content as one undo step;
the checks run on it and a summary says what came from whom.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget)

from app.diff import TEXT, readable, sentence_diff
from app.merge import (BOTH, CHOICE_NAMES, EDITED, MINE, PART, SIDE_NAMES, THEIRS, Conflict, Decision, MergeError,
                       MergeResult, Outcome, finish, merge)
from app.history import History, base_report, history_of, join
from app.report import Report
from app.store import SUFFIX
from ui import dialogs
from ui.compare_view import ask_copy_file, read_copy, side_by_side

# The window these commands act on (named loosely: ui.main_window imports this module).
MainWindow = Any

UNDECIDED = "未决定"
MERGE_LABEL = "合并同事的副本"


def conflict_rows(conflict: Conflict) -> list[tuple[str, str, str]]:
    """Both versions of a conflict as side-by-side rows (a text sentence by sentence)."""
    if conflict.kind == TEXT:
        return [(s.a, s.b, s.op) for s in sentence_diff(conflict.mine, conflict.theirs)]
    if conflict.kind == PART:
        return [(conflict.mine if conflict.mine_value is not None else "（已删去这个小标题）",
                 conflict.theirs if conflict.theirs_value is not None else "（已删去这个小标题）", "changed")]
    return [(conflict.mine, conflict.theirs, "changed")]


class MergeDialog(QDialog):
    """The merge of the open draft (mine) with a colleague's copy (theirs)."""

    def __init__(self, result: MergeResult, theirs_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{MERGE_LABEL}：{theirs_name}")
        self.merged, self.theirs_name = result, theirs_name
        self.decisions: dict[str, Decision] = {}
        self.applied: Outcome | None = None  # the outcome, once merged into the draft
        self.summary_dialog: SummaryDialog | None = None
        box = QVBoxLayout(self)
        self.summary = QLabel(self._summary_text())
        self.summary.setWordWrap(True)
        box.addWidget(self.summary)
        splitter = QSplitter()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self.show_conflict)
        splitter.addWidget(self.list)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.where = QLabel()
        self.where.setWordWrap(True)
        column.addWidget(self.where)
        self.base = QLabel()
        self.base.setWordWrap(True)
        self.base.setStyleSheet("color: #555b66;")
        column.addWidget(self.base)
        self.sides = QTextBrowser()
        column.addWidget(self.sides, 2)
        choices = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for choice in (MINE, THEIRS, BOTH, EDITED):
            button = QPushButton(CHOICE_NAMES[choice] + ("…" if choice == EDITED else ""))
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=choice: self.choose(c))
            choices.addWidget(button)
            self.buttons[choice] = button
        choices.addStretch(1)
        column.addLayout(choices)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("合并后的文字")
        self.editor.textChanged.connect(self._edited)
        self.editor.hide()
        column.addWidget(self.editor, 1)
        splitter.addWidget(right)
        splitter.setSizes([330, 800])
        box.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        self.progress = QLabel()
        bottom.addWidget(self.progress, 1)
        self.all_mine = QPushButton("其余都用我的")
        self.all_mine.clicked.connect(lambda: self.choose_rest(MINE))
        self.all_theirs = QPushButton("其余都用同事的")
        self.all_theirs.clicked.connect(lambda: self.choose_rest(THEIRS))
        bottom.addWidget(self.all_mine)
        bottom.addWidget(self.all_theirs)
        self.box = QDialogButtonBox()
        self.merge_button = self.box.addButton("合并", QDialogButtonBox.ButtonRole.AcceptRole)
        self.box.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        bottom.addWidget(self.box)
        box.addLayout(bottom)
        for conflict in result.conflicts:
            self.list.addItem(QListWidgetItem())
        self._refresh_items()
        if result.conflicts:
            self.list.setCurrentRow(0)
        else:
            self.where.setText("没有冲突：两份副本的修改都已合并。按“合并”采用合并结果。")
            for button in self.buttons.values():
                button.hide()
            self.sides.hide()
        self.resize(1200, 680)

    # ------------------------------------------------------------------ reading

    def _summary_text(self) -> str:
        taken = {side: sum(t.side == side for t in self.merged.taken) for side in (MINE, THEIRS, BOTH)}
        head = ("从两份副本共同的上一版本合并" if self.merged.base is not None
                else "两份草稿没有共同的修订记录：每一处不同都需要选择")
        return (f"{head}。已自动合并：{SIDE_NAMES[MINE]} {taken[MINE]} 处，{SIDE_NAMES[THEIRS]} {taken[THEIRS]} 处，"
                f"{SIDE_NAMES[BOTH]} {taken[BOTH]} 处；需要决定 {len(self.merged.conflicts)} 处。")

    @property
    def current(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.merged.conflicts[row] if 0 <= row < len(self.merged.conflicts) else None

    @property
    def undecided(self) -> int:
        return sum(c.key not in self.decisions for c in self.merged.conflicts)

    def outcome(self) -> Outcome:
        """The merged report with the decisions made, checked and summarised."""
        return finish(self.merged, self.decisions)

    # ------------------------------------------------------------------ deciding

    def show_conflict(self, row: int) -> None:
        """One conflict: where, the base it came from, both versions side by side, the choice made."""
        if not 0 <= row < len(self.merged.conflicts):
            return
        conflict = self.merged.conflicts[row]
        self.where.setText(f"<b>{html.escape(conflict.where)}</b>（第 {row + 1} 处，共 {len(self.merged.conflicts)} 处）")
        if self.merged.base is not None and conflict.kind == TEXT:
            was = "".join("".join(h.base) for h in conflict.hunks).strip()
            self.base.setText(f"双方改了同一句话。原来：{readable(was) or '（空）'}")
        elif self.merged.base is not None and conflict.kind == PART:
            self.base.setText("一方删去了这个小标题，另一方修改了它，请选择保留还是删去。")
        elif self.merged.base is not None:
            self.base.setText(f"原来：{conflict.base or '（空）'}")
        else:
            self.base.setText("两份草稿在这里不同，请选择。")
        self.sides.setHtml(side_by_side("我的副本", f"同事的副本（{self.theirs_name}）", conflict_rows(conflict)))
        for choice, button in self.buttons.items():
            button.setVisible(choice in conflict.choices)
        self._sync_choice()

    def _sync_choice(self) -> None:
        conflict = self.current
        if conflict is None:
            return
        decision = self.decisions.get(conflict.key)
        for choice, button in self.buttons.items():
            button.setChecked(decision is not None and decision.choice == choice)
        editing = decision is not None and decision.choice == EDITED
        self.editor.setVisible(editing)
        if editing and decision is not None and self.editor.toPlainText() != decision.text:
            self.editor.blockSignals(True)
            self.editor.setPlainText(decision.text)
            self.editor.blockSignals(False)

    def choose(self, choice: str, text: str | None = None) -> None:
        """Decide the conflict shown: mine, theirs, both, or an edited text (starting from both)."""
        conflict = self.current
        if conflict is None or choice not in conflict.choices:
            return
        if choice == EDITED:
            old = self.decisions.get(conflict.key)
            start = old.text if old is not None and old.choice == EDITED else str(conflict.both_value)
            self.decisions[conflict.key] = Decision(EDITED, start if text is None else text)
        else:
            self.decisions[conflict.key] = Decision(choice)
        self._sync_choice()
        self._refresh_items()
        if choice != EDITED:
            self._next_undecided()

    def _edited(self) -> None:
        conflict = self.current
        if conflict is not None and conflict.key in self.decisions and self.decisions[conflict.key].choice == EDITED:
            self.decisions[conflict.key] = Decision(EDITED, self.editor.toPlainText())

    def choose_rest(self, choice: str) -> None:
        """Every conflict not yet decided goes one way."""
        for conflict in self.merged.conflicts:
            self.decisions.setdefault(conflict.key, Decision(choice))
        self._sync_choice()
        self._refresh_items()

    def _next_undecided(self) -> None:
        for row, conflict in enumerate(self.merged.conflicts):
            if conflict.key not in self.decisions:
                self.list.setCurrentRow(row)
                return

    def _refresh_items(self) -> None:
        for row, conflict in enumerate(self.merged.conflicts):
            decision = self.decisions.get(conflict.key)
            state = CHOICE_NAMES[decision.choice] if decision else UNDECIDED
            item = self.list.item(row)
            item.setText(f"{'✔' if decision else '○'} {conflict.where}（{state}）")
        left = self.undecided
        self.progress.setText(f"还有 {left} 处未决定" if left else "都已决定，可以合并。")
        self.merge_button.setEnabled(not left)
        self.all_mine.setEnabled(bool(left))
        self.all_theirs.setEnabled(bool(left))


def apply_merge(window: MainWindow, dialog: MergeDialog) -> Outcome:
    """Give the draft the merged content as one undo step; say what came from whom."""
    outcome = dialog.outcome()
    window.document.replace_report(outcome.report, f"{MERGE_LABEL}（{dialog.theirs_name}）")
    window.show_message(outcome.summary[0])
    dialog.applied = outcome
    dialog.summary_dialog = SummaryDialog(outcome, window)
    dialog.summary_dialog.show()
    return outcome


class SummaryDialog(QDialog):
    """What the merge took from whom, and what the checks found in the result."""

    def __init__(self, outcome: Outcome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("合并结果")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box = QVBoxLayout(self)
        text = QPlainTextEdit("\n".join(outcome.summary))
        text.setReadOnly(True)
        box.addWidget(text)
        note = QLabel("合并可以撤销（编辑 → 撤销）。请检查合并结果后保存。")
        box.addWidget(note)
        buttons = QDialogButtonBox()
        buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        box.addWidget(buttons)
        self.text = text
        self.resize(640, 420)


def merge_with(window: MainWindow, path: Path) -> MergeDialog | None:
    """Merge the copy in a file into the open draft: the view opens on the conflicts."""
    theirs = read_copy(window, path, "无法读取同事的副本")
    if theirs is None:
        return None
    theirs_history = history_of(path) if path.suffix.lower() == SUFFIX else History()  # a draft keeps its past
    return open_merge(window, theirs, theirs_history, path.name)


def open_merge(window: MainWindow, theirs: Report, theirs_history: History, name: str,
               then: Callable[[], None] | None = None) -> MergeDialog | None:
    """The merge view on another copy of the open draft, merged from the newest revision the window's
    history shares with the copy's. On 合并 the content is replaced as one undo step, the next save
    records a revision after both heads, and ``then`` runs (the save conflict marks their save included)."""
    window.commit_open_editors()
    document = window.document
    try:
        result = merge(base_report(document.history, theirs_history), document.report, theirs)
    except MergeError as error:  # copies in different formats
        dialogs.error(window, str(error), MERGE_LABEL)
        return None
    dialog = MergeDialog(result, name, window)

    def accepted() -> None:
        apply_merge(window, dialog)
        document.merge_parents = join(document.history, theirs_history) or None  # the next save has both parents
        if then is not None:
            then()

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog


def merge_dialog(window: MainWindow) -> None:
    """文件 → 合并同事的副本…"""
    path = ask_copy_file(window, MERGE_LABEL)
    if path is not None:
        merge_with(window, path)
