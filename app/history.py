"""Revision history kept inside a draft: who saved what when, and enough content to go back.

Every save records a revision (id, parents, author, machine, time in UTC, a one-line Chinese
summary). Its content is stored compactly: as a delta of the canonical JSON against its first
parent, with a full snapshot (zlib-compressed) at the root and every ``SNAPSHOT_EVERY`` revisions
of a chain, so any revision's full report is rebuilt from the nearest snapshot in a few steps.
Two copies of one report share the ids of the revisions they have in common, so the newest
common one (the base of a three-way merge) is found by id. No Qt here.
"""

from __future__ import annotations

import base64
import datetime
import json
import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.canonical import from_canonical, to_canonical
from app.errors import CanonicalError, DraftFileError
from app.format import LAYOUTS, section_title, table_name
from app.report import Report
from app.processes import host_name
from app.store import HISTORY_TABLE, load, read_database, save

__all__ = ["HISTORY_TABLE", "History", "Revision", "common_base", "content_at", "history_of", "load_draft",
           "newest_common", "read_history", "save_draft"]

SNAPSHOT_EVERY = 100  # revisions of one chain between two full snapshots
_SHORT_TEXT = 48  # strings shorter than this are stored whole rather than spliced

Json = Any
Op = list[Any]


@dataclass(frozen=True)
class Revision:
    """One save of a draft, as the history lists it."""

    id: str
    parents: tuple[str, ...]
    author: str
    machine: str
    time: str  # ISO 8601 in UTC, e.g. 2026-12-01T10:32:05Z
    summary: str

    @property
    def short_id(self) -> str:
        """The first eight characters, enough to tell revisions apart on screen."""
        return self.id[:8]

    def local_time(self, fmt: str = "%Y-%m-%d %H:%M") -> str:
        """The time of the save on this computer's clock, for people to read."""
        return parse_time(self.time).astimezone().strftime(fmt)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "parents": list(self.parents), "author": self.author, "machine": self.machine,
                "time": self.time, "summary": self.summary}


def parse_time(text: str) -> datetime.datetime:
    """A revision time (ISO 8601, ``Z`` for UTC) as an aware datetime."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def utc_now() -> str:
    """Now, as revisions record it."""
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def machine_name() -> str:
    """This computer's network name, as colleagues see it."""
    return host_name() or "未知计算机"


# ---------------------------------------------------------------------- deltas of canonical JSON

def _same(old: Json, new: Json) -> bool:
    return type(old) is type(new) and old == new


def diff(old: Json, new: Json) -> Op | None:
    """The operation turning ``old`` into ``new`` (None when equal): small for small edits.

    ``["=", v]`` replace, ``["-"]`` remove a key, ``["{", {key: op}]`` change some keys,
    ``["[", length, {index: op}]`` change some items, ``["~", start, end, text]`` splice a string.
    """
    if _same(old, new):
        return None
    op: Op
    if isinstance(old, dict) and isinstance(new, dict):
        changes: dict[str, Op] = {}
        for key in old.keys() | new.keys():
            if key not in new:
                changes[key] = ["-"]
            elif key not in old:
                changes[key] = ["=", new[key]]
            else:
                sub = diff(old[key], new[key])
                if sub is not None:
                    changes[key] = sub
        op = ["{", changes]
    elif isinstance(old, list) and isinstance(new, list):
        items: dict[str, Op] = {}
        for index, item in enumerate(new):
            sub = diff(old[index], item) if index < len(old) else ["=", item]
            if sub is not None:
                items[str(index)] = sub
        op = ["[", len(new), items]
    elif isinstance(old, str) and isinstance(new, str) and len(old) + len(new) > _SHORT_TEXT:
        start = 0
        limit = min(len(old), len(new))
        while start < limit and old[start] == new[start]:
            start += 1
        end = 0
        while end < limit - start and old[-1 - end] == new[-1 - end]:
            end += 1
        op = ["~", start, len(old) - end, new[start:len(new) - end]]
    else:
        return ["=", new]
    whole: Op = ["=", new]
    return whole if _size(op) >= _size(whole) else op


def _size(value: Json) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def apply(value: Json, op: Op | None) -> Json:
    """``value`` changed by ``op`` (from ``diff``); the input is never modified (unchanged parts are shared)."""
    if op is None:
        return value
    kind = op[0]
    if kind == "=":
        return op[1]
    if kind == "{":
        result = dict(value)
        for key, sub in op[1].items():
            if sub[0] == "-":
                result.pop(key, None)
            else:
                result[key] = apply(result.get(key), sub)
        return result
    if kind == "[":
        items = list(value[:op[1]])
        items.extend([None] * (op[1] - len(items)))
        for index, sub in op[2].items():
            items[int(index)] = apply(items[int(index)], sub)
        return items
    if kind == "~":
        return value[:op[1]] + op[3] + value[op[2]:]
    raise CanonicalError(f"修订记录中有无法识别的改动（{kind!r}）。")


