"""The window's exports are made in a worker process kept between exports: the same bytes as an
export in this process, one start for many exports, 取消 ends the worker and the next export
starts another, a failure in the worker arrives as the exporter's own sentence."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from app.errors import ExportError, WorkCancelledError
from app.exporters.docx import export_docx
from app.exporters.pdf import export_pdf
from app.worker import _EXPORTS, export_report
from tests.helpers import zero_report


def _members(data: bytes) -> dict[str, bytes]:
    """A zip package's members by name: what a Word file holds, without the zip's own file times
    (two exports a second apart differ there)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_exports_in_the_kept_worker_are_the_exports_made_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1769045400")  # one export time here and in the worker
    _EXPORTS.stop()  # a worker kept from an earlier test has that test's clock: start one with this one
    report = zero_report()
    report.sections["s5"].text = "主要问题是公开内容不够全面。"
    pdf = export_report("pdf", report)
    assert pdf == export_pdf(report)  # invariant PDFs: byte for byte
    process = _EXPORTS.process
    assert _members(export_report("docx", report).data) == _members(export_docx(report).data)
    assert _EXPORTS.process is process and process.is_alive()  # one worker for both


def test_cancel_ends_the_worker_and_the_next_export_starts_another() -> None:
    report = zero_report()
    report.sections["s1"].text = "政府信息公开工作年度报告。" * 20000
    export_report("html", report)
    first = _EXPORTS.process
    started = time.perf_counter()
    with pytest.raises(WorkCancelledError, match="已取消导出PDF"):
        export_report("pdf", report, cancelled=lambda: time.perf_counter() - started > 0.3)
    assert time.perf_counter() - started < 2 and not first.is_alive() and _EXPORTS.process is None
    steps: list[tuple[int, int, str]] = []
    assert export_report("xlsx", zero_report(), progress=lambda *step: steps.append(step)).data
    assert _EXPORTS.process is not None and _EXPORTS.process is not first


def test_an_export_error_in_the_worker_is_raised_as_itself() -> None:
    report = zero_report()
    report.sections["s5"].text = "无法打印的字\U000F0001。"  # a private-use character no font draws
    with pytest.raises(ExportError) as raised:
        export_pdf(report)
    with pytest.raises(ExportError) as there:
        export_report("pdf", report)
    assert str(there.value) == str(raised.value)
    assert _EXPORTS.process is not None and _EXPORTS.process.is_alive()  # an error is no reason to restart


def test_a_kept_worker_states_the_time_of_the_process_that_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker kept from an earlier export (started with another environment) does not put its
    own clock into the PDF: an export and its 打印预览 made a second apart, the clock fixed, agree."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    _EXPORTS.stop()
    report = zero_report()
    export_report("pdf", report)  # the worker starts with no fixed clock
    process = _EXPORTS.process
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1769045400")
    first = export_report("pdf", report)
    time.sleep(1.1)  # a second boundary between the two, as between an export and its preview
    assert export_report("pdf", report) == first  # byte for byte, the asking process's clock in both
    assert _EXPORTS.process is process  # the same kept worker
    assert b"/CreationDate (D:20260122013000+00'00')" in first.data
