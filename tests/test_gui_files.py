"""Import, export, preview and print from the window; recent files; crash recovery."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from app.editing import SectionPlace
from app.store import load, save
from app.userdata import recent_files
from tests.gui_helpers import answer_next_dialog
from tests.helpers import ROOT
from tests.test_gui_editing import complete_report
from ui.application import recover_or_open
from ui.main_window import MainWindow


@pytest.fixture
def userdata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "userdata"
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(folder))
    return folder


def close_quietly(window: MainWindow) -> None:
    window.document.undo_stack.setClean()
    window.forced_dirty = False
    window.close()


def test_import_the_sample_opens_an_unsaved_draft(qtbot: QtBot, userdata: Path, shared: Path) -> None:
    window = MainWindow()
    window.show()
    answer_next_dialog("打开草稿")
    window.import_path(shared / "samples" / "huiji-2022.txt")
    report = window.document.report
    assert report.meta.organ == "惠济区政务服务和大数据管理局" and report.totals == "published"
    assert window.isWindowModified() and window.document.path is None
    assert {f.rule for f in window.document.findings} == {"N.parts"}
    close_quietly(window)


def test_import_jumps_to_an_uncertain_cell(qtbot: QtBot, userdata: Path, tmp_path: Path, shared: Path) -> None:
    text = (shared / "samples" / "huiji-2022.txt").read_text(encoding="utf-8")
    broken = text.replace("行政许可\t0", "行政许可\t3\t5")  # two figures for one column
    source = tmp_path / "缺数.txt"
    source.write_text(broken, encoding="utf-8")
    window = MainWindow()
    window.show()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not hasattr(dialog, "items"):
            QTimer.singleShot(20, choose)
            return
        if dialog.items.count() == 0:
            dialog.reject()  # nothing uncertain: the assertions below fail
            return
        dialog.items.setCurrentRow(0)
        dialog.go_button.click()

    QTimer.singleShot(0, choose)
    dialog = window.import_path(source)
    assert dialog is not None and dialog.chosen
    if dialog.chosen in window.document.report.cells:
        view = window.current_table_view()
        assert view is not None
        assert view.table_model.data(view.currentIndex(), Qt.ItemDataRole.UserRole + 1) == dialog.chosen
    close_quietly(window)


def test_export_preview_and_print_the_same_pages(qtbot: QtBot, userdata: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1769045400")  # export and preview at one moment: the same bytes
    draft = tmp_path / "a.nianbao"
    save(complete_report(), draft)
    window = MainWindow()
    window.open_path(draft, ask=False)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    pdf = window.export_to(tmp_path / "报告.pdf")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    assert "草稿" not in window.last_message
    preview = window.preview_dialog()
    assert preview is not None and preview.pages.data == pdf.read_bytes()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == len(preview.pages)
    preview.pages.close()
    window.totals_action.trigger()  # totals kept as typed, so a wrong one stays wrong
    window.document.set_cells({"t4.review.upheld": 2}, "test")
    assert window.export_to(tmp_path / "草稿.pdf") is not None
    assert "草稿" in window.last_message
    close_quietly(window)


def test_recent_files_and_drop(qtbot: QtBot, userdata: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "一.nianbao", tmp_path / "二.nianbao"
    save(complete_report(), first)
    save(complete_report(), second)
    window = MainWindow()
    window.open_path(first, ask=False)
    window.open_path(second, ask=False)
    assert recent_files()[:2] == [second.resolve(), first.resolve()]
    window._fill_recent()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert texts[0].startswith("&1 二.nianbao")
    window.recent_menu.actions()[1].trigger()
    assert window.document.path == first.resolve() or window.document.path == first
    close_quietly(window)


APP_SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from app.editing import SectionPlace
from ui.application import make_application
from ui.main_window import MainWindow
app = make_application()
window = MainWindow()
window.open_path(Path(sys.argv[1]), ask=False)
window.show()
def edit():
    window.document.set_cells({"t2.gz.made": 17}, "test")
    window.document.set_text(SectionPlace("s5"), "崩溃前输入的文字")
window.autosaved.connect(lambda: print("autosaved", flush=True))
QTimer.singleShot(100, edit)
app.exec()
"""


