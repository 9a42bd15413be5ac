"""The format definition: every table's grid is complete, ids and spans are the spec's."""

from __future__ import annotations

import pytest

from app.format import LAYOUTS, ItemRole, layout


@pytest.mark.parametrize("layout_id", sorted(LAYOUTS))
def test_every_grid_position_is_covered_exactly_once(layout_id: str) -> None:
    for table in layout(layout_id).tables:
        seen: dict[tuple[int, int], object] = {}
        for item in table.grid:
            for r in range(item.row, item.row + item.rowspan):
                for c in range(item.col, item.col + item.colspan):
                    assert (r, c) not in seen, (table.id, r, c)
                    seen[(r, c)] = item
        assert len(seen) == table.rows * table.cols, table.id


def test_cell_ids_of_the_2021_format() -> None:
    cells = [c.id for c in layout("2021").cells]
    assert len(cells) == len(set(cells)) == 10 + 25 * 7 + 15
    assert cells[:3] == ["t2.gz.made", "t2.gz.repealed", "t2.gz.valid"]
    for cell_id in ("t2.xk.decisions", "t2.cf.decisions", "t2.qz.decisions", "t2.fee.amount",
                    "t3.new.natural", "t3.r3_4.total", "t3.r6_3.other", "t3.next.total",
                    "t4.review.total", "t4.after.pending", "t4.direct.upheld"):
        assert cell_id in cells


def test_hybrid_and_2019_have_one_row_for_other_handling() -> None:
    for layout_id in ("2019", "hybrid"):
        ids = {c.id for c in layout(layout_id).cells}
        assert "t3.r6.natural" in ids and "t3.r6_1.natural" not in ids
    assert "t2_2019.cg.amount" in {c.id for c in layout("2019").cells}
    assert "t2.fee.amount" in {c.id for c in layout("hybrid").cells}


def test_t3_header_spans_are_the_official_ones() -> None:
    t3 = layout("2021").table("t3")
    headers = {i.text: i for i in t3.grid if i.role is ItemRole.HEADER}
    note = headers["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"]
    assert (note.row, note.col, note.rowspan, note.colspan) == (0, 0, 3, 3)
    assert (headers["申请人情况"].colspan, headers["申请人情况"].rowspan) == (7, 1)
    assert (headers["自然人"].rowspan, headers["法人或其他组织"].colspan) == (2, 5)
    labels = {i.text: i for i in t3.grid if i.role is ItemRole.LABEL}
    assert labels["三、本年度办理结果"].rowspan == 22
    assert labels["（三）不予公开"].rowspan == 8
    assert labels["一、本年新收政府信息公开申请数量"].colspan == 3
    assert labels["（七）总计"].colspan == 2


def test_t4_header_spans_are_the_official_ones() -> None:
    t4 = layout("2021").table("t4")
    top = sorted((i.col, i.text, i.colspan) for i in t4.grid if i.row == 0)
    assert top == [(0, "行政复议", 5, ), (5, "行政诉讼", 10)]
    review_results = [i for i in t4.grid if i.row == 1 and i.col < 5]
    assert [i.rowspan for i in review_results] == [2] * 5
    assert t4.rows == 4 and t4.cols == 15


def test_t2_blocks_stretch_single_value_rows() -> None:
    t2 = layout("2021").table("t2")
    fee = next(i for i in t2.grid if i.cell_id == "t2.fee.amount")
    assert (fee.colspan, t2.cell("t2.fee.amount").col_label) == (3, "本年收费金额（单位：万元）")
    blocks = [i.text for i in t2.grid if i.role is ItemRole.BLOCK]
    assert blocks == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]


def test_sums_are_derived_for_every_total() -> None:
    t3 = layout("2021").table("t3")
    rules = [s.rule for s in t3.sums]
    assert rules.count("T3.row") == 25 and rules.count("T3.sum") == 7
    r7 = next(s for s in t3.sums if s.rule == "T3.sum" and s.target == "t3.r7.natural")
    assert len(r7.parts) == 21 and "t3.r6_3.natural" in r7.parts
    r7_2019 = next(s for s in layout("2019").table("t3").sums if s.target == "t3.r7.natural")
    assert len(r7_2019.parts) == 19
