"""``nianbao --self-test``: prove an installation works, step by step, without a display.

IT staff run it after a rollout and CI runs it on every build: it opens the main window
(offscreen) on a built-in sample, checks it, exports a PDF into a temporary folder, renders
its first page with PDFium as the print preview does, verifies that every font in it is
embedded, imports that PDF back and compares the figures. One Chinese
line per step; exit code 0 only if every step held. Qt is loaded only inside the window and
preview steps, so ``app`` stays free of Qt when this module is imported.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from app.report import Part, Report
from app.version import __version__

EXIT_PASSED, EXIT_FAILED = 0, 1
WINDOW_STEP = "打开主窗口"  # bench/bench_package.py times the start of the program up to this line

# The built-in sample: a small county office's year that reconciles everywhere.
_SAMPLE_FIGURES: dict[str, int | Decimal] = {
    "t2.gf.made": 3, "t2.gf.repealed": 1, "t2.gf.valid": 12, "t2.xk.decisions": 45,
    "t2.cf.decisions": 7, "t2.fee.amount": Decimal("1.25"),
    "t3.new.natural": 10, "t3.new.business": 2, "t3.carried.natural": 1,
    "t3.r1.natural": 6, "t3.r2.natural": 1, "t3.r4_1.natural": 1, "t3.r1.business": 2,
    "t3.next.natural": 3,
    "t4.review.upheld": 1, "t4.review.total": 1,
}
_SAMPLE_TEXT = {
    "s2": "本年度主动公开政府信息情况见下表。",
    "s3": "本年度共收到政府信息公开申请12件，上年结转1件，按时答复10件，结转下年度3件。",
    "s4": "本年度发生行政复议1件，结果维持。",
    "s5": "存在的主要问题：公开内容还不够全面。改进情况：加强业务培训，完善工作制度。",
    "s6": "本年度未收取信息处理费。",
}


def sample_report() -> Report:
    """A complete report with figures that pass every check, for the self-test."""
    report = Report.new(organ="示例县数据局", year=2025, kind="部门")
    report.meta.published = "2026-01-20"
    report.sections["s1"].text = "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，推进政务公开工作。"
    report.sections["s1"].parts = [Part(p.title, f"{p.title}工作按计划完成。") for p in report.sections["s1"].parts]
    for section, text in _SAMPLE_TEXT.items():
        report.sections[section].text = text
    for cell_id, value in _SAMPLE_FIGURES.items():
        if cell_id not in report.computed_cells():
            report.set_cell(cell_id, value)
    return report


class StepFailed(Exception):
    """A step did not hold; the message says what was wrong, in Chinese."""


@dataclass
class _Run:
    """What the steps hand on to each other."""

    folder: Path
    report: Report | None = None
    pdf: Path | None = None


def _step_files(run: _Run) -> str:
    from app.assets import resource, resources_root
    from app.fonts import BUNDLED, FALLBACK

    from ui.help_viewer import GUIDE

    for relative in [*BUNDLED.values(), FALLBACK, "icons/nianbao.svg", GUIDE]:  # the user guide too (F1)
        resource(relative)
    return f"程序文件齐全（{resources_root()}）"


def _step_window(run: _Run) -> str:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed, and no window flashes up
    from PySide6.QtCore import QCoreApplication

    from ui.application import make_application
    from ui.document import Document
    from ui.main_window import MainWindow

    hook = sys.excepthook
    app = make_application()
    sys.excepthook = hook  # a failing step is reported here, not in a dialog nobody sees
    assert run.report is not None
    window = MainWindow(Document(run.report))
    window.show()
    app.processEvents()
    if not window.isVisible():
        raise StepFailed("主窗口没有显示出来")
    if run.report.meta.organ not in window.windowTitle():
        raise StepFailed(f"窗口标题不对：{window.windowTitle()}")
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    if cancel != "取消":
        raise StepFailed(f"缺少 Qt 的中文翻译文件（“Cancel”显示为“{cancel}”）")
    window.close()
    window.deleteLater()
    app.processEvents()
    return "主窗口已打开并显示示例报告，Qt 对话框为中文"


def _step_check(run: _Run) -> str:
    from app.rules import check

    assert run.report is not None
    findings = check(run.report)
    errors = [f for f in findings if f.is_error]
    if errors:
        raise StepFailed(f"示例报告检查出 {len(errors)} 个错误：{errors[0].message}")
    return f"勾稽关系和内容检查通过（{len(findings)} 个提示）"


def _step_export(run: _Run) -> str:
    from app.exporters.pdf import write_pdf

    assert run.report is not None
    run.pdf = run.folder / "自检.pdf"
    exported = write_pdf(run.report, run.pdf)
    if exported.draft:
        raise StepFailed("导出的 PDF 带有“草稿”标记")
    return f"已导出 PDF（{exported.pages} 页，{run.pdf.stat().st_size // 1024} KB）"


def _fonts_of(pdf: Path) -> Iterator[tuple[str, bool]]:
    """Every font the PDF's pages use: its name and whether its program is embedded."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    with pdf.open("rb") as handle:
        document = PDFDocument(PDFParser(handle))
        for page in PDFPage.create_pages(document):
            fonts = resolve1(resolve1(page.resources or {}).get("Font", {})) or {}
            for ref in fonts.values():
                font: dict[str, Any] = resolve1(ref)
                base = resolve1(font.get("BaseFont"))
                name = getattr(base, "name", str(base))
                descendants = resolve1(font.get("DescendantFonts")) or []
                holder = resolve1(descendants[0]) if descendants else font
                descriptor = resolve1(holder.get("FontDescriptor")) or {}
                yield name, any(key in descriptor for key in ("FontFile", "FontFile2", "FontFile3"))


