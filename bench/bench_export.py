"""How long printing takes: nianbao's PDF export against the route offices take today.

Prints the export time in-process and as a cold ``nianbao export`` process, beside the same
report written as a Word file (python-docx) and converted by ``libreoffice --headless
--convert-to pdf``, and the ratio of the two, all measured in this one run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.exporters.pdf import export_pdf, heading_text, subheading_text  # noqa: E402
from app.exporters.markup import paragraphs, plain  # noqa: E402
from app.format import ItemRole  # noqa: E402
from app.report import Report  # noqa: E402
from app.store import save  # noqa: E402
from app.values import display  # noqa: E402
from tests.sample_report import huiji_report  # noqa: E402

RUNS_IN_PROCESS = 10
RUNS_COLD = 3


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _in_process(report: Report) -> tuple[float, float, int]:
    """The first export (fonts load) and the median of later ones, in seconds; the page count."""
    start = time.perf_counter()
    pages = export_pdf(report).pages
    first = time.perf_counter() - start
    times = []
    for _ in range(RUNS_IN_PROCESS):
        start = time.perf_counter()
        export_pdf(report)
        times.append(time.perf_counter() - start)
    return first, statistics.median(times), pages


def _cold(draft: Path, folder: Path) -> float:
    """Median wall time of ``nianbao export`` in a fresh interpreter, in seconds."""
    times = []
    for n in range(RUNS_COLD):
        out = folder / f"cold-{n}.pdf"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "app", "export", str(draft), "-o", str(out)], check=True,
                       capture_output=True, cwd=ROOT, timeout=300)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _word_file(report: Report, path: Path) -> None:
    """The same report as a Word file, tables merged as in the format (what offices print from today)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(report.title)
    run.bold, run.font.size = True, Pt(22)
    for section in report.layout.sections:
        document.add_paragraph().add_run(heading_text(section)).font.size = Pt(16)
        narrative = report.sections[section.id]
        if section.table:
            table = report.layout.table(section.table)
            grid = document.add_table(rows=table.rows, cols=table.cols)
            grid.style = "Table Grid"
            for item in table.grid:
                cell = grid.cell(item.row, item.col)
                if item.rowspan > 1 or item.colspan > 1:
                    cell = cell.merge(grid.cell(item.row + item.rowspan - 1, item.col + item.colspan - 1))
                value = display(report.cells[item.cell_id]) if item.role is ItemRole.VALUE else item.text
                cell.text = value
        for text in paragraphs(narrative.text):
            document.add_paragraph(plain(text)).paragraph_format.first_line_indent = Pt(32)
        for i, part in enumerate(narrative.parts, 1):
            document.add_paragraph(subheading_text(i, part.title))
            for text in paragraphs(part.text):
                document.add_paragraph(plain(text)).paragraph_format.first_line_indent = Pt(32)
    document.save(str(path))


def _office() -> str | None:
    """The LibreOffice command, installing libreoffice-writer once if this is a Debian machine as root."""
    found = shutil.which("libreoffice") or shutil.which("soffice")
    if found or not shutil.which("apt-get") or os.geteuid() != 0:
        return found
    print("installing libreoffice-writer for the comparison (apt-get) …", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", "libreoffice-writer"],
                   env=env, capture_output=True, timeout=1800)
    return shutil.which("libreoffice") or shutil.which("soffice")


def _word_route(report: Report, folder: Path) -> tuple[float, float] | None:
    """python-docx time and the median cold LibreOffice conversion time, in seconds; None if unavailable."""
    office = _office()
    if office is None:
        return None
    docx = folder / "report.docx"
    import docx as _python_docx  # noqa: F401  (its import is not part of writing the file)

    start = time.perf_counter()
    _word_file(report, docx)
    build = time.perf_counter() - start
    times = []
    for n in range(RUNS_COLD):
        profile = folder / f"lo-profile-{n}"  # a fresh profile each time: a cold start, as an office PC has
        start = time.perf_counter()
        done = subprocess.run([office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                               "pdf", "--outdir", str(folder / f"lo-{n}"), str(docx)],
                              capture_output=True, timeout=600)
        times.append(time.perf_counter() - start)
        if done.returncode != 0 or not (folder / f"lo-{n}" / "report.pdf").exists():
            return None
    return build, statistics.median(times)


def main() -> None:
    report = huiji_report()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        draft = folder / "sample.nianbao"
        save(report, draft)
        first, warm, pages = _in_process(report)
        cold = _cold(draft, folder)
        print(f"sample report ({pages} pages): in-process export median {_ms(warm)} over {RUNS_IN_PROCESS} runs "
              f"(first export, loading the fonts: {_ms(first)})")
        print(f"nianbao export as a cold process: median {_ms(cold)} over {RUNS_COLD} runs")
        word = _word_route(report, folder)
        if word is None:
            print("Word route: skipped — LibreOffice is not installed and could not be installed here "
                  "(apt-get install libreoffice-writer as root to compare)")
            return
        build, convert = word
        total = build + convert
        print(f"Word route: python-docx {_ms(build)} + libreoffice --headless --convert-to pdf median "
              f"{_ms(convert)} (cold, {RUNS_COLD} runs) = {_ms(total)}")
        print(f"ratio: the Word route takes {total / cold:.1f}× as long as a cold nianbao export "
              f"({convert / cold:.1f}× for the LibreOffice conversion alone) "
              f"and {total / warm:.0f}× as long as an export from the running program")


if __name__ == "__main__":
    main()
