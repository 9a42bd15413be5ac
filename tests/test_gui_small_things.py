"""Issue 14, item 9: the small things that confused a new user."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.report import Report
from app.rules import Finding
from app.store import save
from app.userdata import setting
from tests.gui_helpers import answer_next_dialog, table_view, type_into, window_on
from ui import folders, small_things
from ui.main_window import MainWindow
from ui.section_pages import NarrativePage
from ui.table_model import CELL_ID_ROLE


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "userdata"))
    report = Report.new(organ="测试县数据局", year=2024)
    report.sections["s1"].text = "本年度，我局认真贯彻落实《条例》。全年主动公开信息 16 条。"
    path = tmp_path / "测试.nianbao"
    save(report, path)
    return path


@pytest.fixture
def window(qtbot: QtBot, draft: Path) -> Iterator[MainWindow]:
    with window_on(qtbot, draft) as win:
        yield win


def test_a_paste_message_goes_with_its_undo_and_saved_goes_with_an_edit(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    view.select_cell("t3.new.natural")
    assert view.paste("1\t2\t3")
    assert window.statusBar().currentMessage().startswith("已粘贴 3 个单元格")
    window.undo_action.trigger()
    assert window.statusBar().currentMessage() == ""
    assert window.save()
    assert window.saved_label.text().startswith("已保存")
    type_into(qtbot, view, "t3.new.natural", "4")
    assert window.saved_label.text() == ""  # never 已保存 while there are unsaved changes


def test_the_save_question_names_an_imported_report_by_its_title(window: MainWindow) -> None:
    window.document.path = None
    assert small_things.draft_name(window) == window.document.report.title
    assert "测试县数据局" in small_things.draft_name(window)
    window.document.report.meta.organ = ""
    assert small_things.draft_name(window) == "未命名草稿"


def test_file_dialogs_start_in_the_last_folder_not_the_working_folder(tmp_path: Path, draft: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert folders.start_folder() != str(elsewhere)
    folders.remember_folder(draft)
    assert setting("last_folder") == str(draft.parent)
    assert folders.start_folder() == str(draft.parent)
    assert folders.start_folder(str(elsewhere)) == str(elsewhere)  # a folder given wins


def test_opening_a_word_file_offers_to_import_it(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    word = tmp_path / "报告.docx"
    word.write_bytes(b"PK\x03\x04 not really")
    seen: list[str] = []
    answer_next_dialog("取消", seen)
    assert not window.open_path(word, ask=False)
    assert seen and "不是年报草稿" in seen[0] and "导入" in seen[0] and "损坏" not in seen[0]


def test_printing_says_what_happened(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    assert small_things.printed_message(5, "办公室打印机") == "已发送 5 页到“办公室打印机”。"
    assert "没有打印" in small_things.printed_message(0, "")

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QPrintDialog):
            dialog.reject()
        else:
            QTimer.singleShot(20, cancel)

    QTimer.singleShot(20, cancel)
    window.print_report()
    assert "没有打印" in window.statusBar().currentMessage()
    dialog = window.preview_dialog()
    assert dialog is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "纸.pdf"))
    pages = dialog.print_to(printer)
    assert pages > 0 and dialog.printed_to.endswith("纸.pdf")
    dialog.pages.close()
    dialog.deleteLater()


def test_problems_are_named_once(window: MainWindow) -> None:
    assert window.dock.windowTitle() == "问题"
    assert "问题" not in window.problems.title.text()


def test_a_single_click_in_problems_shows_the_cell_and_keeps_the_focus(qtbot: QtBot, window: MainWindow) -> None:
    view = table_view(window, "s3")
    type_into(qtbot, view, "t3.new.natural", "5")
    window.show_page("s1")
    window.problems.list.setFocus()
    row = next(i for i in window.problems.items() if "t3.new.natural" in i.data(Qt.ItemDataRole.UserRole + 10).cells)
    rect = window.problems.list.visualRect(row)
    qtbot.mouseClick(window.problems.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.pages["s3"]
    assert view.currentIndex().data(CELL_ID_ROLE) in row.data(Qt.ItemDataRole.UserRole + 10).cells
    assert window.problems.list.hasFocus()  # a single click only shows
    qtbot.keyClick(window.problems.list, Qt.Key.Key_Return)  # Enter goes there
    assert view.hasFocus()


def test_a_finding_about_prose_selects_its_sentence(qtbot: QtBot, window: MainWindow) -> None:
    finding = Finding("S.test", "warning", "一、总体情况：“全年主动公开信息 16 条”，但表二合计为 20 条", "S.test:s1",
                      cells=("t2.gz.made",), section="s1")
    window.go_to_finding(finding)
    page = window.stack.currentWidget()
    assert isinstance(page, NarrativePage) and page.section.id == "s1"
    assert page.opening.hasFocus()
    assert page.opening.textCursor().selectedText() == "全年主动公开信息 16 条"
    shortened = Finding("S.test", "warning", "一、总体情况：“本年度，我局认真……”与表格不符", "S.test2:s1", section="s1")
    window.go_to_finding(shortened)
    assert page.opening.textCursor().selectedText() == "本年度，我局认真贯彻落实《条例》。"


def test_qt_file_dialog_speaks_chinese_throughout(qtbot: QtBot) -> None:
    """Qt's own dialog (used where the desktop has no native one): no English labels left."""
    import re
    from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton
    from ui.application import make_application
    make_application()
    dialog = QFileDialog(None, "打开草稿", str(Path.home()), "年报草稿 (*.nianbao);;所有文件 (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton) if w.text()]
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    english = [t for t in texts if re.search(r"[A-Za-z]{3,}", t.replace("nianbao", ""))]
    assert english == []
    from PySide6.QtWidgets import QFileSystemModel
    model = dialog.findChild(QFileSystemModel)
    assert model is not None
    folder = model.index(str(Path.home()))
    assert model.type(folder) == "文件夹"
