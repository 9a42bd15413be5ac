"""Crash reports: an unexpected error's details written to a file, so the user sees one sentence."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

from app import __version__

KEEP = 20  # the newest reports kept; older ones are removed when a new one is written


def crash_folder() -> Path:
    """Where crash reports go: the user folder, or the system's temporary folder if that fails."""
    from app.userdata import data_dir

    try:
        folder = data_dir() / "crash-reports"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    except OSError:
        return Path(tempfile.gettempdir())


def write_crash_report(error: BaseException, argv: list[str] | None = None) -> Path | None:
    """Write the details of ``error``; the file written, or None if nothing could be written."""
    lines = [
        f"nianbao {__version__}  Python {platform.python_version()}  {platform.platform()}",
        time.strftime("%Y-%m-%d %H:%M:%S"),
        f"参数：{argv if argv is not None else sys.argv[1:]}",
        "",
        *traceback.format_exception(type(error), error, error.__traceback__),
    ]
    folder = crash_folder()
    path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
    try:
        path.write_text("\n".join(lines), encoding="utf-8", errors="replace")
    except OSError:
        return None
    try:
        for old in sorted(folder.glob("crash-*.txt"))[:-KEEP]:
            old.unlink()
    except OSError:
        pass
    return path
