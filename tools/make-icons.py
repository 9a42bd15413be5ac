"""Make the icon files from their SVG sources in resources/icons/ (run once after editing an SVG).

    .venv/bin/python tools/make-icons.py

Qt's SVG renderer draws each size straight from the vector source (sharper at 16 px than a
scaled-down bitmap); Pillow then writes the multi-size Windows ``.ico`` from those PNGs. The
PNGs and the .ico are committed: the build only copies them.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)  # the hicolor theme's usual sizes
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows asks a .ico for
NAMES = ("nianbao", "nianbao-draft")


def render(svg: Path, size: int) -> Image.Image:
    """The SVG drawn at size × size, as a Pillow RGBA image."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"无法读取 SVG：{svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def make(name: str) -> list[Path]:
    """PNG sizes and the .ico of one icon; the files written."""
    svg = ICONS / f"{name}.svg"
    folder = ICONS / "png"
    folder.mkdir(exist_ok=True)
    written = []
    images = {}
    for size in PNG_SIZES:
        images[size] = render(svg, size)
        path = folder / f"{name}-{size}.png"
        images[size].save(path, optimize=True)
        written.append(path)
    ico = ICONS / f"{name}.ico"
    images[256].save(ico, sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES if s != 256])
    written.append(ico)
    return written


def main() -> int:
    """Write every icon file; print what was written."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for name in NAMES:
        for path in make(name):
            print(path.relative_to(ICONS.parents[1]))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
