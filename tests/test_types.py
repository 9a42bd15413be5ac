"""The type check: mypy, strict for ``app/`` (configured in pyproject.toml), as part of the tests."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT


def test_app_passes_a_strict_type_check() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy"], capture_output=True, text=True, cwd=ROOT, timeout=280)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout
