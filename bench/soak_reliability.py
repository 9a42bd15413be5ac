"""The long reliability soak (run on demand: ``make soak``; ``--quick`` for a short run).

Prints the figures issue 10 asks for: kills during autosave → unreadable drafts and leftover
files after the next start; bombs → the worker's peak memory; hostile PDFs → time to the
refusal; a 50 MB text → import time; two writers → failed saves; the window's event-loop
stall during a slow import and during a long PDF export; the cost of starting the worker.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.errors import ImportSourceError, NianbaoError  # noqa: E402
from app.worker import TIMEOUT, import_here, import_source  # noqa: E402
from tests import hostile_files  # noqa: E402


def _line(label: str, value: str) -> None:
    print(f"{label:<48} {value}", flush=True)


def _try_import(path: Path, imported: str, width: int, **limits: float) -> tuple[dict[str, float], str]:
    """Import through the worker; its figures (seconds, peak_mb) and the outcome in a few words."""
    stats: dict[str, float] = {}
    try:
        import_source(path, stats=stats, **limits)
        return stats, imported
    except ImportSourceError as error:
        return stats, str(error)[:width]


def soak_kills(folder: Path, kills: int) -> None:
    from app.store import load
    from app.userdata import pending_recoveries
    from tests.test_reliability_saves import kill_autosaves

    userdata = folder / "userdata"
    os.environ["NIANBAO_DATA_DIR"] = str(userdata)
    kill_autosaves(userdata, kills)
    recovery = userdata / "recovery"
    before = len(list(recovery.iterdir()))
    found = pending_recoveries()  # what the next start does
    unreadable = 0
    for item in found:
        try:
            load(item.draft)
        except NianbaoError:
            unreadable += 1
    pairs = {item.draft.name for item in found} | {item.draft.with_suffix(".json").name for item in found}
    leftovers = [p for p in recovery.iterdir() if p.name not in pairs]
    _line(f"kills during autosave: {kills}", f"files before next start {before}, after {len(list(recovery.iterdir()))}"
          f" ({len(found)} recoverable copies, capped)")
    _line("  unreadable autosaved drafts", str(unreadable))
    _line("  leftover files after the next start", str(len(leftovers)))
    for item in found:
        item.discard()
    _line("  files after discarding every copy", str(len(list(recovery.iterdir()))))


def soak_bombs(folder: Path, sizes: list[int]) -> None:
    for make, suffix in ((hostile_files.docx_bomb, ".docx"), (hostile_files.docx_lying_bomb, ".docx"),
                         (hostile_files.pdf_flate_bomb, ".pdf"), (hostile_files.pdf_nested_flate_bomb, ".pdf"),
                         (hostile_files.pdf_runlength_bomb, ".pdf")):
        for size in sizes:
            path = make(folder / f"{make.__name__}-{size}{suffix}", size)
            stats, outcome = _try_import(path, "imported?!", 40)
            _line(f"{make.__name__} {path.stat().st_size // 1024} KB → {size} MB",
                  f"peak {stats.get('peak_mb', 0):.0f} MB, {stats['seconds']:.1f} s: {outcome}")
            path.unlink()


def soak_hostile_pdfs(folder: Path, budget: float) -> None:
    cases = {"self-referencing page tree": hostile_files.pdf_self_referencing(folder / "loop.pdf"),
             "1,000,000 drawing operations": hostile_files.pdf_slow(folder / "slow.pdf", 1_000_000)}
    for label, path in cases.items():
        stats, outcome = _try_import(path, "imported?!", 36, timeout=budget)
        _line(f"hostile PDF, {label} ({path.stat().st_size} B)",
              f"refused after {stats['seconds']:.1f} s (budget {budget:.0f} s): {outcome}")


def soak_big_text(folder: Path) -> None:
    path = folder / "big.txt"
    line = "一、总体情况\t本年度主动公开政府信息，各项工作稳步推进。" * 4 + "\n"
    with path.open("w", encoding="utf-8") as out:
        while out.tell() < 50 * 1024 * 1024 - len(line.encode()) * 2:
            out.write(line)
    stats, outcome = _try_import(path, "imported", 36)
    _line(f"50 MB text ({path.stat().st_size // (1024 * 1024)} MB)",
          f"{stats['seconds']:.1f} s, worker peak {stats.get('peak_mb', 0):.0f} MB: {outcome}")
    path.unlink()


def soak_writers(folder: Path, saves: int) -> None:
    import subprocess

    from tests.test_reliability_saves import WRITER

    path = folder / "共享.nianbao"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(saves), str(mark)], cwd=ROOT,
                                stdout=subprocess.PIPE, text=True) for mark in (1, 2)]
    failures = [line for w in writers for line in w.communicate()[0].splitlines() if line.strip()]
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    _line(f"two writers × {saves} saves of one draft", f"{len(failures)} failed, {len(leftovers)} temporary files left")
    for sentence in sorted(set(failures)):
        _line("  failure", sentence)


def soak_stall(folder: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPushButton

    from ui.main_window import MainWindow
    from ui.progress import current_dialog

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.show()
    source = hostile_files.pdf_slow(folder / "slow-gui.pdf", 1_000_000)
    ticks: list[float] = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ticker.start(10)
    started = time.perf_counter()

    def cancel_later() -> None:
        dialog = current_dialog()
        if dialog is None or not dialog.isVisible() or time.perf_counter() - started < 5:
            QTimer.singleShot(20, cancel_later)
            return
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消").click()

    QTimer.singleShot(20, cancel_later)
    window.import_path(source)
    ticker.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    _line("event-loop stall during a 5 s import (then 取消)",
          f"longest {max(gaps) * 1000:.0f} ms over {len(ticks)} ticks; cancelled in "
          f"{(time.perf_counter() - started - 5) * 1000:.0f} ms")
    window.document.undo_stack.setClean()
    window.close()
    del app


def soak_export_stall(folder: Path) -> None:
    """A long PDF laid out in the worker: the window's event loop meanwhile, and the whole export."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.exporters.pdf import export_pdf
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.show()
    window.document.report.sections["s1"].text = "政府信息公开工作年度报告。" * 20000
    ticks: list[float] = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ticker.start(10)
    started = time.perf_counter()
    window.export_to(folder / "long.pdf")
    seconds = time.perf_counter() - started
    ticker.stop()
    here = time.perf_counter()
    export_pdf(window.document.report)
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    _line("event-loop stall during a long PDF export",
          f"longest {max(gaps) * 1000:.0f} ms over {len(ticks)} ticks; export {seconds:.1f} s in the worker "
          f"vs {time.perf_counter() - here:.1f} s in-process; {window.last_message[:24]}")
    window.document.undo_stack.setClean()
    window.close()
    del app


def soak_start_cost(folder: Path) -> None:
    path = folder / "tiny.txt"
    path.write_text("某某局2025年政府信息公开工作年度报告\n", encoding="utf-8")
    runs = []
    for _ in range(5):
        stats: dict[str, float] = {}
        try:
            import_source(path, stats=stats)
        except ImportSourceError:
            pass
        runs.append(stats["seconds"])
    here = time.perf_counter()
    try:
        import_here(path)
    except ImportSourceError:
        pass
    _line("import of a tiny text: worker vs in-process",
          f"{min(runs) * 1000:.0f}–{max(runs) * 1000:.0f} ms vs {(time.perf_counter() - here) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a short run (fewer kills, smaller bombs)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        soak_start_cost(folder)
        soak_bombs(folder, [300] if args.quick else [1024, 4096])
        soak_hostile_pdfs(folder, 10 if args.quick else TIMEOUT)
        soak_stall(folder)
        soak_export_stall(folder)
        soak_writers(folder, 30 if args.quick else 200)
        soak_kills(folder, 20 if args.quick else 200)
        if not args.quick:
            soak_big_text(folder)


if __name__ == "__main__":
    main()
