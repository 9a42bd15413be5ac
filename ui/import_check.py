"""PySide6's check of every imported module, without reading each one into memory for good.

From PySide6 6.4 on (PYSIDE-2029), once Qt is imported, every later import is followed by a
look at the new module's source for the word "PySide6" (it decides whether the module may use
PySide's ``__feature__`` switches). It reads the source through ``inspect.getsource``, which
keeps every file's lines in ``linecache`` for the life of the program: run from source, some
4 MiB of text that nothing reads again, and that stays resident even once cleared (the freed
blocks are scattered among the window's own). The same question is answered here by reading
the file's bytes once and letting them go. Modules without a ``.py`` file (a frozen build)
are still asked PySide6's own way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - loads PySide6's support modules, the check among them

_MARK = "_nianbao_reads_bytes"


def install() -> bool:
    """Answer PySide6's question about each imported module from its file; whether it is done."""
    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None:
        return False  # another PySide6: its own check stays
    if getattr(original, _MARK, False):
        return True

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    setattr(uses_pyside, _MARK, True)
    setattr(feature, "_mod_uses_pyside", uses_pyside)
    return True


install()
