"""How long importing each real-world document takes (median of a few runs, in milliseconds).

With html5lib installed (it is not a dependency) it also prints how long html5lib and lxml
take to parse each web page, the comparison docs/import.md records.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.importers import read_source  # noqa: E402

REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"
SAMPLE = REALWORLD.parent / "samples" / "huiji-2022.txt"
RUNS = 5


def main() -> None:
    sources = [SAMPLE] + sorted(p for p in REALWORLD.iterdir() if p.suffix in (".pdf", ".html", ".docx"))
    for source in sources:
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            result = read_source(source)
            times.append(time.perf_counter() - start)
        print(f"import {source.name}: median {statistics.median(times) * 1000:.0f} ms, best {min(times) * 1000:.0f} ms "
              f"({result.report.layout_id}, {len(result.uncertain)} uncertain)")
    compare_parsers([p for p in sources if p.suffix == ".html"])


def _median_ms(action: object) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def compare_parsers(pages: list[Path]) -> None:
    """Parse time of lxml (used) and html5lib (the reference HTML5 algorithm) per page."""
    try:
        import html5lib
    except ImportError:
        print("parsers: html5lib is not installed; no comparison")
        return
    from lxml import etree

    for page in pages:
        text = page.read_text(encoding="utf-8")
        data = text.encode("utf-8")
        lxml_ms = _median_ms(lambda: etree.fromstring(data, etree.HTMLParser(encoding="utf-8")))
        html5_ms = _median_ms(lambda: html5lib.parse(text, treebuilder="lxml", namespaceHTMLElements=False))
        print(f"parse {page.name}: lxml {lxml_ms:.1f} ms, html5lib {html5_ms:.0f} ms")


if __name__ == "__main__":
    main()
