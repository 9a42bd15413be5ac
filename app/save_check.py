"""Saving never overwrites someone else's save: is the draft on disk still the one this window has?

A window remembers the file as it opened or last saved it — its head revision id, size and
modification time. Before replacing the file it looks again; if another save came in between
(a colleague on the shared folder, a copy brought back on a USB stick, a cloud drive's sync,
an older program that keeps no history), the user is told who saved when. No Qt here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from app.errors import NianbaoError
from app.history import HISTORY_TABLE, History, Revision
from app.store import read_database, write_target


@dataclass(frozen=True)
class FileState:
    """A draft file as this window last knew it."""

    revision: str | None  # the head revision id inside the file (None: a draft without history)
    size: int
    mtime_ns: int


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        status = write_target(path).stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def state_of(path: Path, revision: str | None) -> FileState | None:
    """The state of the file just opened or saved (None if it is not there)."""
    found = _stat(path)
    return FileState(revision, *found) if found else None


@dataclass(frozen=True)
class SaveConflict:
    """Someone saved the draft after this window opened or last saved it."""

    path: Path
    theirs: Revision | None  # their last revision (None: saved by a program that keeps no history)
    modified: float  # the file's modification time

    def who(self) -> str:
        """李四（财务科-PC02）, or 其他人 when the file does not say."""
        if self.theirs is None:
            return "其他人或其他程序"
        return f"{self.theirs.author}（{self.theirs.machine}）" if self.theirs.machine else self.theirs.author

    def when(self) -> str:
        """When they saved, on this computer's clock."""
        if self.theirs is not None:
            return self.theirs.local_time()
        return datetime.datetime.fromtimestamp(self.modified).strftime("%Y-%m-%d %H:%M")

    def sentence(self) -> str:
        """“年报.nianbao”在您打开之后已由 李四（财务科-PC02）于 2026-12-01 10:45 保存过。"""
        what = f"（{self.theirs.summary}）" if self.theirs is not None and self.theirs.summary else ""
        return f"“{self.path.name}”在您打开之后已由 {self.who()} 于 {self.when()} 保存过{what}。"


def find_conflict(path: Path, known: FileState | None) -> SaveConflict | None:
    """Whether saving to ``path`` would replace someone else's save (None: safe to save).

    The file is read for its head revision even when size and time look unchanged (a copy may keep both).
    """
    if known is None:
        return None
    now = _stat(path)
    if now is None:
        return None  # gone (moved away): saving puts it back, nothing of anyone's is lost
    try:
        history = History.from_table(read_database(write_target(path)).get(HISTORY_TABLE), path.name)
    except NianbaoError:
        history = None  # not a draft any more: whatever it is, it is not what this window opened
    head = history.head if history is not None else None
    if head is not None and head == known.revision:
        return None
    if head is None and known.revision is None and now == (known.size, known.mtime_ns):
        return None  # a draft without history, untouched
    theirs = history.head_revision() if history is not None else None
    return SaveConflict(path, theirs, now[1] / 1e9)