def _pack(content: Json) -> str:
    """JSON compressed into text that needs no escaping in JSON (zlib, then Base64: both in C, fast)."""
    raw = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def _unpack(text: str) -> Json:
    return json.loads(zlib.decompress(base64.b64decode(text, validate=True)).decode("utf-8"))


# ---------------------------------------------------------------------- summaries

def _paragraphs(section: Json) -> list[str]:
    if not isinstance(section, dict):
        return []
    parts = section.get("parts") or []
    return [str(section.get("text", ""))] + [f"{p.get('title', '')}\n{p.get('text', '')}" for p in parts
                                              if isinstance(p, dict)]


def changed_cells(old: Json, new: Json) -> set[str]:
    """Cell ids whose value differs between two canonical reports."""
    old_cells = old.get("cells", {}) if isinstance(old, dict) else {}
    new_cells = new.get("cells", {}) if isinstance(new, dict) else {}
    return {c for c in old_cells.keys() | new_cells.keys() if not _same(old_cells.get(c), new_cells.get(c))}


def summarise(old: Json | None, new: Json) -> str:
    """One line in Chinese saying what a save changed: “表三 6 个单元格，一、总体情况 2 段”."""
    if old is None:
        return "新建草稿"
    pieces: list[str] = []
    if old.get("format") != new.get("format"):
        pieces.append("报告格式")
    meta = [k for k in old.get("meta", {}).keys() | new.get("meta", {}).keys()
            if not _same(old.get("meta", {}).get(k), new.get("meta", {}).get(k))]
    if meta:
        pieces.append(f"报告信息 {len(meta)} 项")
    layout = LAYOUTS.get(new.get("format")) or LAYOUTS.get(old.get("format"))
    per_table: dict[str, int] = {}
    tables = {c.id: c.table for c in layout.cells} if layout else {}
    # totals the program keeps follow from the cells typed: a summary counts what people changed
    derived = {s.target for s in layout.sums} if layout and new.get("totals") == "computed" else set()
    for cell_id in changed_cells(old, new) - derived:
        try:
            name = table_name(layout.table(tables[cell_id])) if layout else "表格"
        except (KeyError, StopIteration):
            name = "表格"
        per_table[name] = per_table.get(name, 0) + 1
    pieces.extend(f"{name} {count} 个单元格" for name, count in sorted(per_table.items()))
    old_sections, new_sections = old.get("sections", {}), new.get("sections", {})
    for sid in sorted(old_sections.keys() | new_sections.keys()):
        before, after = _paragraphs(old_sections.get(sid)), _paragraphs(new_sections.get(sid))
        count = sum(1 for a, b in zip(before, after) if a != b) + abs(len(before) - len(after))
        if count:
            try:
                title = section_title(sid)
            except StopIteration:
                title = sid
            pieces.append(f"{title} {count} 段")
    if old.get("totals") != new.get("totals"):
        pieces.append("合计方式")
    acks = [k for k in old.get("acknowledgements", {}).keys() | new.get("acknowledgements", {}).keys()
            if old.get("acknowledgements", {}).get(k) != new.get("acknowledgements", {}).get(k)]
    if acks:
        pieces.append(f"说明 {len(acks)} 条")
    if not _same(old.get("previous"), new.get("previous")):
        pieces.append("上年报告")
    if not pieces and not _same(old, new):
        pieces.append("其他内容")
    return "，".join(pieces) if pieces else "未改动"


# ---------------------------------------------------------------------- the history of one draft

def new_id() -> str:
    """A revision id: random, so copies that went different ways never share one by chance."""
    return os.urandom(6).hex()  # what secrets.token_hex does, without loading OpenSSL at start


def _revision(entry: dict[str, Any]) -> Revision:
    return Revision(str(entry["id"]), tuple(str(p) for p in entry.get("parents", [])), str(entry.get("author", "")),
                    str(entry.get("machine", "")), str(entry.get("time", "")), str(entry.get("summary", "")))


