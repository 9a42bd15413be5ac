"""The frozen program's entry: the same ``nianbao`` command as ``app.__main__:main`` (the command
line, handed the window)."""

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
