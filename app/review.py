"""Review notes (批注) and the sign-off record (定稿), as plain data the draft file carries.

A reviewer — a colleague who opens the same draft — attaches a note to a cell, a paragraph
(a sub-head's text), a section, a finding or the whole report; the author marks it handled.
The sign-off record says whether the report is final, who made it so and when, with the
fingerprint of its content (app.final), and keeps every 定稿 / 取消定稿 in a log.

This module holds only the values and their JSON; it imports nothing of the report, so the
report, the canonical JSON and the editor can all use it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from app.errors import CanonicalError

CELL, PART, SECTION, FINDING, REPORT = "cell", "part", "section", "finding", "report"
TARGET_KINDS = (CELL, PART, SECTION, FINDING, REPORT)
FINAL, REOPEN = "final", "reopen"
ACTION_NAMES = {FINAL: "定稿", REOPEN: "取消定稿"}


def now_iso() -> str:
    """The time now, as the draft file records times: ISO 8601 in UTC, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def local_time(stamp: str) -> str:
    """A recorded time as a clerk reads it: local time, ``2026-12-01 14:05``."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")


def target(kind: str, key: str = "") -> str:
    """How a note names what it is about: ``cell:t3.new.natural``, ``part:s1/2``, ``section:s5``,
    ``finding:X.valid:gf`` or ``report``."""
    if kind not in TARGET_KINDS:
        raise ValueError(kind)
    return kind if kind == REPORT else f"{kind}:{key}"


def split_target(name: str) -> tuple[str, str]:
    """(kind, key) of a note's target."""
    kind, _, key = name.partition(":")
    return kind, key


@dataclass(frozen=True)
class Note:
    """One 批注: what it is about, who wrote it and when, and whether it was handled (by whom, when)."""

    id: str
    target: str
    text: str
    author: str
    at: str
    handled_by: str = ""
    handled_at: str = ""

    @property
    def handled(self) -> bool:
        """The author has dealt with the note."""
        return bool(self.handled_at)

    def marked_handled(self, by: str, at: str | None = None) -> Note:
        """This note marked as handled (``by`` empty: marked as open again)."""
        if not by:
            return replace(self, handled_by="", handled_at="")
        return replace(self, handled_by=by, handled_at=at or now_iso())


def new_note_id(notes: list[Note]) -> str:
    """An id no note of the draft has: ``n1``, ``n2`` … (never reused while the notes are there)."""
    used = {n.id for n in notes}
    k = len(notes) + 1
    while f"n{k}" in used:
        k += 1
    return f"n{k}"


@dataclass(frozen=True)
class SignOffEvent:
    """One 定稿 or 取消定稿: what, who, when, and the fingerprint of the content at that moment."""

    action: str
    by: str
    at: str
    fingerprint: str = ""


@dataclass(frozen=True)
class Final:
    """The report is final: who finalised it, when, its content's fingerprint, and the explanation
    given for each error that remained (error key → explanation)."""

    by: str
    at: str
    fingerprint: str
    explained: tuple[tuple[str, str], ...] = ()


# ---------------------------------------------------------------- JSON


def _text(value: object, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CanonicalError(f"{where}应为文字。")
    return value


def notes_to_json(notes: list[Note]) -> list[dict[str, str]]:
    """The notes as the canonical JSON lists them (handled fields only once handled)."""
    out = []
    for note in notes:
        item = {"id": note.id, "target": note.target, "text": note.text, "author": note.author, "at": note.at}
        if note.handled:
            item["handled_by"] = note.handled_by
            item["handled_at"] = note.handled_at
        out.append(item)
    return out


def notes_from_json(data: object) -> list[Note]:
    """Notes from canonical JSON; CanonicalError in Chinese when the list is malformed."""
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise CanonicalError("“notes”（批注）应为一个列表。")
    notes: list[Note] = []
    for item in data:
        note = Note(_text(item.get("id"), "批注编号"), _text(item.get("target"), "批注的位置"),
                    _text(item.get("text"), "批注内容"), _text(item.get("author"), "批注人"),
                    _text(item.get("at"), "批注时间"), _text(item.get("handled_by"), "处理人"),
                    _text(item.get("handled_at"), "处理时间"))
        if not note.id or split_target(note.target)[0] not in TARGET_KINDS:
            raise CanonicalError(f"批注“{note.text[:20]}”缺少编号或位置不对（{note.target}）。")
        notes.append(note)
    if len({n.id for n in notes}) != len(notes):
        raise CanonicalError("“notes”（批注）中有重复的编号。")
    return notes


def final_to_json(final: Final) -> dict[str, Any]:
    """The sign-off as the canonical JSON holds it."""
    data: dict[str, Any] = {"by": final.by, "at": final.at, "fingerprint": final.fingerprint}
    if final.explained:
        data["explained"] = dict(final.explained)
    return data


def final_from_json(data: object) -> Final | None:
    """The sign-off from canonical JSON (``None`` or absent: not final)."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise CanonicalError("“final”（定稿）应为一个对象。")
    explained = data.get("explained") or {}
    if not isinstance(explained, dict) or not all(isinstance(v, str) for v in explained.values()):
        raise CanonicalError("“final”中对错误的说明格式不对。")
    return Final(_text(data.get("by"), "定稿人"), _text(data.get("at"), "定稿时间"),
                 _text(data.get("fingerprint"), "定稿指纹"), tuple((str(k), v) for k, v in explained.items()))


def log_to_json(log: list[SignOffEvent]) -> list[dict[str, str]]:
    """The 定稿 / 取消定稿 record as the canonical JSON lists it."""
    return [{"action": e.action, "by": e.by, "at": e.at, "fingerprint": e.fingerprint} for e in log]


def log_from_json(data: object) -> list[SignOffEvent]:
    """The sign-off record from canonical JSON."""
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise CanonicalError("“final_log”（定稿记录）应为一个列表。")
    log = []
    for item in data:
        action = _text(item.get("action"), "定稿记录的操作")
        if action not in ACTION_NAMES:
            raise CanonicalError(f"定稿记录中不认识的操作“{action}”。")
        log.append(SignOffEvent(action, _text(item.get("by"), "操作人"), _text(item.get("at"), "操作时间"),
                                _text(item.get("fingerprint"), "定稿指纹")))
    return log


# ---------------------------------------------------------------- the edits (applied by app.editing.Editor)


@dataclass(frozen=True)
class SetNote:
    """A note added or changed (``note``) or removed (``None``); the id names which."""

    note_id: str
    note: Note | None
    index: int | None = None  # where a note comes back (the undo of a removal); None: at the end


@dataclass(frozen=True)
class SetFinal:
    """The report made final (``final``) or editable again (``None``), with its sign-off record."""

    final: Final | None
    log: tuple[SignOffEvent, ...]