class History:
    """The revisions stored in one draft, oldest first, and the content of each on demand."""

    def __init__(self, entries: Iterable[dict[str, Any]] = (), head: str | None = None) -> None:
        self._entries: dict[str, dict[str, Any]] = {}
        for entry in entries:
            self._entries[str(entry["id"])] = entry
        self.head = head if head in self._entries else None
        self._cache: dict[str, Json] = {}

    # ---- reading
    @classmethod
    def from_table(cls, table: dict[str, Any] | None, name: str = "草稿") -> History:
        """The history of a draft's ``history`` table (absent in drafts before schema 3: empty)."""
        if not table:
            return cls()
        document = table.get("1")
        try:
            if not isinstance(document, dict):
                raise TypeError
            entries = _unpack(document["packed"]) if "packed" in document else document["revisions"]
            if not isinstance(entries, list) or not all(isinstance(e, dict) and isinstance(e.get("id"), str)
                                                        for e in entries):
                raise TypeError
            return cls(entries, document.get("head"))
        except (TypeError, KeyError, ValueError, zlib.error) as error:
            raise DraftFileError(f"“{name}”的修订记录已损坏，无法打开。") from error

    def to_table(self) -> dict[str, Any]:
        """The ``history`` table as written into the draft."""
        return {"1": {"head": self.head, "count": len(self._entries), "packed": _pack(list(self._entries.values()))}}

    def revisions(self) -> list[Revision]:
        """Every revision, oldest first (in the order they were recorded or adopted)."""
        return [_revision(e) for e in self._entries.values()]

    def __contains__(self, revision_id: object) -> bool:
        return revision_id in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def revision(self, revision_id: str) -> Revision:
        """The revision of that id; KeyError if this draft does not have it."""
        return _revision(self._entries[revision_id])

    def head_revision(self) -> Revision | None:
        """The revision the draft's report is (its last save), if any."""
        return self.revision(self.head) if self.head else None

    def content(self, revision_id: str) -> Json:
        """The canonical JSON of a revision (shared: callers must not modify it)."""
        if revision_id in self._cache:
            return self._cache[revision_id]
        chain: list[dict[str, Any]] = []
        current: str | None = revision_id
        while current is not None and current not in self._cache:
            entry = self._entries.get(current)
            if entry is None:
                raise DraftFileError(f"修订记录不完整：缺少修订 {current[:8]} 的内容。")
            chain.append(entry)
            current = None if "snapshot" in entry else entry.get("base")
        value = self._cache[current] if current is not None else None
        for entry in reversed(chain):
            value = entry["snapshot"] if "snapshot" in entry else apply(value, entry.get("delta"))
            self._cache[str(entry["id"])] = value
        return value

    def report(self, revision_id: str) -> Report:
        """The full report of a revision."""
        return from_canonical(json.loads(json.dumps(self.content(revision_id))))

    def depth(self, revision_id: str) -> int:
        """How many revisions lie before this one along first parents (the root is 0)."""
        count, current = 0, self._entries[revision_id].get("base")
        while current is not None and current in self._entries:
            count += 1
            current = self._entries[current].get("base")
        return count

    def ancestors(self, revision_id: str) -> set[str]:
        """A revision and every revision before it, through all parents, that this draft has."""
        seen: set[str] = set()
        todo = [revision_id]
        while todo:
            current = todo.pop()
            if current in seen or current not in self._entries:
                continue
            seen.add(current)
            todo.extend(self._entries[current].get("parents", []))
        return seen

    # ---- writing
    def record(self, content: Json, author: str, machine: str, parents: list[str] | None = None,
               summary: str | None = None, when: str | None = None) -> Revision:
        """Add a revision holding ``content`` (canonical JSON) after ``parents`` (default: the head)."""
        if parents is None:
            parents = [self.head] if self.head else []
        parents = [p for p in parents if p in self._entries]
        base = parents[0] if parents else None
        previous = self.content(base) if base else None
        if base is not None and len(parents) == 1 and summary is None and _same(previous, content) \
                and base == self.head:
            return self.revision(base)  # saved again unchanged: nothing new to record
        revision_id = new_id()
        entry: dict[str, Any] = {"id": revision_id, "parents": parents, "author": author, "machine": machine,
                                 "time": when or utc_now(),
                                 "summary": summary if summary is not None else summarise(previous, content)}
        chain = 0
        cursor = base
        while cursor is not None and "snapshot" not in self._entries[cursor]:
            chain += 1
            cursor = self._entries[cursor].get("base")
        if base is None or chain + 1 >= SNAPSHOT_EVERY:
            entry["snapshot"] = json.loads(json.dumps(content))
        else:
            entry["base"] = base
            entry["delta"] = diff(previous, content)
        self._entries[revision_id] = entry
        self._cache[revision_id] = json.loads(json.dumps(content))
        self.head = revision_id
        return _revision(entry)

    def forget(self, revision_id: str, head: str | None) -> None:
        """Take back a revision just recorded whose save failed; ``head`` becomes the head again."""
        if revision_id != head:
            self._entries.pop(revision_id, None)
            self._cache.pop(revision_id, None)
        self.head = head if head in self._entries else None

    def copy(self) -> History:
        """An independent history with the same revisions (a copy saved elsewhere goes its own way)."""
        twin = History([dict(e) for e in self._entries.values()], self.head)
        twin._cache = dict(self._cache)
        return twin

    def adopt(self, other: History) -> None:
        """Take in the revisions of another copy this one lacks (before recording a merge of both)."""
        for revision_id, entry in other._entries.items():
            if revision_id not in self._entries:
                self._entries[revision_id] = entry

    # ---- who changed what
    def last_changes(self) -> dict[str, Revision]:
        """For each cell, the revision (along first parents to the head) that last changed its value."""
        if self.head is None:
            return {}
        chain: list[str] = []
        current: str | None = self.head
        while current is not None and current in self._entries:
            chain.append(current)
            parents = self._entries[current].get("parents") or []
            current = parents[0] if parents and parents[0] in self._entries else None
        found: dict[str, Revision] = {}
        for index, revision_id in enumerate(chain):
            older = self.content(chain[index + 1]) if index + 1 < len(chain) else {}
            cells = changed_cells(older, self.content(revision_id))
            revision = None
            for cell_id in cells:
                if cell_id not in found:
                    revision = revision or self.revision(revision_id)
                    found[cell_id] = revision
        return found


