"""Every import (and every export of the window) runs in a worker process with a time and a memory budget.

A hostile file can make a third-party library loop forever (a PDF page tree that contains
itself) or inflate without end; no check inside our code can stop that. A separate process
can be killed: the parent waits at most ``timeout`` seconds and kills it, and on Linux the
child limits its own address space (RLIMIT_AS) so a runaway allocation becomes a MemoryError
instead of swapping the office PC to a halt. Windows has no RLIMIT: there the timeout and the
kill are the bound (and the size checks of app.importers.limits). Starting the worker ('spawn',
the same on every system) costs about a third of a second — see bench/soak_reliability.py.
The worker tells how far it is (app.progress) on the same pipe its result comes back on.
Exports run here too, for another reason: laying out a long PDF holds the interpreter lock, and
in a thread of the window's process that stalls the window's event loop. Their worker is kept
between exports (``Resident``): the first costs ~2 s (start, ReportLab, fonts), the next ~0.4 s.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import errors
from app.errors import ImportCancelledError, ImportSourceError, NianbaoError, WorkCancelledError
from app.exporters.moment import export_time
from app.importers import ImportResult, read_bytes, read_source
from app.progress import Reporter

if TYPE_CHECKING:
    from app.fonts import FontFile
    from app.report import Report

TIMEOUT = 60.0  # seconds an import may take
MEMORY = 1024 * 1024 * 1024  # bytes of address space the worker may use (Linux)
_POLL = 0.05


def _limit_memory(memory: int) -> None:
    """Cap this process's address space, where the system allows it."""
    try:
        import resource
    except ImportError:  # Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _peak_kb() -> int:
    """This process's peak resident memory in KiB (0 where unknown).

    Linux: VmHWM, which starts afresh at exec; ru_maxrss would carry over the parent's peak
    from the fork that started the worker.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    try:
        import resource
    except ImportError:
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def import_here(path: Path) -> ImportResult:
    """The import itself, bounded by the size checks, in whatever process calls it."""
    from app.importers.limits import check_source
    from app.textclean import clean_report

    if path.suffix.lower() in (".docx", ".pdf") and path.is_file():
        check_source(path, read_bytes(path))
    result = read_source(path)
    result.notices.extend(clean_report(result.report))
    return result


def _call(target: str, args: tuple[Any, ...]) -> Any:
    """``module:function`` of this package, called with ``args``."""
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)(*args)


def _job(conn: Connection, target: str, args: tuple[Any, ...], sentences: dict[str, str]) -> tuple[Any, ...]:
    """Run one job, sending ('progress', done, total, what) as it goes; its outcome: ('ok', result),
    ('error', kind, sentence) or ('memory',)."""
    from app.progress import reporting

    def tell(done: int, total: int, what: str) -> None:
        conn.send(("progress", done, total, what))

    try:
        with reporting(tell):
            return ("ok", _call(target, args))
    except MemoryError:
        return ("memory",)
    except NianbaoError as error:
        return ("error", type(error).__name__, str(error))
    except RecursionError:
        return ("error", "NianbaoError", sentences["recursion"])
    except Exception as error:  # noqa: BLE001 - a library's failure on a hostile file: report, never crash
        return ("error", "NianbaoError", sentences["crash"].format(kind=type(error).__name__))


def _send(conn: Connection, message: tuple[Any, ...]) -> None:
    """A job's outcome with the peak memory (a result too big to send is the memory sentence)."""
    try:
        conn.send(message + (_peak_kb(),))
    except MemoryError:
        conn.send(("memory", _peak_kb()))


def _child(conn: Connection, target: str, args: tuple[Any, ...], memory: int, sentences: dict[str, str]) -> None:
    """Worker body for one job, then the worker ends."""
    _limit_memory(memory)
    try:
        _send(conn, _job(conn, target, args, sentences))
    finally:
        conn.close()


def _resident_child(jobs: Connection, results: Connection, memory: int) -> None:
    """Worker body that takes job after job (the window's exports: ReportLab and the fonts are
    loaded once); it ends when the window's end of the pipe closes, or after running out of memory."""
    _limit_memory(memory)
    while True:
        try:
            target, args, sentences = jobs.recv()
        except (EOFError, OSError):
            return
        message = _job(results, target, args, sentences)
        _send(results, message)
        if message[0] == "memory":
            return


@contextlib.contextmanager
def _main_hidden() -> Iterator[None]:
    """Start the worker without re-running the parent's main script in it ('spawn' would, and a
    script read from stdin or an interactive session cannot be re-run). Frozen builds keep theirs:
    multiprocessing.freeze_support() in the frozen entry point starts the worker there."""
    main = sys.modules.get("__main__")
    if getattr(sys, "frozen", False) or main is None:
        yield
        return
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


class WorkerError(NianbaoError):
    """Work in the worker process failed or went over its budget; the message says which."""


