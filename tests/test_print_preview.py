"""打印预览 shows the exported pages and 打印 sends exactly those pages to the printer (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageStat
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.errors import ExportError
from app.exporters.pdf import Exported, export_pdf
from tests.sample_report import huiji_report
from ui.print_preview import PdfPages, PrintError, PrintPreviewDialog, print_pdf


@pytest.fixture(scope="module")
def exported() -> Exported:
    return export_pdf(huiji_report())


def _pdf_printer(path: Path) -> QPrinter:
    """A printer that writes a PDF file, as the test's stand-in for paper."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _thumbnail(data: bytes, index: int) -> Image.Image:
    """A page rendered at 150 dpi, then boxed down to 62 × 88: where the ink is, blind to resampling."""
    page = pdfium.PdfDocument(data)[index].render(scale=150 / 72, grayscale=True).to_pil()
    return page.resize((62, 88), Image.Resampling.BOX)


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean grey difference of two thumbnails (0 the same, 255 black against white)."""
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def _printed_is_exported(printed: Path, exported: Exported) -> None:
    data = printed.read_bytes()
    document = pdfium.PdfDocument(data)
    assert len(document) == exported.pages
    for index in range(exported.pages):
        width, height = document[index].get_size()
        assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5  # A4, full page
        printed_page = _thumbnail(data, index)
        assert _difference(printed_page, _thumbnail(exported.data, index)) < 1.5  # the same page
        if index:
            assert _difference(printed_page, _thumbnail(exported.data, index - 1)) > 5  # not another one


def test_preview_shows_every_exported_page_and_prints_the_same_pages(qtbot: QtBot, tmp_path: Path,
                                                                     exported: Exported) -> None:
    dialog = PrintPreviewDialog(exported.data, "惠济区2022年报")
    qtbot.addWidget(dialog)
    pixmaps = dialog.page_pixmaps()
    assert len(pixmaps) == exported.pages == 5
    assert all(p.height() > p.width() > 300 for p in pixmaps)
    assert dialog.count_label.text() == f"共 {exported.pages} 页"
    printed = tmp_path / "printed.pdf"
    assert dialog.print_to(_pdf_printer(printed)) == exported.pages
    _printed_is_exported(printed, exported)


def test_print_button_goes_through_qt_print_dialog(qtbot: QtBot, tmp_path: Path, exported: Exported) -> None:
    dialog = PrintPreviewDialog(exported.data, "惠济区2022年报")
    qtbot.addWidget(dialog)
    seen: list[str] = []

    def accept_print_dialog() -> None:
        active = QApplication.activeModalWidget()
        if isinstance(active, QPrintDialog):
            seen.append(active.windowTitle())
            active.accept()
        else:
            QTimer.singleShot(20, accept_print_dialog)

    QTimer.singleShot(20, accept_print_dialog)
    printed = tmp_path / "chosen.pdf"
    assert dialog.print_with_dialog(_pdf_printer(printed)) == exported.pages
    assert seen == ["打印"]
    _printed_is_exported(printed, exported)


def test_print_pdf_takes_a_file_and_refuses_a_broken_one(qtbot: QtBot, tmp_path: Path,
                                                        exported: Exported) -> None:
    source = tmp_path / "report.pdf"
    source.write_bytes(exported.data)
    printed = tmp_path / "out.pdf"
    assert print_pdf(source, _pdf_printer(printed), dpi=150) == exported.pages
    assert len(PdfPages(printed.read_bytes())) == exported.pages
    with pytest.raises(PrintError, match="损坏"):
        PdfPages(b"%PDF-1.4 not really")


def test_preview_of_a_report_shows_exactly_its_export(qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1769045400")  # both exports at one moment: the same bytes
    report = huiji_report()
    dialog = PrintPreviewDialog.for_report(report)
    qtbot.addWidget(dialog)
    assert dialog.pages.data == export_pdf(report).data
    assert dialog.windowTitle() == f"打印预览 — {report.title}"
    report.sections["s6"].text = "生僻字𠀀"
    with pytest.raises(ExportError, match="U\\+20000"):
        PrintPreviewDialog.for_report(report)
