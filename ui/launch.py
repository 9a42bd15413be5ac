"""Starting the window: refuse clearly where there is no display, then show the main window."""

from __future__ import annotations

import os
import sys

NO_DISPLAY = ("nianbao：没有可用的图形显示环境（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开窗口。\n"
              "在没有显示器的机器上可以使用命令行：nianbao --help")


def has_display() -> bool:
    """Whether Qt can open a window here (Windows and macOS always can)."""
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(files: list[str]) -> int:
    """Show the main window with the given drafts; the exit code of the event loop."""
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    from ui.application import start

    return start(files)
