"""The navigator: 报告信息 and the six sections, each with its count of open problems.

A small list model over the document's pages; the counts come from the document's tally
(the same numbers the 问题 panel header and the status bar show), and only rows whose
counts changed are repainted.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QListView, QStyle, QWidget

from app.format import META_TITLE
from app.rules import Counts
from app.rules.status import META_PLACE
from ui.cached_rows import CachedRowDelegate
from ui.document import Document
from ui.last_year import COMPARE_PAGE, COMPARE_TITLE

PAGE_ROLE = Qt.ItemDataRole.UserRole

AnyIndex = QModelIndex | QPersistentModelIndex


def page_label(document: Document, key: str) -> str:
    """How the navigator names a page: 报告信息, 三、申请办理, 与上年对比."""
    if key == COMPARE_PAGE:
        return COMPARE_TITLE
    return META_TITLE if key == META_PLACE else document.report.layout.section(key).short_title


def count_suffix(counts: Counts) -> str:
    """'  2 错·1 提示' after a page's name; nothing when the page is clean."""
    if counts.errors:
        return f"  {counts.errors} 错" + (f"·{counts.warnings} 提示" if counts.warnings else "")
    return f"  {counts.warnings} 提示" if counts.warnings else ""


class NavigatorModel(QAbstractListModel):
    """One row per page of the open draft, with its problem count."""

    def __init__(self, document: Document, icons: tuple[QIcon, QIcon, QIcon], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.icons = icons  # error, warning, clean
        self.keys = [META_PLACE] + [s.id for s in document.report.layout.sections]
        self._labels = [page_label(document, key) for key in self.keys]
        self._shown = [document.tally.at(key) for key in self.keys]
        document.findings_changed.connect(self.refresh)
        document.previous_changed.connect(self._follow_previous)
        self._follow_previous()

    def _follow_previous(self) -> None:
        """The 与上年对比 page is listed, last, while last year's report is attached."""
        attached = self.document.report.previous is not None
        if attached and COMPARE_PAGE not in self.keys:
            row = len(self.keys)
            self.beginInsertRows(QModelIndex(), row, row)
            self.keys.append(COMPARE_PAGE)
            self._labels.append(COMPARE_TITLE)
            self._shown.append(Counts())
            self.endInsertRows()
        elif not attached and COMPARE_PAGE in self.keys:
            row = self.keys.index(COMPARE_PAGE)
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.keys[row], self._labels[row], self._shown[row]
            self.endRemoveRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.keys)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        counts = self._shown[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._labels[row] + count_suffix(counts)
        if role == PAGE_ROLE:
            return self.keys[row]
        if self.keys[row] == COMPARE_PAGE:  # no problems of its own
            if role == Qt.ItemDataRole.DecorationRole:
                return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
            return "本年与上年的各项数字、主要指标和文字对比" if role == Qt.ItemDataRole.ToolTipRole else None
        if role == Qt.ItemDataRole.DecorationRole:
            return self.icons[0 if counts.errors else 1 if counts.warnings else 2]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{counts.errors} 个错误，{counts.warnings} 个提示"
        return None

    def refresh(self, _delta: object = None) -> None:
        """Repaint the rows whose counts changed."""
        for row, key in enumerate(self.keys):
            if key == COMPARE_PAGE:
                continue
            counts = self.document.tally.at(key)
            if counts != self._shown[row]:
                self._shown[row] = counts
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                                                     Qt.ItemDataRole.ToolTipRole])


class Navigator(QListView):
    """The list of pages at the left of the window."""

    page_chosen = Signal(int)  # the row of the page to show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(180)  # 表三 keeps all its columns in view at 1024 px
        self.setMaximumWidth(280)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setItemDelegate(CachedRowDelegate(self))  # a changed count repaints every row: copied, not drawn
        self.nav_model: NavigatorModel | None = None

    def show_document(self, document: Document) -> None:
        """List the pages of this draft."""
        style = self.style()
        icons = (style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
                 style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton))
        old = self.nav_model
        self.nav_model = NavigatorModel(document, icons, self)
        self.setModel(self.nav_model)
        self.selectionModel().currentRowChanged.connect(lambda current, _p: self.page_chosen.emit(current.row()))
        if old is not None:
            old.deleteLater()

    def keys(self) -> list[str]:
        """The pages listed, in order (the model's own list, which follows last year's report)."""
        assert self.nav_model is not None
        return self.nav_model.keys

    def text(self, row: int) -> str:
        """What a row says (name and count)."""
        return str(self.model().index(row, 0).data())

    def current_row(self) -> int:
        """The row shown now."""
        return self.currentIndex().row()

    def set_current_row(self, row: int) -> None:
        """Show a page by its row."""
        self.setCurrentIndex(self.model().index(row, 0))
