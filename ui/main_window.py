"""The main window: it only wires parts together.

The parts live in modules of their own: the navigator (``ui.navigator``), the 问题 panel
(``ui.problems``), the forms (``ui.section_pages``), the file workflow (``ui.file_workflow``:
new, open, save, recent, drop, autosave) and import, export and printing
(``ui.report_output``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QSplitter, QStackedWidget, QStyle, QWidget

from app.report import TOTALS_COMPUTED, TOTALS_NAMES, TOTALS_PUBLISHED, Report
from app.editing import MetaPlace
from app.rules import Finding, place_of
from app.userdata import Autosaver
from ui import accessibility, dialogs, keyboard, small_things, window_geometry
from ui.document import Document
from ui.export_actions import ExportActions
from ui.file_workflow import META_PAGE, FileWorkflow
from ui.final_ui import SignOff
from ui.help_viewer import help_topic, install_help
from ui.last_year import COMPARE_PAGE, ComparePage, LastYear
from ui.locking import ask_display_name, release as release_lock, sync_read_only_bar, title_suffix
from ui.navigator import Navigator, page_label as navigator_title
from ui.problems import ProblemsPanel
from ui.report_output import ReportOutput
from ui.review_panel import ReviewActions
from ui.sentence_dialog import install_update_button
from ui.section_pages import MetaPage, NarrativePage, TablePage
from ui.start_page import StartScreen
from ui.steady_label import SteadyLabel
from ui.table_view import ReportTableView
from ui.undo_buttons import UndoButtons

APP_NAME = "政务公开年报填报"
AUTOSAVE_DELAY_MS = 3000


class MainWindow(FileWorkflow, ReportOutput, LastYear, QMainWindow):
    """One window, one draft."""

    autosaved = Signal()
    document_set = Signal()  # another draft is shown (the start page steps aside)

    def __init__(self, document: Document | None = None) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.autosaver = Autosaver()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.last_message = ""
        self.forced_dirty = False
        self.navigator = Navigator()
        self.navigator.page_chosen.connect(self._show_page)
        self.stack = QStackedWidget()
        splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 1150])
        self.setCentralWidget(splitter)
        self.dock = QDockWidget("问题", self)
        self.dock.setObjectName("problems")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.counts = SteadyLabel("错误 9999 · 提示 9999 · 已说明 9999")  # a new count never re-lays out the bar
        self.saved_label = QLabel()
        # permanent: a passing message (已打开…, 已粘贴…) never draws over the counts
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().addPermanentWidget(self.saved_label)
        self._build_actions()
        keyboard.install(self)  # Tab from the navigator, 剪切/全选/查找/替换, 视图 menu, toolbar additions
        self.export_actions = ExportActions(self)  # 导出Word/网页/Excel, 复制网页内容, the deadline
        self.review = ReviewActions(self)  # 审阅: notes (批注) and their panel
        self.sign_off = SignOff(self)  # 报告 → 定稿 / 取消定稿
        install_help(self, lambda: help_topic(self))  # 帮助 → 使用说明 (F1)
        self.start_screen = StartScreen(self)  # 新建 / 打开 / 以上年报告为基础 / 导入 and recent files
        self.document: Document
        self.pages: dict[str, QWidget] = {}
        self.set_document(document or Document(Report.new()))
        if window_geometry.restore(self):  # within today's screen; maximised if it was left so
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        self.resizeDocks([self.dock], [window_geometry.dock_height(self.height())], Qt.Orientation.Vertical)

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
            old = self.stack.widget(0)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
        # Pages are built when first shown: a draft opens quickly and small.
        self.pages = {}
        self.navigator.show_document(document)
        self.page_keys = self.navigator.keys()  # the navigator's own list: it grows 与上年对比 with last year
        document.notice.connect(self.show_message)  # what app.textclean removed from typed text
        old_panel = self.dock.widget()
        self.problems = ProblemsPanel(document)
        self.problems.finding_activated.connect(self.go_to_finding)
        self.problems.finding_shown.connect(self.glance_at_finding)
        self.problems.acknowledge_requested.connect(self._acknowledge)
        self.dock.setWidget(self.problems)
        if old_panel is not None:  # the dock keeps a replaced widget alive otherwise
            old_panel.deleteLater()
        install_update_button(self.problems, document)
        self.export_actions.bind(document)
        document.findings_changed.connect(self._update_counts)
        document.undo_stack.cleanChanged.connect(self._update_title)
        document.undo_stack.indexChanged.connect(self._changed)
        document.path_changed.connect(lambda _p: self._update_title())
        document.text_changed.connect(lambda place: self._update_title() if isinstance(place, MetaPlace) else None)
        document.totals_mode_changed.connect(self._sync_totals_action)
        document.previous_changed.connect(self._sync_previous_actions)
        self._sync_previous_actions()
        self._bind_undo(document)
        self._sync_totals_action(document.report.totals)
        self.navigator.set_current_row(1 if document.report.meta.organ else 0)
        self._update_counts()
        self._update_title()
        self.saved_label.setText("")
        self.review.bind(document)
        self.sign_off.bind(document)
        if previous is not None:
            release_lock(previous)  # the draft this window had is closed: its lock goes
            previous.deleteLater()
        self.document_set.emit()

    def _update_title(self) -> None:
        report = self.document.report
        name = self.document.path.name if self.document.path else "未命名草稿"
        title = report.title if report.meta.organ else name
        self.setWindowTitle(f"{title}{title_suffix(self.document)}[*] — {APP_NAME}")
        sync_read_only_bar(self, self.document)
        self.setWindowModified(self.dirty)

    # ------------------------------------------------------------------ counts and navigation

    def show_cell(self, cell_id: str) -> None:
        """Bring a cell's table to the front with the cursor on the cell."""
        page = self.show_page(self.document.report.section_of(cell_id))
        if isinstance(page, TablePage):
            page.view.select_cell(cell_id)

    def _update_counts(self, _delta: object = None) -> None:
        total = self.document.tally.total
        explained = f" · 已说明 {total.explained}" if total.explained else ""
        text = f"错误 {total.errors} · 提示 {total.warnings}{explained}"
        if text != self.counts.text():
            self.counts.setText(text)

    def page(self, key: str) -> QWidget:
        """The page of 报告信息 or of a section, built the first time it is asked for."""
        if key not in self.pages:
            document = self.document
            if key == META_PAGE:
                page: QWidget = MetaPage(document)
            elif key == COMPARE_PAGE:
                page = ComparePage(document)
            else:
                section = document.report.layout.section(key)
                page = TablePage(document, section) if section.table else NarrativePage(document, section)
                if isinstance(page, TablePage):
                    page.view.message.connect(self.show_message)
            accessibility.name_page(page, navigator_title(document, key))
            if isinstance(page, NarrativePage):  # its sub-heads' editors are made again when they change
                document.parts_changed.connect(lambda _s, p=page, k=key: accessibility.name_page(p, navigator_title(document, k)))
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages[key]

    def _show_page(self, row: int) -> None:
        # Until the window is shown, only remember the row: a draft replaced before showing
        # (the start, opening a file) never builds pages for nothing.
        if 0 <= row < len(self.page_keys) and self.isVisible():
            self.stack.setCurrentWidget(self.page(self.page_keys[row]))

    def showEvent(self, event: QShowEvent) -> None:
        self._show_page(self.navigator.current_row())
        super().showEvent(event)

    def show_page(self, key: str) -> QWidget:
        """Bring a page to the front."""
        page = self.page(key)
        self.navigator.set_current_row(self.page_keys.index(key))
        self.stack.setCurrentWidget(page)
        return page

    def go_to_finding(self, finding: Finding) -> None:
        """Jump to the cell, sentence, paragraph or field a finding is about, cursor there."""
        if small_things.show_sentence(self, finding):  # a finding about prose: its sentence, selected
            return
        if finding.cells:
            self.show_cell(finding.cells[0])
            return
        page = self.show_page(place_of(finding, self.document.report))
        if isinstance(page, TablePage):
            page.view.setFocus()
        elif isinstance(page, NarrativePage):
            page.focus_text()
        elif isinstance(page, MetaPage):
            field = page.year if finding.key.endswith(":year") else page.organ
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    def glance_at_finding(self, finding: Finding) -> None:
        """Show where a finding is (its cell or sentence selected) while the focus stays in 问题."""
        focus = QApplication.focusWidget()
        self.go_to_finding(finding)
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

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
            self.document.explain(finding, text)

    # ------------------------------------------------------------------ actions

    def _action(self, text: str, slot: Callable[..., object], shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action("空白草稿(&N)", self.new_draft, keys.New, "新建一份空白草稿")
        self.open_action = self._action("打开(&O)…", self.open_dialog, keys.Open, "打开草稿文件")
        self.save_action = self._action("保存(&S)", self.save, keys.Save, "保存草稿")
        self.save_as_action = self._action("另存为(&A)…", self.save_as, keys.SaveAs, "把草稿保存为另一个文件")
        self.quit_action = self._action("退出(&X)", self.close, keys.Quit)
        self.history_action = self._action("修订记录(&H)…", self._show_history, None,
                                           "每次保存的时间、保存人和修改内容；可以打开或恢复以前的版本")
        self.name_action = self._action("您的姓名(&M)…", lambda: ask_display_name(self), None,
                                        "同事看到的编辑人姓名，也记在修订记录中")
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
        self.new_from_last_action = self._action("以上年报告为基础(&L)…", self.new_from_last_year_dialog, None,
                                                 "沿用上年的机关信息、小标题和结转数，可选沿用正文")
        self.attach_previous_action = self._action("附加上年报告(&Y)…", self.attach_previous_dialog, None,
                                                   "附加或更换上年报告，用于跨年度检查和对比")
        self.detach_previous_action = self._action("移除上年报告", self.detach_previous, None, "移除附加的上年报告（可撤销）")
        self.show_previous_action = self._action("显示上年数据(&B)", self.toggle_show_previous, None,
                                                 "在表格中同时显示上年的数字")
        self.show_previous_action.setCheckable(True)
        self.compare_action = self._action("与上年对比(&C)", self.compare_page, None, "各项数字、主要指标与上年对比")
        self.compare_copy_action = self._action("与另一份草稿比较(&D)…", self._compare_copy, None,
                                                "列出与同事的副本不同的单元格、正文和小标题")
        self.merge_action = self._action("合并同事的副本(&M)…", self._merge_copy, None,
                                         "一方的修改自动合并，双方不同的修改逐项选择")

        file_menu = self.menuBar().addMenu("文件(&F)")
        self.new_menu = file_menu.addMenu("新建")
        self.new_menu.addAction(self.new_action)
        self.new_menu.addAction(self.new_from_last_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("最近打开的文件")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action):
            file_menu.addAction(action)
        file_menu.addAction(self.history_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.compare_copy_action)
        file_menu.addAction(self.merge_action)
        for action in (self.export_action, self.preview_action, self.print_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu("编辑(&E)")
        self.report_menu = self.menuBar().addMenu("报告(&R)")
        self.report_menu.addAction(self.check_action)
        self.report_menu.addAction(self.totals_action)
        self.report_menu.addSeparator()
        for action in (self.attach_previous_action, self.detach_previous_action, self.show_previous_action,
                       self.compare_action):
            self.report_menu.addAction(action)
        self.report_menu.addSeparator()
        self.report_menu.addAction(self.fonts_action)
        self.report_menu.addAction(self.name_action)
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
        self.undo_buttons = UndoButtons(self.toolbar, style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack),
                                        style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))

    def _bind_undo(self, document: Document) -> None:
        """Re-create undo/redo for this draft's stack, with Chinese texts."""
        for action in (self.undo_action, self.redo_action):
            self.edit_menu.removeAction(action)
        self.undo_action = document.undo_stack.createUndoAction(self, "撤销")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.redo_action = document.undo_stack.createRedoAction(self, "重做")
        self.redo_action.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.edit_menu.clear()
        for action in (self.undo_action, self.redo_action):
            self.edit_menu.addAction(action)
        self.edit_menu.addSeparator()
        for action in (self.cut_action, self.copy_action, self.paste_action, self.clear_action, self.select_all_action):
            self.edit_menu.addAction(action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.replace_action)
        keyboard.follow_undo(self)
        for action in self.toolbar.actions():
            keyboard.tooltip_with_shortcut(action)
        self.undo_buttons.bind(document.undo_stack, self.undo_action, self.redo_action)  # fixed labels on the toolbar

    # The dialogs below (and the difflib, merge and history code behind them) are imported when first
    # opened: a window that never compares or merges never loads them (resident memory at start).

    def _show_history(self) -> None:
        from ui.history_dialog import show_history

        show_history(self, self.document)

    def _compare_copy(self) -> None:
        from ui.compare_view import compare_dialog

        compare_dialog(self)

    def _merge_copy(self) -> None:
        from ui.merge_view import merge_dialog

        merge_dialog(self)

    def _copy(self) -> None:
        keyboard.edit_command(self, "copy")

    def _paste(self) -> None:
        keyboard.edit_command(self, "paste")

    def rebuild_pages(self) -> None:
        """Build the pages again (after the text size changed), the same page in front."""
        self.commit_open_editors()
        row = self.navigator.current_row()
        while self.stack.count():
            old = self.stack.widget(0)
            self.stack.removeWidget(old)
            old.deleteLater()
        self.pages = {}
        self._show_page(row)

    def _clear(self) -> None:
        view = self.current_table_view()
        if view is not None:
            view.clear_selection()

    def _toggle_totals(self, on: bool) -> None:
        self.document.set_totals_mode(TOTALS_PUBLISHED if on else TOTALS_COMPUTED)

    def _sync_previous_actions(self) -> None:
        attached = self.document.report.previous is not None
        self.attach_previous_action.setText("更换上年报告(&Y)…" if attached else "附加上年报告(&Y)…")
        for action in (self.detach_previous_action, self.compare_action):
            action.setEnabled(attached)
        self.show_previous_action.setChecked(self.document.show_previous)
        self.sync_compare_page()

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
        self.document.recheck()
        self.dock.show()
        self.problems.list.setFocus()
        total = self.document.tally.total
        self.show_message(f"检查完成：{total.errors} 个错误，{total.warnings} 个提示")