def _await(receiver: Connection, process: Any, started: float, timeout: float, sentences: dict[str, str],
           cancelled: Callable[[], bool] | None, progress: Reporter | None) -> tuple[Any, ...] | None:
    """The job's outcome from the worker, passing its progress on; None if the worker died without
    a word. WorkCancelledError or WorkerError (its time is up) leave the worker for the caller to kill."""
    deadline = started + timeout
    while True:
        if receiver.poll(_POLL):
            try:
                received: tuple[Any, ...] = receiver.recv()
            except (EOFError, OSError):
                return None  # the worker died without a word (killed by the system, a crash)
            if received[0] != "progress":
                return received
            if progress is not None:
                progress(*received[1:])
        if cancelled is not None and cancelled():
            raise WorkCancelledError(sentences["cancelled"])
        if time.perf_counter() > deadline:
            raise WorkerError(sentences["timeout"].format(timeout=timeout))
        if not process.is_alive() and not receiver.poll(0):
            return None


def _outcome(message: tuple[Any, ...] | None, exitcode: int | None, sentences: dict[str, str], memory: int,
             stats: dict[str, float] | None) -> Any:
    """The job's result, or its failure raised in the user's words."""
    if stats is not None and message:
        stats["peak_mb"] = message[-1] / 1024
    if message is None and exitcode not in (None, -9, 137):
        raise WorkerError(sentences["exited"].format(code=exitcode))
    if message is None or message[0] == "memory":
        raise WorkerError(sentences["memory"].format(mb=memory // (1024 * 1024)))
    if message[0] == "error":
        kind = getattr(errors, message[1], None)
        if isinstance(kind, type) and issubclass(kind, NianbaoError) and kind is not NianbaoError:
            raise kind(message[2])
        raise WorkerError(message[2])
    return message[1]


def _stop(process: Any) -> None:
    """Kill a worker (if still running) and wait for it to be gone."""
    if process.is_alive():
        process.kill()
    process.join(5)
    if process.is_alive():
        process.kill()
        process.join(5)


def run(target: str, args: tuple[Any, ...], sentences: dict[str, str], *, timeout: float = TIMEOUT,
        memory: int = MEMORY, cancelled: Callable[[], bool] | None = None, progress: Reporter | None = None,
        stats: dict[str, float] | None = None, name: str = "nianbao-worker") -> Any:
    """``target(*args)`` (``module:function``) in a new worker process with a time and memory budget.

    ``sentences`` says, in the user's words: ``cancelled`` (raised as WorkCancelledError),
    ``timeout`` (with ``{timeout}``), ``memory`` (with ``{mb}``), ``exited`` (with ``{code}``),
    ``recursion`` and ``crash`` (with ``{kind}``); every other failure arrives as the worker's own
    sentence (a NianbaoError there is raised here as its own kind when it is one of app.errors).
    ``cancelled`` is asked every 50 ms (the 取消 of a progress dialog): yes kills the worker.
    ``progress`` receives the worker's app.progress reports. ``stats`` receives the start cost,
    the time taken and the worker's peak memory.
    """
    started = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, target, args, memory, sentences), daemon=True,
                              name=name)
    with _main_hidden():
        process.start()
    sender.close()
    if stats is not None:
        stats["start_seconds"] = time.perf_counter() - started
    message: tuple[Any, ...] | None = None
    try:
        message = _await(receiver, process, started, timeout, sentences, cancelled, progress)
    finally:
        if message is None:
            _stop(process)
        process.join(5)
        receiver.close()
        if stats is not None:
            stats["seconds"] = time.perf_counter() - started
    return _outcome(message, process.exitcode, sentences, memory, stats)


class Resident:
    """A worker process kept between jobs (the window's exports), with the same budget per job:
    the first job pays the start and the loading of ReportLab and the fonts, the next ones do not.
    取消, a job over its time or out of memory ends the process; the next job starts another."""

    def __init__(self, memory: int, name: str) -> None:
        self.memory, self.name = memory, name
        self.process: Any = None
        self._jobs: Connection | None = None
        self._results: Connection | None = None
        self._lock = threading.Lock()

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        jobs_out, jobs_in = context.Pipe(duplex=False)  # two one-way pipes: no socket pair
        results_out, results_in = context.Pipe(duplex=False)
        process = context.Process(target=_resident_child, args=(jobs_out, results_in, self.memory), daemon=True,
                                  name=self.name)
        with _main_hidden():
            process.start()
        jobs_out.close()
        results_in.close()
        self.process, self._jobs, self._results = process, jobs_in, results_out

    def stop(self) -> None:
        """End the worker (it is started again by the next job)."""
        if self.process is not None:
            for conn in (self._jobs, self._results):
                if conn is not None:
                    conn.close()
            _stop(self.process)
            self.process = self._jobs = self._results = None

    def call(self, target: str, args: tuple[Any, ...], sentences: dict[str, str], *, timeout: float,
             cancelled: Callable[[], bool] | None = None, progress: Reporter | None = None,
             stats: dict[str, float] | None = None) -> Any:
        """As ``run``, in the kept worker (one job at a time)."""
        with self._lock:
            started = time.perf_counter()
            if self.process is None or not self.process.is_alive():
                self.stop()
                self._start()
            if stats is not None:
                stats["start_seconds"] = time.perf_counter() - started
            assert self._jobs is not None and self._results is not None
            message: tuple[Any, ...] | None = None
            try:
                self._jobs.send((target, args, sentences))
                message = _await(self._results, self.process, started, timeout, sentences, cancelled, progress)
            except (BrokenPipeError, OSError):
                message = None
            finally:
                exitcode = self.process.exitcode
                if message is None or message[0] == "memory":
                    self.stop()
                if stats is not None:
                    stats["seconds"] = time.perf_counter() - started
            return _outcome(message, exitcode, sentences, self.memory, stats)


