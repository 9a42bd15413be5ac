"""What differs between two copies of one report: cells, 报告信息, texts (sentence by sentence),
sub-heads, explanations of warnings, last year's attachment and the 沿用上年 marks.

Two colleagues' copies of the same draft are read here for ``nianbao diff`` and the window's
与另一份草稿比较…; ``app.merge`` reads the same differences three ways. (Last year against this
year is another question, answered by ``app.compare``.) Every label comes from the format.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from app.canonical import previous_to_canonical
from app.crossyear import sentences
from app.editing import MetaPlace, PartPlace, SectionPlace, TextPlace
from app.format import META_FIELDS, META_TITLE, table_name
from app.report import TOTALS_NAMES, Part, Report
from app.values import CellValue, display

CELL, META, TEXT, PART_ADDED, PART_REMOVED, PART_MOVED = "cell", "meta", "text", "part-added", "part-removed", "part-moved"
EXPLAINED, PREVIOUS, CARRIED, TOTALS, FORMAT = "explained", "previous", "carried", "totals", "format"
# How a kind of difference is named in a list of differences.
KIND_NAMES = {CELL: "单元格", META: META_TITLE, TEXT: "正文", PART_ADDED: "新增小标题", PART_REMOVED: "删去小标题",
              PART_MOVED: "小标题顺序", EXPLAINED: "对提示的说明", PREVIOUS: "上年报告", CARRIED: "沿用上年标记",
              TOTALS: "合计方式", FORMAT: "报告格式"}
SAME, ADDED, REMOVED, CHANGED = "same", "added", "removed", "changed"


# ---------------------------------------------------------------- sentences


def pieces(text: str) -> list[str]:
    """A text cut into its sentences (the spec's split at 。！？； and line breaks) so that the
    pieces joined give the text back exactly: each piece keeps the spaces and breaks after it."""
    found = sentences(text, None)
    if not found:
        return [text] if text else []
    cuts = [0] + [s.start for s in found[1:]] + [len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


@dataclass(frozen=True)
class SentenceChange:
    """One step of a sentence-level diff: a sentence kept, added, removed or changed."""

    op: str  # SAME, ADDED, REMOVED, CHANGED
    a: str = ""
    b: str = ""


def sentence_diff(a: str, b: str) -> tuple[SentenceChange, ...]:
    """The sentences of text ``a`` against text ``b`` in order (spacing and breaks aside)."""
    left = [p.strip() for p in pieces(a) if p.strip()]
    right = [p.strip() for p in pieces(b) if p.strip()]
    out: list[SentenceChange] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, left, right, autojunk=False).get_opcodes():
        if op == "equal":
            out += [SentenceChange(SAME, s, s) for s in left[i1:i2]]
        elif op == "delete":
            out += [SentenceChange(REMOVED, s, "") for s in left[i1:i2]]
        elif op == "insert":
            out += [SentenceChange(ADDED, "", s) for s in right[j1:j2]]
        else:
            olds, news = left[i1:i2], right[j1:j2]
            for k in range(max(len(olds), len(news))):
                old = olds[k] if k < len(olds) else ""
                new = news[k] if k < len(news) else ""
                out.append(SentenceChange(CHANGED if old and new else (REMOVED if old else ADDED), old, new))
    return tuple(out)


# ---------------------------------------------------------------- differences


@dataclass(frozen=True)
class Difference:
    """One thing two copies hold differently, named as a user reads it.

    ``key`` is stable between copies (``cell:t3.new.total``, ``text:s1/依申请公开``) so a merge can
    match the same place in three copies; ``cell`` and ``place`` say where the window jumps
    (``place`` is where the text is in copy A, None when only B has it).
    """

    kind: str
    key: str
    where: str
    a: str
    b: str
    cell: str | None = None
    section: str | None = None
    place: TextPlace | None = None
    sentences: tuple[SentenceChange, ...] = ()

    @property
    def line(self) -> str:
        """The difference as one line of text."""
        return f"{self.where}：{_shown(self.a)} → {_shown(self.b)}"


def readable(text: str) -> str:
    """A text as a reader reads it: without the bold markers an import keeps (app.exporters.markup)."""
    from app.exporters.markup import plain

    return "\n".join(plain(line) for line in text.split("\n"))


def _shown(value: str) -> str:
    if not value:
        return "（空）"
    flat = readable(value).replace("\n", " ↵ ")
    return flat if len(flat) <= 60 else flat[:58] + "……"


def cell_where(report: Report, cell_id: str) -> str:
    """表三 row / column: how a cell is named in a list of differences."""
    cell = report.cell(cell_id)
    return f"{table_name(report.layout.table(cell.table))} {cell.label}"


def keyed_parts(parts: list[Part]) -> list[tuple[str, Part]]:
    """Sub-heads with a key that names them in every copy: their title, and ``#2`` for a title's
    second occurrence (a sub-head is the same sub-head in two copies when its title is)."""
    seen: Counter[str] = Counter()
    out = []
    for part in parts:
        seen[part.title] += 1
        out.append((part.title if seen[part.title] == 1 else f"{part.title}#{seen[part.title]}", part))
    return out


def part_where(report: Report, section: str, title: str) -> str:
    """一、总体情况 “（一）主动公开情况”."""
    return f"{report.layout.section(section).title}“{title or '（无标题）'}”"


def text_places(report: Report) -> dict[str, tuple[TextPlace, str]]:
    """Every text of a report by a key stable between copies: section texts ``s1`` and sub-head
    texts ``s1/<title>``, each with its place and its words."""
    out: dict[str, tuple[TextPlace, str]] = {}
    for sid, narrative in report.sections.items():
        out[sid] = (SectionPlace(sid), narrative.text)
        for index, (key, part) in enumerate(keyed_parts(narrative.parts)):
            out[f"{sid}/{key}"] = (PartPlace(sid, index, "text"), part.text)
    return out


def text_where(report: Report, key: str) -> str:
    """How a text key is named: 一、总体情况 正文, or the section with its sub-head."""
    section, _, title = key.partition("/")
    if not title:
        return f"{report.layout.section(section).title} 正文"
    return part_where(report, section, title.split("#")[0])


def carried_keys(report: Report) -> set[str]:
    """The 沿用上年 marks by stable keys (sub-heads by title, not by position)."""
    out: set[str] = set()
    for mark in report.carried:
        section, sep, index = mark.partition("/")
        if sep and section in report.sections and index.isdigit():
            parts = keyed_parts(report.sections[section].parts)
            if int(index) < len(parts):
                out.add(f"{section}/{parts[int(index)][0]}")
        else:
            out.add(mark)
    return out


def carried_from_keys(report: Report, keys: set[str]) -> set[str]:
    """The report's own 沿用上年 marks (``s1/2``) from stable keys."""
    out = set()
    for key in keys:
        section, sep, title = key.partition("/")
        if sep and section in report.sections and section != "meta":
            for index, (k, _part) in enumerate(keyed_parts(report.sections[section].parts)):
                if k == title:
                    out.add(f"{section}/{index}")
        else:
            out.add(key)
    return out


def previous_text(report: Report) -> str:
    """Last year's attachment as one line: its title and the file it came from."""
    if report.previous is None:
        return ""
    source = f"（{report.previous.source}）" if report.previous.source else ""
    return f"{report.previous.report.title}{source}"


def previous_same(a: Report, b: Report) -> bool:
    """Whether two copies carry the same last year (the same report, from the same file)."""
    if a.previous is None or b.previous is None:
        return a.previous is b.previous
    left, right = previous_to_canonical(a.previous), previous_to_canonical(b.previous)
    left.pop("attached", None)
    right.pop("attached", None)
    return left == right


def _same(x: CellValue, y: CellValue) -> bool:
    return x == y and type(x) is type(y)


def _meta_value(report: Report, field: str) -> str:
    value = getattr(report.meta, field)
    return "" if value is None else str(value)


def explained_where(report: Report, key: str) -> str:
    """Which warning an explanation is about: the finding's message when the report still has it."""
    return _explained(report, key)[0]


def _explained(report: Report, key: str) -> tuple[str, str | None, str | None]:
    """An explanation's description, and the cell or section of its warning (None when gone)."""
    from app.rules import check, place_of

    for finding in check(report):
        if finding.key == key:
            return (f"{KIND_NAMES[EXPLAINED]}：{finding.message}", finding.cells[0] if finding.cells else None,
                    place_of(finding, report))
    return f"{KIND_NAMES[EXPLAINED]}（{key}）", None, None


def diff(a: Report, b: Report) -> list[Difference]:
    """Every difference from copy ``a`` to copy ``b``, in the order of the report."""
    out: list[Difference] = []
    if a.layout_id != b.layout_id:
        out.append(Difference(FORMAT, "format", KIND_NAMES[FORMAT], a.layout.name, b.layout.name))
    for field in META_FIELDS:
        x, y = _meta_value(a, field.id), _meta_value(b, field.id)
        if x != y:
            out.append(Difference(META, f"meta:{field.id}", f"{META_TITLE} {field.label}", x, y,
                                  section="meta", place=MetaPlace(field.id)))
    if a.totals != b.totals:
        out.append(Difference(TOTALS, "totals", KIND_NAMES[TOTALS], TOTALS_NAMES[a.totals], TOTALS_NAMES[b.totals]))
    texts_a, texts_b = text_places(a), text_places(b)
    for section in a.layout.sections:
        sid = section.id
        out += _text_differences(a, texts_a, texts_b, sid)
        out += _part_differences(a, b, sid)
        if section.id in {t.section for t in a.layout.tables}:
            out += _cell_differences(a, b, sid)
    for key in sorted(set(a.acknowledgements) | set(b.acknowledgements)):
        x, y = a.acknowledgements.get(key, ""), b.acknowledgements.get(key, "")
        if x != y:
            where, cell, home = _explained(a if x else b, key)
            out.append(Difference(EXPLAINED, f"explained:{key}", where, x, y, cell=cell if cell in a.cells else None,
                                  section=home))
    if not previous_same(a, b):
        out.append(Difference(PREVIOUS, "previous", KIND_NAMES[PREVIOUS], previous_text(a), previous_text(b)))
    marks_a, marks_b = carried_keys(a), carried_keys(b)
    for key in sorted(marks_a ^ marks_b):
        where = _mark_where(a if key in marks_a else b, key)
        place = MetaPlace(key[5:]) if key.startswith("meta/") else texts_a.get(key, (None, ""))[0]
        home = "meta" if key.startswith("meta/") else (a.section_of(key) if key in a.cells else key.split("/")[0])
        out.append(Difference(CARRIED, f"carried:{key}", f"{KIND_NAMES[CARRIED]} {where}",
                              "沿用上年" if key in marks_a else "", "沿用上年" if key in marks_b else "",
                              cell=key if key in a.cells else None, section=home, place=place))
    return out


def _mark_where(report: Report, key: str) -> str:
    if key.startswith("meta/"):
        from app.format import meta_field

        return f"{META_TITLE} {meta_field(key[5:]).label}"
    if key in report.cells:
        return cell_where(report, key)
    return text_where(report, key)


def _text_differences(a: Report, texts_a: dict[str, tuple[TextPlace, str]],
                      texts_b: dict[str, tuple[TextPlace, str]], sid: str) -> list[Difference]:
    out = []
    for key in [k for k in texts_a if k == sid or k.startswith(sid + "/")]:
        if key not in texts_b:
            continue  # a sub-head B does not have: listed as removed
        place, x = texts_a[key]
        y = texts_b[key][1]
        if x != y:
            out.append(Difference(TEXT, f"text:{key}", text_where(a, key), x, y, section=sid, place=place,
                                  sentences=sentence_diff(x, y)))
    return out


def _part_differences(a: Report, b: Report, sid: str) -> list[Difference]:
    out = []
    left, right = keyed_parts(a.sections[sid].parts), keyed_parts(b.sections[sid].parts)
    left_keys, right_keys = [k for k, _ in left], [k for k, _ in right]
    for index, (key, part) in enumerate(left):
        if key not in right_keys:
            out.append(Difference(PART_REMOVED, f"part:{sid}/{key}", part_where(a, sid, part.title), part.text, "",
                                  section=sid, place=PartPlace(sid, index, "title")))
    for key, part in right:
        if key not in left_keys:
            out.append(Difference(PART_ADDED, f"part:{sid}/{key}", part_where(b, sid, part.title), "", part.text,
                                  section=sid))
    common_a = [k for k in left_keys if k in right_keys]
    common_b = [k for k in right_keys if k in left_keys]
    if common_a != common_b:
        out.append(Difference(PART_MOVED, f"order:{sid}", f"{a.layout.section(sid).title} {KIND_NAMES[PART_MOVED]}",
                              "、".join(t.split("#")[0] for t in common_a), "、".join(t.split("#")[0] for t in common_b),
                              section=sid))
    return out


def _cell_differences(a: Report, b: Report, sid: str) -> list[Difference]:
    out = []
    for table in a.layout.section_tables(sid):
        for cell in table.cells:
            if cell.id not in b.cells:
                continue
            x, y = a.cells[cell.id], b.cells[cell.id]
            if not _same(x, y):
                out.append(Difference(CELL, f"cell:{cell.id}", cell_where(a, cell.id), display(x), display(y),
                                      cell=cell.id, section=sid))
    return out


def to_json(differences: list[Difference], a_title: str = "", b_title: str = "") -> dict[str, Any]:
    """The differences as plain JSON data (``nianbao diff --json``)."""
    return {
        "a": a_title, "b": b_title, "count": len(differences),
        "differences": [
            {"kind": d.kind, "key": d.key, "where": d.where, "a": d.a, "b": d.b,
             **({"cell": d.cell} if d.cell else {}),
             **({"sentences": [{"op": s.op, "a": s.a, "b": s.b} for s in d.sentences if s.op != SAME]}
                if d.kind == TEXT else {})}
            for d in differences],
    }


_MARKS = {ADDED: "+", REMOVED: "−", CHANGED: "≠"}


def lines(differences: list[Difference], a_name: str, b_name: str) -> list[str]:
    """The differences as text lines, changed sentences under their text."""
    if not differences:
        return [f"{a_name} 与 {b_name} 内容相同。"]
    out = [f"{a_name} → {b_name}：{len(differences)} 处不同", ""]
    for d in differences:
        if d.kind == TEXT:
            out.append(f"{d.where}：")
            for s in d.sentences:
                if s.op == CHANGED:
                    out += [f"    − {readable(s.a)}", f"    + {readable(s.b)}"]
                elif s.op != SAME:
                    out.append(f"    {_MARKS[s.op]} {readable(s.a or s.b)}")
        else:
            out.append(d.line)
    return out