def test_killed_application_is_recovered_at_next_start(qtbot: QtBot, userdata: Path, tmp_path: Path) -> None:
    draft = tmp_path / "a.nianbao"
    save(complete_report(), draft)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_DATA_DIR=str(userdata))
    proc = subprocess.Popen([sys.executable, "-c", APP_SCRIPT, str(draft)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    deadline = time.time() + 30
    line = ""
    while time.time() < deadline and "autosaved" not in line:
        line = proc.stdout.readline()
    assert "autosaved" in line
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert load(draft).cells["t2.gz.made"] == 0  # the draft itself was not saved
    seen: list[str] = []
    answer_next_dialog("恢复", seen)
    [window] = recover_or_open([])
    assert "上次程序没有正常关闭" in seen[0]
    assert window.document.report.cells["t2.gz.made"] == 17
    assert window.document.report.sections["s5"].text == "崩溃前输入的文字"
    assert window.document.path == draft and window.isWindowModified()
    answer_next_dialog("保存")
    assert window.close()
    assert load(draft).cells["t2.gz.made"] == 17
    assert recover_or_open([])[0].document.report.meta.organ == ""  # nothing left to recover


def test_installed_fonts_can_be_chosen_for_printing(qtbot: QtBot, userdata: Path, tmp_path: Path) -> None:
    from app.assets import resource
    from ui.font_dialog import FontDialog

    draft = tmp_path / "a.nianbao"
    save(complete_report(), draft)
    window = MainWindow()
    window.open_path(draft, ask=False)
    plain = window.export_to(tmp_path / "内置.pdf")
    assert plain is not None and b"WenQuanYi" not in plain.read_bytes()
    dialog = FontDialog(window)
    not_a_font = tmp_path / "假字体.ttf"
    not_a_font.write_text("这不是字体", encoding="utf-8")
    seen: list[str] = []
    answer_next_dialog("确定", seen)
    assert not dialog.choose("body", not_a_font)
    assert seen and "字体" in seen[0]
    assert dialog.choose("body", resource("fonts/wqy-microhei/wqy-microhei.ttf"))
    dialog.accept()
    chosen = window.export_to(tmp_path / "本机字体.pdf")
    assert chosen is not None and b"WenQuanYi" in chosen.read_bytes()
    assert "已导出" in window.last_message
    close_quietly(window)


@pytest.mark.parametrize("layout_id", ["2019", "hybrid"])
def test_older_layouts_open_with_their_own_tables(qtbot: QtBot, userdata: Path, tmp_path: Path,
                                                  layout_id: str) -> None:
    from app.report import Report
    from ui.section_pages import TablePage

    report = Report.new(organ="上海市人民政府办公厅", year=2019, layout_id=layout_id)
    path = tmp_path / "旧格式.nianbao"
    save(report, path)
    window = MainWindow()
    assert window.open_path(path, ask=False)
    pages = [window.page(key) for key in window.page_keys]  # built when first shown
    tables = [page.model.table.id for page in pages if isinstance(page, TablePage)]
    assert tables == [t.id for t in report.layout.tables]
    close_quietly(window)


def test_opening_drafts_one_after_another_keeps_one_panel_and_builds_pages_when_shown(
        qtbot: QtBot, userdata: Path, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    from ui.problems import ProblemsPanel

    path = tmp_path / "a.nianbao"
    save(complete_report(), path)
    window = MainWindow()
    window.show()
    for _ in range(3):
        assert window.open_path(path, ask=False)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert len(window.dock.findChildren(ProblemsPanel)) == 1
    assert list(window.pages) == ["s1"]  # only the page shown was built
    window.show_page("s4")
    assert list(window.pages) == ["s1", "s4"]
    close_quietly(window)
