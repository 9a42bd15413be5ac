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


def main() -> int:
    """What the ``nianbao`` command runs."""
    from app.cli import main as cli_main

    return cli_main(window=open_window)


if __name__ == "__main__":
    sys.exit(main())
