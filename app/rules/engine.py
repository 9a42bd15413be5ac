"""Runs the checks: all of them, or only those an edit touches, keeping the findings in order."""

from __future__ import annotations

from collections.abc import Iterable

from app.report import Report
from app.format import Layout
from app.rules.checks import Check, checks_for
from app.rules.finding import Finding

_CHECKS: dict[str, tuple[Check, ...]] = {}


def _checks(layout: Layout) -> tuple[Check, ...]:
    """The checks of a layout, derived from the format once."""
    if layout.id not in _CHECKS:
        _CHECKS[layout.id] = tuple(checks_for(layout))
    return _CHECKS[layout.id]


class Checker:
    """Keeps the findings of one report current as it is edited.

    ``update`` re-runs only the checks whose inputs changed, so a cell edit costs a few
    checks instead of all of them.
    """

    def __init__(self, report: Report, previous: Report | None = None) -> None:
        self.report = report
        self.previous = previous
        self._checks = _checks(report.layout)
        self._by_input: dict[str, list[int]] = {}
        for index, check in enumerate(self._checks):
            for name in check.inputs:
                self._by_input.setdefault(name, []).append(index)
        self._results: list[list[Finding]] = [[] for _ in self._checks]
        self.run_all()

    def run_all(self) -> list[Finding]:
        """Run every check; returns all findings."""
        for index, check in enumerate(self._checks):
            self._results[index] = check.run(self.report, self.previous)
        return self.findings

    def update(self, changed: Iterable[str]) -> list[Finding]:
        """Re-run the checks that read any of ``changed`` (cell ids, section ids, 'meta')."""
        touched: set[int] = set()
        for name in changed:
            touched.update(self._by_input.get(name, ()))
        for index in sorted(touched):
            self._results[index] = self._checks[index].run(self.report, self.previous)
        return self.findings

    @property
    def findings(self) -> list[Finding]:
        """Current findings: errors first, then warnings, each in the format's order."""
        flat = [f for result in self._results for f in result]
        return sorted(flat, key=lambda f: not f.is_error)


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """All findings for a report, compared with last year's when one is given."""
    return Checker(report, previous).findings
