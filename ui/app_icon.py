"""The application's icon for every window (title bar, task bar, Alt+Tab), from resources/icons."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from app.assets import resource
from app.errors import ResourceError

PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def application_icon() -> QIcon:
    """nianbao's icon at every size made from its SVG (PNG: no SVG plugin needed at run time)."""
    icon = QIcon()
    for size in PNG_SIZES:
        try:
            icon.addFile(str(resource(f"icons/png/nianbao-{size}.png")))
        except ResourceError:
            continue  # a missing size is scaled from the others; a missing icon is no reason to fail
    return icon
