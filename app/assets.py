"""The one door to bundled files under ``resources/``, in a checkout and in the frozen build."""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath

from app.errors import ResourceError

_CHECKOUT_ROOT = Path(__file__).resolve().parents[1] / "resources"


def resources_root() -> Path:
    """Where ``resources/`` is: beside ``app/`` in a checkout, in ``sys._MEIPASS`` when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return _CHECKOUT_ROOT


def resource(relative: str) -> Path:
    """The bundled file at a ``/``-separated path inside ``resources/``; never outside it.

    Raises ResourceError when the path would leave the folder or the file is missing, so a
    broken installation is reported as such instead of as a crash deep in a library.
    """
    parts = PurePosixPath(relative.replace("\\", "/")).parts
    if not parts or PurePosixPath(relative).is_absolute() or any(p in ("..", "") or ":" in p for p in parts):
        raise ResourceError(f"程序内部错误：资源路径“{relative}”无效。")
    root = resources_root()
    path = root.joinpath(*parts)
    if not path.is_file():
        raise ResourceError(f"程序文件不完整：找不到“resources/{'/'.join(parts)}”。请重新安装本程序。")
    return path
