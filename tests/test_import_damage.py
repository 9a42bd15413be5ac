"""One test per kind of damage real sources show, each on a small hand-made source."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.errors import ImportSourceError
from app.importers import ImportResult, read_source
from app.rules import check
from tests.import_sources import T, T2_LINES, T4_FIGURES, T4_HEAD, html_page, report_text, simple_table, t3_lines

EXPECTED = {"t2.gf.made": 3, "t2.gf.valid": 20, "t2.xk.decisions": 5, "t2.cf.decisions": 7,
            "t2.fee.amount": Decimal("1.25"), "t3.new.natural": 5, "t3.new.business": 1, "t3.new.total": 6,
            "t3.r1.total": 4, "t3.r7.natural": 3, "t3.next.total": 2, "t3.r6_3.total": 0,
            "t4.review.upheld": 1, "t4.review.total": 1, "t4.after.total": 0}


def _import(tmp_path: Path, content: str | bytes, suffix: str = ".txt") -> ImportResult:
    path = tmp_path / f"report{suffix}"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return read_source(path)


def _assert_read(result: ImportResult) -> None:
    assert result.uncertain == []
    assert {cell: result.report.cells[cell] for cell in EXPECTED} == EXPECTED
    assert result.sections_found == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert not [f for f in check(result.report) if f.is_error]


def test_clean_pasted_text(tmp_path: Path) -> None:
    _assert_read(_import(tmp_path, report_text()))


def test_blank_lines_inside_a_table(tmp_path: Path) -> None:
    t3 = t3_lines()
    damaged = [line for row in t3 for line in (row, "", "   ")]
    t2 = [line for row in T2_LINES for line in (row, "")]
    _assert_read(_import(tmp_path, report_text(t2=t2, t3=damaged)))


def test_labels_split_over_cells(tmp_path: Path) -> None:
    t3 = t3_lines()
    t3[3] = t3[3].replace("一、本年新收政府信息公开申请数量", "一、本年新收\t政府信息公开\t申请数量", 1)
    t3[10] = t3[10].replace("5.属于三类内部事务信息", "5.属于三类\t内部事务信息")
    t2 = [line.replace("行政规范性文件", "行政规范性\t文件") for line in T2_LINES]
    result = _import(tmp_path, report_text(t2=t2, t3=t3))
    _assert_read(result)


def test_a_row_with_one_cell_too_many_of_the_same_figure_is_read(tmp_path: Path) -> None:
    t3 = t3_lines()
    t3[-4] = t3[-4] + "\t0"  # （六）3.其他: eight zeros for seven columns, as the sample has
    _assert_read(_import(tmp_path, report_text(t3=t3)))


def test_a_row_with_one_figure_too_many_is_uncertain(tmp_path: Path) -> None:
    t3 = t3_lines()
    t3[3] = t3[3] + "\t9"  # 本年新收: 5 1 0 0 0 0 6 9 — which seven?
    result = _import(tmp_path, report_text(t3=t3))
    ids = {u.cell_id for u in result.uncertain}
    assert ids == {f"t3.new.{c}" for c in ("natural", "business", "research", "social", "legal", "other", "total")}
    assert all(result.report.cells[c] is None for c in ids)
    assert all("8 个数" in u.reason and "7 列" in u.reason for u in result.uncertain)
    assert set(result.report.uncertain) == ids
    assert result.report.cells["t3.r1.total"] == 4  # the rest is read


def test_a_row_with_a_figure_missing_is_uncertain(tmp_path: Path) -> None:
    t2 = [line.replace("规章\t0\t0\t0", "规章\t0\t0") for line in T2_LINES]
    result = _import(tmp_path, report_text(t2=t2))
    assert {u.cell_id for u in result.uncertain} == {"t2.gz.made", "t2.gz.repealed", "t2.gz.valid"}
    assert "只有 2 个数" in result.uncertain[0].reason


def test_ambiguous_blank_cells_are_uncertain_not_guessed(tmp_path: Path) -> None:
    t3 = t3_lines()
    # label, an empty label column, then 5 1 0 0 0 0 and a blank 总计, then a line-end tab:
    # the figures could start in either of the first two positions.
    t3[3] = "一、本年新收政府信息公开申请数量\t\t5\t1\t0\t0\t0\t0\t\t"
    result = _import(tmp_path, report_text(t3=t3))
    assert {u.cell_id for u in result.uncertain} == {f"t3.new.{c}" for c in
                                                      ("natural", "business", "research", "social", "legal",
                                                       "other", "total")}


def test_merged_label_cells_repeated(tmp_path: Path) -> None:
    t3 = []
    group = ""
    for line in t3_lines():
        cells = line.split(T)
        if cells[1].startswith("（"):
            group = cells[1]
        elif not cells[0] and not cells[1] and cells[2]:
            cells[1] = group  # the merged group label repeated on every row, as some editors paste it
        if not cells[0] and cells[1]:
            cells[0] = "三、本年度办理结果"
        t3.append(T.join(cells))
    _assert_read(_import(tmp_path, report_text(t3=t3)))


def test_merged_label_cells_missing(tmp_path: Path) -> None:
    t3 = []
    for line in t3_lines():
        cells = line.split(T)
        cells[0] = cells[0] if cells[0].startswith(("一", "二", "四", "（本列")) else ""
        if cells[2]:
            cells[1] = ""  # only the leaf label is left: 1.属于国家秘密 …
        t3.append(T.join(cells[:3] if not any(cells[3:]) else [c for c in cells[:3] if c] + cells[3:]))
    _assert_read(_import(tmp_path, report_text(t3=t3)))


def test_a_row_missing_altogether_is_uncertain(tmp_path: Path) -> None:
    t3 = [line for line in t3_lines() if "7.属于行政执法案卷" not in line]
    result = _import(tmp_path, report_text(t3=t3))
    assert {u.cell_id for u in result.uncertain} == {f"t3.r3_7.{c}" for c in
                                                      ("natural", "business", "research", "social", "legal",
                                                       "other", "total")}
    assert "没有找到这一行" in result.uncertain[0].reason
    assert result.report.cells["t3.r3_8.total"] == 0


def test_a_blank_published_cell_is_blank_not_zero_nor_uncertain(tmp_path: Path) -> None:
    t4 = T4_HEAD + ["1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t\t\t\t\t"]  # 复议后起诉 left blank
    result = _import(tmp_path, report_text(t4=t4))
    assert result.uncertain == []
    assert [result.report.cells[f"t4.after.{c}"] for c in ("upheld", "total")] == [None, None]
    blank = [f for f in check(result.report) if f.rule == "CELL.blank"]
    assert blank and "t4.after.total" in blank[0].cells


def test_a_cell_that_is_not_a_number_is_uncertain(tmp_path: Path) -> None:
    t2 = [line.replace("行政许可\t5", "行政许可\t5件以上") for line in T2_LINES]
    result = _import(tmp_path, report_text(t2=t2))
    assert "t2.xk.decisions" in {u.cell_id for u in result.uncertain}


@pytest.mark.parametrize("written", ["五件", "十二", "两"])
def test_a_figure_written_in_words_is_uncertain_not_blank(tmp_path: Path, written: str) -> None:
    t2 = [line.replace("行政许可\t5", f"行政许可\t{written}") for line in T2_LINES]
    result = _import(tmp_path, report_text(t2=t2))
    [doubt] = [u for u in result.uncertain if u.cell_id == "t2.xk.decisions"]
    assert written in doubt.reason
    assert result.report.cells["t2.xk.decisions"] is None


@pytest.mark.parametrize("written", ["零", "无", "无件", "〇"])
def test_none_written_as_a_word_is_zero_with_a_note(tmp_path: Path, written: str) -> None:
    t2 = [line.replace("行政许可\t5", f"行政许可\t{written}") for line in T2_LINES]
    result = _import(tmp_path, report_text(t2=t2))
    assert "t2.xk.decisions" not in {u.cell_id for u in result.uncertain}
    assert result.report.cells["t2.xk.decisions"] == 0
    assert written in result.notes["t2.xk.decisions"]


def _html_tables(t3_markup: str | None = None) -> dict[str, str]:
    t4 = simple_table(T4_HEAD + [T4_FIGURES.replace(" ", T)])
    return {"t2": simple_table(T2_LINES), "t3": t3_markup or simple_table(t3_lines()), "t4": t4}


def test_web_page_with_site_navigation(tmp_path: Path) -> None:
    result = _import(tmp_path, html_page(_html_tables()), ".html")
    _assert_read(result)
    assert result.report.meta.organ == "测试县数据局" and result.report.meta.year == 2024
    assert "版权所有" not in result.report.sections["s6"].full_text()  # the site footer is not the report


@pytest.mark.parametrize("declared", ["gbk", "gb2312", None])
def test_gbk_web_page(tmp_path: Path, declared: str | None) -> None:
    page = html_page(_html_tables(), charset=declared or "")
    if declared is None:
        page = page.replace('<meta charset="">', "")
    result = _import(tmp_path, page.encode("gbk"), ".htm")
    _assert_read(result)
    assert result.report.meta.organ == "测试县数据局"


def test_rowspan_and_colspan(tmp_path: Path) -> None:
    rows = ["<tr><td colspan='3' rowspan='3'>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
            "<td colspan='7'>申请人情况</td></tr>",
            "<tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td><td rowspan='2'>总计</td></tr>",
            "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"]
    from tests.import_sources import T3_FIGURES, T3_LABELS, T3_ROW_IDS
    spans = {"三、本年度办理结果": 22, "（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}
    for row_id, labels in zip(T3_ROW_IDS, T3_LABELS):
        figures = "".join(f"<td>{f}</td>" for f in T3_FIGURES.get(row_id, "0 0 0 0 0 0 0").split())
        first, group, leaf = labels
        if row_id == "r1":
            first = "三、本年度办理结果"
        cells = ""
        if first:
            span = spans.get(first)
            cells += f"<td rowspan='{span}'>{first}</td>" if span else f"<td colspan='3'>{first}</td>"
        if group:
            span = spans.get(group)
            cells += f"<td rowspan='{span}'>{group}</td>" if span else f"<td colspan='2'>{group}</td>"
        if leaf:
            cells += f"<td>{leaf}</td>"
        rows.append(f"<tr>{cells}{figures}</tr>")
    t3 = f"<table><tbody>{''.join(rows)}</tbody></table>"
    t2 = simple_table(T2_LINES).replace("<td>5</td><td></td><td></td>", "<td colspan='3'>5</td>")
    tables = _html_tables(t3)
    tables["t2"] = t2
    _assert_read(_import(tmp_path, html_page(tables), ".html"))


def test_nested_tags_split_labels_and_figures(tmp_path: Path) -> None:
    t3 = simple_table(t3_lines())
    t3 = t3.replace("<td>（一）予以公开</td>",
                    "<td><p><span>（</span><span>一</span><span>）</span><font face='仿宋'>予以公开</font></p></td>")
    t3 = t3.replace("<td>商业企业</td>", "<td><p>商业</p><p>企业<o:p></o:p></p></td>")
    t3 = t3.replace("<td>5</td>", "<td><p align='center'><span><b>5</b></span><o:p></o:p></p></td>", 1)
    t3 = t3.replace("<td>1.属于国家秘密</td>", "<td><p>1.属于<br/>国家秘密&nbsp;</p></td>")
    _assert_read(_import(tmp_path, html_page(_html_tables(t3)), ".html"))


def test_truncated_web_page_gives_a_clear_message(tmp_path: Path) -> None:
    page = html_page(_html_tables())
    with pytest.raises(ImportSourceError, match="不完整"):
        _import(tmp_path, page[: len(page) // 2], ".html")


def test_a_page_that_is_not_a_report(tmp_path: Path) -> None:
    page = "<html><body><h1>通知公告</h1><p>关于开展2024年度安全检查的通知</p><table><tr><td>1</td><td>2</td></tr></table></body></html>"
    with pytest.raises(ImportSourceError, match="不是政府信息公开工作年度报告"):
        _import(tmp_path, page, ".html")


def test_text_that_is_not_a_report(tmp_path: Path) -> None:
    with pytest.raises(ImportSourceError, match="不是政府信息公开工作年度报告"):
        _import(tmp_path, "会议纪要\n一、会议内容\n讨论了工作安排。\n")
