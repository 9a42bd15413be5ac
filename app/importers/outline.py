"""From a flow to the report's outline: title, organ and year, the six sections, the tables' rows.

Headings, the title suffix and the sub-head numbering come from ``app.format``; a heading is
taken only when it names one of the six sections and comes after the previous one, so prose
that happens to start with "二、" does not cut a section in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from app.format import HEADING_VARIANTS, LAYOUTS, PLACEHOLDER_PREFIX, SECTIONS, TABLE_SECTIONS, TITLE_SUFFIX
from app.format.model import ItemRole
from app.importers.flow import Flow, Paragraph, Row, fold
from app.report import Narrative, Part

_NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(rf"^[{_NUMERALS}]{{1,2}}\s*[、.．]\s*(.{{2,40}}?)\s*[。：:]?$")
_SUBHEAD = re.compile(rf"^[（(]\s*[{_NUMERALS}]{{1,3}}\s*[）)]\s*")
_SUBHEAD_TITLE_MAX = 40
_HEADING_LIKENESS = 0.8
_CJK_NAME = r"[\u4e00-\u9fff（）()·]"
# The title suffix of the format, allowing 年度 for 年 and the common omission of 工作.
_SUFFIX = TITLE_SUFFIX.replace("工作", "(?:工作)?").replace("年度报告", "年度?报告")
_TITLE = re.compile(rf"^(?P<pre>{_CJK_NAME}*?)(?P<year>(?:19|20)\d\d)\s*年度?(?P<post>{_CJK_NAME}*?){_SUFFIX}"
                    r"(?P<tail>.*)$")
_PERIOD = re.compile(r"((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日")
_PLACE = r"(?:省|自治区|市|自治州|州|盟|地区|县|区|旗)"
_ORGAN_PREFIX = rf"由((?:[\u4e00-\u9fff]{{1,8}}?{_PLACE})+?)"


@dataclass
class Outline:
    """The report's parts as found: meta, narratives, table rows per table section."""

    title: str = ""
    organ: str = ""
    year: int | None = None
    published: str = ""  # YYYY-MM-DD, from the closing signature or a 发布日期 line
    opening: str = ""  # the paragraph(s) between the title and 一、总体情况
    sections: dict[str, Narrative] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)  # section ids whose heading was found, in order
    rows: dict[str, list[Row]] = field(default_factory=dict)  # section id → its table rows
    complete: bool = True


def _likeness(a: str, b: str) -> float:
    """How alike two folded strings are (0 to 1)."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def heading_section(text: str) -> str | None:
    """The section a paragraph is the heading of, by the format's heading variants; else None."""
    match = _HEADING.match(text)
    if not match:
        return None
    words = fold(match.group(1)).rstrip("。.:：")
    best, best_score = None, 0.0
    for section in SECTIONS:
        for variant in HEADING_VARIANTS[section.id]:
            wanted = fold(variant)
            score = 1.0 if words == wanted else _likeness(words, wanted)
            if score > best_score:
                best, best_score = section.id, score
    return best if best_score >= _HEADING_LIKENESS else None


def _furniture() -> frozenset[str]:
    """Texts drawn inside the official tables (block headings, column heads, the t3 note)."""
    texts = {fold(item.text) for lay in LAYOUTS.values() for table in lay.tables for item in table.grid
             if item.text and item.role is not ItemRole.VALUE}
    return frozenset(texts)


_FURNITURE = _furniture()
_FURNITURE_LONGEST_FIRST = sorted(_FURNITURE, key=len, reverse=True)


def is_furniture(text: str) -> bool:
    """Whether a line is only words printed inside the official tables (e.g. 信息内容 本年处理决定数量)."""
    rest = fold(text)
    if rest in _FURNITURE:
        return True
    for words in _FURNITURE_LONGEST_FIRST:
        if len(words) > 1:
            rest = rest.replace(words, "")
    return not rest.strip("()（）")


