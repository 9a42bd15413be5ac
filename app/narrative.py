"""Numbers and claims in Chinese report prose, for the N.* rules.

Prose is read once per change of prose: what a text states is cached by the text itself,
so a table edit re-checks the N.* rules against the figures without re-reading paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

PROSE_CACHE = 512  # texts remembered: every section and sub-head of a few drafts

_UNITS = "条件篇个项份次期场起宗"
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_COUNT = re.compile(rf"(?<![\d.第])(\d+)\s*([{_UNITS}])(?![\d%％])")


@dataclass(frozen=True)
class PartsClaim:
    """"…N条，其中 A条，B条…": a stated total and the parts listed after 其中."""

    quote: str
    total: int
    unit: str
    parts: tuple[int, ...]


@lru_cache(maxsize=PROSE_CACHE)
def parts_claims(text: str) -> tuple[PartsClaim, ...]:
    """Every "total, 其中 parts" statement whose parts are at least two counts of the same unit."""
    return tuple(claim for sentence in _SENTENCE_END.split(text) if "其中" in sentence
                 for claim in _sentence_parts(sentence))


@lru_cache(maxsize=4 * PROSE_CACHE)  # by sentence: a keystroke re-reads only the sentence typed in
def _sentence_parts(sentence: str) -> tuple[PartsClaim, ...]:
    head, _, tail = sentence.partition("其中")
    clause = re.split(r"[，,：:]", head.rstrip("，,：: "))[-1]
    totals = list(_COUNT.finditer(clause))
    if not totals:
        return ()
    total = totals[-1]
    unit = total.group(2)
    tail = tail.split("其中")[0]
    parts = tuple(int(m.group(1)) for m in _COUNT.finditer(tail) if m.group(2) == unit)
    if len(parts) < 2:
        return ()
    quote = clause[clause.rfind("，") + 1:].strip()
    return (PartsClaim(quote, int(total.group(1)), unit, parts),)
