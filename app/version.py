"""nianbao's one version number: pyproject.toml's, read at run time wherever the program runs.

Installed (a venv, the frozen bundle with its copied metadata) it comes from importlib.metadata;
a frozen build without metadata reads the ``VERSION`` file the build put beside ``resources/``;
a bare checkout reads ``pyproject.toml`` itself. The number is never typed a second time.
"""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "nianbao"
VERSION_FILE = "VERSION"
UNKNOWN = "0+unknown"
_CHECKOUT = Path(__file__).resolve().parents[1]


def _from_metadata() -> str | None:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None


def _from_frozen_file() -> str | None:
    frozen = getattr(sys, "_MEIPASS", None)
    if not frozen:
        return None
    try:
        return (Path(frozen) / VERSION_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _from_pyproject() -> str | None:
    try:
        with (_CHECKOUT / "pyproject.toml").open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return None


def read_version() -> str:
    """The version this copy of nianbao was built from."""
    return _from_metadata() or _from_frozen_file() or _from_pyproject() or UNKNOWN


__version__ = read_version()
