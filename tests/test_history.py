"""The revision history inside a draft: deltas, summaries, content of any revision, the common base."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.canonical import to_canonical
from app.errors import DraftFileError
from app.history import (History, apply, common_base, content_at, diff, history_of, load_draft, read_history,
                         save_draft, summarise)
from app.report import Part, Report
from app.store import SCHEMA_VERSION, load, save
from tests.sample_report import huiji_report


@pytest.mark.parametrize(("old", "new"), [
    ({"a": 1, "b": "x"}, {"a": 2, "c": None}),
    ([1, 2, 3], [1, 5]),
    ([1], [1, {"k": "v"}]),
    ("政府信息公开工作年度报告，全年主动公开信息一百二十条。" * 3, "政府信息公开工作年度报告，全年主动公开信息九十条。" * 3),
    ({"cells": {"t3.a": 1, "t3.b": None}}, {"cells": {"t3.a": 1, "t3.b": 0}}),
    (1, True),
    ("短", "长一点"),
])
def test_a_delta_turns_the_old_value_into_the_new_and_leaves_the_old_alone(old: object, new: object) -> None:
    before = json.dumps(old, ensure_ascii=False)
    op = diff(old, new)
    result = apply(old, op)
    assert result == new and type(result) is type(new)
    assert json.dumps(old, ensure_ascii=False) == before


def test_a_sentence_typed_into_a_long_paragraph_is_stored_as_the_sentence() -> None:
    text = "本机关认真贯彻落实政府信息公开条例。" * 40
    op = diff(text, text[:100] + "新增一句。" + text[100:])
    assert op == ["~", 100, 100, "新增一句。"]


def test_the_summary_names_tables_and_sections_with_counts() -> None:
    report = huiji_report()
    old = to_canonical(report)
    cells = [c.id for c in report.layout.cells if c.table == "t3" and c.id not in report.computed_cells()][:6]
    for cell_id in cells:
        report.set_cell(cell_id, 77)
    report.sections["s1"].text += "补充一句。"
    part = report.sections["s1"].parts[0]
    report.sections["s1"].parts[0] = Part(part.title, part.text + "再补一句。")
    summary = summarise(old, to_canonical(report))
    assert summary.startswith("表三 6 个单元格")
    assert "一、总体情况 2 段" in summary
    assert summarise(None, old) == "新建草稿"


def test_every_save_records_a_revision_and_each_revision_reads_back_whole(tmp_path: Path) -> None:
    path = tmp_path / "年报.nianbao"
    report = huiji_report()
    history = History()
    kept = []
    for step, author in enumerate(["张三", "李四", "张三", "王五"]):
        report.meta.contact = f"电话 {step}"
        report.sections["s5"].text += f"第{step}次修改。"
        revision = save_draft(report, path, history, author, "办公室-PC01")
        kept.append((revision, to_canonical(report)))
    revisions = read_history(path)
    assert [r.author for r in revisions] == ["张三", "李四", "张三", "王五"]
    assert revisions[0].parents == () and all(r.parents == (p.id,) for p, r in zip(revisions, revisions[1:]))
    assert revisions[1].summary == "报告信息 1 项，五、存在的主要问题及改进情况 1 段"
    assert all(r.time.endswith("Z") and r.machine == "办公室-PC01" for r in revisions)
    for revision, canonical in kept:
        assert to_canonical(content_at(path, revision.id)) == canonical
    assert to_canonical(load(path)) == kept[-1][1]
    with pytest.raises(DraftFileError, match="没有修订"):
        content_at(path, "0" * 12)


def test_saving_unchanged_records_nothing_new(tmp_path: Path) -> None:
    path = tmp_path / "d.nianbao"
    report = huiji_report()
    history = History()
    first = save_draft(report, path, history, "张三")
    again = save_draft(report, path, history, "张三")
    assert again == first and len(read_history(path)) == 1


def test_a_failed_save_records_no_revision(tmp_path: Path) -> None:
    report = huiji_report()
    history = History()
    save_draft(report, tmp_path / "d.nianbao", history, "张三")
    report.meta.contact = "改了"
    with pytest.raises(DraftFileError):
        save_draft(report, tmp_path / "没有这个文件夹" / "d.nianbao", history, "张三")
    assert len(history) == 1


def test_long_histories_take_snapshots_and_stay_readable(tmp_path: Path) -> None:
    path = tmp_path / "d.nianbao"
    report = huiji_report()
    history = History()
    ids = []
    for step in range(130):
        report.meta.contact = f"电话 {step}"
        ids.append(save_draft(report, path, history, "张三").id)
    stored = history_of(path)
    assert len(stored) == 130
    assert stored.report(ids[0]).meta.contact == "电话 0"
    assert stored.report(ids[120]).meta.contact == "电话 120"


def _copy_and_diverge(tmp_path: Path) -> tuple[Path, Path, str]:
    """A draft saved three times, copied (as to a USB stick), then saved on each side."""
    a = tmp_path / "a.nianbao"
    report = huiji_report()
    history = History()
    for step in range(3):
        report.meta.contact = f"电话 {step}"
        base = save_draft(report, a, history, "张三").id
    b = tmp_path / "b.nianbao"
    shutil.copyfile(a, b)
    report_a, history_a = load_draft(a)
    report_b, history_b = load_draft(b)
    for step in range(3):
        report_a.sections["s1"].text += f"甲{step}。"
        save_draft(report_a, a, history_a, "张三")
        report_b.sections["s6"].text += f"乙{step}。"
        save_draft(report_b, b, history_b, "李四", "财务科-PC02")
    return a, b, base


def test_two_copies_find_their_newest_common_revision_and_its_content(tmp_path: Path) -> None:
    a, b, base = _copy_and_diverge(tmp_path)
    found = common_base(a, b)
    assert found is not None
    revision, report = found
    assert revision.id == base and report.meta.contact == "电话 2"
    assert "甲" not in report.sections["s1"].text and "乙" not in report.sections["s6"].text
    assert common_base(b, a) is not None and common_base(b, a)[0].id == base  # type: ignore[index]


def test_a_merge_revision_with_both_parents_becomes_the_new_common_base(tmp_path: Path) -> None:
    a, b, _ = _copy_and_diverge(tmp_path)
    report_a, history_a = load_draft(a)
    history_b = history_of(b)
    head_a = history_a.head
    history_a.adopt(history_b)
    merged = save_draft(report_a, a, history_a, "张三", parents=[head_a, history_b.head],  # type: ignore[list-item]
                        summary="合并 李四 的修改")
    assert merged.parents == (head_a, history_b.head)
    assert len(read_history(a)) == 3 + 3 + 3 + 1
    found = common_base(a, b)
    assert found is not None and found[0].id == history_b.head


def test_drafts_started_separately_have_no_common_base(tmp_path: Path) -> None:
    a, b = tmp_path / "a.nianbao", tmp_path / "b.nianbao"
    save_draft(huiji_report(), a, History(), "张三")
    save_draft(huiji_report(), b, History(), "李四")
    assert common_base(a, b) is None


def test_a_schema_2_draft_opens_and_gains_a_history_at_its_next_save(tmp_path: Path) -> None:
    path = tmp_path / "旧.nianbao"
    report = huiji_report()
    data = {"file": {"1": {"format": "nianbao-draft", "schema": 2}}, "report": {"1": to_canonical(report)}}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    opened, history = load_draft(path)
    assert len(history) == 0 and read_history(path) == []
    opened.meta.contact = "新电话"
    save_draft(opened, path, history, "张三")
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["file"]["1"]["schema"] == SCHEMA_VERSION == 4
    assert [r.summary for r in read_history(path)] == ["新建草稿"]


def test_a_damaged_history_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "d.nianbao"
    save_draft(huiji_report(), path, History(), "张三")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["history"]["1"]["packed"] = "not base85 at all"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DraftFileError, match="修订记录已损坏"):
        load_draft(path)


def test_last_changes_name_who_changed_each_cell(tmp_path: Path) -> None:
    path = tmp_path / "d.nianbao"
    report = Report.new(organ="测试局", year=2024)
    history = History()
    save_draft(report, path, history, "张三")
    cell = next(c.id for c in report.layout.cells if c.table == "t3" and c.id not in report.computed_cells())
    report.set_cell(cell, 9)
    second = save_draft(report, path, history, "李四")
    report.meta.contact = "x"
    save_draft(report, path, history, "王五")
    changes = history_of(path).last_changes()
    assert changes[cell] == second
    other = next(c.id for c in report.layout.cells if c.id != cell and c.id not in report.computed_cells())
    assert changes[other].author == "张三"  # as the draft was started
