"""Screenshots of 与另一份草稿比较 and 合并同事的副本 on the sample report, for looking at them as a user does.

Run: xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots_merge.py OUT_DIR
"""
import copy
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from app.report import Part
from app.store import save
from app.merge import merge
from tests.sample_report import huiji_report
from ui.application import make_application
from ui.document import Document
from ui.main_window import MainWindow
from ui.compare_view import compare_with
from ui.merge_view import MergeDialog, apply_merge

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
base = huiji_report()
mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
mine.cells["t3.new.natural"] = 3
mine.sections["s5"].text = mine.sections["s5"].text.replace("两方面问题", "三方面问题")
theirs.cells["t3.new.natural"] = 5
theirs.cells["t3.r1.natural"] = 4
theirs.cells["t2.gz.made"] = 12
theirs.meta.contact = "郑州市惠济区政务服务和大数据管理局，电话：0371-63560000"
theirs.sections["s5"].text = theirs.sections["s5"].text.replace("两方面问题", "以下问题")
theirs.sections["s1"].parts.append(Part("政务新媒体情况", "2022年，我局开设政务微信公众号1个，全年发布信息86条。"))
save(mine, out / "我的.nianbao"); save(theirs, out / "同事.nianbao")
app = make_application()
from app.store import load
window = MainWindow(Document(load(out / "我的.nianbao"), out / "我的.nianbao"))
window.showMaximized()
print("screen", QGuiApplication.primaryScreen().geometry())

def shoot():
    dock = compare_with(window, out / "同事.nianbao")
    keys = [d.key for d in dock.differences]
    print(keys)
    dock.list.setCurrentRow(keys.index("cell:t3.new.natural")); dock.jump(dock.list.currentRow())
    app.processEvents()
    QGuiApplication.primaryScreen().grabWindow(0).save(str(out / "compare-cell.png"))
    dock.list.setCurrentRow(keys.index("text:s5")); dock.jump(dock.list.currentRow())
    app.processEvents()
    QGuiApplication.primaryScreen().grabWindow(0).save(str(out / "compare-text.png"))
    dock.close()
    result = merge(base, window.document.report, theirs)
    print([c.key for c in result.conflicts])
    dialog = MergeDialog(result, "同事.nianbao", window)
    dialog.show()
    app.processEvents()
    dialog.buttons["theirs"].click()   # the cell
    app.processEvents()
    QGuiApplication.primaryScreen().grabWindow(0).save(str(out / "merge-text.png"))
    dialog.list.setCurrentRow(0)
    app.processEvents()
    QGuiApplication.primaryScreen().grabWindow(0).save(str(out / "merge-cell.png"))
    dialog.list.setCurrentRow(1); dialog.buttons["both"].click()
    app.processEvents()
    dialog.accept()
    outcome = apply_merge(window, dialog)
    app.processEvents()
    QTimer.singleShot(300, lambda: (QGuiApplication.primaryScreen().grabWindow(0).save(str(out / "merge-summary.png")), finish()))

def finish():
    print("\n".join(dialog_summary()))
    window.document.undo_stack.setClean(); window.forced_dirty = False
    app.quit()

def dialog_summary():
    d = window.findChild(__import__("ui.merge_view", fromlist=["SummaryDialog"]).SummaryDialog)
    return d.text.toPlainText().splitlines() if d else ["(no summary)"]

QTimer.singleShot(800, shoot)
app.exec()
