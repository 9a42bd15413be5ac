"""定稿: freezing a report once it is checked, its fingerprint, and making it editable again.

The fingerprint is the SHA-256 of the report's *content*: the canonical JSON (app.canonical)
restricted to the keys in ``CONTENT_KEYS`` — what the printed report is made of — written as
``json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`` and encoded
as UTF-8, with no newline at the end. Review notes, the sign-off itself, explanations, last
year's snapshot and import doubts (``WORKFLOW_KEYS``) are not content: adding a note does not
change what was signed off. ``nianbao fingerprint --content DRAFT`` prints exactly these bytes,
so ``nianbao fingerprint --content DRAFT | sha256sum`` gives the fingerprint the PDF prints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from app.canonical import to_canonical
from app.errors import FinalReportError, NianbaoError
from app.report import Report
from app.review import FINAL, REOPEN, Final, SetFinal, SignOffEvent, local_time, now_iso
from app.rules import Finding, check

# The canonical keys that make up what is printed (and so what the fingerprint covers) …
CONTENT_KEYS = ("format", "meta", "totals", "sections", "cells")
# … and those that record work on the report. Every canonical key is in one list (a test checks).
WORKFLOW_KEYS = ("acknowledgements", "acknowledged_figures", "uncertain", "carried", "previous", "notes", "final",
                 "final_log")


def content_bytes(report: Report) -> bytes:
    """The exact bytes the fingerprint is the SHA-256 of (see the module's docstring)."""
    canonical = to_canonical(report)
    content = {key: canonical[key] for key in CONTENT_KEYS if key in canonical}
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def fingerprint(report: Report) -> str:
    """The SHA-256 of the report's content, 64 lower-case hex digits (as ``sha256sum`` prints)."""
    import hashlib  # OpenSSL is loaded when a draft is signed off or checked, not at start

    return hashlib.sha256(content_bytes(report)).hexdigest()


def short(fingerprint_hex: str) -> str:
    """A fingerprint as the window shows it: the first 16 hex digits in groups of four."""
    head = fingerprint_hex[:16]
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


def errors_of(report: Report) -> list[Finding]:
    """The errors the last check before 定稿 finds (cross-year rules use the attached last year)."""
    return [f for f in check(report) if f.is_error]


def unexplained(report: Report, explained: dict[str, str]) -> list[Finding]:
    """The errors that still stand without an explanation."""
    return [f for f in errors_of(report) if not explained.get(f.key, "").strip()]


def finalise(report: Report, by: str, explained: dict[str, str] | None = None, at: str | None = None) -> SetFinal:
    """The edit that makes the report final, after a last check.

    Refuses (FinalReportError) while an error remains that ``explained`` (error key → why it
    stands) does not explain, or when the report is final already.
    """
    if report.final is not None:
        raise FinalReportError(f"本报告已于 {local_time(report.final.at)} 由 {report.final.by} 定稿。")
    if not by.strip():
        raise NianbaoError("请先填写定稿人的姓名。")
    explained = {k: v.strip() for k, v in (explained or {}).items() if v.strip()}
    errors = errors_of(report)
    missing = [f for f in errors if f.key not in explained]
    if missing:
        first = missing[0]
        raise FinalReportError(f"还有 {len(missing)} 个错误没有改正或说明，不能定稿。"
                               f"第一个：[{first.rule}] {first.message}")
    when = at or now_iso()
    mark = fingerprint(report)
    kept = tuple((f.key, explained[f.key]) for f in errors)
    event = SignOffEvent(FINAL, by.strip(), when, mark)
    return SetFinal(Final(by.strip(), when, mark, kept), tuple(report.final_log) + (event,))


def reopen(report: Report, by: str, at: str | None = None) -> SetFinal:
    """The edit that makes a final report editable again (取消定稿), recorded in the log."""
    if report.final is None:
        raise NianbaoError("本报告还没有定稿。")
    event = SignOffEvent(REOPEN, by.strip() or "未署名", at or now_iso(), report.final.fingerprint)
    return SetFinal(None, tuple(report.final_log) + (event,))


def intact(report: Report) -> bool:
    """Whether a final report's content is still what was signed off (its fingerprint matches)."""
    return report.final is None or report.final.fingerprint == fingerprint(report)


def is_draft(report: Report, findings: list[Finding] | None = None) -> bool:
    """Whether exports carry the 草稿 mark: a report not final that still has errors."""
    if report.final is not None:
        return False
    found = check(report) if findings is None else findings
    return any(f.is_error for f in found)


def refuse_if_final(report: Report, path: Path | str) -> None:
    """The command line's guard before it writes a draft: a final draft is never changed."""
    if report.final is not None:
        raise FinalReportError(f"“{Path(path).name}”已于 {local_time(report.final.at)} 由 {report.final.by} 定稿，"
                               "不能修改。如需修改，请先在程序中取消定稿（“报告”菜单 → 取消定稿）。")


@dataclass(frozen=True)
class SignOffLine:
    """What the window and the print show about a final report."""

    by: str
    when: str
    fingerprint: str


def sign_off_line(report: Report) -> SignOffLine | None:
    """Who finalised the report, when (local time), and its fingerprint; None when not final."""
    if report.final is None:
        return None
    return SignOffLine(report.final.by, local_time(report.final.at), report.final.fingerprint)