# ---------------------------------------------------------------------- files

def history_of(path: Path) -> History:
    """The history stored in a draft file (empty for a draft saved before history existed)."""
    return History.from_table(read_database(path).get(HISTORY_TABLE), path.name)


def read_history(path: Path) -> list[Revision]:
    """The revisions of a draft, oldest first."""
    return history_of(path).revisions()


def content_at(path: Path, revision_id: str) -> Report:
    """The full report of one revision of a draft; DraftFileError if the draft has no such revision."""
    history = history_of(path)
    if revision_id not in history:
        raise DraftFileError(f"“{path.name}”中没有修订 {revision_id[:8]}。")
    return history.report(revision_id)


def newest_common(mine: History, theirs: History) -> str | None:
    """The id of the newest revision both histories have before their heads (None: no shared past)."""
    if mine.head is None or theirs.head is None:
        return None
    shared = mine.ancestors(mine.head) & theirs.ancestors(theirs.head)
    if not shared:
        return None
    # the newest: one no other shared revision descends from; ties broken by depth, then time
    inner = set()
    for revision_id in shared:
        inner |= mine.ancestors(revision_id) - {revision_id}
    candidates = shared - inner or shared
    return max(candidates, key=lambda r: (mine.depth(r), mine.revision(r).time, r))


def base_report(mine: History, theirs: History) -> Report | None:
    """The full report of the newest revision two histories share: the base of a three-way merge."""
    found = newest_common(mine, theirs)
    return None if found is None else mine.report(found)


def join(mine: History, theirs: History) -> list[str]:
    """Take the other copy's revisions into ``mine``; the parents the merge's revision records (both heads)."""
    parents = [r for r in (mine.head, theirs.head) if r is not None]
    mine.adopt(theirs)
    return parents


def common_base(a: Path, b: Path) -> tuple[Revision, Report] | None:
    """The newest revision two copies of a report share and its full report (None: no shared past)."""
    mine, theirs = history_of(a), history_of(b)
    found = newest_common(mine, theirs)
    if found is None:
        return None
    return mine.revision(found), mine.report(found)


def record_save(history: History, report: Report, author: str, machine: str | None = None,
                parents: list[str] | None = None, summary: str | None = None) -> Revision:
    """Record the report as it is about to be saved (a new revision after ``parents``, default the head)."""
    return history.record(to_canonical(report), author, machine or machine_name(), parents, summary)


def load_draft(path: Path, notices: list[str] | None = None) -> tuple[Report, History]:
    """A draft's report and its history, from one read of the file."""
    tables: dict[str, dict[str, Any]] = {}
    report = load(path, notices, tables)
    return report, History.from_table(tables.get(HISTORY_TABLE), path.name)


def save_draft(report: Report, path: Path, history: History, author: str, machine: str | None = None,
               parents: list[str] | None = None, summary: str | None = None,
               replace_read_only: bool = False) -> Revision:
    """Record a revision and write the draft with its history, atomically; on failure nothing is recorded."""
    head = history.head
    revision = record_save(history, report, author, machine, parents, summary)
    try:
        save(report, path, replace_read_only=replace_read_only, history=history.to_table())
    except BaseException:
        history.forget(revision.id, head)
        raise
    return revision
