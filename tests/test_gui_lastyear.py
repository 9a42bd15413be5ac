"""Last year in the window: a draft started from hongze 2023, X.carry live with undo, attach /
detach undoable, last year's figures in the tables, S.copy highlights, the comparison page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.editing import PartPlace, SectionPlace
from app.importers import read_source
from app.lastyear import snapshot
from app.report import Report
from app.store import save
from tests.gui_helpers import answer_next_dialog, assert_kept_turning, cancel_slow_read, table_view, type_into
from ui.last_year import BarChart, ComparePage
from ui.main_window import MainWindow
from ui.section_pages import NarrativePage
from ui.table_model import PREVIOUS_ROLE

REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"
HONGZE_2023 = REALWORLD / "hongze-2023.pdf"


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "userdata"))
    win = MainWindow()
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.document.undo_stack.setClean()
    win.forced_dirty = False
    win.close()
    win.deleteLater()


@pytest.fixture(scope="module")
def hongze_2023() -> Report:
    return read_source(HONGZE_2023).report


def _carry(window: MainWindow) -> list[tuple[str, object, object]]:
    return [(f.cells[0], f.expected, f.actual) for f in window.document.findings if f.rule == "X.carry"]


def test_new_from_hongze_2023_then_x_carry_live_and_undo(qtbot: QtBot, window: MainWindow,
                                                         hongze_2023: Report) -> None:
    window.new_from_last_year(hongze_2023, HONGZE_2023, 2024, texts=False)
    report = window.document.report
    assert report.meta.organ == "淮安市洪泽区人民政府" and report.previous is not None
    assert all(report.cells[f"t3.carried.{c}"] == hongze_2023.cells[f"t3.next.{c}"]
               for c in ("natural", "business", "research", "social", "legal", "other", "total"))
    assert _carry(window) == []
    assert window.compare_action.isEnabled() and window.detach_previous_action.isEnabled()
    view = table_view(window, "s3")
    model = view.table_model
    assert "取自上年报告" in model.data(model.index_of("t3.carried.natural"), Qt.ItemDataRole.ToolTipRole)
    type_into(qtbot, view, "t3.carried.natural", "3")
    assert ("t3.carried.natural", 0, 3) in _carry(window)  # both years' figures: last year's 0, this year's 3
    tip = model.data(model.index_of("t3.carried.natural"), Qt.ItemDataRole.ToolTipRole)
    assert "上年报告的“结转下年度继续办理”为 0" in tip and "2023 年：0；本年增加 3" in tip
    window.undo_action.trigger()
    assert _carry(window) == [] and report.cells["t3.carried.natural"] == 0


def test_attach_replace_detach_in_the_window_are_undoable(window: MainWindow, tmp_path: Path) -> None:
    report = Report.new(organ="测试县数据局", year=2024)
    from ui.document import Document

    window.set_document(Document(report))
    last = Report.new(organ="测试县数据局", year=2023)
    last.cells["t3.next.natural"], last.cells["t3.next.total"] = 2, 2
    path = tmp_path / "2023.nianbao"
    save(last, path)
    assert window.attach_previous_from(path)
    assert report.previous is not None and report.previous.source == "2023.nianbao"
    assert {c for c, _, _ in _carry(window)} == {"t3.carried.natural", "t3.carried.total"}
    assert window.attach_previous_action.text().startswith("更换上年报告")
    window.detach_previous()
    assert report.previous is None and _carry(window) == []
    window.undo_action.trigger()
    assert report.previous is not None and len(_carry(window)) == 2
    window.undo_action.trigger()  # undo the attachment itself
    assert report.previous is None and not window.compare_action.isEnabled()
    other = Report.new(organ="别的局", year=2021)
    odd = tmp_path / "odd.nianbao"
    save(other, odd)
    seen: list[str] = []
    answer_next_dialog("取消", seen)
    assert not window.attach_previous_from(odd)
    assert report.previous is None and "别的局" in seen[0] and "2021 年度" in seen[0]
    answer_next_dialog("仍然使用")
    assert window.attach_previous_from(odd)
    assert window.document.report.previous is not None and window.document.report.previous.report.meta.organ == "别的局"


def test_last_years_figures_in_the_tables(window: MainWindow, hongze_2023: Report) -> None:
    window.new_from_last_year(hongze_2023, HONGZE_2023, 2024, texts=False)
    view = table_view(window, "s3")
    model = view.table_model
    index = model.index_of("t3.new.total")
    assert model.data(index, PREVIOUS_ROLE) is None
    window.show_previous_action.trigger()
    assert window.document.show_previous
    assert model.data(index, PREVIOUS_ROLE) == "上年 21"
    assert "2023 年：21；本年减少 21（-100.0%）" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    # hongze 2023 is the hybrid layout: its single （六）其他处理 row has no 2021 r6_1 cell
    assert model.data(model.index_of("t3.r6_1.natural"), PREVIOUS_ROLE) == "上年无此项"
    assert "“其他处理”只有一行" in model.data(model.index_of("t3.r6_1.natural"), Qt.ItemDataRole.ToolTipRole)
    assert "没有对应的单元格" in model.data(model.index_of("t3.r6_1.natural"), Qt.ItemDataRole.ToolTipRole)
    window.show_previous_action.trigger()
    assert model.data(index, PREVIOUS_ROLE) is None


LAST_S5 = ("一是主动公开意识不强，主动公开内容不够全面。二是政策解读形式较为单一，图解视频较少。"
           "三是依申请公开答复的规范性有待提高，个别答复格式不统一。")


def test_carried_texts_are_marked_highlighted_and_s_copy_stops_when_rewritten(qtbot: QtBot,
                                                                              window: MainWindow) -> None:
    last = Report.new(organ="测试县数据局", year=2023)
    last.sections["s5"].text = LAST_S5
    last.sections["s6"].text = ("2023年，我局未收取任何信息处理费。本年度没有向申请人发出收费通知。"
                                "所有申请均免费办理，未产生任何费用。")
    last.sections["s1"].parts[0].text = ("2023年，我局通过门户网站主动公开政府信息315条。我局坚持以公开为常态、不公开为例外。"
                                         "全年发布政策解读文章12篇，回应社会关切。")
    window.new_from_last_year(last, Path("2023.nianbao"), 2024, texts=True)
    copies = {f.section for f in window.document.findings if f.rule == "S.copy"}
    assert copies == {"s1", "s5", "s6"}  # every untouched section
    page = window.show_page("s5")
    assert isinstance(page, NarrativePage)
    editor = page.opening
    assert editor.carried and editor.counter is not None and editor.counter.text().startswith("沿用上年 · 与上年相同 3 句")
    text = editor.toPlainText()
    assert [text[s:e] for s, e, _ in editor.copies] == ["一是主动公开意识不强，主动公开内容不够全面。",
                                                       "二是政策解读形式较为单一，图解视频较少。",
                                                       "三是依申请公开答复的规范性有待提高，个别答复格式不统一。"]
    ranges = [(sel.cursor.selectionStart(), sel.cursor.selectionEnd()) for sel in editor.extraSelections()]
    assert ranges == [(s, e) for s, e, _ in editor.copies]
    assert editor.copy_at(3) == "一是主动公开意识不强，主动公开内容不够全面。"
    # rewrite two of the three sentences: most of the section is new, S.copy stops, one highlight stays
    window.document.set_text(SectionPlace("s5"), "一是主动公开意识不强，主动公开内容不够全面。"
                                                "二是新设的政策解读专栏更新不够及时，部分栏目长期未更新。"
                                                "三是基层工作人员业务培训的次数偏少，覆盖面也不够广。")
    assert "s5" not in {f.section for f in window.document.findings if f.rule == "S.copy"}
    assert len(editor.copies) == 1 and len(editor.extraSelections()) == 1
    assert not editor.carried and editor.styleSheet() == ""
    window.undo_action.trigger()
    assert editor.carried and len(editor.copies) == 3
    assert "s5" in {f.section for f in window.document.findings if f.rule == "S.copy"}
    part = window.show_page("s1").part_editors[0][1]
    assert part.carried and len(part.copies) == 3 and part.place == PartPlace("s1", 0, "text")


def test_compare_page_with_its_chart(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    this = read_source(REALWORLD / "hongze-2024.pdf").report
    from ui.document import Document

    this.previous = snapshot(read_source(HONGZE_2023).report, HONGZE_2023)
    window.set_document(Document(this))
    window.resize(1366, 768)
    page = window.compare_page()
    assert isinstance(page, ComparePage)
    assert window.stack.currentWidget() is page  # a page of the window, not a dialog of its own
    assert window.navigator.text(window.navigator.current_row()) == "与上年对比"
    qtbot.waitExposed(window)
    assert page.chart.bars() == [("新收申请", 21, 95), ("办结", 21, 95), ("行政复议", 11, 2), ("行政诉讼", 5, 4)]
    assert page.figures.item(0, 0).text() == "表二 行政许可 / 本年处理决定数量"
    assert page.indicators.item(2, 2).text() == "52.6%"
    shot = window.grab()
    assert shot.width() == 1366
    assert shot.save(str(tmp_path / "compare.png"))
    assert isinstance(page.chart, BarChart)


def test_compare_page_is_in_the_navigator_and_follows_edits(qtbot: QtBot, window: MainWindow,
                                                            hongze_2023: Report) -> None:
    rows = window.navigator.model().rowCount()
    window.new_from_last_year(hongze_2023, HONGZE_2023, 2024, texts=False)
    navigator = window.navigator
    assert navigator.model().rowCount() == rows + 1 and navigator.text(rows) == "与上年对比"
    navigator.set_current_row(rows)  # a click in the navigator, as on any section
    page = window.stack.currentWidget()
    assert isinstance(page, ComparePage) and page.chart.bars()[0] == ("新收申请", 21, 0)
    view = table_view(window, "s3")
    type_into(qtbot, view, "t3.new.natural", "30")
    navigator.set_current_row(rows)
    assert page.chart.bars()[0] == ("新收申请", 21, 30)  # compared again when shown after an edit
    window.document.set_cells({"t3.new.natural": 40}, "改")  # an edit while the page is in view
    qtbot.waitUntil(lambda: page.chart.bars()[0] == ("新收申请", 21, 40), timeout=3000)
    assert any(page.figures.item(r, 2).text() == "40" for r in range(page.figures.rowCount()))
    window.detach_previous()
    assert navigator.model().rowCount() == rows and "compare" not in window.pages
    assert not isinstance(window.stack.currentWidget(), ComparePage)
    window.undo_action.trigger()  # last year back: the page is listed again
    assert navigator.model().rowCount() == rows + 1
    assert isinstance(window.compare_page(), ComparePage)


def test_attaching_a_published_report_shows_its_import_summary_first(window: MainWindow) -> None:
    from ui.document import Document

    window.set_document(Document(Report.new(organ="淮安市洪泽区人民政府", year=2024)))
    answer_next_dialog("取消")
    assert not window.attach_previous_from(HONGZE_2023)
    assert window.document.report.previous is None
    answer_next_dialog("用作上年报告")
    assert window.attach_previous_from(HONGZE_2023)  # same organ, 2023: no question after the summary
    previous = window.document.report.previous
    assert previous is not None and previous.source == "hongze-2023.pdf" and previous.report.meta.year == 2023
    assert window.document.undo_stack.undoText() == "附加上年报告"


def test_last_year_is_imported_in_the_worker_behind_the_progress_dialog(qtbot: QtBot, window: MainWindow,
                                                                        tmp_path: Path) -> None:
    from tests.hostile_files import pdf_slow

    source = pdf_slow(tmp_path / "slow.pdf", 1_000_000)  # a PDF library that never finishes
    attached, seen, ticks = cancel_slow_read(window, source, MainWindow.attach_previous_from)
    assert not attached
    assert seen and seen[0].startswith("读取上年报告|正在读取“slow.pdf”……")
    assert "已取消导入“slow.pdf”" in window.last_message and window.document.report.previous is None
    assert_kept_turning(ticks)


def test_attached_last_year_with_invisible_characters_is_cleaned_and_told(window: MainWindow,
                                                                          tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.import_sources import NARRATIVE, report_text
    from ui.document import Document
    from ui.import_dialog import ImportDialog

    text = report_text(title="测试县数据局2023年政府信息公开工作年度报告")
    line = NARRATIVE["s5"].splitlines()[-1]
    source = tmp_path / "2023.txt"
    source.write_text(text.replace(line, line[:2] + "\u202e" + line[2:]), encoding="utf-8")
    window.set_document(Document(Report.new(organ="测试县数据局", year=2024)))
    listed: list[str] = []

    def read_summary() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ImportDialog):
            QTimer.singleShot(20, read_summary)
            return
        listed.extend(dialog.remarks.item(i).text() for i in range(dialog.remarks.count()))
        dialog.accept()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(20, read_summary)
    assert window.attach_previous_from(source)
    assert any(item.startswith("提示　") and "U+202E" in item for item in listed), listed
    previous = window.document.report.previous
    assert previous is not None and "\u202e" not in previous.report.sections["s5"].text
    assert previous.report.sections["s5"].text.endswith(line)
