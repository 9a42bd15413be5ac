"""The import dialog, offscreen: it lists what was found and jumps to an uncertain cell."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from pytestqt.qtbot import QtBot

from app.importers import ImportResult, read_source
from tests.import_sources import T2_LINES, report_text
from ui.import_dialog import TARGET_ROLE, ImportDialog


def _uncertain_result(tmp_path: Path) -> ImportResult:
    path = tmp_path / "x.txt"
    t2 = [line.replace("规章\t0\t0\t0", "规章\t0\t0") for line in T2_LINES]
    path.write_text(report_text(t2=t2), encoding="utf-8")
    return read_source(path)


def test_dialog_lists_sections_counts_and_uncertain_cells(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ImportDialog(_uncertain_result(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "导入已发布的报告"
    assert "找到部分：6 个；读取单元格：197 个；不确定：3 项" in dialog.counts.text()
    assert "一、总体情况" in dialog.sections.text() and "（6/6）" in dialog.sections.text()
    assert dialog.items.count() == 3
    targets = [dialog.items.item(i).data(TARGET_ROLE) for i in range(3)]
    assert targets == ["t2.gz.made", "t2.gz.repealed", "t2.gz.valid"]
    assert "规章" in dialog.items.item(0).text()


def test_double_click_chooses_the_cell_and_closes(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ImportDialog(_uncertain_result(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.target_chosen) as signal:
        item = dialog.items.item(1)
        dialog.items.itemDoubleClicked.emit(item)
    assert signal.args == ["t2.gz.repealed"]
    assert dialog.chosen == "t2.gz.repealed" and dialog.result() == QDialog.DialogCode.Accepted


def test_go_button_uses_the_selected_item(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ImportDialog(_uncertain_result(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.go_button.isEnabled()
    dialog.items.setCurrentRow(2)
    assert dialog.go_button.isEnabled()
    with qtbot.waitSignal(dialog.target_chosen) as signal:
        qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["t2.gz.valid"]


def test_clean_import_has_nothing_to_jump_to(qtbot: QtBot, shared: Path) -> None:
    dialog = ImportDialog(read_source(shared / "samples" / "huiji-2022.txt"))
    qtbot.addWidget(dialog)
    assert dialog.items.count() == 0 and not dialog.go_button.isVisible()
    assert "不确定：0 项" in dialog.counts.text() and dialog.chosen is None


def test_blank_cells_and_notes_are_shown_not_called_all_read(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    t2 = [line.replace("行政许可\t5", "行政许可\t5（其中网上办理3件）").replace("行政处罚\t7", "行政处罚\t—")
          if line.startswith(("行政许可", "行政处罚")) else line for line in T2_LINES]
    path.write_text(report_text(t2=t2), encoding="utf-8")
    result = read_source(path)
    assert result.report.cells["t2.xk.decisions"] == 5 and result.report.cells["t2.cf.decisions"] is None
    assert not result.uncertain
    dialog = ImportDialog(result)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(type(dialog.counts))]
    assert not any("所有单元格都已读出" in text for text in texts)
    assert any("其余单元格都已读出" in text and "留空" in text for text in texts)
    notes = [dialog.remarks.item(i).text() for i in range(dialog.remarks.count())]
    assert any(text.startswith("附注") and "网上办理3件" in text for text in notes)
    [entry] = [dialog.remarks.item(i) for i in range(dialog.remarks.count()) if "网上办理" in dialog.remarks.item(i).text()]
    assert entry.data(TARGET_ROLE) == "t2.xk.decisions"
