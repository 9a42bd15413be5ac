"""Every message box and file dialog of the application, in one place, all in Chinese."""

from __future__ import annotations

import datetime
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QPushButton, QWidget

from app import __version__
from app.importers import SOURCE_SUFFIXES
from app.rules import Finding
from app.userdata import Recovery
from ui.folders import remember_folder, start_folder

DRAFT_FILTER = "年报草稿 (*.nianbao)"
SOURCE_FILTER = f"已发布的报告 ({' '.join('*' + suffix for suffix in SOURCE_SUFFIXES)})"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
         buttons: list[tuple[str, QMessageBox.ButtonRole]]) -> tuple[QMessageBox, list[QPushButton]]:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    made = [box.addButton(label, role) for label, role in buttons]
    box.setDefaultButton(made[0])
    return box, made


def error(parent: QWidget | None, message: str, title: str = "出错了") -> None:
    """A problem the user must know about, in one sentence."""
    box, _ = _box(parent, QMessageBox.Icon.Warning, title, message,
                  [("确定", QMessageBox.ButtonRole.AcceptRole)])
    box.exec()


def _ask(parent: QWidget | None, title: str, text: str, choices: list[tuple[str, str]]) -> str:
    """A question with buttons (label, answer); the first is the default, the last cancels."""
    roles = ([QMessageBox.ButtonRole.AcceptRole] + [QMessageBox.ButtonRole.DestructiveRole] * (len(choices) - 2)
             + [QMessageBox.ButtonRole.RejectRole])
    box, buttons = _box(parent, QMessageBox.Icon.Question, title, text,
                        [(label, role) for (label, _), role in zip(choices, roles)])
    box.exec()
    for button, (_, answer) in zip(buttons, choices):
        if box.clickedButton() is button:
            return answer
    return choices[-1][1]


def ask_use_as_last_year(parent: QWidget | None, doubts: list[str]) -> bool:
    """A last year whose organ differs, or whose year is not this year − 1: use it anyway?"""
    text = "\n".join(doubts) + "\n\n仍要用它作为上年报告吗？"
    return _ask(parent, "上年报告", text, [("仍然使用", "yes"), ("取消", "no")]) == "yes"


def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """'save', 'discard' or 'cancel' for a draft with unsaved changes."""
    return _ask(parent, "保存修改", f"“{name}”有尚未保存的修改。是否保存？",
                [("保存", "save"), ("不保存", "discard"), ("取消", "cancel")])


def ask_replace_read_only(parent: QWidget | None, name: str) -> str:
    """'replace' or 'cancel' for saving over a file marked read-only (as Word asks)."""
    return _ask(parent, "只读文件", f"“{name}”是只读文件。仍要用当前内容替换它吗？\n（也可以取消后用“另存为”保存为新文件。）",
                [("仍然保存", "replace"), ("取消", "cancel")])


def ask_recover(parent: QWidget | None, recovery: Recovery) -> str:
    """'recover', 'discard' or 'later' for an autosaved copy left by a crash."""
    when = datetime.datetime.fromtimestamp(recovery.saved_at).strftime("%Y-%m-%d %H:%M:%S")
    original = str(recovery.original) if recovery.original else "尚未保存的新草稿"
    return _ask(parent, "恢复草稿",
                f"上次程序没有正常关闭。发现 {when} 自动保存的草稿（{original}）。\n是否恢复？",
                [("恢复", "recover"), ("丢弃", "discard"), ("以后再说", "later")])


def ask_import_instead(parent: QWidget | None, name: str) -> str:
    """'import' or 'cancel' for a published report (Word, PDF, web page…) given to 打开."""
    return _ask(parent, "打开", f"“{name}”不是年报草稿（.nianbao），而是一份已发布的报告。\n是否把它导入为新的草稿？",
                [("导入", "import"), ("取消", "cancel")])


def _chosen(name: str) -> Path | None:
    path = Path(name) if name else None
    remember_folder(path)
    return path


def open_draft(parent: QWidget | None, folder: str = "") -> Path | None:
    """Ask which draft to open (from the last folder used; reports to import are listed too)."""
    name, _ = QFileDialog.getOpenFileName(parent, "打开草稿", start_folder(folder),
                                          f"{DRAFT_FILTER};;{SOURCE_FILTER};;所有文件 (*)")
    return _chosen(name)


def save_draft_as(parent: QWidget | None, suggested: str) -> Path | None:
    """Ask where to save a draft; the .nianbao ending is added if missing."""
    name, _ = QFileDialog.getSaveFileName(parent, "保存草稿", _in_start_folder(suggested), DRAFT_FILTER)
    if not name:
        return None
    path = Path(name)
    remember_folder(path)
    return path if path.suffix.lower() == ".nianbao" else path.with_name(path.name + ".nianbao")


def _in_start_folder(suggested: str) -> str:
    """A suggested file name placed in the folder a dialog starts in, unless it has a folder of its own."""
    path = Path(suggested)
    return suggested if path.is_absolute() else str(Path(start_folder()) / path)


def open_source(parent: QWidget | None, folder: str = "") -> Path | None:
    """Ask which published report (text, web page, Word, PDF, JSON) to import."""
    name, _ = QFileDialog.getOpenFileName(parent, "导入已发布的报告", start_folder(folder), f"{SOURCE_FILTER};;所有文件 (*)")
    return _chosen(name)


def save_pdf_as(parent: QWidget | None, suggested: str) -> Path | None:
    """Ask where to write the exported PDF; the .pdf ending is added if missing."""
    name, _ = QFileDialog.getSaveFileName(parent, "导出PDF", _in_start_folder(suggested), "PDF 文件 (*.pdf)")
    if not name:
        return None
    path = Path(name)
    remember_folder(path)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def ask_acknowledgement(parent: QWidget | None, finding: Finding, current: str) -> str | None:
    """The clerk's explanation of a warning (empty text removes it); None if cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("说明此提示")
    dialog.setLabelText(f"{finding.message}\n\n请简要说明（清空则取消说明）：")
    dialog.setTextValue(current)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setOkButtonText("确定")
    dialog.setCancelButtonText("取消")
    if dialog.exec():
        return dialog.textValue().strip()
    return None


def about(parent: QWidget | None) -> None:
    """Name, version, purpose."""
    box, _ = _box(parent, QMessageBox.Icon.Information, "关于",
                  f"政务公开年报填报 {__version__}\n\n填报、检查和打印政府信息公开工作年度报告。\n"
                  "本程序完全离线运行，不连接网络。",
                  [("确定", QMessageBox.ButtonRole.AcceptRole)])
    box.exec()


def show_crash(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """An unexpected error: say so plainly and offer the details for copying."""
    details = "".join(traceback.format_exception(kind, value, tb))
    box, (copy, _close) = _box(
        QApplication.activeWindow(), QMessageBox.Icon.Critical, "程序错误",
        "程序遇到了意外错误。已输入的内容会在几秒内自动保存，重新打开程序时可以恢复。\n"
        "如需报告此问题，请点击“复制错误信息”后发给技术支持人员。",
        [("复制错误信息", QMessageBox.ButtonRole.ActionRole), ("关闭", QMessageBox.ButtonRole.RejectRole)])
    box.setDetailedText(details)
    box.exec()
    if box.clickedButton() is copy:
        QGuiApplication.clipboard().setText(details)
