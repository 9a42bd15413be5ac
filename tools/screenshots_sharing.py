"""Screenshots of sharing a draft: the lock question, the read-only window, the save conflict, 修订记录.

Run under a virtual display of an office screen's size:
    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots_sharing.py OUT_DIR
A colleague's lock is written as from another computer (张三 on 办公室-PC01), fresh.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    os.environ["NIANBAO_DATA_DIR"] = str(work / "userdata")
    from app.history import History, load_draft, save_draft, utc_now
    from app.locking import lock_path, write_foreign_lock
    from app.userdata import save_display_name
    from tests.sample_report import huiji_report
    from ui.application import make_application
    from ui.history_dialog import HistoryDialog
    from ui.main_window import MainWindow

    app = make_application()
    save_display_name("李四")
    draft = work / "惠济区2022年报.nianbao"
    report = huiji_report()
    history = History()
    save_draft(report, draft, history, "张三", "办公室-PC01")
    report.sections["s1"].text += "全年召开专题会议3次。"
    save_draft(report, draft, history, "王五", "财务科-PC02")
    write_foreign_lock(draft, "张三", "办公室-PC01", 4242, utc_now(), utc_now())
    window = MainWindow()
    window.show()

    def shoot(name: str) -> None:
        app.processEvents()
        QGuiApplication.primaryScreen().grabWindow(0).save(str(out / name))
        print(out / name)

    def click(text: str) -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None, "no question on screen"
        for button in dialog.findChildren(QAbstractButton):
            if button.text().replace("&", "") == text:
                button.click()
                return
        raise AssertionError(f"no button {text}")

    def lock_question() -> None:
        shoot("lock-question.png")
        click("以只读方式打开")
        QTimer.singleShot(400, read_only_window)

    def read_only_window() -> None:
        window.show_page("s1")
        shoot("read-only-window.png")
        print("read-only window title:", window.windowTitle())
        lock_path(draft).unlink()
        QTimer.singleShot(0, conflict)

    def conflict() -> None:
        opened = window.open_path(draft, ask=False)  # now free: opened for editing
        assert opened
        usb = work / "U盘副本.nianbao"
        shutil.copyfile(draft, usb)
        theirs, theirs_history = load_draft(usb)
        theirs.sections["s5"].text += "下一步将加强培训。"
        save_draft(theirs, usb, theirs_history, "王五", "财务科-PC02")
        shutil.copyfile(usb, draft)
        window.document.set_text(__import__("app.editing", fromlist=["MetaPlace"]).MetaPlace("contact"), "0371-1234")
        QTimer.singleShot(400, lambda: (shoot("save-conflict.png"), click("取消"), QTimer.singleShot(200, history_list)))
        window.save()

    def history_list() -> None:
        dialog = HistoryDialog(window.document, window)
        dialog.show()
        QTimer.singleShot(300, lambda: (shoot("history.png"), dialog.close(), window.close(), app.quit()))

    QTimer.singleShot(300, lambda: (QTimer.singleShot(500, lock_question), window.open_path(draft, ask=False)))
    app.exec()
    window.document.undo_stack.setClean()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
