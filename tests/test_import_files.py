"""Word files and PDFs made in the tests, broken files, and the command line's exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.errors import ImportSourceError
from app.importers import MAX_SOURCE_BYTES, read_source
from tests.helpers import run_cli
from tests.import_sources import NARRATIVE, T, T2_LINES, T4_FIGURES, T4_HEAD, t3_lines


def _word_report(path: Path, t3_rows: list[str] | None = None) -> None:
    """A Word report with real tables; table 三's group labels are vertically merged cells."""
    document = docx.Document()
    document.add_paragraph("测试县数据局2024年政府信息公开工作年度报告")
    for line in NARRATIVE["s1"].split("\n"):
        document.add_paragraph(line)
    for heading, lines in (("二、主动公开政府信息情况", T2_LINES), ("三、收到和处理政府信息公开申请情况", t3_rows or t3_lines()),
                           ("四、政府信息公开行政复议、行政诉讼情况", T4_HEAD + [T4_FIGURES.replace(" ", T)])):
        document.add_paragraph(heading)
        rows = [line.split(T) for line in lines]
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text
        if heading.startswith("三"):
            top = next(r for r, cells in enumerate(rows) if cells[1] == "（三）不予公开")
            table.cell(top, 1).merge(table.cell(top + 7, 1))  # 8 rows of （三）不予公开 in one cell
            table.cell(top, 1).text = "（三）不予公开"
    for key in ("s5", "s6"):
        for line in NARRATIVE[key].split("\n"):
            document.add_paragraph(line)
    document.save(str(path))


def test_word_report_with_merged_cells(tmp_path: Path) -> None:
    path = tmp_path / "年报.docx"
    _word_report(path)
    result = read_source(path)
    assert result.uncertain == []
    cells = result.report.cells
    assert (cells["t3.new.total"], cells["t3.r7.natural"], cells["t2.xk.decisions"], cells["t4.review.total"]) == \
        (6, 3, 5, 1)
    assert cells["t3.r3_8.total"] == 0 and result.report.meta.organ == "测试县数据局"


def test_empty_word_file(tmp_path: Path) -> None:
    path = tmp_path / "空.docx"
    docx.Document().save(str(path))
    with pytest.raises(ImportSourceError, match="空的 Word 文件|不是政府信息公开工作年度报告"):
        read_source(path)


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04broken", b"not a zip at all"], ids=["empty", "bad-zip", "text"])
def test_broken_word_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "坏.docx"
    path.write_bytes(content)
    with pytest.raises(ImportSourceError) as raised:
        read_source(path)
    assert "坏.docx" in str(raised.value)


def test_a_pdf_that_is_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "random.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.drawString(72, 720, "Quarterly figures 2024: 12 34 56")
    page.save()
    with pytest.raises(ImportSourceError, match="不是政府信息公开工作年度报告"):
        read_source(path)


def test_a_pdf_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.rect(72, 72, 300, 300, fill=1)
    page.save()
    with pytest.raises(ImportSourceError, match="没有文字层"):
        read_source(path)


def test_truncated_pdf(tmp_path: Path, shared: Path) -> None:
    data = (shared / "realworld" / "hongze-2024.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(ImportSourceError):
        read_source(path)


def test_not_a_pdf_at_all(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_text("一、总体情况", encoding="utf-8")
    with pytest.raises(ImportSourceError, match="不是 PDF"):
        read_source(path)


@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx", ".pdf", ".json"])
def test_a_file_over_50_mb(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"big{suffix}"
    with path.open("wb") as handle:
        handle.truncate(MAX_SOURCE_BYTES + 1)
    with pytest.raises(ImportSourceError, match="太大"):
        read_source(path)


def test_unknown_kind_of_file(tmp_path: Path) -> None:
    path = tmp_path / "report.odt"
    path.write_bytes(b"x")
    with pytest.raises(ImportSourceError, match="不支持"):
        read_source(path)


def test_a_broken_or_foreign_workbook_is_refused_in_chinese(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "report.xlsx"
    path.write_bytes(b"x")
    with pytest.raises(ImportSourceError, match="不是有效的 Excel 文件"):
        read_source(path)
    book = openpyxl.Workbook()
    book.active.title = "工资表"
    book.active["A1"] = "姓名"
    book.save(path)
    with pytest.raises(ImportSourceError, match="没有找到年报的表格"):
        read_source(path)


def test_import_exit_codes(tmp_path: Path, shared: Path) -> None:
    source = tmp_path / "a.txt"
    text = (shared / "samples" / "huiji-2022.txt").read_text(encoding="utf-8")
    source.write_text(text.replace("行政处罚\t0\t\t", "行政处罚\t0\t7\t"), encoding="utf-8")
    draft = tmp_path / "a.nianbao"
    done = run_cli("import", str(source), "-o", str(draft))
    assert done.returncode == 1, done.stderr
    assert "不确定：1 项" in done.stdout and "行政处罚" in done.stdout and draft.exists()
    shown = json.loads(run_cli("show", str(draft), "--json").stdout)
    assert shown["cells"]["t2.cf.decisions"] is None and "t2.cf.decisions" in shown["uncertain"]
    broken = tmp_path / "b.html"
    broken.write_bytes(b"<html><body><p>\xff\xfe\x00garbage")
    out = tmp_path / "b.nianbao"
    done = run_cli("import", str(broken), "-o", str(out))
    assert done.returncode == 2 and not out.exists() and "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert "b.html" in line


def test_check_any_importable_source(tmp_path: Path, shared: Path) -> None:
    copy = tmp_path / "pingtan.htm"
    shutil.copy(shared / "realworld" / "pingtan-2024.html", copy)
    done = run_cli("check", str(copy), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["findings"] == []
