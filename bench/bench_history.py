"""The revision history's cost: file size after 200 saves of realistic edits, and the time of one save.

Targets (issue 12): a draft with 200 saves stays under 3 × the size of the same draft without
history, and saving with history takes under 50 ms for the sample report
(``../shared/samples/huiji-2022.txt``). Prints the figures; exits 1 if a target is missed.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.history import History, common_base, history_of, save_draft  # noqa: E402
from app.report import Part, Report  # noqa: E402
from app.store import save  # noqa: E402
from tests.sample_report import huiji_report  # noqa: E402

SAVES = 200
AUTHORS = ("张三", "李四", "王五")
SENTENCES = ("全年共召开政务公开专题会议3次，研究部署重点工作。", "进一步规范依申请公开办理流程，按时答复率100%。",
             "加强政府信息公开平台建设，及时更新栏目内容。", "组织业务培训2次，参训人员86人次。")


def _edit(report: Report, rng: random.Random, step: int) -> None:
    """One sitting's worth of work, as a clerk does it: some figures, a sentence, now and then more."""
    kind = step % 5
    computed = report.computed_cells()
    counts = [c.id for c in report.layout.cells if isinstance(report.cells[c.id], int) and c.id not in computed]
    if kind in (0, 1, 2):  # figures typed into a table: one to six cells
        for cell_id in rng.sample(counts, rng.randint(1, 6)):
            report.set_cell(cell_id, rng.randint(0, 120))
    elif kind == 3:  # a sentence added to, or changed in, a paragraph
        section = report.sections[rng.choice(["s1", "s5", "s6"])]
        if section.parts and rng.random() < 0.6:
            index = rng.randrange(len(section.parts))
            part = section.parts[index]
            text = part.text
            cut = rng.randint(0, len(text))
            section.parts[index] = Part(part.title, text[:cut] + rng.choice(SENTENCES) + text[cut:])
        else:
            section.text = section.text + rng.choice(SENTENCES)
    else:  # a word corrected in a text and a figure fixed
        section = report.sections["s1"]
        section.text = section.text.replace("进一步", "持续", 1) if "进一步" in section.text else section.text + "进一步"
        report.set_cell(rng.choice(counts), rng.randint(0, 50))


def main() -> int:
    rng = random.Random(12)
    report = huiji_report()
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "plain.nianbao"
        save(report, plain)
        plain_size = plain.stat().st_size
        draft = Path(folder) / "history.nianbao"
        history = History()
        times = []
        for step in range(SAVES):
            _edit(report, rng, step)
            start = time.perf_counter()
            save_draft(report, draft, history, AUTHORS[step % len(AUTHORS)], "办公室-PC01")
            times.append(time.perf_counter() - start)
        final_plain = Path(folder) / "final-plain.nianbao"
        plain_times = []
        for _ in range(20):
            start = time.perf_counter()
            save(report, final_plain)
            plain_times.append(time.perf_counter() - start)
        without = final_plain.stat().st_size
        with_history = draft.stat().st_size
        start = time.perf_counter()
        loaded = history_of(draft)
        oldest = loaded.revisions()[0].id
        loaded.report(oldest)
        rebuild = time.perf_counter() - start
        start = time.perf_counter()
        found = common_base(draft, draft)
        base_time = time.perf_counter() - start
    ratio = with_history / without
    median_ms, worst_ms = statistics.median(times) * 1000, max(times) * 1000
    last_ms = statistics.median(times[-20:]) * 1000
    print(f"sample draft without history: {plain_size} bytes at the start, {without} bytes after the edits")
    print(f"with {SAVES} revisions: {with_history} bytes = {ratio:.2f} × without (target < 3)")
    print(f"save with history: median {median_ms:.1f} ms, last 20 saves median {last_ms:.1f} ms, "
          f"slowest {worst_ms:.1f} ms (target < 50 ms); the same save without history: "
          f"median {statistics.median(plain_times) * 1000:.1f} ms")
    print(f"read history and rebuild the oldest revision: {rebuild * 1000:.1f} ms; "
          f"common base of two copies: {base_time * 1000:.1f} ms ({'found' if found else 'none'})")
    return 0 if ratio < 3 and last_ms < 50 else 1


if __name__ == "__main__":
    sys.exit(main())
