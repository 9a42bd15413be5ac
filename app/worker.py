"""Every import runs in a worker process with a time and a memory budget.

A hostile file can make a third-party library loop forever (a PDF page tree that contains
itself) or inflate without end; no check inside our code can stop that. A separate process
can be killed: the parent waits at most ``timeout`` seconds and kills it, and on Linux the
child limits its own address space (RLIMIT_AS) so a runaway allocation becomes a MemoryError
instead of swapping the office PC to a halt. Windows has no RLIMIT: there the timeout and the
kill are the bound (and the size checks of app.importers.limits). Starting the worker ('spawn',
the same on every system) costs about a third of a second — see bench/bench_reliability.py.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import time
import types
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from app.errors import ImportCancelledError, ImportSourceError, NianbaoError
from app.importers import ImportResult, Uncertain, read_bytes, read_source

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
    result.uncertain.extend(Uncertain(None, notice) for notice in clean_report(result.report))
    return result


def _child(conn: Connection, path: str, memory: int) -> None:
    """Worker body: import, then send ('ok', result) or ('error', kind, sentence), and the peak memory."""
    _limit_memory(memory)
    try:
        message: tuple[Any, ...] = ("ok", import_here(Path(path)))
    except MemoryError:
        message = ("memory",)
    except NianbaoError as error:
        message = ("error", type(error).__name__, str(error))
    except RecursionError:
        message = ("error", "ImportSourceError", f"“{Path(path).name}”的结构嵌套过深，无法导入。")
    except Exception as error:  # noqa: BLE001 - a library's failure on a hostile file: report, never crash
        message = ("error", "ImportSourceError",
                   f"“{Path(path).name}”无法导入：读取时出错（{type(error).__name__}），文件可能已损坏。")
    try:
        conn.send(message + (_peak_kb(),))
    except MemoryError:
        conn.send(("memory", _peak_kb()))
    finally:
        conn.close()


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


def import_source(path: str | Path, *, timeout: float = TIMEOUT, memory: int = MEMORY,
                  cancelled: Callable[[], bool] | None = None,
                  stats: dict[str, float] | None = None) -> ImportResult:
    """Import ``path`` in a worker process; ImportSourceError when it fails or exceeds its budget.

    ``cancelled`` is asked every 50 ms (the 取消 of a progress dialog): when it says yes the
    worker is killed and ImportCancelledError raised. ``stats`` receives the start cost, the
    time taken and the worker's peak memory.
    """
    path = Path(path)
    name = path.name
    started = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, str(path), memory), daemon=True,
                              name="nianbao-import")
    with _main_hidden():
        process.start()
    sender.close()
    if stats is not None:
        stats["start_seconds"] = time.perf_counter() - started
    deadline = started + timeout
    message: tuple[Any, ...] | None = None
    try:
        while True:
            if receiver.poll(_POLL):
                try:
                    message = receiver.recv()
                except (EOFError, OSError):
                    message = None  # the worker died without a word (killed by the system, a crash)
                break
            if cancelled is not None and cancelled():
                raise ImportCancelledError(f"已取消导入“{name}”。")
            if time.perf_counter() > deadline:
                raise ImportSourceError(f"“{name}”在 {timeout:.0f} 秒内没有读完，已停止导入。"
                                        "文件的结构可能有问题（例如页面互相引用），请另存为新的文件后再试。")
            if not process.is_alive() and not receiver.poll(0):
                break
    finally:
        if process.is_alive() and message is None:
            process.kill()
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join(5)
        receiver.close()
        if stats is not None:
            stats["seconds"] = time.perf_counter() - started
    if stats is not None and message:
        stats["peak_mb"] = message[-1] / 1024
    if message is None and process.exitcode not in (None, -9, 137):
        raise ImportSourceError(f"导入“{name}”时读取程序意外退出（代码 {process.exitcode}），无法导入。")
    if message is None or message[0] == "memory":
        raise ImportSourceError(f"“{name}”读取时需要的内存超过 {memory // (1024 * 1024)} MB，已停止导入。"
                                "文件可能已损坏或含有异常的压缩内容。")
    if message[0] == "error":
        raise ImportSourceError(message[2])  # every failure in the worker arrives as its sentence
    return message[1]  # type: ignore[no-any-return]
