"""What a rule reports: which rule, how grave, where, what was expected and found."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

ERROR = "error"
WARNING = "warning"

Figure = int | Decimal | str | None


@dataclass(frozen=True)
class Finding:
    """One failed rule at one place, with the sentence a clerk reads.

    ``key`` names the rule and place stably, so an acknowledgement survives re-checks.
    """

    rule: str
    severity: str
    message: str
    key: str
    cells: tuple[str, ...] = ()
    section: str | None = None
    expected: Figure = None
    actual: Figure = None
    difference: Figure = None

    @property
    def is_error(self) -> bool:
        """Errors make the report wrong as published; warnings ask a person to look."""
        return self.severity == ERROR

    def to_json(self) -> dict[str, object]:
        """The finding as the command line's --json prints it."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "cells": list(self.cells),
            "section": self.section,
            "expected": _json_figure(self.expected),
            "actual": _json_figure(self.actual),
            "difference": _json_figure(self.difference),
            "message": self.message,
        }


def _json_figure(value: Figure) -> int | str | None:
    """Integers stay numbers; decimals become exact strings."""
    if isinstance(value, Decimal):
        return str(value)
    return value
