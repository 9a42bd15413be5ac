"""Does checking a big report need to leave the GUI thread? Times of the work the window does on
its own thread, for reports of growing text size, with last year attached (its texts the same,
so S.copy and T.copy compare every sentence — the worst case):

- full check (opening a draft, 检查, attaching last year),
- the re-check after one edit of a narrative (every keystroke that pauses in the editor),
- the comparison of the 与上年对比 page (after an edit while the page is shown).

The issue's threshold is ~200 ms on the GUI thread. Prints one line per size.
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
SIZES_KB = (30, 100, 300, 600, 1000, 3000, 15000)  # real reports: 10–30 KB of text; a 50 MB text import: ~15 MB in sections


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


def _report(kilobytes: int) -> Report:
    report = Report.new(organ="测试县人民政府", year=2024)
    share = kilobytes // 4
    for sid in ("s1", "s5", "s6"):
        report.sections[sid].text = _text(share, hash(sid) % 1000)
    report.sections["s1"].parts[0].text = _text(share, 3)
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
        report = _report(kilobytes)
        report.previous = snapshot(_report(kilobytes), "上年.nianbao")
        times = 5 if kilobytes < 1000 else 1
        full = _seconds(lambda: check(report), times)
        checker = Checker(report)
        text = report.sections["s5"].text

        def edit() -> None:
            report.sections["s5"].text = text + "新增一句。"
            checker.update(["s5"])

        one = _seconds(edit, times)
        compared = _seconds(lambda: compare(report.previous.report, report), times)  # type: ignore[union-attr]
        over = [name for name, value in (("full", full), ("edit", one), ("compare", compared)) if value > 0.2]
        print(f"{kilobytes:>6} KB of text: full check {full * 1000:8.1f} ms; re-check after a narrative edit "
              f"{one * 1000:8.1f} ms; comparison {compared * 1000:8.1f} ms"
              + (f"  — over 200 ms: {', '.join(over)}" if over else ""), flush=True)


if __name__ == "__main__":
    main()
