"""Long work off the GUI thread, behind a progress dialog with a working 取消.

The work runs in a Python thread and is given a ``cancelled()`` question to ask (and, when it
``reports_progress``, a ``progress(done, total, what)`` to call); the GUI thread keeps turning
its event loop (a local QEventLoop) until the work is done, so the window repaints and 取消
answers at once. Imports and exports do their real work in a worker process (app.worker), so
the thread mostly waits on a pipe and the GUI never stalls; the worker's reports move the bar.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import NianbaoError

if TYPE_CHECKING:
    from app.importers import ImportResult

T = TypeVar("T")
_current: QProgressDialog | None = None
SHOW_AFTER_MS = 200  # quicker work finishes without a dialog flashing up
_POLL_MS = 30
PARTS = 1000  # the bar's steps (a byte count would overflow a Qt int)


class _Job(Generic[T]):
    """The work, its outcome and the cancel flag, shared between the two threads."""

    def __init__(self, work: Callable[..., T], reports_progress: bool) -> None:
        self.work = (lambda cancelled: work(cancelled, self.progress)) if reports_progress else work
        self.cancel = threading.Event()
        self.result: T | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()
        self.step: tuple[int, int, str] | None = None  # the latest (done, total, what), read by the GUI

    def progress(self, done: int, total: int, what: str) -> None:
        """Called by the work (any thread): one assignment, read whole by the GUI's timer."""
        self.step = (done, total, what)

    def run(self) -> None:
        try:
            self.result = self.work(self.cancel.is_set)
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread, which raises it
            self.error = error
        finally:
            self.done.set()


class OperationCancelledError(NianbaoError):
    """The user pressed 取消 on work that was then abandoned."""


def run_with_progress(parent: QWidget | None, title: str, label: str, work: Callable[..., T],
                      abandon_on_cancel: bool = False, reports_progress: bool = False) -> T:
    """Run ``work(cancelled)`` off the GUI thread behind a dialog; its result, or its exception.

    With ``reports_progress`` the work is called ``work(cancelled, progress)`` and each
    ``progress(done, total, what)`` shows under ``label``, with a bar of known size when
    ``total`` is not 0 (a busy bar otherwise). Work that cannot stop part-way but has no side
    effects passes ``abandon_on_cancel``: 取消 then returns at once with OperationCancelledError
    and the thread's result is thrown away when it ends.
    """
    job: _Job[T] = _Job(work, reports_progress)
    dialog = QProgressDialog(label, "取消", 0, 0, parent)  # 0..0: a busy bar (the size is not known)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setMinimumWidth(440)  # wide enough for what the worker says, so the dialog keeps its size
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.hide()
    loop = QEventLoop()

    def cancel() -> None:
        job.cancel.set()
        dialog.setLabelText("正在取消……")
        dialog.setCancelButtonText("")
        if abandon_on_cancel:
            loop.quit()

    dialog.canceled.connect(cancel)
    poll = QTimer()
    poll.setInterval(_POLL_MS)
    shown: list[tuple[int, int, str] | None] = [None]

    def follow() -> None:
        if job.done.is_set():
            loop.quit()
            return
        step = job.step
        if step is None or step == shown[0] or job.cancel.is_set():
            return
        shown[0] = step
        done, total, what = step
        if total > 0:
            dialog.setRange(0, PARTS)  # the size is known: a bar that fills
            dialog.setValue(min(PARTS, round(PARTS * done / total)))
        else:
            dialog.setRange(0, 0)
        dialog.setLabelText(f"{label}\n{what}")

    poll.timeout.connect(follow)
    show = QTimer()
    show.setSingleShot(True)
    show.timeout.connect(lambda: None if job.done.is_set() else dialog.show())
    thread = threading.Thread(target=job.run, name="nianbao-progress", daemon=True)
    global _current
    _current = dialog
    thread.start()
    poll.start()
    show.start(SHOW_AFTER_MS)
    if not job.done.is_set():
        loop.exec()
    poll.stop()
    show.stop()
    abandoned = abandon_on_cancel and job.cancel.is_set() and not job.done.is_set()
    if not abandoned:
        thread.join()
    _current = None
    dialog.hide()
    dialog.deleteLater()
    if abandoned:
        raise OperationCancelledError(f"已取消{title}。")
    if job.error is not None:
        raise job.error
    return job.result  # type: ignore[return-value]  # set by the worker: no error, so a result of the work's type


def current_dialog() -> QProgressDialog | None:
    """The progress dialog of the job now running (for tests and for a window closing meanwhile)."""
    return _current


def import_behind_progress(parent: QWidget | None, path: Path, title: str, failure_title: str) -> ImportResult | None:
    """Read a published report as 导入 does: in the worker process (its time and memory budget), behind
    a progress dialog with a working 取消. A cancel is said in the window's status bar, a failure in a
    dialog titled ``failure_title``; None then."""
    from app.errors import ImportCancelledError
    from app.worker import import_source  # multiprocessing loads with the first import, not at start
    from ui import dialogs

    try:
        return run_with_progress(parent, title, f"正在读取“{path.name}”……",
                                 lambda cancelled, progress: import_source(path, cancelled=cancelled, progress=progress),
                                 reports_progress=True)
    except ImportCancelledError as error:
        show = getattr(parent, "show_message", None)  # the window's status bar, when the parent is the window
        if show is not None:
            show(str(error))
    except NianbaoError as error:
        dialogs.error(parent, str(error), failure_title)
    return None
