"""How long the Word, web-page and Excel exports take (and reading each back), on the largest
real report in ../shared/realworld, so the window can run them while the clerk waits."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.exporters.docx import export_docx  # noqa: E402
from app.exporters.html import export_html  # noqa: E402
from app.exporters.xlsx import export_xlsx  # noqa: E402
from app.importers import read_source  # noqa: E402
from tests.export_sources import source_report  # noqa: E402

RUNS = 5
DOCUMENT = "realworld/shanghai-office-2019.html"


def _median(work: object) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    report = source_report(DOCUMENT)
    with tempfile.TemporaryDirectory() as folder:
        for suffix, export in ((".docx", lambda: export_docx(report).data),
                               (".html", lambda: export_html(report).text.encode("utf-8")),
                               (".xlsx", lambda: export_xlsx(report).data)):
            data = export()
            path = Path(folder) / f"report{suffix}"
            path.write_bytes(data)
            written = _median(export)
            read = _median(lambda p=path: read_source(p))
            print(f"{suffix[1:]:5} export {written * 1000:6.0f} ms   read back {read * 1000:6.0f} ms   "
                  f"{len(data) / 1024:6.0f} KB   ({DOCUMENT}, median of {RUNS})")


if __name__ == "__main__":
    main()
