"""What a finding's status is (error, warning, explained warning), and counts of them.

The one place that decides it: the table marks, the 问题 panel, the navigator, the status
bar and the command line all ask here. An explanation belongs to the finding as it was
explained: it records the finding's figures, and once they change the explanation no
longer applies and the warning is shown as unexplained again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from app.report import Report
from app.rules.finding import Finding

META_PLACE = "meta"


class Status(str, Enum):
    """How grave a finding is for the clerk now."""

    ERROR = "error"
    WARNING = "warning"
    EXPLAINED = "explained"  # a warning the clerk has explained, for exactly these figures


RANK = {Status.ERROR: 2, Status.WARNING: 1, Status.EXPLAINED: 0}


def figures_of(finding: Finding) -> str:
    """The figures an explanation is tied to (what was expected, found and the difference)."""
    return f"{finding.expected}|{finding.actual}|{finding.difference}"


def explanation(finding: Finding, report: Report) -> str | None:
    """The clerk's explanation that applies to this finding as it stands, if any.

    Errors cannot be explained away. An explanation recorded for other figures does not
    apply; one written before figures were recorded (older drafts) still does.
    """
    if finding.is_error:
        return None
    text = report.acknowledgements.get(finding.key)
    if not text:
        return None
    recorded = report.acknowledged_figures.get(finding.key)
    if recorded is not None and recorded != figures_of(finding):
        return None
    return text


def status(finding: Finding, report: Report) -> Status:
    """The one answer to "how is this finding shown": error, warning or explained."""
    if finding.is_error:
        return Status.ERROR
    return Status.EXPLAINED if explanation(finding, report) is not None else Status.WARNING


def place_of(finding: Finding, report: Report) -> str:
    """Where a finding is shown: a section id, or ``meta`` for 报告信息."""
    if finding.section:
        return finding.section
    if finding.cells:
        return report.section_of(finding.cells[0])
    return META_PLACE


@dataclass(frozen=True)
class Counts:
    """How many errors, unexplained warnings and explained warnings."""

    errors: int = 0
    warnings: int = 0
    explained: int = 0

    def plus(self, state: Status, step: int) -> Counts:
        """These counts with one finding of that status added (step 1) or taken away (-1)."""
        return Counts(self.errors + step * (state is Status.ERROR),
                      self.warnings + step * (state is Status.WARNING),
                      self.explained + step * (state is Status.EXPLAINED))


class Tally:
    """Counts by place and in all, kept current from the findings that come and go.

    The status bar, the 问题 panel's header and the navigator read the same tally, so they
    always count the same thing.
    """

    def __init__(self, report: Report, findings: Iterable[Finding] = ()) -> None:
        self.report = report
        self._seen: dict[Finding, tuple[Status, str, int]] = {}
        self._at: dict[str, Counts] = {}
        self.total = Counts()
        self.update(added=findings)

    def at(self, place: str) -> Counts:
        """The counts of one place (section id or ``meta``)."""
        return self._at.get(place, Counts())

    def update(self, added: Iterable[Finding] = (), removed: Iterable[Finding] = (),
               restated: Iterable[Finding] = ()) -> set[str]:
        """Take findings away, add new ones, re-ask the status of others; the places changed."""
        places: set[str] = set()
        for finding in removed:
            places.add(self._remove(finding))
        for finding in added:
            places.add(self._add(finding))
        for finding in restated:
            if finding in self._seen and self._seen[finding][0] is not status(finding, self.report):
                count = self._seen[finding][2]
                for _ in range(count):
                    self._remove(finding)
                for _ in range(count):
                    places.add(self._add(finding))
        return places

    def _add(self, finding: Finding) -> str:
        state, place = status(finding, self.report), place_of(finding, self.report)
        _, _, count = self._seen.get(finding, (state, place, 0))
        self._seen[finding] = (state, place, count + 1)
        self._at[place] = self.at(place).plus(state, 1)
        self.total = self.total.plus(state, 1)
        return place

    def _remove(self, finding: Finding) -> str:
        state, place, count = self._seen[finding]
        if count == 1:
            del self._seen[finding]
        else:
            self._seen[finding] = (state, place, count - 1)
        self._at[place] = self.at(place).plus(state, -1)
        self.total = self.total.plus(state, -1)
        return place


def counts(findings: Iterable[Finding], report: Report) -> Counts:
    """The counts of some findings, all at once (the command line's summary)."""
    return Tally(report, findings).total
