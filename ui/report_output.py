"""Import, export and printing in the main window: published reports in, PDF and paper out.

A mixin of ``MainWindow``. The heavy libraries (importers, ReportLab, PDFium) load the
first time they are needed, which keeps the window's start quick.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from app.errors import NianbaoError
from app.store import atomic_write
from ui import dialogs
from ui.folders import start_folder
from ui.small_things import printed_message
from ui.document import Document

if TYPE_CHECKING:
    from app.exporters.pdf import Exported
    from ui.import_dialog import ImportDialog
    from ui.print_preview import PrintPreviewDialog


class ReportOutput:  # mixed into MainWindow, whose parts it uses
    """Everything that turns another document into a draft, or the draft into pages."""

    def import_dialog(self) -> None:
        """Ask for a published report, import it, show what could not be read, open it."""
        if not self.maybe_save():
            return
        path = dialogs.open_source(self)
        if path is not None:
            self.import_path(path)

    def import_path(self, path: Path) -> ImportDialog | None:
        """Import a source into a new, unsaved draft after the user has seen the summary."""
        from ui.import_dialog import ImportDialog
        from ui.progress import import_behind_progress

        result = import_behind_progress(self, path, "导入", "无法导入")  # in the worker; the window turns meanwhile
        if result is None:
            return None
        dialog = ImportDialog(result, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return dialog
        self.set_document(Document(result.report))
        self.forced_dirty = True
        self._update_title()
        self.autosave_timer.start()
        target = dialog.chosen
        if target and target in result.report.cells:
            self.show_cell(target)
        elif target and target in self.page_keys:
            self.show_page(target)
        self.show_message(f"已从 {path.name} 导入，请核对后保存")
        return dialog

    def _export(self) -> Exported | None:
        """The report as PDF bytes, or None after telling the user why it cannot be made."""
        from app.errors import WorkCancelledError
        from app.worker import export_report
        from ui.font_dialog import chosen_fonts
        from ui.progress import run_with_progress

        self.commit_open_editors()
        report, fonts = self.document.report, chosen_fonts()
        try:  # in a worker process: the layout never holds this process's interpreter lock
            exported: Exported = run_with_progress(
                self, "导出", "正在生成 PDF……",
                lambda cancelled, progress: export_report("pdf", report, fonts, cancelled=cancelled,
                                                          progress=progress),
                reports_progress=True)
            return exported
        except WorkCancelledError as error:
            self.show_message(str(error))
            return None
        except NianbaoError as error:
            dialogs.error(self, str(error), "无法导出")
            return None

    def export_dialog(self) -> Path | None:
        """Ask where, then write the PDF (with the 草稿 mark while errors remain)."""
        self.commit_open_editors()
        report = self.document.report
        folder = self.document.path.parent if self.document.path else Path(start_folder())
        suggested = str(folder / f"{report.title if report.meta.organ else '年度报告'}.pdf")
        path = dialogs.save_pdf_as(self, suggested)
        return self.export_to(path) if path else None

    def export_to(self, path: Path) -> Path | None:
        """Write the PDF to ``path``; None (after a message) if it cannot be made or written."""
        exported = self._export()
        if exported is None:
            return None
        try:
            atomic_write(path, exported.data, keep_backup=False)
        except NianbaoError as error:
            dialogs.error(self, str(error), "无法导出")
            return None
        errors = self.document.tally.total.errors
        mark = f"；还有 {errors} 个错误，每页带有“草稿”字样" if exported.draft else ""
        self.show_message(f"已导出 {path}（{exported.pages} 页）{mark}")
        return path

    def preview_dialog(self) -> PrintPreviewDialog | None:
        """The print preview of exactly the PDF an export would write."""
        from ui.print_preview import PrintPreviewDialog

        exported = self._export()
        if exported is None:
            return None
        return PrintPreviewDialog(exported.data, self.document.report.title, self)

    def font_settings(self) -> None:
        """Choose installed fonts for the printed report."""
        from ui.font_dialog import FontDialog

        FontDialog(self).exec()

    def print_preview(self) -> None:
        """Show the pages; 打印… in the preview prints those pages."""
        self._with_preview(lambda dialog: dialog.exec())

    def print_report(self) -> None:
        """Choose a printer and print the exported pages."""
        self._with_preview(lambda dialog: self.show_message(printed_message(dialog.print_with_dialog(), dialog.printed_to)))

    def _with_preview(self, use: Callable[[PrintPreviewDialog], object]) -> None:
        """Export, use the preview of those pages once, then free it."""
        dialog = self.preview_dialog()
        if dialog is not None:
            use(dialog)
            dialog.pages.close()
            dialog.deleteLater()
