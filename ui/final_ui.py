"""报告 → 定稿 / 取消定稿 in the window: the last check, the read-only report, the sign-off banner.

定稿 is not an undo step: it is recorded in the draft (app.review.Final and its log) and the
draft is saved at once; 取消定稿 asks first and is recorded too (app.final).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QMessageBox, QPlainTextEdit, QScrollArea, QToolBar, QVBoxLayout, QWidget)

from app.editing import Edit
from app.errors import NianbaoError
from app.final import errors_of, finalise, intact, reopen, short, sign_off_line
from app.rules import Finding

if TYPE_CHECKING:
    from ui.document import Document

BANNER_STYLE = "QLabel { background: #e6f0e6; color: #1d4d1d; border: 1px solid #5c8a5c; padding: 4px 8px; }"
WARNING_STYLE = "QLabel { background: #fdecea; color: #7a1f14; border: 1px solid #b3261e; padding: 4px 8px; }"

MainWindow = Any  # ui.main_window imports this module: the window is described, not imported (no cycle)


class FinalDialog(QDialog):
    """The last check before 定稿: who signs, and an explanation for every error that remains."""

    def __init__(self, name: str, errors: list[Finding], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("定稿")
        layout = QVBoxLayout(self)
        intro = ("检查完成，没有错误。" if not errors else
                 f"检查发现 {len(errors)} 个错误。请改正后再定稿；确需按现状定稿的，请对每个错误写明原因。")
        layout.addWidget(QLabel(intro + "\n定稿后报告只读，导出的文件不带“草稿”字样，PDF 最后一页印有内容指纹。"))
        form = QFormLayout()
        self.name = QLineEdit(name)
        self.name.setAccessibleName("定稿人")
        form.addRow("定稿人：", self.name)
        layout.addLayout(form)
        self.reasons: dict[str, QLineEdit] = {}
        holder = QWidget()
        column = QVBoxLayout(holder)
        for number, finding in enumerate(errors, 1):
            label = QLabel(f"{number}. [{finding.rule}] {finding.message}")
            label.setWordWrap(True)
            field = QLineEdit()
            field.setPlaceholderText("为什么按现状定稿（必填）")
            field.setAccessibleName(f"错误 {finding.rule} 的原因")
            field.textChanged.connect(self._sync)
            label.setBuddy(field)
            column.addWidget(label)
            column.addWidget(field)
            column.addSpacing(6)
            self.reasons[finding.key] = field
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setVisible(bool(errors))
        layout.addWidget(scroll, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("定稿")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._sync)
        self._sync()
        self.resize(640, min(600, 170 + 90 * len(errors)))

    def explained(self) -> dict[str, str]:
        """Error key → the reason written for it."""
        return {key: field.text() for key, field in self.reasons.items()}

    def _sync(self) -> None:
        ready = bool(self.name.text().strip()) and all(f.text().strip() for f in self.reasons.values())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)


class SignOff:
    """The 定稿 and 取消定稿 actions, the banner, and keeping a final report's forms read-only."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.final_action = QAction("定稿(&F)…", window)
        self.final_action.setStatusTip("最后检查一次，然后冻结报告（只读），导出时不带草稿字样")
        self.final_action.triggered.connect(self.finalise_dialog)
        self.reopen_action = QAction("取消定稿(&U)…", window)
        self.reopen_action.setStatusTip("使已定稿的报告重新可以编辑（会记录在文件中）")
        self.reopen_action.triggered.connect(self.reopen_dialog)
        window.report_menu.addSeparator()
        window.report_menu.addAction(self.final_action)
        window.report_menu.addAction(self.reopen_action)
        self.banner = QLabel()
        self.banner.setAccessibleName("定稿状态")
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QToolBar("定稿状态", window)
        self.bar.setObjectName("final")
        self.bar.setMovable(False)
        self.bar.addWidget(self.banner)
        window.addToolBarBreak()
        window.addToolBar(self.bar)
        window.stack.currentChanged.connect(lambda _i: self.apply_read_only())
        self.document: Document | None = None

    def bind(self, document: Document) -> None:
        """Follow another draft."""
        self.document = document
        document.final_changed.connect(self.sync)
        self.sync()

    @property
    def is_final(self) -> bool:
        """Whether the draft shown is final."""
        return self.document is not None and self.document.report.final is not None

    def sync(self) -> None:
        """Banner, actions and forms as the report's state says."""
        report = self.window.document.report
        line = sign_off_line(report)
        self.bar.setVisible(line is not None)
        if line is not None:
            text = f"已定稿（只读）：{line.by} 于 {line.when} 定稿　内容指纹 {short(line.fingerprint)}…"
            if not intact(report):
                text = f"注意：本文件的内容与定稿时的指纹不一致，定稿后被其他程序改动过。　{text}"
                self.banner.setStyleSheet(WARNING_STYLE)
            else:
                self.banner.setStyleSheet(BANNER_STYLE)
            self.banner.setText(text)
            self.banner.setToolTip(f"内容指纹（SHA-256）：{line.fingerprint}\n如需修改，请选择“报告 → 取消定稿”。")
        self.final_action.setEnabled(line is None)
        self.reopen_action.setEnabled(line is not None)
        window = self.window
        for action in (window.paste_action, window.clear_action, window.totals_action, window.attach_previous_action,
                       window.detach_previous_action):
            action.setEnabled(line is None)
        if line is None:
            window._sync_previous_actions()  # detaching needs a last year attached
        self.apply_read_only()

    def apply_read_only(self) -> None:
        """Every form built so far read-only while final (tables ask the model, app.final's guard)."""
        frozen = self.window.document.report.final is not None
        for page in self.window.pages.values():
            keep = getattr(page, "note_toggle", None)  # showing the note under a table is not an edit
            for editor in page.findChildren(QPlainTextEdit) + page.findChildren(QLineEdit):
                editor.setReadOnly(frozen)
            for widget in page.findChildren(QAbstractButton) + page.findChildren(QComboBox):
                if widget is not keep:
                    widget.setEnabled(not frozen)

    def finalise_dialog(self) -> bool:
        """The last check, then 定稿 and save; False when refused or cancelled."""
        from ui.review_panel import ask_reviewer_name

        window = self.window
        window.commit_open_editors()
        document = window.document
        name = ask_reviewer_name(window)
        if name is None:
            return False
        errors = errors_of(document.report)
        dialog = FinalDialog(name, errors, window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.finalise(dialog.name.text(), dialog.explained())

    def finalise(self, name: str, explained: dict[str, str]) -> bool:
        """Make the report final (no dialog): record, save, show read-only."""
        window = self.window
        document = window.document
        try:
            edit = finalise(document.report, name, explained)
        except NianbaoError as error:
            from ui import dialogs

            dialogs.error(window, str(error), "不能定稿")
            return False
        self._record(edit)
        window.show_message(f"已定稿：{name}；内容指纹 {short(document.report.final.fingerprint if document.report.final else '')}…")
        return True

    def reopen_dialog(self) -> bool:
        """Ask, then make the report editable again (recorded)."""
        from ui.review_panel import ask_reviewer_name

        report = self.window.document.report
        if report.final is None:
            return False
        from ui import dialogs

        line = sign_off_line(report)
        box, (keep, undo) = dialogs._box(  # noqa: SLF001 - the project's one way to make a Chinese question
            self.window, QMessageBox.Icon.Question, "取消定稿",
            f"本报告已于 {line.when if line else ''} 由 {report.final.by} 定稿。\n"
            "取消定稿后报告可以再修改，修改后内容指纹会变化，已打印的定稿件将与文件不再一致。\n"
            "取消定稿会记录在文件中。确定要取消定稿吗？",
            [("不取消", QMessageBox.ButtonRole.RejectRole), ("取消定稿", QMessageBox.ButtonRole.AcceptRole)])
        box.exec()
        if box.clickedButton() is not undo:
            return False
        name = ask_reviewer_name(self.window)
        if name is None:
            return False
        return self.reopen(name)

    def reopen(self, name: str) -> bool:
        """取消定稿 without asking (the dialog asked): record, save, editable again."""
        self._record(reopen(self.window.document.report, name))
        self.window.show_message("已取消定稿，报告可以编辑")
        return True

    def _record(self, edit: Edit) -> None:
        """Apply a sign-off edit outside the undo history (Ctrl+Z never undoes a 定稿) and save it."""
        window = self.window
        document = window.document
        document.apply(edit)
        document.undo_stack.clear()
        window.forced_dirty = True
        window._update_title()
        if document.path is not None:
            window.save()
