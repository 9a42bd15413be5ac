"""What this year's report shares with last year's: copied sentences (S.copy), copied tables
(T.copy) and last year's year stated as this year's (N.year), per the spec's §6 details.

Prose is read once per text (cached), so a table edit does not re-read paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from app.format.stock import is_stock
from app.report import Report
from app.values import number

COPY_SHARE = 0.8  # a section is copied when this share of its judged characters is in copied sentences
MIN_SENTENCE = 12  # characters after normalising; shorter sentences are not judged
MIN_SENTENCES = 3  # a section with fewer judged sentences is not judged
MIN_NONZERO = 5  # T.copy: a table with fewer non-zero figures is not judged

_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CHINESE_DIGITS = "〇零一二三四五六七八九"
YEAR_MARK, NUMBER_MARK = "年份", "数"


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text: where it is (offsets into the text) and its normalised form."""

    start: int
    end: int
    text: str
    key: str
    part: int = -1  # where in a section: -1 its opening text, else the index of its sub-head

def _chinese_year(year: int) -> str:
    return "".join(_CHINESE_DIGITS[int(d)] for d in str(year))


@lru_cache(maxsize=4096)  # a keystroke re-splits its text; only the sentence typed in is new
def normalise(sentence: str, year: int | None) -> str:
    """No spaces or punctuation; this year and last year one placeholder, every other number another."""
    text = sentence
    if year:
        for y in (year, year - 1):
            text = text.replace(str(y), YEAR_MARK).replace(_chinese_year(y), YEAR_MARK)
            text = text.replace(_chinese_year(y).replace("〇", "零"), YEAR_MARK)
    text = _NUMBER.sub(NUMBER_MARK, text)
    return _PUNCTUATION.sub("", text)


@lru_cache(maxsize=256)
def sentences(text: str, year: int | None) -> tuple[Sentence, ...]:
    """The text's sentences (split at 。！？； and line breaks), with their normalised forms."""
    found: list[Sentence] = []
    start = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.end() if match else len(text)
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            offset = start + piece.index(stripped[0])
            found.append(Sentence(offset, offset + len(stripped), stripped, normalise(stripped, year)))
        start = end
    return tuple(found)


def judged(text: str, year: int | None) -> tuple[Sentence, ...]:
    """The sentences S.copy judges: at least 12 characters normalised, not a stock sentence."""
    return tuple(s for s in sentences(text, year) if len(s.key) >= MIN_SENTENCE and not is_stock(s.key))


@dataclass(frozen=True)
class Copied:
    """How much of a section is last year's: the share, and the copied sentences with last year's."""

    share: float
    judged: int
    copied: tuple[tuple[Sentence, Sentence], ...]  # (this year's, last year's)

    @property
    def is_copy(self) -> bool:
        """The spec's verdict: enough judged sentences, and at least 80 % of their characters copied."""
        return self.judged >= MIN_SENTENCES and self.share >= COPY_SHARE


def section_texts(report: Report, section: str) -> tuple[str, ...]:
    """A section's texts S.copy reads: its opening text, then each sub-head's text. The sub-head
    titles are left out: the format prescribes them, like the stock sentences."""
    narrative = report.sections[section]
    return (narrative.text, *(p.text for p in narrative.parts))


def _judged_all(texts: tuple[str, ...], year: int | None) -> tuple[Sentence, ...]:
    found: list[Sentence] = []
    for index, text in enumerate(texts):
        for s in judged(text, year):
            found.append(Sentence(s.start, s.end, s.text, s.key, index - 1))
    return tuple(found)


@lru_cache(maxsize=256)
def copied(this: tuple[str, ...], this_year: int | None, last: tuple[str, ...], last_year: int | None) -> Copied:
    """Which of this section's judged sentences also occur in last year's same section."""
    mine = _judged_all(this, this_year)
    theirs = {s.key: s for s in _judged_all(last, last_year)}
    pairs = tuple((s, theirs[s.key]) for s in mine if s.key in theirs)
    total = sum(len(s.key) for s in mine)
    share = sum(len(s.key) for s, _ in pairs) / total if total else 0.0
    return Copied(share, len(mine), pairs)


def copied_section(report: Report, previous: Report, section: str) -> Copied:
    """S.copy's reading of one section of this year's report against last year's."""
    return copied(section_texts(report, section), report.meta.year,
                  section_texts(previous, section), previous.meta.year)


def copied_table(report: Report, previous: Report, table: str) -> tuple[str, ...] | None:
    """T.copy: the non-zero figures when table ``table`` repeats last year's wholesale, else None."""
    cells = [c.id for c in report.layout.table(table).cells if c.id in previous.cells]
    nonzero = [c for c in cells if number(report.cells[c]) or number(previous.cells[c])]
    if len(nonzero) < MIN_NONZERO:
        return None
    if all(number(report.cells[c]) == number(previous.cells[c]) for c in nonzero):
        return tuple(nonzero)
    return None


# ---------------------------------------------------------------- N.year

_LEADING_MARK = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．]|"
                           r"[一二三四五六七八九十]是|其[一二三四五六七八九十]|第[一二三四五六七八九十]+[，,、]?)\s*")
ACTIVITY_WORDS = ("公开", "制作", "获取", "收到", "受理", "办理", "发布", "开展", "组织", "办结", "答复", "新增",
                  "印发", "召开", "举办", "完成", "处理", "编制", "更新", "推进")
# Sentences that speak of last year without stating it as this year's (the spec's exceptions).
NOT_STALE = ("较", "比", "同比", "相比", "上年", "去年", "上一年", "存在问题", "存在的问题", "整改", "问题整改",
             "结转", "〔", "［", "[", "号文", "工作年度报告", "年度报告", "以来", "至今", "起至", "至")


def stale_year_sentences(text: str, year: int | None) -> tuple[Sentence, ...]:
    """N.year: the sentences whose leading time is last year and that state an activity of the report's kind."""
    if not year or f"{year - 1}年" not in text:  # a stale sentence names last year: most texts never do
        return ()
    return tuple(s for s in sentences(text, None) if _is_stale(s.text, year - 1))


@lru_cache(maxsize=4096)
def _is_stale(sentence: str, last_year: int) -> bool:
    rest = sentence
    while True:
        stripped = _LEADING_MARK.sub("", rest, count=1)
        if stripped == rest:
            break
        rest = stripped
    head = str(last_year) + "年"
    if not rest.startswith(head):
        return False
    rest = rest[len(head):].removeprefix("度")
    if rest[:1].isdigit() or rest[:1] in "底初末":  # 2024年12月…, 2024年底: a date, which a report may well mention
        return False
    if any(word in sentence for word in NOT_STALE):
        return False
    return any(word in rest for word in ACTIVITY_WORDS)
