"""Pictures of the INSTALLED package (after `dpkg -i dist/nianbao_*.deb`), as a user sees it.

    .venv/bin/python tools/screenshot-installed.py [output folder]

1. ``installed-window.png``: Xvfb with the openbox window manager (it draws title bars with
   the window's icon), the installed ``nianbao`` started from the system PATH in a clean
   environment, the whole screen grabbed.
2. ``installed-menu-entry.png``: the installed desktop entry as a launcher lists it: the icon
   the hicolor theme resolves for ``Icon=``, ``Name[zh_CN]`` and ``Comment[zh_CN]``, and the
   icon shared-mime-info gives a ``.nianbao`` draft, drawn with Qt from the installed files.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DISPLAY = ":87"
DESKTOP_FILE = Path("/usr/share/applications/nianbao.desktop")


def window_picture(out: Path) -> None:
    """The installed program's window under Xvfb + openbox."""
    for tool in ("Xvfb", "openbox", "nianbao"):
        if not shutil.which(tool, path="/usr/bin:/bin"):
            raise SystemExit(f"缺少 {tool}（先 sh tools/install-system-deps 并安装 .deb）")
    home = Path(tempfile.mkdtemp(prefix="nianbao-shot-"))
    env = {"PATH": "/usr/bin:/bin", "DISPLAY": DISPLAY, "HOME": str(home), "LANG": "C.UTF-8",
           "NIANBAO_DATA_DIR": str(home / "data")}
    server = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    manager = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    program = subprocess.Popen(["nianbao"], env=env, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(6)
        from PIL import ImageGrab

        ImageGrab.grab(xdisplay=DISPLAY).save(out)
    finally:
        for process in (program, manager, server):
            process.terminate()
            process.wait(timeout=10)


def menu_entry_picture(out: Path) -> None:
    """The desktop entry's icon, name and comment, and a draft's MIME icon, from the installed files."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QMimeDatabase, QRect, Qt
    from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    QIcon.setThemeSearchPaths(["/usr/share/icons"])
    QIcon.setThemeName("hicolor")
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP_FILE, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    mime = QMimeDatabase().mimeTypeForFile("报告.nianbao", QMimeDatabase.MatchMode.MatchExtension)
    image = QImage(960, 240, QImage.Format.Format_RGB32)
    image.fill(QColor("#f4f4f4"))
    painter = QPainter(image)
    painter.drawPixmap(24, 24, QIcon.fromTheme(desktop["Icon"]).pixmap(96, 96))
    painter.setFont(QFont("Noto Sans CJK SC", 20, QFont.Weight.Bold))
    painter.drawText(QRect(140, 30, 560, 40), Qt.AlignmentFlag.AlignLeft, desktop["Name[zh_CN]"])
    painter.setFont(QFont("Noto Sans CJK SC", 12))
    painter.drawText(QRect(140, 74, 560, 30), Qt.AlignmentFlag.AlignLeft, desktop["Comment[zh_CN]"])
    painter.drawText(QRect(140, 100, 560, 30), Qt.AlignmentFlag.AlignLeft,
                     f"{DESKTOP_FILE}  Icon={desktop['Icon']}  Categories={desktop['Categories']}")
    painter.drawPixmap(24, 150, QIcon.fromTheme(mime.iconName()).pixmap(64, 64))
    painter.drawText(QRect(110, 170, 840, 30), Qt.AlignmentFlag.AlignLeft,
                     f"报告.nianbao → {mime.name()}（{mime.comment()}），图标 {mime.iconName()}")
    painter.end()
    image.save(str(out))
    del app


def main() -> int:
    """Write both pictures; print their paths."""
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "out")
    folder.mkdir(parents=True, exist_ok=True)
    window_picture(folder / "installed-window.png")
    menu_entry_picture(folder / "installed-menu-entry.png")
    for name in ("installed-window.png", "installed-menu-entry.png"):
        print(folder / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
