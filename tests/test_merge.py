"""Three-way merge of two colleagues' copies (issue 12, item 5): one-sided changes taken without a
question, equal changes once, different changes as conflicts decided mine / theirs / both / edited."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest

from app.canonical import to_canonical
from app.diff import diff
from app.merge import (BOTH, EDITED, MINE, PART, THEIRS, Decision, MergeError, find_base, finish, merge,
                       merge_text)
from app.editing import SectionPlace
from app.report import Part, Report
from app.rules import check
from app.store import load
from tests.sample_report import huiji_report

S1 = "本年度，我局认真贯彻落实《条例》。全年主动公开信息120条。依申请公开工作平稳有序。\n监督保障方面，开展培训2次。"


def base_report() -> Report:
    report = Report.new(organ="测试县数据局", year=2024)
    report.sections["s1"].text = S1
    report.sections["s5"].text = "主要问题是公开内容不够全面。"
    return report


def copies() -> tuple[Report, Report, Report]:
    base = base_report()
    return base, copy.deepcopy(base), copy.deepcopy(base)


def test_changes_in_different_cells_are_taken_without_a_question() -> None:
    base, mine, theirs = copies()
    mine.set_cell("t3.new.natural", 7)
    theirs.set_cell("t3.r1.natural", 5)
    theirs.meta.contact = "电话：0371-1234567"
    result = merge(base, mine, theirs)
    assert result.conflicts == ()
    merged = result.report
    assert (merged.cells["t3.new.natural"], merged.cells["t3.r1.natural"]) == (7, 5)
    assert merged.cells["t3.new.total"] == 7 and merged.cells["t3.r1.total"] == 5  # totals follow the parts
    assert merged.meta.contact == "电话：0371-1234567"
    sides = {t.key: t.side for t in result.taken}
    assert sides["cell:t3.new.natural"] == MINE and sides["cell:t3.r1.natural"] == THEIRS
    assert sides["meta:contact"] == THEIRS
    outcome = finish(result)
    assert outcome.counts == {MINE: 1, THEIRS: 2, BOTH: 0, "conflicts": 0}
    assert "自动取自我的副本 1 处，取自同事的副本 2 处" in outcome.summary[0]
    assert any("表三" in line and "同事的副本" in line for line in outcome.summary)
    assert outcome.summary[-1].startswith("合并结果检查：")


def test_the_same_cell_changed_to_the_same_value_is_no_conflict() -> None:
    base, mine, theirs = copies()
    mine.set_cell("t3.new.natural", 9)
    theirs.set_cell("t3.new.natural", 9)
    result = merge(base, mine, theirs)
    assert result.conflicts == ()
    assert result.report.cells["t3.new.natural"] == 9
    assert [t.side for t in result.taken if t.key == "cell:t3.new.natural"] == [BOTH]


def test_the_same_cell_changed_differently_is_a_conflict_decided_either_way() -> None:
    base, mine, theirs = copies()
    mine.set_cell("t3.new.natural", 9)
    theirs.set_cell("t3.new.natural", 11)
    result = merge(base, mine, theirs)
    [conflict] = result.conflicts
    assert (conflict.key, conflict.base, conflict.mine, conflict.theirs) == ("cell:t3.new.natural", "0", "9", "11")
    assert conflict.where.startswith("表三") and conflict.choices == (MINE, THEIRS)
    assert result.resolve().cells["t3.new.natural"] == 9  # mine until decided
    theirs_way = result.resolve({conflict.key: Decision(THEIRS)})
    assert theirs_way.cells["t3.new.natural"] == 11 and theirs_way.cells["t3.new.total"] == 11
    outcome = finish(result, {conflict.key: Decision(THEIRS)})
    assert "冲突 1 处：用同事的 1 处。" in outcome.summary


def test_paragraph_edited_in_different_sentences_is_merged() -> None:
    base, mine, theirs = copies()
    mine.sections["s1"].text = S1.replace("120条", "135条")  # the second sentence
    theirs.sections["s1"].text = S1.replace("平稳有序", "规范有序")  # the third, right after it
    theirs.sections["s1"].text = theirs.sections["s1"].text.replace("培训2次", "培训3次")  # and the last line
    result = merge(base, mine, theirs)
    assert result.conflicts == ()
    assert result.report.sections["s1"].text == (
        "本年度，我局认真贯彻落实《条例》。全年主动公开信息135条。依申请公开工作规范有序。\n监督保障方面，开展培训3次。")
    assert {t.side for t in result.taken if t.key == "text:s1"} == {MINE, THEIRS}


def test_sentences_added_at_both_ends_merge() -> None:
    merged = merge_text("甲。乙。", "开头。甲。乙。", "甲。乙。结尾。")
    assert merged.clean and merged.text(MINE) == "开头。甲。乙。结尾。"


def test_the_same_sentence_edited_on_both_sides_is_a_conflict() -> None:
    base, mine, theirs = copies()
    mine.sections["s1"].text = S1.replace("120条", "135条").replace("2次", "4次")
    theirs.sections["s1"].text = S1.replace("120条", "128条")
    result = merge(base, mine, theirs)
    [conflict] = result.conflicts
    assert conflict.key == "text:s1" and conflict.choices == (MINE, THEIRS, BOTH, EDITED)
    [hunk] = conflict.hunks
    assert (hunk.base, hunk.mine, hunk.theirs) == (("全年主动公开信息120条。",), ("全年主动公开信息135条。",), ("全年主动公开信息128条。",))
    assert "一、总体情况" in conflict.where
    # every choice keeps mine's change to the other sentence (培训4次)
    assert conflict.mine_value == S1.replace("120条", "135条").replace("2次", "4次")
    assert conflict.theirs_value == S1.replace("120条", "128条").replace("2次", "4次")
    assert "135条" in conflict.both_value and "128条" in conflict.both_value and "4次" in conflict.both_value
    both = result.resolve({"text:s1": Decision(BOTH)}).sections["s1"].text
    assert both.count("全年主动公开信息") == 2
    edited = result.resolve({"text:s1": Decision(EDITED, "我自己写的。")})
    assert edited.sections["s1"].text == "我自己写的。"


def test_sub_heads_added_on_both_sides_are_both_kept() -> None:
    base, mine, theirs = copies()
    mine.sections["s1"].parts.insert(1, Part("数据开放情况", "开放数据集12个。"))
    theirs.sections["s1"].parts.append(Part("政务新媒体情况", "开设政务微信1个。"))
    theirs.sections["s1"].parts[0].text = "主动公开各类信息。"
    result = merge(base, mine, theirs)
    assert result.conflicts == ()
    titles = [p.title for p in result.report.sections["s1"].parts]
    assert titles == ["主动公开", "数据开放情况", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障",
                      "政务新媒体情况"]
    assert result.report.sections["s1"].parts[0].text == "主动公开各类信息。"
    sides = {t.key: t.side for t in result.taken}
    assert sides["part:s1/数据开放情况"] == MINE and sides["part:s1/政务新媒体情况"] == THEIRS


def test_a_sub_head_removed_in_one_copy_and_rewritten_in_the_other_is_a_choice() -> None:
    base, mine, theirs = copies()
    base.sections["s1"].parts[2].text = mine.sections["s1"].parts[2].text = theirs.sections["s1"].parts[2].text = "旧。"
    del mine.sections["s1"].parts[2]
    theirs.sections["s1"].parts[2].text = "新写的管理情况。"
    result = merge(base, mine, theirs)
    [conflict] = result.conflicts
    assert conflict.kind == PART and conflict.mine_value is None
    assert "政府信息管理" not in [p.title for p in result.report.sections["s1"].parts]
    kept = result.resolve({conflict.key: Decision(THEIRS)}).sections["s1"].parts
    assert [p.title for p in kept][2] == "政府信息管理" and kept[2].text == "新写的管理情况。"


def test_a_sub_head_removed_in_one_copy_and_untouched_in_the_other_goes() -> None:
    base, mine, theirs = copies()
    del theirs.sections["s1"].parts[3]
    result = merge(base, mine, theirs)
    assert result.conflicts == () and len(result.report.sections["s1"].parts) == 4


def test_a_copy_that_went_through_three_saves_on_each_side(tmp_path: Path) -> None:
    """One draft copied twice, then three saves per side, each read back from disk: the histories in
    the files find the common version, every change of both arrives, and the one cell both changed
    differently is the one question."""
    from app.history import History, load_draft, save_draft

    base = base_report()
    save_draft(base, tmp_path / "base.nianbao", History(), "张三")
    mine_path, theirs_path = tmp_path / "我的.nianbao", tmp_path / "同事.nianbao"
    shutil.copyfile(tmp_path / "base.nianbao", mine_path)
    shutil.copyfile(tmp_path / "base.nianbao", theirs_path)
    mine_edits = [lambda r: r.set_cell("t3.new.natural", 20), lambda r: setattr(r.sections["s5"], "text",
                  "主要问题是公开内容不够全面。下一步将加强培训。"), lambda r: r.set_cell("t2.gz.made", 3)]
    theirs_edits = [lambda r: r.set_cell("t3.r1.natural", 12), lambda r: r.set_cell("t2.gz.made", 4),
                    lambda r: setattr(r.meta, "published", "2025-01-20")]
    for path, edits, author in ((mine_path, mine_edits, "张三"), (theirs_path, theirs_edits, "李四")):
        for edit in edits:
            report, history = load_draft(path)
            edit(report)
            save_draft(report, path, history, author)
    found = find_base(mine_path, theirs_path)
    assert found is not None and to_canonical(found) == to_canonical(load(tmp_path / "base.nianbao"))
    result = merge(found, load(mine_path), load(theirs_path))
    assert [c.key for c in result.conflicts] == ["cell:t2.gz.made"]
    merged = result.resolve({"cell:t2.gz.made": Decision(THEIRS)})
    assert merged.cells["t3.new.natural"] == 20 and merged.cells["t3.r1.natural"] == 12
    assert merged.cells["t2.gz.made"] == 4 and merged.meta.published == "2025-01-20"
    assert merged.sections["s5"].text.endswith("下一步将加强培训。")


def test_two_drafts_with_no_common_history_offer_every_difference() -> None:
    mine, theirs = huiji_report(), huiji_report()
    mine.cells["t3.new.natural"] = 3
    theirs.cells["t3.new.natural"] = 4
    theirs.cells["t2.gz.made"] = 99
    theirs.sections["s5"].text += "下一步改进。"
    theirs.sections["s1"].parts.append(Part("其他情况", "无。"))
    result = merge(None, mine, theirs)
    keys = {c.key for c in result.conflicts}
    assert keys == {"cell:t3.new.natural", "cell:t2.gz.made", "text:s5", "part:s1/其他情况"}
    assert result.taken == ()  # nothing is taken without a base to tell who changed what
    assert result.report.cells["t2.gz.made"] == mine.cells["t2.gz.made"]
    theirs_way = result.resolve(prefer=THEIRS)
    assert diff(theirs_way, theirs) == []
    assert finish(result).summary[0].startswith("两份草稿没有共同的修订记录")


def test_sentence_level_merge_keeps_carried_marks_only_on_unchanged_texts() -> None:
    base, mine, theirs = copies()
    base.carried = {"s5", "s1/0"}
    base.sections["s1"].parts[0].text = "沿用的文字。"
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine.sections["s5"].text = "重新写过。"
    mine.carried.discard("s5")
    theirs.sections["s1"].parts.insert(0, Part("新的小标题", "新。"))
    theirs.carried = {"s5", "s1/1"}  # the mark follows its sub-head to index 1
    merged = merge(base, mine, theirs).report
    assert merged.sections["s5"].text == "重新写过。"
    assert merged.carried == {"s1/1"}


def test_copies_in_different_formats_are_refused() -> None:
    with pytest.raises(MergeError, match="报告格式不同"):
        merge(None, Report.new(layout_id="2021"), Report.new(layout_id="2019"))


def test_the_merged_content_replaces_the_report_as_one_edit_and_undoes() -> None:
    from app.canonical import to_canonical
    from app.editing import Editor, ReplaceContent

    base, mine, theirs = copies()
    theirs.set_cell("t3.new.natural", 4)
    theirs.sections["s1"].parts.append(Part("其他", "其他情况。"))
    theirs.sections["s5"].text = "问题已改进。"
    merged = merge(base, mine, theirs).report
    editor = Editor(mine)
    before = to_canonical(mine)
    change = editor.apply(ReplaceContent.of(merged))
    assert editor.report is mine and to_canonical(mine) == to_canonical(merged)
    assert {"t3.new.natural", "t3.new.total"} <= change.cells and change.parts == frozenset({"s1"})
    assert SectionPlace("s5") in change.texts
    assert {f.key for f in editor.findings} == {f.key for f in check(merged)}  # the checks ran on the result
    mine.cells["t3.new.natural"] = 99  # the edit value is a copy: later edits do not reach it
    mine.cells["t3.new.natural"] = 4
    editor.apply(change.inverse)
    assert to_canonical(mine) == before
    assert editor.is_noop(ReplaceContent.of(mine))


def test_explanations_last_year_and_fields_merge_like_cells() -> None:
    from app.lastyear import snapshot

    base, mine, theirs = copies()
    mine.acknowledgements["X.carry:t3.carried.total"] = "上年结转数以本年核实为准。"
    theirs.previous = snapshot(huiji_report(), "上年.txt")
    theirs.meta.published = "2025-01-15"
    mine.meta.published = "2025-01-20"
    result = merge(base, mine, theirs)
    sides = {t.key: t.side for t in result.taken}
    assert sides["explained:X.carry:t3.carried.total"] == MINE and sides["previous"] == THEIRS
    assert result.report.previous is not None and result.report.previous.source == "上年.txt"
    assert result.report.acknowledgements["X.carry:t3.carried.total"] == "上年结转数以本年核实为准。"
    [conflict] = result.conflicts
    assert (conflict.key, conflict.mine, conflict.theirs, conflict.base) == ("meta:published", "2025-01-20",
                                                                             "2025-01-15", "")
    assert result.resolve({"meta:published": Decision(THEIRS)}).meta.published == "2025-01-15"
    # both explained the same warning differently: a choice
    mine2, theirs2 = copy.deepcopy(base), copy.deepcopy(base)
    mine2.acknowledgements["k"], theirs2.acknowledgements["k"] = "甲的说明。", "乙的说明。"
    [explained] = merge(base, mine2, theirs2).conflicts
    assert explained.key == "explained:k" and (explained.mine, explained.theirs) == ("甲的说明。", "乙的说明。")
    assert merge(base, mine2, theirs2).resolve(prefer=THEIRS).acknowledgements["k"] == "乙的说明。"
