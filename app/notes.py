"""Review notes on a report: the edits a reviewer and the author make, and where each note is.

The values live in app.review; this module knows the report, so it can say in words what a
note is about ("表三 本年新收 · 自然人", "一、总体情况 （二）依申请公开"), which section it
belongs to, and find the finding a note was written on.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import NianbaoError
from app.format import part_numbers, subheading_text
from app.report import Report
from app.review import CELL, FINDING, PART, REPORT, SECTION, Note, SetNote, new_note_id, now_iso, split_target, target
from app.rules import Finding, check, place_of

__all__ = ["NotePlace", "add_note", "remove_note", "set_handled", "place", "notes_on", "open_count"]


@dataclass(frozen=True)
class NotePlace:
    """Where a note is: the section to show, the cell (if any), and the words that name it."""

    section: str | None
    cell: str | None
    part: int | None
    label: str


def add_note(report: Report, kind: str, key: str, text: str, author: str, at: str | None = None) -> SetNote:
    """The edit that attaches a new note; refuses an empty note or an unknown place."""
    text = text.strip()
    if not text:
        raise NianbaoError("批注内容为空。")
    name = target(kind, key)
    place(report, name)  # raises for a place the report does not have
    note_id = new_note_id(report.notes)
    return SetNote(note_id, Note(note_id, name, text, author.strip() or "未署名", at or now_iso()))


def _note(report: Report, note_id: str) -> Note:
    found = next((n for n in report.notes if n.id == note_id), None)
    if found is None:
        raise NianbaoError(f"没有编号为 {note_id} 的批注。")
    return found


def set_handled(report: Report, note_id: str, by: str, handled: bool = True, at: str | None = None) -> SetNote:
    """The edit that marks a note handled (by whom, now) or open again."""
    note = _note(report, note_id)
    return SetNote(note_id, note.marked_handled(by.strip() or "未署名" if handled else "", at))


def remove_note(report: Report, note_id: str) -> SetNote:
    """The edit that removes a note."""
    _note(report, note_id)
    return SetNote(note_id, None)


def finding_with_key(report: Report, key: str) -> Finding | None:
    """The finding of that key as the report stands now, if it still fires."""
    return next((f for f in check(report) if f.key == key), None)


def place(report: Report, name: str) -> NotePlace:
    """What a note's target is, in words, and where it is shown; NianbaoError for an unknown place."""
    kind, key = split_target(name)
    layout = report.layout
    if kind == REPORT:
        return NotePlace(None, None, None, "整篇报告")
    if kind == CELL:
        if key not in report.cells:
            raise NianbaoError(f"报告中没有单元格“{key}”。")
        cell = report.cell(key)
        table = layout.table(cell.table)
        return NotePlace(table.section, key, None, f"{table.title} {cell.label}")
    if kind == SECTION:
        section = layout.section(key)
        return NotePlace(key, None, None, section.title)
    if kind == PART:
        sid, _, index_text = key.partition("/")
        section = layout.section(sid)
        parts = report.sections[sid].parts
        if not index_text.isdigit() or int(index_text) >= len(parts):
            return NotePlace(sid, None, None, f"{section.title}（小标题已删除）")
        index = int(index_text)
        number = part_numbers(parts)[index]
        title = parts[index].title.strip()
        if not title:
            sub = f"第{index + 1}个小标题下的段落"
        else:
            sub = subheading_text(number, title) if number is not None else title
        return NotePlace(sid, None, index, f"{section.title} {sub}")
    if kind == FINDING:
        rule = key.split(":", 1)[0]
        finding = finding_with_key(report, key)
        if finding is None:
            return NotePlace(None, None, None, f"检查问题 [{rule}]（已不再出现）")
        first = finding.cells[0] if finding.cells else None
        return NotePlace(place_of(finding, report), first, None, f"检查问题 [{rule}] {finding.message[:40]}")
    raise NianbaoError(f"批注的位置“{name}”无法识别。")


def notes_on(report: Report, name: str) -> list[Note]:
    """The notes attached to one target, oldest first."""
    return [n for n in report.notes if n.target == name]


def open_count(report: Report) -> int:
    """How many notes are not handled yet."""
    return sum(not n.handled for n in report.notes)


def cell_notes(report: Report, cell_id: str) -> list[Note]:
    """The notes on one cell (a table marks the cell while any is open)."""
    return notes_on(report, target(CELL, cell_id))


def note_tips(report: Report, cell_id: str) -> list[str]:
    """A cell's notes as its tooltip lists them: 批注（李审核 2026-11-30 08:00）：请核对."""
    from app.review import local_time

    tips = []
    for note in cell_notes(report, cell_id):
        state = "，已处理" if note.handled else ""
        tips.append(f"批注（{note.author} {local_time(note.at)}{state}）：{note.text}")
    return tips
