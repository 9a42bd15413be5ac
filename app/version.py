"""nianbao's one version number: pyproject.toml's, read at run time wherever the program runs.

Installed (a venv, the frozen bundle with its copied metadata) it comes from the distribution's
``METADATA`` file; a frozen build without metadata reads the ``VERSION`` file the build put
beside ``resources/``; a bare checkout reads ``pyproject.toml`` itself. The number is never
typed a second time.

The metadata file is found on ``sys.path`` directly, as importlib.metadata would find it:
importing importlib.metadata (and the email, socket and urllib packages it pulls in) cost
about 40 ms and 10 MiB at every start. It is asked only when no file is found that way.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DISTRIBUTION = "nianbao"
VERSION_FILE = "VERSION"
UNKNOWN = "0+unknown"
_CHECKOUT = Path(__file__).resolve().parents[1]
_DIST_INFO = (f"{DISTRIBUTION}-", ".dist-info")


def _metadata_field(folder: str) -> str | None:
    """The ``Version:`` of a ``nianbao-*.dist-info`` folder in one ``sys.path`` entry, if any."""
    try:
        names = os.listdir(folder or ".")
    except OSError:  # a zip file, or a folder that went away
        return None
    for name in sorted(names):
        if not (name.startswith(_DIST_INFO[0]) and name.endswith(_DIST_INFO[1])):
            continue
        try:
            with open(os.path.join(folder or ".", name, "METADATA"), encoding="utf-8") as handle:
                for line in handle:
                    if not line.strip():
                        break  # the headers end at the first blank line
                    key, _, value = line.partition(":")
                    if key.strip().lower() == "version" and value.strip():
                        return value.strip()
        except OSError:
            continue
    return None


def _from_metadata() -> str | None:
    """The installed distribution's version: the first ``sys.path`` entry that has its metadata."""
    for entry in sys.path:
        found = _metadata_field(entry)
        if found:
            return found
    from importlib import metadata  # an unusual install (an egg, a zip): let importlib look

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
    import tomllib  # a bare checkout only

    try:
        with (_CHECKOUT / "pyproject.toml").open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return None


def read_version() -> str:
    """The version this copy of nianbao was built from."""
    return _from_metadata() or _from_frozen_file() or _from_pyproject() or UNKNOWN


__version__ = read_version()
