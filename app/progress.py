"""How far long work has got, told by the code doing it to whoever shows it.

An importer or exporter calls ``report(done, total, what)`` at its natural steps (a PDF page
read, a megabyte of text, a block laid out); nobody listens unless the work runs inside
``reporting(callback)`` — in the worker process of app.worker, which sends each step to the
window's progress dialog. ``total`` 0 means the size of the step is not known (a busy bar).
Reports closer together than ``INTERVAL`` are dropped, so a tight loop may call this freely;
the last one of a stage and one without a size (a new stage) always pass.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator

Reporter = Callable[[int, int, str], None]
INTERVAL = 0.05  # seconds between two reports passed on

_reporter: Reporter | None = None
_last = 0.0


def report(done: int, total: int, what: str) -> None:
    """Tell the listener (if any) that ``done`` of ``total`` of ``what`` is finished."""
    global _last
    if _reporter is None:
        return
    now = time.monotonic()
    if now - _last < INTERVAL and total and done < total:  # a stage's start and end always pass
        return
    _last = now
    _reporter(done, total, what)


@contextlib.contextmanager
def reporting(reporter: Reporter) -> Iterator[None]:
    """Pass every report made inside the block to ``reporter``."""
    global _reporter, _last
    previous, _reporter, _last = _reporter, reporter, 0.0
    try:
        yield
    finally:
        _reporter = previous