_DATE = re.compile(r"^((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_DATE_LABELLED = re.compile(r"发布日期[：:]\s*((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})")


def _signature(paragraphs: list[str], organ: str) -> str:
    """Take a closing signature (organ, then date) off the last section; the date, as YYYY-MM-DD."""
    if not paragraphs:
        return ""
    match = _DATE.match("".join(paragraphs[-1].split()))
    if not match:
        return ""
    paragraphs.pop()
    if paragraphs and organ and "".join(paragraphs[-1].split()) in (organ, organ[-len(paragraphs[-1]):]):
        paragraphs.pop()
    year, month, day = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_title(text: str, allow_tail: bool = False) -> tuple[str, int] | None:
    """Organ and year from a title line such as 平潭综合实验区2024年度政府信息公开工作年度报告."""
    compact = "".join(text.split())
    match = _TITLE.match(compact)
    if not match or (match.group("tail") and not allow_tail):
        return None
    organ = match.group("pre") or match.group("post")
    return organ, int(match.group("year"))


def _find_title(paragraphs: list[str], hint: str) -> tuple[str, str, int | None]:
    """Title, organ and year: a title line of the document, one split over two lines, or the hint."""
    for index, text in enumerate(paragraphs):
        found = parse_title(text)
        if found is None:
            continue
        organ, year = found
        if not organ and index > 0 and re.fullmatch(f"{_CJK_NAME}{{2,30}}", "".join(paragraphs[index - 1].split())):
            organ = "".join(paragraphs[index - 1].split())
            return f"{organ}{text}", organ, year
        return text, organ, year
    found = parse_title(hint, allow_tail=True) if hint else None
    if found:
        return hint, found[0], found[1]
    return "", "", None


def _full_organ(organ: str, preamble: str) -> str:
    """The organ with the place the report itself puts before it (由淮安市洪泽区人民政府…)."""
    if not organ:
        return organ
    match = re.search(_ORGAN_PREFIX + re.escape(organ), preamble)
    return match.group(1) + organ if match else organ


def _common_scope(scopes: list[tuple[int, ...]]) -> tuple[int, ...]:
    """The deepest element that holds all the given places."""
    if not scopes:
        return ()
    first = scopes[0]
    length = 0
    while all(len(s) > length and s[length] == first[length] for s in scopes):
        length += 1
    return first[:length]


def _narrative(section_id: str, paragraphs: list[str]) -> Narrative:
    """A section's prose; in section 一, numbered sub-heads start parts."""
    narrative = Narrative()
    chunks: list[str] = []
    for text in paragraphs:
        head = _SUBHEAD.match(text) if section_id == "s1" else None
        if head:
            rest = text[head.end():]
            cut = re.search(r"[。；;]", rest)
            if cut and cut.start() <= _SUBHEAD_TITLE_MAX:
                title, body = rest[:cut.start()], rest[cut.end():].strip()
            elif len(rest) <= _SUBHEAD_TITLE_MAX:
                title, body = rest, ""
            else:
                title = ""
            if title:
                _flush(narrative, chunks)
                narrative.parts.append(Part(title.strip()))
                chunks = [body] if body else []
                continue
        chunks.append(text)
    _flush(narrative, chunks)
    return narrative


def _flush(narrative: Narrative, chunks: list[str]) -> None:
    """Put collected paragraphs into the current part, or the opening text before any part."""
    text = "\n".join(c for c in chunks if c)
    if narrative.parts:
        narrative.parts[-1].text = text
    else:
        narrative.text = text


_MAX_HEADING_CANDIDATES = 200


def _headings(items: list[Paragraph | Row]) -> list[tuple[int, str]]:
    """The section headings: the longest run of heading-like lines in section order.

    A site's navigation may hold a line like 二、主动公开政府信息情况 before the report; taking
    the longest ordered run keeps the report's own headings and drops such strays.
    """
    order = [s.id for s in SECTIONS]
    candidates = [(i, order.index(sid)) for i, item in enumerate(items) if isinstance(item, Paragraph)
                  for sid in [heading_section(item.text)] if sid is not None][:_MAX_HEADING_CANDIDATES]
    if not candidates:
        return []
    length = [1] * len(candidates)
    before = [-1] * len(candidates)
    for i, (_, rank) in enumerate(candidates):
        for j in range(i):
            if candidates[j][1] < rank and length[j] + 1 > length[i]:
                length[i], before[i] = length[j] + 1, j
    end = max(range(len(candidates)), key=lambda k: (length[k], -k))
    chosen = []
    while end >= 0:
        chosen.append((candidates[end][0], order[candidates[end][1]]))
        end = before[end]
    return chosen[::-1]


_OPENING_MIN = 20  # characters: a paragraph shorter than this with no full stop is page furniture
_OPENING_STOP = re.compile(r"^(发布日期|发布时间|来源|索引号|文号|字号|浏览次数|【|\[)")


def _is_prose(text: str) -> bool:
    """A line of running text (a sentence), not a menu entry, a date line or a title."""
    compact = "".join(text.split())
    if _OPENING_STOP.match(compact) or parse_title(compact) is not None or _DATE.match(compact):
        return False
    return "。" in compact or len(compact) >= _OPENING_MIN and bool(re.search(r"[，；：]", compact))


def _opening(items: list[Paragraph | Row], first_head: int, scope: tuple[int, ...]) -> str:
    """The report's opening: the run of prose paragraphs right before the first heading.

    Reading back from 一、总体情况 and stopping at the first line that is not a sentence (the
    title, a 发布日期 line, a site's menu) keeps the report's paragraph and drops the page around it.
    """
    found: list[str] = []
    for item in reversed(items[:first_head]):
        if isinstance(item, Row):
            break
        if item.scope[:len(scope)] != scope and found:
            break
        if not _is_prose(item.text):
            if found:
                break
            continue  # a stray short line just above the heading (a blank label, a dash)
        found.append(item.text)
    return "\n".join(reversed(found))


def outline(flow: Flow) -> Outline:
    """The outline of a flow: where each section starts, its prose and its table rows."""
    result = Outline(complete=flow.complete)
    items = flow.items
    heads = _headings(items)
    scope = _common_scope([items[i].scope for i, _ in heads]) if len(heads) >= 2 else ()
    first_head = heads[0][0] if heads else len(items)
    preamble = [i.text for i in items[:first_head] if isinstance(i, Paragraph)]
    result.title, organ, result.year = _find_title(preamble, flow.title_hint)
    result.organ = _full_organ(organ, "".join(preamble))
    if heads:
        result.opening = _opening(items, first_head, scope)
    if result.year is None:
        period = _PERIOD.search("".join(preamble))
        result.year = int(period.group(1)) if period else None
    texts: dict[str, list[str]] = {}
    current: str | None = None
    head_at = dict(heads)
    for index, item in enumerate(items):
        if index in head_at:
            current = head_at[index]
            result.found.append(current)
            texts[current] = []
            continue
        if current is None or item.scope[:len(scope)] != scope:
            continue
        if isinstance(item, Row):
            if current in TABLE_SECTIONS:
                result.rows.setdefault(current, []).append(item)
            continue
        folded = fold(item.text)
        if folded.startswith(fold(PLACEHOLDER_PREFIX)):
            continue
        if current in TABLE_SECTIONS and is_furniture(item.text):
            continue
        texts[current].append(item.text)
    if result.found:
        result.published = _signature(texts[result.found[-1]], result.organ)
    if not result.published:
        labelled = _DATE_LABELLED.search("".join(preamble))
        if labelled:
            year, month, day = (int(g) for g in labelled.groups())
            result.published = f"{year:04d}-{month:02d}-{day:02d}"
    for section in SECTIONS:
        result.sections[section.id] = _narrative(section.id, texts.get(section.id, []))
    return result
