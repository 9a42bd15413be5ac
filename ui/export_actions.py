"""文件 → 导出Word / 导出网页 / 导出Excel / 复制网页内容, and the deadline in the status bar.

Kept apart from the main window so the window only has to create it and hand it each draft.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QMimeData, QObject, Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMenu, QMenuBar, QStatusBar, QWidget

from app.deadline import status_text
from app.editing import MetaPlace
from app.errors import NianbaoError, WorkCancelledError
from app.store import atomic_write
from ui import dialogs

LATE_COLOUR = QColor("#b00000")  # the deadline passed, or the report was published late

if TYPE_CHECKING:
    from ui.document import Document


class Host(Protocol):
    """What the export actions need of the main window (named here, so ui has no import circle)."""

    export_action: QAction

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 (Qt's name)

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 (Qt's name)

    def commit_open_editors(self) -> None: ...

    def show_message(self, sentence: str) -> None: ...


class ExportKind:
    """One export format: its menu text, file filter, suffix and the draft mark it carries
    (app.worker.export_here makes it, by its key)."""

    def __init__(self, key: str, menu: str, title: str, filter_text: str, suffix: str, mark: str) -> None:
        self.key, self.menu, self.title, self.filter_text, self.suffix = key, menu, title, filter_text, suffix
        self.mark = mark


KINDS: dict[str, ExportKind] = {
    "docx": ExportKind("docx", "导出Word(&W)…", "导出Word", "Word 文档 (*.docx)", ".docx",
                       "每页页眉带有“草稿”字样"),
    "html": ExportKind("html", "导出网页(&H)…", "导出网页", "网页 (*.html)", ".html",
                       "网页开头注明“草稿”"),
    "xlsx": ExportKind("xlsx", "导出Excel(&L)…", "导出Excel", "Excel 工作簿 (*.xlsx)", ".xlsx",
                       "封面列出了这些错误"),
}


def ask_export_path(parent: QWidget | None, kind: ExportKind, suggested: str) -> Path | None:
    """Ask where to write an export; the format's ending is added if missing."""
    name, _ = QFileDialog.getSaveFileName(parent, kind.title, suggested, kind.filter_text)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == kind.suffix else path.with_name(path.name + kind.suffix)


class ExportActions(QObject):
    """The extra export actions of the 文件 menu and the deadline label of the status bar."""

    def __init__(self, window: Host) -> None:
        super().__init__(window)  # type: ignore[arg-type]  # the host is the main window, a QObject
        self.window = window
        self.actions: dict[str, QAction] = {}
        for key, kind in KINDS.items():
            action = QAction(kind.menu, window)
            action.setStatusTip(f"{kind.title}（内容与 PDF 相同，可由本程序重新导入）")
            action.triggered.connect(lambda _=False, k=key: self.export_dialog(k))
            self.actions[key] = action
        self.copy_action = QAction("复制网页内容(&Y)", window)
        self.copy_action.setStatusTip("把报告以网页格式复制到剪贴板，可直接粘贴到网站内容管理系统的编辑器中")
        self.copy_action.triggered.connect(self.copy_web_content)
        self._insert_into_file_menu()
        self.deadline_label = QLabel()
        self.deadline_label.setObjectName("deadline")
        window.statusBar().addPermanentWidget(self.deadline_label)
        self.document: Document | None = None

    def _insert_into_file_menu(self) -> None:
        """Put the actions right after 导出PDF in whichever menu holds it."""
        for top in self.window.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu) and self.window.export_action in menu.actions():
                items = menu.actions()
                after = items.index(self.window.export_action) + 1
                before = items[after] if after < len(items) else None
                for action in [*self.actions.values(), self.copy_action]:
                    menu.insertAction(before, action) if before else menu.addAction(action)
                return

    def bind(self, document: Document) -> None:
        """Follow a newly shown draft: the deadline is redrawn when its details change."""
        self.document = document
        document.text_changed.connect(lambda place: self.update_deadline() if isinstance(place, MetaPlace) else None)
        self.update_deadline()

    def update_deadline(self) -> None:
        """发布截止：2026年1月31日，还有 12 天 (from the organ kind, year and 发布日期)."""
        if self.document is not None:
            text = status_text(self.document.report)
            self.deadline_label.setText(text)
            late = "晚了" in text or "已过" in text
            # a palette, not a style sheet: the first style sheet costs half a MiB at every start
            palette = QPalette()  # no role set: all as the status bar's
            if late:
                palette.setColor(QPalette.ColorRole.WindowText, LATE_COLOUR)
            self.deadline_label.setPalette(palette)
            self.deadline_label.setMinimumWidth(self.deadline_label.sizeHint().width())  # never cut off

    def export_dialog(self, key: str) -> Path | None:
        """Ask where, then write the file."""
        kind = KINDS[key]
        self.window.commit_open_editors()
        assert self.document is not None
        report = self.document.report
        folder = self.document.path.parent if self.document.path else Path.home()
        suggested = str(folder / f"{report.title if report.meta.organ else '年度报告'}{kind.suffix}")
        path = ask_export_path(self.window, kind, suggested)
        return self.export_to(key, path) if path else None

    def export_to(self, key: str, path: Path) -> Path | None:
        """Write one export; None (after a message) if it cannot be made or written."""
        kind = KINDS[key]
        self.window.commit_open_editors()
        assert self.document is not None
        report = self.document.report
        from app.worker import EXPORT_NAMES, export_report  # multiprocessing loads at the first export, not at start
        from ui.progress import run_with_progress

        try:  # made in a worker process behind a progress dialog with 取消, written here
            exported = run_with_progress(
                self.window, kind.title, f"正在生成{EXPORT_NAMES[key]}……",  # type: ignore[arg-type]  # the main window, a QWidget (typed loosely here to keep ui free of cycles)
                lambda cancelled, progress: export_report(key, report, cancelled=cancelled, progress=progress),
                reports_progress=True)
            data = exported.text.encode("utf-8") if key == "html" else exported.data  # as write_html does
            atomic_write(path, data, keep_backup=False)
        except WorkCancelledError as error:
            self.window.show_message(str(error))
            return None
        except NianbaoError as error:
            dialogs.error(self.window, str(error), "无法导出")
            return None
        draft = exported.draft
        errors = sum(f.is_error for f in self.document.findings)
        mark = f"；还有 {errors} 个错误，{kind.mark}" if draft else ""
        self.window.show_message(f"已导出 {path}{mark}")
        return path

    def copy_web_content(self) -> None:
        """The report as HTML (and plain text) on the clipboard, for a content system's editor."""
        from app.exporters.html import body_html, plain_text

        self.window.commit_open_editors()
        assert self.document is not None
        report = self.document.report
        draft = any(f.is_error for f in self.document.findings)
        data = QMimeData()
        data.setHtml(body_html(report, draft))
        data.setText(plain_text(report))
        QGuiApplication.clipboard().setMimeData(data)
        self.window.show_message("已把报告的网页内容复制到剪贴板，可粘贴到网站编辑器中"
                                 + ("（还有错误，内容开头注明了“草稿”）" if draft else ""))
