"""Comparing two copies of one draft (issue 12, item 4): cells with both values, 报告信息, texts with
their sentences, sub-heads added / removed / moved, explanations, last year and 沿用上年 marks."""

from __future__ import annotations

import copy

from app.diff import (ADDED, CARRIED, CELL, CHANGED, EXPLAINED, META, PART_ADDED, PART_MOVED, PART_REMOVED, PREVIOUS,
                      REMOVED, SAME, TEXT, diff, lines, pieces, sentence_diff, to_json)
from app.editing import MetaPlace, PartPlace, SectionPlace
from app.format import meta_field
from app.lastyear import snapshot
from app.report import Part
from tests.sample_report import huiji_report


def test_pieces_give_the_text_back_sentence_by_sentence() -> None:
    text = "  第一句。第二句！\n第三句；末尾没有标点"
    assert pieces(text) == ["  第一句。", "第二句！\n", "第三句；", "末尾没有标点"]
    assert "".join(pieces(text)) == text and pieces("") == []


def test_sentence_diff_names_kept_changed_added_and_removed_sentences() -> None:
    steps = sentence_diff("甲句。乙句。丙句。", "甲句。乙句改了。丙句。丁句。")
    assert [(s.op, s.a, s.b) for s in steps] == [(SAME, "甲句。", "甲句。"), (CHANGED, "乙句。", "乙句改了。"),
                                                 (SAME, "丙句。", "丙句。"), (ADDED, "", "丁句。")]
    assert [s.op for s in sentence_diff("甲。乙。", "甲。")] == [SAME, REMOVED]


def test_every_kind_of_difference_is_listed_with_both_values() -> None:
    a = huiji_report()
    b = copy.deepcopy(a)
    b.cells["t3.new.natural"] = 5
    b.meta.contact = "电话：12345"
    b.sections["s5"].text = b.sections["s5"].text.replace("两方面问题", "三方面问题")
    parts = b.sections["s1"].parts
    parts[0], parts[1] = parts[1], parts[0]
    del parts[-1]
    parts.append(Part("数据开放情况", "开放数据集12个。"))
    b.acknowledgements["T3.sum:x"] = "已核实。"
    b.previous = snapshot(huiji_report(), "上年.txt")
    b.carried = {"s6"}
    found = {d.key: d for d in diff(a, b)}
    cell = found["cell:t3.new.natural"]
    assert (cell.kind, cell.a, cell.b, cell.cell) == (CELL, str(a.cells["t3.new.natural"]), "5", "t3.new.natural")
    assert cell.where == f"表三 {a.cell('t3.new.natural').label}"
    contact = found["meta:contact"]
    assert contact.kind == META and contact.where.endswith(meta_field("contact").label)
    assert contact.place == MetaPlace("contact") and contact.b == "电话：12345"
    text = found["text:s5"]
    assert text.kind == TEXT and text.place == SectionPlace("s5") and text.where == "五、存在的主要问题及改进情况 正文"
    [changed] = [s for s in text.sentences if s.op == CHANGED]
    assert "两方面问题" in changed.a and "三方面问题" in changed.b
    removed = found[f"part:s1/{a.sections['s1'].parts[-1].title}"]
    assert removed.kind == PART_REMOVED and removed.place == PartPlace("s1", 4, "title")
    assert found["part:s1/数据开放情况"].kind == PART_ADDED and found["part:s1/数据开放情况"].b == "开放数据集12个。"
    assert found["order:s1"].kind == PART_MOVED
    assert found["explained:T3.sum:x"].kind == EXPLAINED and found["explained:T3.sum:x"].b == "已核实。"
    assert found["previous"].kind == PREVIOUS and "上年.txt" in found["previous"].b
    assert found["carried:s6"].kind == CARRIED and found["carried:s6"].b == "沿用上年"
    assert diff(a, copy.deepcopy(a)) == []
    data = to_json(diff(a, b), "A", "B")
    assert data["count"] == len(found)
    [s5] = [d for d in data["differences"] if d["key"] == "text:s5"]
    assert [s["op"] for s in s5["sentences"]] == [CHANGED]
    text_lines = lines(diff(a, b), "A", "B")
    assert text_lines[0] == f"A → B：{len(found)} 处不同"
    assert any(line.startswith(f"表三 {a.cell('t3.new.natural').label}：") and line.endswith("→ 5")
               for line in text_lines)


def test_marks_and_explanations_name_where_they_are() -> None:
    a = huiji_report()
    b = copy.deepcopy(a)
    b.carried = {"s6", "s1/1", "t3.carried.total"}
    found = {d.key: d for d in diff(a, b)}
    assert found["carried:s6"].place == SectionPlace("s6") and found["carried:s6"].section == "s6"
    title = a.sections["s1"].parts[1].title
    assert found[f"carried:s1/{title}"].place == PartPlace("s1", 1, "text")
    assert found["carried:t3.carried.total"].cell == "t3.carried.total"
    from app.rules import check

    warning = next(f for f in check(a) if f.severity == "warning")
    b.acknowledgements[warning.key] = "已核实。"
    explained = next(d for d in diff(a, b) if d.kind == EXPLAINED)
    assert explained.where.endswith(warning.message) and explained.section is not None
