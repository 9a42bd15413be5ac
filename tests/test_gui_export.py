"""The window's Word, web-page and Excel exports, 复制网页内容, the deadline in the status bar,
根据表格生成… (one undo step) and 按表格更新此句 on the N.table warning."""

from __future__ import annotations

from collections.abc import Iterator

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from app.canonical import to_canonical
from app.editing import MetaPlace, SectionPlace
from app.importers import read_source
from app.report import Report
from app.store import save
from tests.gui_helpers import table_view, type_into, window_on
from ui.main_window import MainWindow
from ui.sentence_dialog import SentenceDialog
from tests.helpers import complete_report as shared_complete_report

SHOTS = Path("/tmp/nianbao-shots")


def complete_report() -> Report:
    return shared_complete_report(2025)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "userdata"))
    path = tmp_path / "测试.nianbao"
    save(complete_report(), path)
    with window_on(qtbot, path) as win:
        yield win


def test_the_file_menu_offers_every_export_after_pdf(window: MainWindow) -> None:
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text().startswith("文件")]
    texts = [a.text() for a in menu.actions()]
    start = texts.index("导出PDF(&E)…")
    assert texts[start + 1:start + 5] == ["导出Word(&W)…", "导出网页(&H)…", "导出Excel(&L)…", "复制网页内容(&Y)"]


@pytest.mark.parametrize("key", ["docx", "html", "xlsx"])
def test_export_from_the_window_reads_back(window: MainWindow, tmp_path: Path, key: str) -> None:
    type_into_new(window)
    path = tmp_path / f"报告.{key}"
    assert window.export_actions.export_to(key, path) == path
    assert "已导出" in window.statusBar().currentMessage()
    back = read_source(path).report
    assert to_canonical(back)["cells"] == to_canonical(window.document.report)["cells"]


def type_into_new(window: MainWindow) -> None:
    window.document.set_cells({"t3.new.natural": 2, "t3.r1.natural": 2}, "测试")


def test_copy_web_content_puts_html_and_plain_text_on_the_clipboard(window: MainWindow) -> None:
    window.export_actions.copy_web_content()
    data = QGuiApplication.clipboard().mimeData()
    assert data.hasHtml() and "<table>" in data.html() and "<h1>测试县数据局2025年" in data.html()
    assert data.text().splitlines()[0] == "测试县数据局2025年政府信息公开工作年度报告"
    assert "复制到剪贴板" in window.statusBar().currentMessage()
    # Qt's offscreen platform crashes at exit when its clipboard still holds rich data (xcb does not).
    QGuiApplication.clipboard().clear()


def test_the_deadline_is_in_the_status_bar_and_follows_the_details(window: MainWindow, qtbot: QtBot) -> None:
    label = window.export_actions.deadline_label
    assert label.text().startswith("发布截止：2026年1月31日，")
    window.document.set_text(MetaPlace("kind"), "人民政府")
    assert label.text().startswith("发布截止：2026年3月31日，")
    window.document.set_text(MetaPlace("kind"), "部门")
    window.document.set_text(MetaPlace("published"), "2026-02-03")
    assert label.text() == "发布截止：2026年1月31日；发布日期 2026年2月3日，晚了 3 天"
    assert any(f.rule == "M.late" for f in window.document.findings)
    qtbot.wait(50)  # let the status bar lay out the longer text before it is photographed
    assert label.geometry().right() < window.statusBar().width() and label.width() >= label.sizeHint().width()
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "deadline-window.png"))
    window.statusBar().grab().save(str(SHOTS / "deadline-status.png"))


def _sentence_button(window: MainWindow, section: str) -> QPushButton:
    page = window.show_page(section)
    [button] = [b for b in page.findChildren(QPushButton) if b.text() == "根据表格生成…"]
    return button


def test_every_section_with_sentences_has_the_button_and_the_others_do_not(window: MainWindow) -> None:
    for section in ("s1", "s3", "s4", "s6"):
        assert _sentence_button(window, section).isEnabled()
    for section in ("s2", "s5"):
        page = window.show_page(section)
        assert not [b for b in page.findChildren(QPushButton) if b.text() == "根据表格生成…"]


def test_generate_insert_as_one_undo_step_then_update_from_the_warning(window: MainWindow, qtbot: QtBot) -> None:
    document = window.document
    view = table_view(window, "s3")
    type_into(qtbot, view, "t3.new.natural", "3")
    type_into(qtbot, view, "t3.r1.natural", "3")
    document.set_text(SectionPlace("s3"), "以上数据含上年结转申请。")
    before = document.report.sections["s3"].text
    _sentence_button(window, "s3").click()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SentenceDialog)
    shown = dialog.editors[0].toPlainText()
    assert shown.startswith("本年度共新收政府信息公开申请3件，无上年结转申请。办结3件，均为予以公开")
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "sentence-dialog.png"))
    dialog.insert_button.click()
    assert document.report.sections["s3"].text == before + "\n" + shown
    assert window.pages["s3"].note.isVisible()
    assert not [f for f in document.findings if f.rule == "N.table"]
    document.undo_stack.undo()
    assert document.report.sections["s3"].text == before  # one step takes the whole paragraph back
    document.undo_stack.redo()
    document.set_cells({"t3.new.natural": 5, "t3.r1.natural": 5}, "两件新申请")  # the figures change later
    [finding] = [f for f in document.findings if f.rule == "N.table"]
    panel = window.problems
    [item] = [i for i in panel.items() if "说“" in i.data()]
    panel.list.setCurrentIndex(item)
    assert panel.update_button.isEnabled() and finding.section == "s3"
    window.grab().save(str(SHOTS / "update-sentence.png"))
    panel.update_button.click()
    assert document.report.sections["s3"].text.endswith("本年度共新收政府信息公开申请5件，无上年结转申请。"
                                                         "办结5件，均为予以公开；无结转下年度继续办理的申请。")
    assert not [f for f in document.findings if f.rule == "N.table"]
    document.undo_stack.undo()
    assert document.report.sections["s3"].text.endswith(shown)
