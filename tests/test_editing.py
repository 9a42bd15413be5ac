"""Edits as plain values: applied, undone and redone with no Qt at all."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from app.canonical import to_canonical
from app.editing import (
    Editor,
    Explain,
    MetaPlace,
    PartPlace,
    SectionPlace,
    SetCells,
    SetParts,
    SetText,
    SetTotalsMode,
    Typed,
)
from app.errors import CellValueError
from app.report import Report
from app.rules import Status, check, status
from tests.helpers import ROOT
from tests.helpers import complete_report as shared_complete_report


def complete_report() -> Report:
    return shared_complete_report(2024)


EDITS = [
    SetCells.of({"t3.new.natural": 5}),
    SetCells.of({"t3.r1.natural": 3, "t3.next.natural": 2}),
    SetText(SectionPlace("s6"), "无。"),
    SetText(MetaPlace("year"), "20x4"),
    SetText(PartPlace("s1", 0, "text"), "公开各类信息16条，其中政策文件13条，其他6条。"),
    SetParts("s1", (("依申请公开", ""), ("新的小标题", "受理申请5件。"))),
    SetTotalsMode("published"),
    SetCells.of({"t3.new.total": 9, "t2.fee.amount": Decimal("12.5")}),
    SetTotalsMode("computed"),
    SetText(MetaPlace("organ"), ""),
]


def test_a_sequence_of_edits_replays_and_undoes_in_plain_python() -> None:
    report = complete_report()
    editor = Editor(report)
    states = [to_canonical(report)]
    inverses = []
    for edit in EDITS:
        change = editor.apply(edit)
        assert not change.is_empty, edit
        inverses.append(change.inverse)
        states.append(to_canonical(report))
        assert editor.findings == check(report)  # the kept findings are those of a full check
    assert report.meta.year is None and report.meta.organ == ""
    for inverse, before in zip(reversed(inverses), reversed(states[:-1])):
        editor.apply(inverse)
        assert to_canonical(report) == before
        assert editor.findings == check(report)
    assert editor.findings == []
    for edit, after in zip(EDITS, states[1:]):  # redo: the same values again
        editor.apply(edit)
        assert to_canonical(report) == after
        assert editor.findings == check(report)


def test_a_change_names_cells_totals_and_findings() -> None:
    report = complete_report()
    editor = Editor(report)
    change = editor.apply(SetCells.of({"t3.new.natural": 5}))
    assert change.cells == {"t3.new.natural", "t3.new.total"}  # the total was recomputed
    assert {f.rule for f in change.findings.added} == {"T3.col"} and change.findings.removed == ()
    assert change.inverse == SetCells.of({"t3.new.natural": 0})
    closing = editor.apply(SetCells.of({"t3.r1.natural": 5}))
    assert closing.cells == {"t3.r1.natural", "t3.r1.total", "t3.r7.natural", "t3.r7.total"}
    assert closing.findings.added == () and {f.rule for f in closing.findings.removed} == {"T3.col"}


def test_no_op_edits_change_nothing() -> None:
    editor = Editor(complete_report())
    assert editor.is_noop(SetCells.of({"t3.new.natural": 0}))
    assert not editor.is_noop(SetCells.of({"t2.fee.amount": 0}))  # 0 is not the amount Decimal('0')
    assert editor.is_noop(SetText(MetaPlace("year"), "2024"))
    assert editor.is_noop(SetTotalsMode("computed"))
    assert editor.apply(SetText(SectionPlace("s5"), "主要问题是公开内容不够全面。")).is_empty


def test_typed_text_is_parsed_by_the_cell_kind() -> None:
    editor = Editor(complete_report())
    assert editor.typed("t3.new.natural", "１２") == SetCells.of({"t3.new.natural": 12})
    assert editor.typed("t2.fee.amount", "96171.6") == SetCells.of({"t2.fee.amount": Decimal("96171.6")})
    with pytest.raises(CellValueError, match="本年新收 / 自然人.*只能填写整数"):
        editor.typed("t3.new.natural", "1.5")


def test_an_explanation_applies_to_the_figures_it_was_written_for() -> None:
    report = complete_report()
    report.sections["s6"].text = "无。"
    editor = Editor(report)
    [fee] = [f for f in editor.findings if f.rule == "S.fee"]
    change = editor.apply(editor.explain(fee, "本单位不收取信息处理费"))
    assert change.findings.restated == (fee,) and status(fee, report) is Status.EXPLAINED
    editor.apply(change.inverse)
    assert status(fee, report) is Status.WARNING and report.acknowledgements == {}


def test_explanation_is_invalidated_when_its_figures_change() -> None:
    report = complete_report()
    editor = Editor(report)
    editor.apply(SetCells.of({"t2.gz.made": 2}))
    previous = complete_report()  # last year: no 规章 in force, so 现行有效 should be 2
    editor = Editor(report, previous)
    [valid] = [f for f in editor.findings if f.rule == "X.valid" and f.key == "X.valid:gz"]
    editor.apply(editor.explain(valid, "两件规章已到期失效"))
    assert status(valid, report) is Status.EXPLAINED
    change = editor.apply(SetCells.of({"t2.gz.made": 3}))  # other figures: the note no longer fits
    [now] = [f for f in editor.findings if f.key == "X.valid:gz"]
    assert now in change.findings.added and valid in change.findings.removed
    assert status(now, report) is Status.WARNING
    assert report.acknowledgements == {"X.valid:gz": "两件规章已到期失效"}  # kept, not silently lost
    editor.apply(SetCells.of({"t2.gz.made": 2}))  # back to the figures explained
    [again] = [f for f in editor.findings if f.key == "X.valid:gz"]
    assert status(again, report) is Status.EXPLAINED


def test_older_explanations_without_figures_still_apply() -> None:
    report = complete_report()
    report.sections["s6"].text = "无。"
    report.acknowledgements["S.fee:s6"] = "本单位不收取信息处理费"
    [fee] = [f for f in check(report) if f.rule == "S.fee"]
    assert status(fee, report) is Status.EXPLAINED


def test_explain_edit_round_trips_through_the_draft(tmp_path: Path) -> None:
    from app.store import load, save

    report = complete_report()
    editor = Editor(report)
    editor.apply(Explain("X.valid:gz", "说明", "2|0|2"))
    save(report, tmp_path / "a.nianbao")
    again = load(tmp_path / "a.nianbao")
    assert again.acknowledgements == {"X.valid:gz": "说明"}
    assert again.acknowledged_figures == {"X.valid:gz": "2|0|2"}


def test_editing_loads_no_qt() -> None:
    code = ("import sys, app.editing, app.rules\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr


def test_a_table_edit_does_not_read_the_prose_again() -> None:
    from app.claims import claims
    from app.narrative import parts_claims

    report = complete_report()
    report.sections["s1"].text = "本年度共收到政府信息公开申请3件，公开各类信息16条，其中政策文件13条，其他6条。"
    editor = Editor(report)
    before = claims.cache_info().misses, parts_claims.cache_info().misses
    hits = claims.cache_info().hits
    change = editor.apply(SetCells.of({"t3.new.natural": 3}))
    assert {f.rule for f in change.findings.removed} == {"N.table"}  # re-checked against the figures…
    assert (claims.cache_info().misses, parts_claims.cache_info().misses) == before  # …without re-reading
    assert claims.cache_info().hits > hits
    editor.apply(SetText(SectionPlace("s1"), "本年度共收到政府信息公开申请4件。"))
    assert claims.cache_info().misses == before[0] + 1  # a change of prose is read once


def test_typed_text_is_cleaned_on_entry_and_the_change_says_what_was_removed() -> None:
    report = complete_report()
    editor = Editor(report)
    place = SectionPlace("s5")
    before = report.sections["s5"].text
    change = editor.apply(Typed(SetText(place, "葛\U000E0100先生\u202e说\ud800，2**3=8")))
    assert report.sections["s5"].text == "葛先生说，2**3=8"
    assert change.edit == SetText(place, "葛先生说，2**3=8")  # what an undo command keeps and redoes
    assert change.texts == (place,)
    assert any("“葛”后面的不可见的异体选择符 U+E0100" in n for n in change.notices)
    assert any("U+202E" in n for n in change.notices) and any("U+D800" in n and "残缺" in n for n in change.notices)
    assert all(n.startswith("“五、存在的主要问题及改进情况”中的") and n.endswith("已删除（打印时不显示，也可能无法保存）。")
               for n in change.notices)
    undo = editor.apply(change.inverse)  # the text as it was, and nothing to tell
    assert report.sections["s5"].text == before and undo.notices == ()
    redo = editor.apply(change.edit)
    assert report.sections["s5"].text == "葛先生说，2**3=8" and redo.notices == ()

    # our own text (an import's bold markers) is applied as it is; typing in it keeps its markers,
    # the markers a paste brings in go (app.textclean.clean_edit)
    editor.apply(SetText(place, "\x02问题\x03一"))
    assert report.sections["s5"].text == "\x02问题\x03一"
    typed_over = editor.apply(Typed(SetText(place, "\x02问题\x03二")))
    assert report.sections["s5"].text == "\x02问题\x03二" and typed_over.notices == ()
    pasted = editor.apply(Typed(SetText(place, "\x02问题\x03二\x02三\x03")))
    assert report.sections["s5"].text == "\x02问题\x03二三" and len(pasted.notices) == 1 and "控制字符" in pasted.notices[0]
    editor.apply(SetText(place, "问题二"))

    # nothing but an invisible character: no change, no undo step, the notice all the same
    typed = Typed(SetText(place, "问题二\u200b"))
    assert editor.is_noop(typed)
    nothing = editor.apply(typed)
    assert nothing.is_empty and len(nothing.notices) == 1 and "U+200B" in nothing.notices[0]

    # 报告信息, sub-heads and explanations are cleaned the same way, each notice naming its place
    organ = editor.apply(Typed(SetText(MetaPlace("organ"), "测试\u200d县")))
    assert report.meta.organ == "测试县" and organ.notices[0].startswith("报告信息中的")
    parts = editor.apply(Typed(SetParts("s1", (("依申请\u2066公开", "受理申请\ufeff5件。"),))))
    assert report.sections["s1"].parts[0].title == "依申请公开"
    assert report.sections["s1"].parts[0].text == "受理申请5件。"
    assert len(parts.notices) == 2 and all(n.startswith("“一、总体情况”中的") for n in parts.notices)
    explained = editor.apply(Typed(Explain("N.parts:s1", "已核实\u200b。", "1|2")))
    assert report.acknowledgements["N.parts:s1"] == "已核实。" and explained.notices[0].startswith("检查提示的说明中的")
    emptied = editor.apply(Typed(Explain("N.parts:s1", "\u200b", "1|2")))  # nothing left: the explanation goes
    assert "N.parts:s1" not in report.acknowledgements and "N.parts:s1" not in report.acknowledged_figures
    assert emptied.notices


def test_a_keystroke_re_runs_only_the_rules_that_read_its_text_and_re_reads_one_sentence(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.claims import _sentence_claims
    from app.rules import Finding
    from app.rules.checks import Check

    report = complete_report()
    report.sections["s1"].text = "本年度共收到政府信息公开申请3件。公开各类信息16条，其中政策文件13条，其他6条。"
    editor = Editor(report)
    ran: list[Check] = []
    run = Check.run

    def counted(self: Check, report: Report, previous: Report | None) -> list[Finding]:
        ran.append(self)
        return run(self, report, previous)

    monkeypatch.setattr(Check, "run", counted)
    misses = _sentence_claims.cache_info().misses
    editor.apply(Typed(SetText(SectionPlace("s1"), report.sections["s1"].text + "另有")))
    assert ran and all("s1" in check.inputs for check in ran)
    assert {check.rule for check in ran} == {"S.missing", "S.subhead", "N.parts", "N.table", "S.copy", "N.year"}
    assert _sentence_claims.cache_info().misses == misses + 1  # the two sentences before it are not read again
