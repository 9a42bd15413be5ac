"""How long importing each real-world document takes (median of a few runs, in milliseconds)."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.importers import read_source  # noqa: E402

REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"
SAMPLE = REALWORLD.parent / "samples" / "huiji-2022.txt"
RUNS = 3


def main() -> None:
    sources = [SAMPLE] + sorted(p for p in REALWORLD.iterdir() if p.suffix in (".pdf", ".html", ".docx"))
    for source in sources:
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            result = read_source(source)
            times.append(time.perf_counter() - start)
        print(f"import {source.name}: median {statistics.median(times) * 1000:.0f} ms "
              f"({result.report.layout_id}, {len(result.uncertain)} uncertain)")


if __name__ == "__main__":
    main()
