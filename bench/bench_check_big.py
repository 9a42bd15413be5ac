"""Does checking a big report need to leave the GUI thread? Times of the work the window does on
its own thread, for reports of growing text size, with last year attached (its texts the same,
so S.copy and T.copy compare every sentence — the worst case):

- full check (opening a draft, 检查, attaching last year),
- the re-check after one edit of a narrative (every keystroke that pauses in the editor),
- the comparison of the 与上年对比 page (after an edit while the page is shown).

The issue's threshold is ~200 ms on the GUI thread. Prints one line per size. Every sample is
a report of its own (other sentences), so the caches of app.claims and app.crossyear never hit.

Measured 2026-12-01 (2 shared cores, load ~2): the full check costs ~1.1 ms per KB of narrative
text — 17 ms at 15 KB (the largest real report in ../shared has 13.5 KB), 110 ms at 100 KB,
350 ms at 300 KB; the re-check after one edit stays under 100 ms up to ~300 KB and the comparison
under 60 ms. So checking stays on the GUI thread: only a draft ~15× longer than any real report
makes the full check (opening it, 检查) pass 200 ms, and ~40× longer the re-check of an edit.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.compare import compare  # noqa: E402
from app.lastyear import snapshot  # noqa: E402
from app.report import Report  # noqa: E402
from app.rules import Checker, check  # noqa: E402

SENTENCES = ("2024年，我县通过政府门户网站主动公开各类政府信息{n}条，其中政策文件{m}条。",
             "全年受理政府信息公开申请{n}件，均在法定期限内答复。",
             "我局坚持以公开为常态、不公开为例外，进一步规范第{m}批主动公开目录。")
SIZES_KB = (15, 30, 100, 300, 1000, 3000)  # real reports: 4–14 KB of text (../shared)


def _text(kilobytes: int, seed: int) -> str:
    """Distinct sentences (numbers vary) up to about that many KB of UTF-8."""
    out: list[str] = []
    size, i = 0, 0
    while size < kilobytes * 1024:
        sentence = SENTENCES[i % 3].format(n=i + seed, m=i * 7 % 97)
        out.append(sentence)
        size += len(sentence.encode("utf-8"))
        i += 1
    return "".join(out)


def _report(kilobytes: int, seed: int = 0) -> Report:
    """A report of about that much narrative text; another ``seed``, other sentences (no cache hits)."""
    report = Report.new(organ="测试县人民政府", year=2024)
    share = kilobytes // 4
    for number, sid in enumerate(("s1", "s5", "s6")):
        report.sections[sid].text = _text(share, seed * 10 + number)
    report.sections["s1"].parts[0].text = _text(share, seed * 10 + 3)
    return report


def _pair(kilobytes: int, seed: int) -> Report:
    """This year's report with last year's (the same texts) attached."""
    report = _report(kilobytes, seed)
    report.previous = snapshot(_report(kilobytes, seed), "上年.nianbao")
    return report


def _seconds(work: Callable[[], object], times: int) -> float:
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    for kilobytes in SIZES_KB:
        times = 5 if kilobytes < 1000 else 2
        reports = [_pair(kilobytes, seed) for seed in range(times)]
        full = statistics.median(_seconds(lambda r=r: check(r), 1) for r in reports)  # type: ignore[misc]
        report = reports[0]
        checker = Checker(report)
        text = report.sections["s5"].text
        edits = iter(range(1000))

        def edit() -> None:  # a sentence typed at the end of 五: that section's text is new, the rest is not
            report.sections["s5"].text = text + f"新增第{next(edits)}句。"
            checker.update(["s5"])

        one = _seconds(edit, times)
        compared = statistics.median(_seconds(lambda r=r: compare(r.previous.report, r), 1)  # type: ignore[misc]
                                     for r in reports[1:] or reports)
        over = [name for name, value in (("full", full), ("edit", one), ("compare", compared)) if value > 0.2]
        print(f"{kilobytes:>6} KB of text: full check {full * 1000:8.1f} ms; re-check after a narrative edit "
              f"{one * 1000:8.1f} ms; comparison {compared * 1000:8.1f} ms"
              + (f"  — over 200 ms: {', '.join(over)}" if over else ""), flush=True)


if __name__ == "__main__":
    main()
