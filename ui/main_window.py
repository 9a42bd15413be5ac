"""The main window: navigator, section forms, the 问题 panel, menus, files and autosave."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QStyle,
    QWidget,
)

from app.errors import NianbaoError, ReadOnlyDraftError
from app.report import TOTALS_COMPUTED, TOTALS_NAMES, TOTALS_PUBLISHED, Report
from app.rules import Finding
from app.store import SUFFIX, atomic_write, load
from app.userdata import Autosaver, recent_files, remember_recent
from ui import dialogs
from ui.document import Document
from ui.problems import ProblemsPanel, summary
from ui.section_pages import MetaPage, NarrativePage, TablePage
from ui.table_view import ReportTableView

if TYPE_CHECKING:  # loaded when first used: keeps the window's start quick
    from app.exporters.pdf import Exported
    from ui.import_dialog import ImportDialog
    from ui.print_preview import PrintPreviewDialog

APP_NAME = "政务公开年报填报"
AUTOSAVE_DELAY_MS = 3000
META_PAGE = "meta"


class MainWindow(QMainWindow):
    """One window, one draft."""

    autosaved = Signal()

    def __init__(self, document: Document | None = None) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.resize(1366, 768)
        self.autosaver = Autosaver()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.last_message = ""
        self.forced_dirty = False
        self.navigator = QListWidget()
        self.navigator.setMinimumWidth(214)
        self.navigator.setMaximumWidth(280)
        self.navigator.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigator.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.navigator.currentRowChanged.connect(self._show_page)
        self.stack = QStackedWidget()
        splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([214, 1150])
        self.setCentralWidget(splitter)
        self.dock = QDockWidget("问题", self)
        self.dock.setObjectName("problems")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [150], Qt.Orientation.Vertical)
        self.counts = QLabel()
        self.saved_label = QLabel()
        self.statusBar().addWidget(self.counts)
        self.statusBar().addPermanentWidget(self.saved_label)
        self._build_actions()
        self.document: Document
        self.pages: dict[str, QWidget] = {}
        self.set_document(document or Document(Report.new()))

    # ------------------------------------------------------------------ document

    def set_document(self, document: Document) -> None:
        """Show another draft in this window, rebuilding the forms from its layout."""
        previous = getattr(self, "document", None)
        document.setParent(self)
        self.document = document
        self.forced_dirty = False
        self.autosaver.clear()
        self.autosaver = Autosaver()
        while self.stack.count():
            page = self.stack.widget(0)
            self.stack.removeWidget(page)
            page.deleteLater()
        self.navigator.clear()
        self.pages = {META_PAGE: MetaPage(document)}
        document.notice.connect(self.show_message)
        for section in document.report.layout.sections:
            page = TablePage(document, section) if section.table else NarrativePage(document, section)
            self.pages[section.id] = page
            if isinstance(page, TablePage):
                page.view.message.connect(self.show_message)
        for key, page in self.pages.items():
            self.stack.addWidget(page)
            label = "报告信息" if key == META_PAGE else self._section_label(key)
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.navigator.addItem(item)
        self.problems = ProblemsPanel(document)
        self.problems.finding_activated.connect(self.go_to_finding)
        self.problems.acknowledge_requested.connect(self._acknowledge)
        self.dock.setWidget(self.problems)
        document.findings_changed.connect(self._update_counts)
        document.undo_stack.cleanChanged.connect(self._update_title)
        document.undo_stack.indexChanged.connect(self._changed)
        document.path_changed.connect(lambda _p: self._update_title())
        document.text_changed.connect(lambda place: self._update_title() if place[0] == "meta" else None)
        document.totals_mode_changed.connect(self._sync_totals_action)
        self._bind_undo(document)
        self._sync_totals_action(document.report.totals)
        self.navigator.setCurrentRow(1 if document.report.meta.organ else 0)
        self._update_counts(document.findings)
        self._update_title()
        self.saved_label.setText("")
        if previous is not None:
            previous.deleteLater()

    def _section_label(self, section_id: str) -> str:
        section = self.document.report.layout.section(section_id)
        return f"{section.number}、{section.short}"

    @property
    def dirty(self) -> bool:
        """Whether the draft has changes not yet saved to its file."""
        return self.forced_dirty or not self.document.undo_stack.isClean()

    def _update_title(self) -> None:
        report = self.document.report
        name = self.document.path.name if self.document.path else "未命名草稿"
        title = report.title if report.meta.organ else name
        self.setWindowTitle(f"{title}[*] — {APP_NAME}")
        self.setWindowModified(self.dirty)

    def _changed(self) -> None:
        self._update_title()
        if self.dirty:
            self.autosave_timer.start()
        else:
            self.autosave_timer.stop()
            self.autosaver.clear()

    def autosave(self) -> None:
        """Keep a copy in the user folder so a crash loses at most a few seconds."""
        self.commit_open_editors()
        if not self.dirty:
            return
        try:
            self.autosaver.write(self.document.report, self.document.path)
        except NianbaoError as error:
            self.show_message(f"自动保存失败：{error}")
            return
        self.saved_label.setText(f"已自动保存 {time.strftime('%H:%M')}")
        self.autosaved.emit()

    # ------------------------------------------------------------------ counts and navigation

    def _finding_page(self, finding: Finding) -> str:
        if finding.section:
            return finding.section
        if finding.cells:
            return self._section_of(finding.cells[0])
        return META_PAGE

    def _section_of(self, cell_id: str) -> str:
        """The section whose table holds a cell."""
        report = self.document.report
        return report.layout.table(report.cell(cell_id).table).section

    def show_cell(self, cell_id: str) -> None:
        """Bring a cell's table to the front with the cursor on the cell."""
        page = self.show_page(self._section_of(cell_id))
        if isinstance(page, TablePage):
            page.view.select_cell(cell_id)

    def _update_counts(self, findings: list[Finding]) -> None:
        per_page: dict[str, list[int]] = {}
        acknowledged = self.document.report.acknowledgements
        for finding in findings:
            if not finding.is_error and finding.key in acknowledged:
                continue
            tally = per_page.setdefault(self._finding_page(finding), [0, 0])
            tally[0 if finding.is_error else 1] += 1
        style = self.style()
        for row in range(self.navigator.count()):
            item = self.navigator.item(row)
            key = item.data(Qt.ItemDataRole.UserRole)
            errors, warnings = per_page.get(key, [0, 0])
            base = "报告信息" if key == META_PAGE else self._section_label(key)
            if errors:
                icon, suffix = QStyle.StandardPixmap.SP_MessageBoxCritical, f"  {errors} 错"
            elif warnings:
                icon, suffix = QStyle.StandardPixmap.SP_MessageBoxWarning, f"  {warnings} 提示"
            else:
                icon, suffix = QStyle.StandardPixmap.SP_DialogApplyButton, ""
            if errors and warnings:
                suffix += f"·{warnings} 提示"
            item.setText(base + suffix)
            item.setIcon(style.standardIcon(icon))
            item.setToolTip(f"{errors} 个错误，{warnings} 个提示")
        errors, warnings = summary(findings)
        self.counts.setText(f"错误 {errors} · 提示 {warnings}")

    def _show_page(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentIndex(row)

    def show_page(self, key: str) -> QWidget:
        """Bring a page to the front."""
        keys = list(self.pages)
        self.navigator.setCurrentRow(keys.index(key))
        return self.pages[key]

    def go_to_finding(self, finding: Finding) -> None:
        """Jump to the cell, paragraph or field a finding is about, cursor there."""
        if finding.cells:
            self.show_cell(finding.cells[0])
            return
        page = self.show_page(self._finding_page(finding))
        if isinstance(page, TablePage):
            page.view.setFocus()
        elif isinstance(page, NarrativePage):
            page.focus_text()
        elif isinstance(page, MetaPage):
            field = page.year if finding.key.endswith(":year") else page.organ
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_table_view(self) -> ReportTableView | None:
        """The table view of the page shown, if it is a table page."""
        page = self.stack.currentWidget()
        return page.view if isinstance(page, TablePage) else None

    def show_message(self, sentence: str) -> None:
        """A sentence in the status bar (kept for a while)."""
        self.last_message = sentence
        self.statusBar().showMessage(sentence, 10000)

    def _acknowledge(self, finding: Finding) -> None:
        text = dialogs.ask_acknowledgement(self, finding, self.document.report.acknowledgements.get(finding.key, ""))
        if text is not None:
            self.document.acknowledge(finding.key, text)

    # ------------------------------------------------------------------ actions

    def _action(self, text: str, slot: object, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action("新建(&N)", self.new_draft, keys.New, "新建一份空白草稿")
        self.open_action = self._action("打开(&O)…", self.open_dialog, keys.Open, "打开草稿文件")
        self.save_action = self._action("保存(&S)", self.save, keys.Save, "保存草稿")
        self.save_as_action = self._action("另存为(&A)…", self.save_as, keys.SaveAs, "把草稿保存为另一个文件")
        self.quit_action = self._action("退出(&X)", self.close, keys.Quit)
        self.import_action = self._action("导入已发布的报告(&I)…", self.import_dialog, "Ctrl+I",
                                          "从网页、Word、PDF 或粘贴的文字导入一份已发布的报告")
        self.export_action = self._action("导出PDF(&E)…", self.export_dialog, "Ctrl+E", "导出可发布、打印的 PDF")
        self.preview_action = self._action("打印预览(&V)…", self.print_preview, "Ctrl+Shift+P",
                                           "查看将要打印的页面")
        self.print_action = self._action("打印(&P)…", self.print_report, keys.Print, "选择打印机并打印")
        self.undo_action = QAction("撤销", self)
        self.redo_action = QAction("重做", self)
        self.copy_action = self._action("复制(&C)", self._copy, keys.Copy)
        self.paste_action = self._action("粘贴(&P)", self._paste, keys.Paste, "从 Excel 或 WPS 粘贴一块数据")
        self.clear_action = self._action("清零(&D)", self._clear, None, "把选中的单元格设为 0")
        self.check_action = self._action("检查(&K)", self.check_now, "F5", "显示全部问题")
        self.totals_action = self._action(TOTALS_NAMES[TOTALS_PUBLISHED], self._toggle_totals, None,
                                          "合计不自动计算，按原样录入并接受检查")
        self.totals_action.setCheckable(True)
        self.fonts_action = self._action("字体设置(&Z)…", self.font_settings, None,
                                         "导出和打印时使用本机安装的字体")
        self.about_action = self._action("关于(&A)", lambda: dialogs.about(self))

        file_menu = self.menuBar().addMenu("文件(&F)")
        for action in (self.new_action, self.open_action):
            file_menu.addAction(action)
        self.recent_menu = file_menu.addMenu("最近打开的文件")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        for action in (self.export_action, self.preview_action, self.print_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu("编辑(&E)")
        self.report_menu = self.menuBar().addMenu("报告(&R)")
        self.report_menu.addAction(self.check_action)
        self.report_menu.addAction(self.totals_action)
        self.report_menu.addSeparator()
        self.report_menu.addAction(self.fonts_action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        help_menu.addAction(self.about_action)
        self.toolbar = self.addToolBar("常用")
        self.toolbar.setObjectName("toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        style = self.style()
        self.save_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.open_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
        self.check_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton))
        self.export_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        self.preview_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView))
        for action in (self.open_action, self.save_action, self.check_action, self.export_action,
                       self.preview_action):
            self.toolbar.addAction(action)

    def _bind_undo(self, document: Document) -> None:
        """Re-create undo/redo for this draft's stack, with Chinese texts."""
        for action in (self.undo_action, self.redo_action):
            self.edit_menu.removeAction(action)
            self.toolbar.removeAction(action)
        self.undo_action = document.undo_stack.createUndoAction(self, "撤销")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.redo_action = document.undo_stack.createRedoAction(self, "重做")
        self.redo_action.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.edit_menu.clear()
        for action in (self.undo_action, self.redo_action):
            self.edit_menu.addAction(action)
            self.toolbar.addAction(action)
        self.edit_menu.addSeparator()
        for action in (self.copy_action, self.paste_action, self.clear_action):
            self.edit_menu.addAction(action)

    def _copy(self) -> None:
        view = self.current_table_view()
        if view is not None:
            view.copy_selection()

    def _paste(self) -> None:
        view = self.current_table_view()
        if view is not None:
            view.paste()

    def _clear(self) -> None:
        view = self.current_table_view()
        if view is not None:
            view.clear_selection()

    def _toggle_totals(self, on: bool) -> None:
        self.document.set_totals_mode(TOTALS_PUBLISHED if on else TOTALS_COMPUTED)

    def _sync_totals_action(self, mode: str) -> None:
        self.totals_action.setChecked(mode == TOTALS_PUBLISHED)

    def commit_open_editors(self) -> None:
        """A value still being typed into a cell is taken before saving, checking or exporting."""
        for page in self.pages.values():
            if isinstance(page, TablePage):
                page.view.commit_open_editor()

    def check_now(self) -> None:
        """Take any open edit, re-run every rule and show the problems."""
        self.commit_open_editors()
        self.document.checker.run_all()
        self.document.findings_changed.emit(self.document.findings)
        self.dock.show()
        self.problems.list.setFocus()
        errors, warnings = summary(self.document.findings)
        self.show_message(f"检查完成：{errors} 个错误，{warnings} 个提示")

    # ------------------------------------------------------------------ files

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        paths = recent_files()
        if not paths:
            self.recent_menu.addAction("（无）").setEnabled(False)
        for number, path in enumerate(paths, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}  （{path.parent}）")
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False if the user cancelled."""
        self.commit_open_editors()
        if not self.dirty:
            return True
        name = self.document.path.name if self.document.path else "未命名草稿"
        answer = dialogs.ask_save_changes(self, name)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_draft(self) -> None:
        """A blank draft in this window."""
        if self.maybe_save():
            self.set_document(Document(Report.new()))
            self.show_page(META_PAGE)

    def open_dialog(self) -> None:
        """Ask for a draft and open it."""
        if not self.maybe_save():
            return
        folder = str(self.document.path.parent) if self.document.path else ""
        path = dialogs.open_draft(self, folder)
        if path is not None:
            self.open_path(path, ask=False)

    def open_path(self, path: Path, ask: bool = True) -> bool:
        """Open a draft file in this window; a broken file gets a clear message."""
        if ask and not self.maybe_save():
            return False
        notices: list[str] = []
        try:
            report = load(path, notices)
        except NianbaoError as error:
            dialogs.error(self, str(error), "无法打开")
            return False
        self.set_document(Document(report, path))
        remember_recent(path)
        self.show_message(" ".join([f"已打开 {path}", *notices]))
        return True

    def save(self) -> bool:
        """Save to the draft's file (asking where, the first time)."""
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        """Save to a file the user chooses."""
        suggested = self.document.report.title or "年报草稿"
        if self.document.path:
            suggested = str(self.document.path)
        path = dialogs.save_draft_as(self, suggested)
        return self._save_to(path) if path else False

    def _save_to(self, path: Path) -> bool:
        self.commit_open_editors()
        try:
            try:
                self.document.save_to(path)
            except ReadOnlyDraftError:
                if dialogs.ask_replace_read_only(self, path.name) != "replace":
                    return False
                self.document.save_to(path, replace_read_only=True)
        except NianbaoError as error:
            dialogs.error(self, str(error), "保存失败")
            return False
        self.forced_dirty = False
        self._update_title()
        self.autosave_timer.stop()
        self.autosaver.clear()
        remember_recent(path)
        self.saved_label.setText(f"已保存 {time.strftime('%H:%M')}")
        return True

    # ------------------------------------------------------------------ import, export, print

    def import_dialog(self) -> None:
        """Ask for a published report, import it, show what could not be read, open it."""
        if not self.maybe_save():
            return
        path = dialogs.open_source(self)
        if path is not None:
            self.import_path(path)

    def import_path(self, path: Path) -> ImportDialog | None:
        """Import a source into a new, unsaved draft after the user has seen the summary."""
        from app.errors import ImportCancelledError
        from app.worker import import_source
        from ui.import_dialog import ImportDialog
        from ui.progress import run_with_progress

        try:
            result = run_with_progress(self, "导入", f"正在读取“{path.name}”……",
                                       lambda cancelled: import_source(path, cancelled=cancelled))
        except ImportCancelledError as error:
            self.show_message(str(error))
            return None
        except NianbaoError as error:
            dialogs.error(self, str(error), "无法导入")
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
        elif target and target in self.pages:
            self.show_page(target)
        self.show_message(f"已从 {path.name} 导入，请核对后保存")
        return dialog

    def _export(self) -> Exported | None:
        """The report as PDF bytes, or None after telling the user why it cannot be made."""
        from app.exporters.pdf import export_pdf
        from ui.font_dialog import chosen_fonts

        from ui.progress import OperationCancelledError, run_with_progress

        self.commit_open_editors()
        report, fonts = self.document.report, chosen_fonts()
        try:
            return run_with_progress(self, "导出", "正在生成 PDF……", lambda cancelled: export_pdf(report, fonts),
                                     abandon_on_cancel=True)
        except OperationCancelledError as error:
            self.show_message(str(error))
            return None
        except NianbaoError as error:
            failure = error
        dialogs.error(self, str(failure), "无法导出")
        return None

    def export_dialog(self) -> Path | None:
        """Ask where, then write the PDF (with the 草稿 mark while errors remain)."""
        self.commit_open_editors()
        report = self.document.report
        folder = self.document.path.parent if self.document.path else Path.home()
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
        errors, _ = summary(self.document.findings)
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
        self._with_preview(lambda dialog: dialog.print_with_dialog())

    def _with_preview(self, use: Callable[[PrintPreviewDialog], object]) -> None:
        """Export, use the preview of those pages once, then free it."""
        dialog = self.preview_dialog()
        if dialog is not None:
            use(dialog)
            dialog.pages.close()
            dialog.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.maybe_save():
            self.autosaver.clear()
            event.accept()
        else:
            event.ignore()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.toLocalFile().lower().endswith(SUFFIX) for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().lower().endswith(SUFFIX):
                self.open_path(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return
