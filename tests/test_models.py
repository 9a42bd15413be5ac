"""The Qt models on their own, over a document and no window: data, roles, and exactly
which cells and rows an edit touches."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from app.editing import SectionPlace, SetCells
from app.report import Report
from app.rules import Status
from ui.document import Document
from ui.navigator import NavigatorModel
from ui.problems import FINDING_ROLE, STATUS_ROLE, FindingsModel, counts_sentence
from ui.table_model import CELL_ID_ROLE, MARK_ROLE, MARK_ROLES, VALUE_ROLES, ReportTableModel
from tests.helpers import complete_report as shared_complete_report

ROLE = Qt.ItemDataRole


def complete_report() -> Report:
    return shared_complete_report(2024)


def changed_cells(model: ReportTableModel, signals: list[tuple[QModelIndex, QModelIndex, list[int]]]
                  ) -> dict[str, set[int]]:
    """The cell ids a list of dataChanged emits named, with the roles named for each."""
    found: dict[str, set[int]] = {}
    for top, bottom, roles in signals:
        assert top == bottom  # one cell per emit: exactly the cells that changed
        found.setdefault(model.data(top, CELL_ID_ROLE), set()).update(int(r) for r in roles)
    return found


def test_table_model_data_and_roles(qtbot: QtBot) -> None:
    document = Document(complete_report())
    model = ReportTableModel(document, document.report.layout.table("t3"))
    index = model.index_of("t3.new.natural")
    assert model.data(index, CELL_ID_ROLE) == "t3.new.natural"
    assert model.data(index) == "0" and model.data(index, MARK_ROLE) is None
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    total = model.index_of("t3.new.total")
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable  # computed
    assert "自动计算的合计" in model.data(total, ROLE.ToolTipRole)
    corner = model.index(0, 0)
    assert model.data(corner).startswith("（本列数据的勾稽关系")
    assert model.data(corner, CELL_ID_ROLE) is None


def test_table_edit_emits_exactly_the_cells_and_roles_that_changed(qtbot: QtBot) -> None:
    document = Document(complete_report())
    model = ReportTableModel(document, document.report.layout.table("t3"))
    signals: list[tuple[QModelIndex, QModelIndex, list[int]]] = []
    model.dataChanged.connect(lambda a, b, roles: signals.append((a, b, list(roles))))
    assert model.setData(model.index_of("t3.new.natural"), "5")
    cells = changed_cells(model, signals)
    value_roles = {int(r) for r in VALUE_ROLES}
    mark_roles = {int(r) for r in MARK_ROLES}
    # the value and its total changed; T3.col marks the four cells of the 自然人 and 总计 columns
    assert cells["t3.new.natural"] == value_roles | mark_roles
    assert cells["t3.new.total"] == value_roles | mark_roles
    assert {c for c, roles in cells.items() if roles == mark_roles} == {
        "t3.carried.natural", "t3.r7.natural", "t3.next.natural",
        "t3.carried.total", "t3.r7.total", "t3.next.total"}
    assert model.data(model.index_of("t3.new.natural"), MARK_ROLE) == "error"
    signals.clear()
    assert not model.setData(model.index_of("t3.new.natural"), "x")  # refused: nothing repainted
    assert signals == []
    model.setData(model.index_of("t3.new.natural"), "5")  # the same value: no edit, no repaint
    assert signals == [] and document.undo_stack.count() == 1


def test_findings_and_navigator_models_follow_the_delta(qtbot: QtBot) -> None:
    document = Document(complete_report())
    findings = FindingsModel(document, {s: QIcon() for s in Status})
    navigator = NavigatorModel(document, (QIcon(), QIcon(), QIcon()))
    inserted: list[int] = []
    removed: list[int] = []
    findings.rowsInserted.connect(lambda _p, first, last: inserted.append(last - first + 1))
    findings.rowsRemoved.connect(lambda _p, first, last: removed.append(last - first + 1))
    nav_rows: list[int] = []
    navigator.dataChanged.connect(lambda a, _b, _r: nav_rows.append(a.row()))
    assert findings.rowCount() == 0 and navigator.data(navigator.index(3)) == "三、申请办理"
    document.push(SetCells.of({"t3.new.natural": 5}))
    assert sum(inserted) == 2 and removed == []  # T3.col of the 自然人 and the 总计 columns
    assert {findings.data(findings.index(r), FINDING_ROLE).rule for r in (0, 1)} == {"T3.col"}
    assert findings.data(findings.index(0), STATUS_ROLE) == "error"
    assert nav_rows == [3] and navigator.data(navigator.index(3)) == "三、申请办理  2 错"
    inserted.clear()
    nav_rows.clear()
    document.set_text(SectionPlace("s5"), "主要问题是公开内容不够全面，今年已整改。")  # no finding comes or goes
    assert inserted == [] and removed == [] and nav_rows == []
    document.set_text(SectionPlace("s6"), "无。")
    assert sum(inserted) == 1 and nav_rows == [6]
    [fee_row] = [r for r in range(findings.rowCount()) if findings.data(findings.index(r), FINDING_ROLE).rule == "S.fee"]
    assert fee_row == 2  # warnings after errors
    fee = findings.finding(fee_row)
    changed: list[int] = []
    findings.dataChanged.connect(lambda a, _b, _r: changed.append(a.row()))
    document.explain(fee, "本单位不收取信息处理费")
    assert changed == [fee_row] and "已说明：本单位不收取信息处理费" in findings.data(findings.index(fee_row))
    assert navigator.data(navigator.index(6)) == "六、其他事项"
    document.undo_stack.undo()
    assert navigator.data(navigator.index(6)) == "六、其他事项  1 提示"
    for _ in range(3):  # the s6 text, the s5 text, the cell
        document.undo_stack.undo()
    assert findings.rowCount() == 0 and sum(removed) == 3


def test_status_bar_panel_header_and_navigator_count_the_same(qtbot: QtBot, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.main_window import MainWindow

    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path))
    window = MainWindow(Document(complete_report()))
    qtbot.addWidget(window)
    document = window.document
    document.push(SetCells.of({"t3.new.natural": 5, "t4.review.upheld": 1}))
    document.set_text(SectionPlace("s6"), "无。")
    [fee] = [f for f in document.findings if f.rule == "S.fee"]
    document.push(SetCells.of({"t2.gz.valid": 4}))
    document.explain(fee, "本单位不收取信息处理费")

    def navigator_total() -> tuple[int, int]:
        errors = warnings = 0
        for row in range(window.navigator.model().rowCount()):
            text = window.navigator.text(row)
            for part in text.split("  ")[1:] + [""]:
                for piece in part.split("·"):
                    if piece.endswith(" 错"):
                        errors += int(piece[:-2])
                    elif piece.endswith(" 提示"):
                        warnings += int(piece[:-3])
        return errors, warnings

    total = document.tally.total
    assert total.errors >= 2 and total.explained == 1
    assert window.counts.text() == f"错误 {total.errors} · 提示 {total.warnings} · 已说明 1"
    assert window.problems.title.text() == counts_sentence(total)  # 问题 once: the dock's title says it
    assert navigator_total() == (total.errors, total.warnings)
    statuses = [window.problems.model.data(i, STATUS_ROLE) for i in window.problems.items()]
    assert (statuses.count("error"), statuses.count("warning"), statuses.count("explained")) == (
        total.errors, total.warnings, total.explained)
    document.undo_stack.setClean()
    window.close()


def test_findings_rows_keep_the_engines_order_through_any_edits(qtbot: QtBot) -> None:
    import random

    document = Document(complete_report())
    findings = FindingsModel(document, {s: QIcon() for s in Status})
    rng = random.Random(9)
    cells = ["t3.new.natural", "t3.r1.business", "t4.review.upheld", "t2.gz.made", "t3.next.other"]
    for step in range(60):
        if step % 7 == 3:
            document.set_text(SectionPlace(rng.choice(["s1", "s5", "s6"])), rng.choice(["", "无。", "收到申请3件。"]))
        elif step % 11 == 5:
            document.undo_stack.undo()
        else:
            document.push(SetCells.of({rng.choice(cells): rng.randint(0, 3)}))
        shown = [findings.finding(r) for r in range(findings.rowCount())]
        assert shown == document.findings
