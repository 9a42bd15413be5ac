"""The window's speed: a cell edit to updated findings and marks, and start-up to a shown draft.

Runs offscreen. Prints the median and worst of 200 edits, and the median of 5 cold starts.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("NIANBAO_DATA_DIR", tempfile.mkdtemp(prefix="nianbao-bench-"))

STARTER = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from ui.application import make_application
from ui.main_window import MainWindow
app = make_application()
window = MainWindow()
window.open_path(Path(sys.argv[1]), ask=False)
window.show()
def shown():
    print(f"shown {time.time():.6f}", flush=True)
    window.document.undo_stack.setClean()
    window.close()
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def _draft(folder: Path) -> Path:
    from app.report import Report
    from app.store import save

    report = Report.new(organ="测试县数据局", year=2025)
    report.sections["s1"].text = "本年度公开各类信息16条，其中政策文件13条，其他6条。受理申请95件。" * 10
    report.sections["s5"].text = "主要问题是公开内容不够全面。" * 30
    report.sections["s6"].text = "未收取信息处理费。"
    path = folder / "bench.nianbao"
    save(report, path)
    return path


def edits(path: Path) -> tuple[float, float]:
    from PySide6.QtWidgets import QApplication

    from ui.application import make_application
    from ui.main_window import MainWindow
    from ui.section_pages import TablePage

    app = make_application()
    window = MainWindow()
    window.open_path(path, ask=False)
    window.show()
    page = window.show_page("s3")
    assert isinstance(page, TablePage)
    model = page.view.table_model
    cells = ["t3.new.natural", "t3.r1.natural", "t3.r3_4.business", "t3.next.legal"]
    times = []
    for i in range(200):
        index = model.index_of(cells[i % len(cells)])
        start = time.perf_counter()
        model.setData(index, str(i % 9))
        QApplication.processEvents()
        times.append(time.perf_counter() - start)
    window.document.undo_stack.setClean()
    window.close()
    app.processEvents()
    return statistics.median(times) * 1000, max(times) * 1000


def cold_start(path: Path) -> float:
    env = dict(os.environ)
    start = time.time()
    done = subprocess.run([sys.executable, "-c", STARTER, str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    shown = next(line for line in done.stdout.splitlines() if line.startswith("shown"))
    return (float(shown.split()[1]) - start) * 1000


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    path = _draft(folder)
    starts = [cold_start(path) for _ in range(5)]
    median, worst = edits(path)
    print(f"cell edit → findings, marks and 问题 panel updated (200 edits): median {median:.1f} ms, "
          f"worst {worst:.1f} ms")
    print(f"process start → window shown with a draft open (5 cold starts): median "
          f"{statistics.median(starts):.0f} ms, worst {max(starts):.0f} ms")


if __name__ == "__main__":
    main()