def _import_sentences(name: str) -> dict[str, str]:
    """What the user reads when importing ``name`` fails in the worker."""
    return {
        "cancelled": f"已取消导入“{name}”。",
        "timeout": f"“{name}”在 {{timeout:.0f}} 秒内没有读完，已停止导入。"
                   "文件的结构可能有问题（例如页面互相引用），请另存为新的文件后再试。",
        "memory": f"“{name}”读取时需要的内存超过 {{mb}} MB，已停止导入。文件可能已损坏或含有异常的压缩内容。",
        "exited": f"导入“{name}”时读取程序意外退出（代码 {{code}}），无法导入。",
        "recursion": f"“{name}”的结构嵌套过深，无法导入。",
        "crash": f"“{name}”无法导入：读取时出错（{{kind}}），文件可能已损坏。",
    }


def import_source(path: str | Path, *, timeout: float = TIMEOUT, memory: int = MEMORY,
                  cancelled: Callable[[], bool] | None = None, progress: Reporter | None = None,
                  stats: dict[str, float] | None = None) -> ImportResult:
    """Import ``path`` in a worker process; ImportSourceError when it fails or exceeds its budget,
    ImportCancelledError when ``cancelled`` says so. ``progress`` gets (done, total, what): bytes
    read of the file's size, then pages or lines, then the stage without a size."""
    path = Path(path)
    try:
        result: ImportResult = run("app.worker:import_here", (path,), _import_sentences(path.name),
                                   timeout=timeout, memory=memory, cancelled=cancelled, progress=progress,
                                   stats=stats, name="nianbao-import")
    except WorkCancelledError as error:
        raise ImportCancelledError(str(error)) from None
    except NianbaoError as error:
        raise ImportSourceError(str(error)) from None  # every failure of an import is the import's
    return result


EXPORT_TIMEOUT = 600.0  # seconds an export may take: our own report, slow only when very long
EXPORT_MEMORY = 2 * MEMORY
EXPORT_NAMES = {"pdf": "PDF", "docx": "Word 文档", "html": "网页", "xlsx": "Excel 工作簿"}
_EXPORTS = Resident(EXPORT_MEMORY, "nianbao-export")  # kept between exports: a preview needs no new start


def export_here(kind: str, report: Report, fonts: Mapping[str, FontFile] | None = None,
                created: datetime | None = None) -> Any:
    """One export's finished bytes (an Exported of app.exporters), in whatever process calls it;
    a PDF states ``created`` as the moment it was made (app.exporters.moment)."""
    if kind == "pdf":
        from app.exporters.pdf import export_pdf

        return export_pdf(report, fonts, created)
    module = importlib.import_module(f"app.exporters.{kind}")
    return getattr(module, f"export_{kind}")(report)


def export_report(kind: str, report: Report, fonts: Mapping[str, FontFile] | None = None, *,
                  cancelled: Callable[[], bool] | None = None, progress: Reporter | None = None,
                  timeout: float = EXPORT_TIMEOUT, stats: dict[str, float] | None = None) -> Any:
    """Make an export (``pdf``, ``docx``, ``html``, ``xlsx``) in a worker process, so the window's
    thread never waits for the interpreter lock while a long report is laid out; the caller
    writes the bytes. WorkCancelledError when ``cancelled`` says so (nothing was written)."""
    what = EXPORT_NAMES[kind]
    sentences = {
        "cancelled": f"已取消导出{what}。",
        "timeout": f"{{timeout:.0f}} 秒内没有生成{what}，已停止导出。",
        "memory": f"生成{what}需要的内存超过 {{mb}} MB，已停止导出。",
        "exited": f"生成{what}的程序意外退出（代码 {{code}}），没有导出。",
        "recursion": f"报告的结构嵌套过深，无法生成{what}。",
        "crash": f"生成{what}时出错（{{kind}}），没有导出。",
    }
    created = export_time() if kind == "pdf" else None  # this process's clock, not the kept worker's
    return _EXPORTS.call("app.worker:export_here", (kind, report, dict(fonts) if fonts else None, created), sentences,
                         timeout=timeout, cancelled=cancelled, progress=progress, stats=stats)
