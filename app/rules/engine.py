"""Runs the checks: all of them, or only those an edit touches, keeping the findings in order.

The findings are a changing set: every update returns what it added and removed, so the
views that show findings change just those rows, cells and counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from app.format import LAYOUTS, Layout
from app.report import Report
from app.rules.checks import Check, checks_for
from app.rules.finding import Finding

# Built once at import for every layout, so a rule naming a cell the format lost fails here,
# loudly, instead of silently checking nothing; kept only for the layouts drafts use.
for _layout in LAYOUTS.values():
    checks_for(_layout)
_CHECKS: dict[str, tuple[Check, ...]] = {}


def _checks(layout: Layout) -> tuple[Check, ...]:
    """The checks of a layout, derived from the format once."""
    if layout.id not in _CHECKS:
        _CHECKS[layout.id] = tuple(checks_for(layout))
    return _CHECKS[layout.id]


@dataclass(frozen=True)
class FindingsDelta:
    """What an update did to the findings: those that appeared and those that went.

    ``restated`` are findings that stayed but whose status may have changed (a warning
    explained, or its explanation withdrawn).
    """

    added: tuple[Finding, ...] = ()
    removed: tuple[Finding, ...] = ()
    restated: tuple[Finding, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.restated)


def _difference(old: list[Finding], new: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(added, removed) between two results of one check, counting repeats (by hash, not scan)."""
    if not old or not new:
        return list(new), list(old)
    left = Counter(old)
    added = []
    for finding in new:
        if left[finding]:
            left[finding] -= 1
        else:
            added.append(finding)
    removed = []
    for finding in reversed(old):  # the last repeats are the ones that went
        if left[finding]:
            left[finding] -= 1
            removed.append(finding)
    removed.reverse()
    return added, removed


class Checker:
    """Keeps the findings of one report current as it is edited.

    ``update`` re-runs only the checks whose inputs changed, so a cell edit costs a few
    checks instead of all of them, and returns the delta.
    """

    def __init__(self, report: Report, previous: Report | None = None) -> None:
        self.report = report
        self._given = previous
        self._checks = _checks(report.layout)
        self._by_input: dict[str, list[int]] = {}
        for index, check in enumerate(self._checks):
            for name in check.inputs:
                self._by_input.setdefault(name, []).append(index)
        self._results: list[list[Finding]] = [[] for _ in self._checks]
        self._sorted: list[Finding] | None = None
        self.run_all()

    @property
    def previous(self) -> Report | None:
        """Last year's report: the one given, else the one attached to the draft (it may change)."""
        if self._given is not None:
            return self._given
        return self.report.previous.report if self.report.previous is not None else None

    def run_all(self) -> FindingsDelta:
        """Run every check; returns what changed since the last run."""
        return self._run(range(len(self._checks)))

    def update(self, changed: Iterable[str]) -> FindingsDelta:
        """Re-run the checks that read any of ``changed`` (cell ids, section ids, 'meta')."""
        touched: set[int] = set()
        for name in changed:
            touched.update(self._by_input.get(name, ()))
        return self._run(sorted(touched))

    def _run(self, indexes: Iterable[int]) -> FindingsDelta:
        added: list[Finding] = []
        removed: list[Finding] = []
        for index in indexes:
            new = self._checks[index].run(self.report, self.previous)
            old = self._results[index]
            if new != old:
                more, fewer = _difference(old, new)
                added += more
                removed += fewer
                self._results[index] = new
                self._sorted = None
        return FindingsDelta(tuple(added), tuple(removed))

    @property
    def findings(self) -> list[Finding]:
        """Current findings: errors first, then warnings, each in the format's order."""
        if self._sorted is None:
            flat = [f for result in self._results for f in result]
            self._sorted = sorted(flat, key=lambda f: not f.is_error)
        return list(self._sorted)

    def with_key(self, key: str) -> list[Finding]:
        """The current findings of that key (the one a clerk explains)."""
        return [f for result in self._results for f in result if f.key == key]


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """All findings for a report, compared with last year's when one is given."""
    return Checker(report, previous).findings
