"""The frozen program's entry: the same ``nianbao`` command as ``app.cli:main``."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
