"""Screenshots of every page of the window, for looking at the forms as a user sees them.

Run under a real (or virtual) display, e.g.:
    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py OUT_DIR [SOURCE]
SOURCE (a draft or any importable report) defaults to the shared sample report.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from app.cli import open_report  # noqa: E402
from ui.application import make_application  # noqa: E402
from ui.document import Document  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    root = Path(__file__).resolve().parents[2]
    source = Path(sys.argv[2]) if len(sys.argv) > 2 else root / "shared" / "samples" / "huiji-2022.txt"
    app = make_application()
    window = MainWindow(Document(open_report(source)))
    window.showMaximized()
    screen = QGuiApplication.primaryScreen().geometry()
    print(f"screen {screen.width()}×{screen.height()}")

    def shoot() -> None:
        for row, key in enumerate(window.page_keys):
            window.navigator.set_current_row(row)
            app.processEvents()
            view = window.current_table_view()
            scroll = view.horizontalScrollBar().maximum() if view is not None else 0
            path = out / f"{row}-{key}.png"
            window.grab().save(str(path))
            print(f"{path.name}: window {window.width()}×{window.height()}, horizontal scroll range {scroll}")
        window.document.undo_stack.setClean()
        window.forced_dirty = False
        window.close()
        app.quit()

    QTimer.singleShot(800, shoot)
    app.exec()


if __name__ == "__main__":
    main()
