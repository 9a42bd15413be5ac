"""Saving never overwrites someone else's save: the question when the file changed since it was opened.

The choices are 合并对方的修改 / 另存为 / 覆盖（对方的修改将丢失，需再次确认）. 合并 goes through
``merge_theirs`` — the one hook where the three-way merge (``app.merge``, issue 12 item 5) plugs in.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from app.errors import NianbaoError
from app.history import History, load_draft, newest_common
from app.report import Report
from app.save_check import SaveConflict, state_of
from ui import dialogs

if TYPE_CHECKING:
    from ui.document import Document

MERGE, SAVE_AS, OVERWRITE, CANCEL = "merge", "save-as", "overwrite", "cancel"


class ConflictWindow(Protocol):
    """What the hook needs of the main window."""

    document: Document

    def save_as(self) -> bool: ...


def ask(parent: QWidget | None, conflict: SaveConflict) -> str:
    """What to do about someone else's save: MERGE, SAVE_AS, OVERWRITE (confirmed twice) or CANCEL."""
    answer = dialogs._ask(parent, "文件已被他人修改",
                          f"{conflict.sentence()}\n\n直接保存会覆盖对方的修改。请选择：",
                          [("合并对方的修改", MERGE), ("另存为", SAVE_AS),
                           ("覆盖（对方的修改将丢失，需再次确认）", OVERWRITE), ("取消", CANCEL)])
    if answer == OVERWRITE:
        sure = dialogs._ask(parent, "确认覆盖",
                            f"确定要覆盖吗？{conflict.who()} 于 {conflict.when()} 保存的修改将丢失，无法恢复。",
                            [("取消", CANCEL), ("覆盖", OVERWRITE)])
        return OVERWRITE if sure == OVERWRITE else CANCEL
    return answer


def merge_available() -> bool:
    """Whether the three-way merge (``app.merge``) is part of this program yet."""
    try:
        return importlib.util.find_spec("app.merge") is not None
    except (ImportError, ValueError):
        return False


def adopt_merge(document: Document, theirs: History) -> None:
    """After another copy was merged into the window (文件 → 合并同事的副本 too): the next save records a
    revision whose parents are both heads, and the draft keeps the other copy's revisions."""
    mine = document.history.head
    document.history.adopt(theirs)
    document.merge_parents = [r for r in (mine, theirs.head) if r is not None]


def accept_theirs(document: Document, path: Path, theirs: History) -> None:
    """After their save to this very file was merged into the window: as ``adopt_merge``, and the next
    save replaces their save without asking again (it includes it)."""
    adopt_merge(document, theirs)
    document.disk = state_of(path, theirs.head)


def merge_theirs(window: ConflictWindow, path: Path) -> bool:
    """合并对方的修改: load their report and hand it to the three-way merge (the merge view opens; the
    user saves the merged draft afterwards). True only when the draft was saved (as 另存为 here).

    HOOK for the lead (issue 12 item 5): once ``app.merge`` exists, ``_hand_off`` is the one place to wire.
    Until then it offers 另存为 only and says that 合并 is coming.
    """
    try:
        theirs_report, theirs_history = load_draft(path)
    except NianbaoError as error:
        dialogs.error(window if isinstance(window, QWidget) else None, str(error), "无法读取对方的版本")
        return False
    if not merge_available():
        parent = window if isinstance(window, QWidget) else None
        answer = dialogs._ask(parent, "合并",
                              "合并功能即将提供。现在可以先用“另存为”把您的版本保存为另一个文件，"
                              "以后再与同事的版本合并；对方的文件不会被改动。",
                              [("另存为", SAVE_AS), ("取消", CANCEL)])
        return window.save_as() if answer == SAVE_AS else False
    return _hand_off(window, path, theirs_report, theirs_history)


def _hand_off(window: ConflictWindow, path: Path, theirs_report: Report, theirs_history: History) -> bool:
    """Give their version to the three-way merge view (issue 12 item 5, ``app.merge`` / ``ui.merge_view``).

    The base is the newest revision the window's history (in memory) shares with theirs — not one read
    from the file, which now holds their save. Mine is the window's report. When the user accepts the
    merge (one undo step), ``accept_theirs`` makes the next save a revision with both heads as parents.
    Written against the merge helper's names (``app.merge.merge``, ``ui.merge_view.MergeDialog`` and
    ``apply_merge``); not exercised on this branch, where those modules do not exist yet.
    """
    parent = window if isinstance(window, QWidget) else None
    try:
        merging = importlib.import_module("app.merge")
        view = importlib.import_module("ui.merge_view")
    except ImportError:
        dialogs.error(parent, "合并功能尚未接入窗口，请先用“另存为”保存您的版本。", "合并")
        return False
    document = window.document
    base_id = newest_common(document.history, theirs_history)
    base = document.history.report(base_id) if base_id is not None else None
    window_commit = getattr(window, "commit_open_editors", None)
    if callable(window_commit):
        window_commit()
    try:
        result = merging.merge(base, document.report, theirs_report)
    except NianbaoError as error:
        dialogs.error(parent, str(error), "合并")
        return False
    dialog = view.MergeDialog(result, theirs_report.title or path.name, parent)

    def accepted() -> None:
        view.apply_merge(window, dialog)
        accept_theirs(document, path, theirs_history)

    dialog.accepted.connect(accepted)
    dialog.open()
    return False  # not saved yet: the user decides the conflicts, then saves the merged draft
