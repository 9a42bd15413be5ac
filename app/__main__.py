"""``python -m app`` does what the ``nianbao`` command does."""

import sys

from app.cli import main

sys.exit(main())