def _exported(run: _Run) -> Path:
    if run.pdf is None or not run.pdf.is_file():
        raise StepFailed("没有可检查的 PDF（导出未成功）")
    return run.pdf


def _step_fonts(run: _Run) -> str:
    run.pdf = _exported(run)
    fonts = dict(_fonts_of(run.pdf))
    if not fonts:
        raise StepFailed("PDF 中没有字体")
    missing = [name for name, embedded in fonts.items() if not embedded]
    if missing:
        raise StepFailed(f"这些字体没有嵌入 PDF：{'、'.join(missing)}")
    return f"PDF 中的 {len(fonts)} 种字体均已嵌入"


def _step_preview(run: _Run) -> str:
    from ui.print_preview import PdfPages  # PDFium, as 打印预览 and 打印 use it

    pages = PdfPages(_exported(run).read_bytes())
    try:
        image = pages.render(0, 50)
        width, height = image.width(), image.height()
        inked = sum(image.pixelColor(x, y).value() < 128 for x in range(0, width, 2) for y in range(0, height, 2))
        count = len(pages)
    finally:
        pages.close()
    if inked < 200:
        raise StepFailed("PDFium 画出的第一页是空白的")
    return f"打印预览可用：PDFium 读出 {count} 页，第一页 {width}×{height} 像素"


def _step_import(run: _Run) -> str:
    from app.importers import read_source
    from app.values import number

    assert run.report is not None
    result = read_source(_exported(run))
    back = result.report
    if back.meta.organ != run.report.meta.organ or back.meta.year != run.report.meta.year:
        raise StepFailed(f"导入的机关或年度不对：{back.meta.organ} {back.meta.year}")
    wrong = [c for c, v in run.report.cells.items() if number(back.cells.get(c)) != number(v)]
    if wrong:
        raise StepFailed(f"导入的 PDF 有 {len(wrong)} 个数字与原报告不同，如 {wrong[0]}")
    return f"导入导出的 PDF 成功，{len(run.report.cells)} 个数字全部一致"


STEPS: tuple[tuple[str, Callable[[_Run], str]], ...] = (
    ("检查程序文件", _step_files),
    (WINDOW_STEP, _step_window),
    ("检查示例报告", _step_check),
    ("导出 PDF", _step_export),
    ("打印预览", _step_preview),
    ("检查字体嵌入", _step_fonts),
    ("导入 PDF", _step_import),
)


def run_self_test(out: TextIO | None = None) -> int:
    """Run every step, print one line each; EXIT_PASSED only if all held."""
    out = out or sys.stdout
    print(f"nianbao {__version__} 自检开始", file=out, flush=True)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="nianbao-selftest-") as folder:
        run = _Run(Path(folder), sample_report())
        for number_, (name, step) in enumerate(STEPS, 1):
            started = time.perf_counter()
            try:
                detail = step(run)
                verdict = "通过"
            except Exception as error:  # noqa: BLE001 — every failure is a failed step, said plainly
                detail = str(error) or type(error).__name__
                verdict = "失败"
                failed += 1
            took = time.perf_counter() - started
            print(f"[{number_}/{len(STEPS)}] {name}：{verdict}。{detail}（{took:.2f} 秒）", file=out, flush=True)
    if failed:
        print(f"自检未通过：{failed} 个步骤失败。", file=out, flush=True)
        return EXIT_FAILED
    print("自检通过：本程序可以正常使用。", file=out, flush=True)
    return EXIT_PASSED
