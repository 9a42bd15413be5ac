"""``nianbao export FILE -o X``: the exporter is chosen by the output's suffix; each file reads back."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.canonical import to_canonical
from app.importers import read_source
from app.store import save
from tests.helpers import run_cli, zero_report


@pytest.mark.parametrize(("suffix", "said"), [(".docx", "已导出 Word 文件"), (".html", "已导出网页"),
                                              (".xlsx", "已导出 Excel 表格"), (".pdf", "已导出")])
def test_export_by_suffix_and_read_back(tmp_path: Path, suffix: str, said: str) -> None:
    report = zero_report(t3__new__natural=5, t3__new__total=5, t3__r1__natural=5, t3__r1__total=5,
                         t3__r7__natural=5, t3__r7__total=5)
    draft = tmp_path / "r.nianbao"
    save(report, draft)
    out = tmp_path / f"报告{suffix}"
    done = run_cli("export", str(draft), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert said in done.stdout and "草稿" not in done.stdout
    back = read_source(out).report if suffix != ".pdf" else None
    if back is not None:
        assert to_canonical(back)["cells"] == to_canonical(report)["cells"]
    again = run_cli("export", str(draft), "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr


def test_an_unknown_suffix_and_fonts_for_word_are_refused(tmp_path: Path) -> None:
    draft = tmp_path / "r.nianbao"
    save(zero_report(), draft)
    done = run_cli("export", str(draft), "-o", str(tmp_path / "r.odt"))
    assert done.returncode == 2 and "扩展名应为" in done.stderr and ".docx" in done.stderr
    done = run_cli("export", str(draft), "-o", str(tmp_path / "r.docx"), "--font", "正文=x.ttf")
    assert done.returncode == 2 and "只用于导出 PDF" in done.stderr


def test_a_draft_with_errors_says_where_the_mark_is(tmp_path: Path) -> None:
    draft = tmp_path / "r.nianbao"
    save(zero_report(t3__new__natural=5), draft)
    done = run_cli("export", str(draft), "-o", str(tmp_path / "r.docx"))
    assert done.returncode == 0 and "页眉带有“草稿”标记" in done.stdout
