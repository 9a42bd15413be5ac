"""Screenshots of 表三, 报告信息 and the print preview as a given screen shows them (the whole
screen grabbed, so anything larger than the screen would show as cut off).

    xvfb-run -s "-screen 0 1024x768x24" .venv/bin/python tools/screenshots-screens.py OUT_DIR NAME [SOURCE]
    QT_SCALE_FACTOR=1.5 xvfb-run -s "-screen 0 1920x1080x24" … OUT_DIR 1920x1080-150

The window opens as it would on a first start (its default size made to fit the screen).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("NIANBAO_DATA_DIR", tempfile.mkdtemp(prefix="nianbao-shots-"))  # no remembered place

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from app.cli import open_report  # noqa: E402
from ui.application import make_application  # noqa: E402
from ui.document import Document  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402


def main() -> None:
    out, name = Path(sys.argv[1]), sys.argv[2]
    out.mkdir(parents=True, exist_ok=True)
    root = Path(__file__).resolve().parents[2]
    source = Path(sys.argv[3]) if len(sys.argv) > 3 else root / "shared" / "samples" / "huiji-2022.txt"
    app = make_application()
    window = MainWindow(Document(open_report(source)))
    window.show()
    screen = QGuiApplication.primaryScreen()

    def grab(label: str) -> None:
        app.processEvents()
        path = out / f"{name}-{label}.png"
        screen.grabWindow(0).save(str(path))
        print(f"{path.name}: screen {screen.geometry().width()}×{screen.geometry().height()} "
              f"(×{screen.devicePixelRatio()}), window {window.frameGeometry().width()}×{window.frameGeometry().height()} "
              f"at {window.x()},{window.y()}")

    def shoot() -> None:
        window.show_page("meta")
        grab("meta")
        window.show_page("s3")
        view = window.current_table_view()
        app.processEvents()
        if view is not None:
            right = max(view.columnViewportPosition(c) + view.columnWidth(c) for c in range(view.model().columnCount()))
            print(f"  表三: viewport {view.viewport().width()} px, columns end at {right} px, "
                  f"sideways scroll {view.horizontalScrollBar().maximum()}")
        grab("t3")
        if view is not None:
            view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
            view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
            grab("t3-scrolled")
        dialog = window.preview_dialog()
        if dialog is not None:
            dialog.show()
            QTimer.singleShot(600, lambda: finish(dialog))

    def finish(dialog: object) -> None:
        grab("preview")
        print(f"  preview {dialog.frameGeometry().width()}×{dialog.frameGeometry().height()}")  # type: ignore[attr-defined]
        dialog.close()  # type: ignore[attr-defined]
        window.document.undo_stack.setClean()
        window.forced_dirty = False
        window.close()
        app.quit()

    QTimer.singleShot(800, shoot)
    app.exec()


if __name__ == "__main__":
    main()
