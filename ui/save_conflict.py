"""Saving never overwrites someone else's save: the question when the file changed since it was opened.

The choices are 合并对方的修改 / 另存为 / 覆盖（对方的修改将丢失，需再次确认）. 合并 hands
their save to the three-way merge view (``merge_theirs``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from app.errors import NianbaoError
from app.history import History, join, load_draft
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


def adopt_merge(document: Document, theirs: History) -> None:
    """After another copy was merged into the window (文件 → 合并同事的副本 too): the next save records a
    revision whose parents are both heads, and the draft keeps the other copy's revisions."""
    document.merge_parents = join(document.history, theirs) or None


def accept_theirs(document: Document, path: Path, theirs: History) -> None:
    """After their save to this very file was merged into the window: as ``adopt_merge``, and the next
    save replaces their save without asking again (it includes it)."""
    adopt_merge(document, theirs)
    included(document, path, theirs)


def included(document: Document, path: Path, theirs: History) -> None:
    """Their save to this file is in the window's draft now: the next save replaces it without asking."""
    document.disk = state_of(path, theirs.head)


def merge_theirs(window: ConflictWindow, path: Path) -> bool:
    """合并对方的修改: their save goes to the three-way merge view, from the newest revision the window's
    history (in memory — the file now holds their save) shares with theirs; the user decides the
    conflicts, and the next save records a revision with both heads as parents (``accept_theirs``).
    Returns False: nothing is saved until the user saves the merged draft."""
    from ui import merge_view  # the merge view (and difflib behind it) loads when a conflict is merged

    parent = window if isinstance(window, QWidget) else None
    try:
        theirs_report, theirs_history = load_draft(path)
    except NianbaoError as error:
        dialogs.error(parent, str(error), "无法读取对方的版本")
        return False
    document = window.document
    dialog = merge_view.open_merge(window, theirs_report, theirs_history,  # type: ignore[arg-type]  # the main window
                                   theirs_report.title or path.name,
                                   then=lambda: included(document, path, theirs_history))
    window.save_conflict_merge = dialog  # type: ignore[attr-defined]  # kept alive while open; tests reach it here
    return False
