"""打印预览 and 打印 of exactly the exported PDF: the pages shown and printed are rendered from its bytes.

Qt's own PDF module (QtPdf) is not in the PyPI build of PySide6 6.12, and its ``pdf`` image
plugin cannot load without it, so pages are rendered with pypdfium2 — the same PDFium engine
QtPdf wraps — which ships wheels for Windows and Linux and needs no display.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QMarginsF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import NianbaoError
from app.exporters.pdf import export_pdf
from app.fonts import FontFile
from app.report import Report
from ui.window_geometry import fit_to_screen

PRINT_DPI = 600  # enough for 7-point table text; one A4 page is then 35 MB of grey
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


class PrintError(NianbaoError):
    """A PDF that cannot be shown or printed."""


class PdfPages:
    """The pages of one PDF, rendered on demand from its bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        try:
            self._document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise PrintError("无法打开这份PDF，文件可能已损坏。") from error

    def __len__(self) -> int:
        return len(self._document)

    def close(self) -> None:
        """Free PDFium's copy of the document (the preview is done with it)."""
        self._document.close()

    def size_points(self, index: int) -> tuple[float, float]:
        """A page's width and height in points (1/72 inch)."""
        width, height = self._document[index].get_size()
        return float(width), float(height)

    def render(self, index: int, dpi: float) -> QImage:
        """One page as a grey image at ``dpi`` (the report is black on white)."""
        bitmap = self._document[index].render(scale=dpi / 72, grayscale=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_Grayscale8)
        return image.copy()  # detach from PDFium's buffer before it is freed


def print_pdf(source: bytes | str | Path, printer: QPrinter, dpi: int = PRINT_DPI) -> int:
    """Print every page of a PDF to ``printer``, each filling the paper as in the file; the page count."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    pages = PdfPages(data)
    if not len(pages):
        raise PrintError("这份PDF没有页面，无法打印。")
    width, height = pages.size_points(0)
    size = QPageSize(QPageSize.PageSizeId.A4)
    if abs(width - 595.28) > 2 or abs(height - 841.89) > 2:
        size = QPageSize(QSizeF(width, height), QPageSize.Unit.Point)
    # The file's pages already carry their margins: print each on the whole sheet, unmoved.
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)  # after setPageLayout, which resets it
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("无法开始打印：打印机不可用或无法写入输出文件。")
    try:
        for index in range(len(pages)):
            if index:
                printer.newPage()
            image = pages.render(index, min(dpi, max(printer.resolution(), 150)))
            painter.drawImage(printer.paperRect(QPrinter.Unit.DevicePixel), image)
    finally:
        painter.end()
    return len(pages)


class PrintPreviewDialog(QDialog):
    """The exported pages one under another, with 打印… sending those same pages to a printer."""

    def __init__(self, data: bytes, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = PdfPages(data)
        self.title = title
        self.zoom = 1.0
        self.setWindowTitle(f"打印预览 — {title}" if title else "打印预览")
        fit_to_screen(self, 900, 960)  # never larger than the screen (1024×768, 200 %…)
        self.printed_to = ""  # the printer (or file) the pages last went to, for the message afterwards
        self._labels: list[QLabel] = []
        self.count_label = QLabel(f"共 {len(self.pages)} 页")
        self.print_button = QPushButton("打印…")
        self.print_button.clicked.connect(self.print_with_dialog)
        zoom_in, zoom_out, close = QPushButton("放大"), QPushButton("缩小"), QPushButton("关闭")
        zoom_in.clicked.connect(lambda: self.set_zoom(self._step(+1)))
        zoom_out.clicked.connect(lambda: self.set_zoom(self._step(-1)))
        close.clicked.connect(self.reject)
        bar = QHBoxLayout()
        for widget in (self.print_button, zoom_out, zoom_in, self.count_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(close)
        column = QWidget()
        self._column = QVBoxLayout(column)
        self._column.setSpacing(12)
        self._column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        for _ in range(len(self.pages)):
            label = QLabel()
            label.setStyleSheet("background: white; border: 1px solid #999;")
            self._labels.append(label)
            self._column.addWidget(label)
        scroll = QScrollArea()
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        scroll.setStyleSheet("QScrollArea { background: #777; }")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll)
        self.set_zoom(1.0)

    @classmethod
    def for_report(cls, report: Report, fonts: Mapping[str, FontFile] | None = None,
                   parent: QWidget | None = None) -> PrintPreviewDialog:
        """Export the report and preview exactly those bytes; ExportError (with its sentence) if it cannot."""
        return cls(export_pdf(report, fonts).data, report.title, parent)

    def _step(self, direction: int) -> float:
        """The next zoom step up or down from the current one."""
        steps = list(ZOOM_STEPS)
        index = min(range(len(steps)), key=lambda i: abs(steps[i] - self.zoom))
        return steps[max(0, min(len(steps) - 1, index + direction))]

    def set_zoom(self, zoom: float) -> None:
        """Render every page again at ``zoom`` × the screen's resolution."""
        self.zoom = zoom
        ratio = self.devicePixelRatioF()
        dpi = self.logicalDpiX() * zoom * ratio
        for index, label in enumerate(self._labels):
            pixmap = QPixmap.fromImage(self.pages.render(index, dpi))
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)

    def page_pixmaps(self) -> list[QPixmap]:
        """The pages as shown (for tests and screenshots)."""
        return [label.pixmap() for label in self._labels]

    def print_to(self, printer: QPrinter) -> int:
        """Print the previewed pages to a printer already chosen; the number of pages printed."""
        printer.setDocName(self.title or "政府信息公开工作年度报告")
        self.printed_to = printer.outputFileName() or printer.printerName()
        return print_pdf(self.pages.data, printer)

    def print_with_dialog(self, printer: QPrinter | None = None) -> int:
        """Ask for a printer in Qt's print dialog, then print; 0 when the user cancels."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        try:
            return self.print_to(printer)
        except NianbaoError as error:
            QMessageBox.warning(self, "打印失败", str(error))
            return 0
