"""The program's entry: the ``nianbao`` command and ``python -m app``.

The one module of ``app`` that may reach the window: it gives the command line the function
that opens it, so ``app.cli`` itself never imports ``ui`` or Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def open_window(files: Sequence[str]) -> int:
    """The window with these drafts; Qt loads only here."""
    from ui.launch import run

    return run(list(files))


def self_test() -> int:
    """``nianbao --self-test``: the window offscreen, checks, export, import back (ui.selftest)."""
    from ui.selftest import run_self_test

    return run_self_test()


def main() -> int:
    """What the ``nianbao`` command runs."""
    from app.cli import main as cli_main

    return cli_main(window=open_window, self_test=self_test)


if __name__ == "__main__":
    sys.exit(main())
