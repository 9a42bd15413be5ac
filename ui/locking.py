"""Locks in the window (``app.locking``): who has a draft open, what the second opener may do,
the heartbeat while a window edits, the name colleagues see.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMainWindow, QSizePolicy, QToolBar, QWidget

from app.errors import DraftFileError
from app.history import History, history_of
from app.locking import HEARTBEAT_SECONDS, DraftLockedError, Lock, LockInfo, LockLostError, acquire, remove
from app.userdata import display_name, display_name_chosen, save_display_name, system_user_name
from ui import dialogs
from ui.document import Document

EDIT, READ_ONLY, COPY = "edit", "read-only", "copy"
READ_ONLY_TITLE = "（只读）"


@dataclass
class Claim:
    """How a draft is opened: for editing (with its lock), read-only, or as a copy to save elsewhere."""

    mode: str
    lock: Lock | None = None
    holder: LockInfo | None = None


def ask_display_name(parent: QWidget | None) -> str | None:
    """The name colleagues see on locks and revisions (None if cancelled); kept in the settings."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("您的姓名")
    dialog.setLabelText("同事打开您正在编辑的草稿时，会看到这个名字；每次保存的修订记录也记下它。\n请输入您的姓名：")
    dialog.setTextValue(display_name())
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setOkButtonText("确定")
    dialog.setCancelButtonText("取消")
    if not dialog.exec():
        return None
    name = dialog.textValue().strip() or system_user_name()
    save_display_name(name)
    return name


def ensure_display_name(parent: QWidget | None) -> str:
    """Ask the name once (the first start); later starts use the one kept."""
    if not display_name_chosen():
        ask_display_name(parent)
        if not display_name_chosen():
            save_display_name(system_user_name())  # asked once: cancelling keeps the system name
    return display_name()


def _ask_live(parent: QWidget | None, info: LockInfo) -> str:
    return dialogs._ask(parent, "草稿正在编辑",
                        f"{info.sentence()}。\n\n可以以只读方式打开查看；或另存一份副本再编辑"
                        "（您的副本是另一个文件，之后可以与同事的版本合并）。",
                        [("以只读方式打开", READ_ONLY), ("另存一份副本再编辑", COPY), ("取消", "cancel")])


def _ask_stale(parent: QWidget | None, info: LockInfo, reason: str) -> str:
    return dialogs._ask(parent, "编辑锁已失效",
                        f"{info.sentence()}，但这个编辑锁已经失效：{reason}\n\n"
                        "如果确认对方已不在编辑，可以删除这个编辑锁后正常编辑。",
                        [("删除编辑锁并编辑", "clear"), ("以只读方式打开", READ_ONLY), ("取消", "cancel")])


def same_file(a: Path | None, b: Path | None) -> bool:
    """Whether two paths name one file (as typed, through links, or as the system compares names)."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def claim_for_open(parent: QWidget | None, path: Path, current: Document | None = None) -> Claim | None:
    """Lock a draft for this window, or ask what to do when someone has it; None if cancelled.

    The draft this window already edits is opened again with its own lock (no question)."""
    keeper = getattr(current, "lock", None)
    if current is not None and isinstance(keeper, LockKeeper) and same_file(path, current.path):
        keeper.timer.stop()
        current.lock = None
        return Claim(EDIT, keeper.lock)
    for _ in range(3):
        try:
            return Claim(EDIT, acquire(path, display_name()))
        except DraftLockedError as error:
            info = error.info
        except DraftFileError as error:  # a folder that takes no lock file (a read-only share, a CD)
            answer = dialogs._ask(parent, "无法建立编辑锁", str(error),
                                  [("以只读方式打开", READ_ONLY), ("另存一份副本再编辑", COPY), ("取消", "cancel")])
            return None if answer == "cancel" else Claim(answer)
        reason = info.stale_reason()
        if reason is None:
            answer = _ask_live(parent, info)
            return None if answer == "cancel" else Claim(answer, holder=info)
        answer = _ask_stale(parent, info, reason)
        if answer == "cancel":
            return None
        if answer == READ_ONLY:
            return Claim(READ_ONLY, holder=info)
        try:
            remove(path, info)
        except DraftFileError as error:
            dialogs.error(parent, str(error), "无法删除编辑锁")
            return None
    return None


def claim_for_save_as(parent: QWidget | None, path: Path) -> Lock | None | bool:
    """The lock of a file about to be saved over by 另存为: a Lock, None where no lock can be made, or
    False when someone else edits that file (the user was told)."""
    try:
        return acquire(path, display_name(), take_stale=True)
    except DraftLockedError as error:
        dialogs.error(parent, f"{error.info.sentence()}，不能保存到这个文件。请另选一个文件名。", "文件正在编辑")
        return False
    except DraftFileError:
        return None


class LockKeeper(QObject):
    """Keeps a window's lock alive: a heartbeat every minute; says so once if the lock was taken away."""

    lost = Signal(str)

    def __init__(self, lock: Lock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock = lock
        self.timer = QTimer(self)
        self.timer.setInterval(HEARTBEAT_SECONDS * 1000)
        self.timer.timeout.connect(self.beat)
        self.timer.start()

    def beat(self) -> None:
        """Renew the heartbeat now."""
        try:
            self.lock.refresh()
        except LockLostError as error:
            self.timer.stop()
            self.lost.emit(str(error))
        except DraftFileError:
            pass  # the folder is away for a moment (network): the next beat tries again

    def release(self) -> None:
        self.timer.stop()
        self.lock.release()


def hold(document: Document, lock: Lock | None) -> None:
    """Give a document its lock (releasing one it had), with the heartbeat running."""
    release(document)
    if lock is not None:
        keeper = LockKeeper(lock, document)
        keeper.lost.connect(document.notice.emit)  # the window's status bar says the lock was taken away
        document.lock = keeper


def release(document: Document | None) -> None:
    """Remove a document's lock file (closing the draft, saving it elsewhere, quitting)."""
    keeper = getattr(document, "lock", None)
    if isinstance(keeper, LockKeeper):
        keeper.release()
        keeper.deleteLater()
    if document is not None:
        document.lock = None


def opened_note(path: Path, claim: Claim) -> str:
    """The status-bar sentence after opening."""
    if claim.mode == READ_ONLY:
        who = f"（{claim.holder.sentence()}）" if claim.holder else ""
        return f"已以只读方式打开 {path}{who}"
    if claim.mode == COPY:
        return f"已打开 {path} 的副本，请另存为新的文件后再编辑"
    return f"已打开 {path}"


def recovered_history(original: Path | None) -> History:
    """The history of the file an autosaved copy belongs to, so saving the recovered draft continues it."""
    if original is None or not original.is_file():
        return History()
    try:
        return history_of(original)
    except DraftFileError:
        return History()


def title_suffix(document: Document) -> str:
    """What the window title adds for a draft opened read-only."""
    return READ_ONLY_TITLE if document.read_only else ""


def read_only_banner_text(document: Document) -> str:
    """The line across the top of a read-only window."""
    holder = document.lock_holder.sentence() + "。" if document.lock_holder is not None else ""
    return f"只读：{holder}不能保存到原文件；要保留修改，请用“文件 → 另存为”保存为另一个文件。"


def sync_read_only_bar(window: QMainWindow, document: Document) -> None:
    """Show (or hide) the yellow 只读 line under the toolbar, so no one types into a window that cannot save."""
    # a child of the window itself: not a search of every widget (this runs at each edit, with the title)
    bar = window.findChild(QToolBar, "read_only", Qt.FindChildOption.FindDirectChildrenOnly)
    if bar is None:
        if not document.read_only:
            return
        bar = QToolBar("只读", window)
        bar.setObjectName("read_only")
        bar.setMovable(False)
        label = QLabel()
        label.setObjectName("read_only_text")
        label.setStyleSheet("QLabel { background: #fff4c2; color: #5c4400; padding: 4px 8px; }")
        label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(label)
        window.addToolBarBreak()
        window.addToolBar(bar)
    label = bar.findChild(QLabel, "read_only_text")
    if label is not None:
        label.setText(read_only_banner_text(document))
    bar.setVisible(document.read_only)


def read_only_note(document: Document) -> str:
    """Why a read-only window cannot save over its file."""
    name = document.path.name if document.path else "这份草稿"
    return f"“{name}”是以只读方式打开的，不能保存到原文件。要保留修改，请用“另存为”保存为另一个文件。"
