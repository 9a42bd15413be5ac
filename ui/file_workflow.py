"""The file workflow of the main window: new, open, save, save as, recent files, drop, autosave.

A mixin of ``MainWindow``: it reads the window's document and talks to the user through
``ui.dialogs``; the window only wires it to actions.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

from app.errors import NianbaoError, ReadOnlyDraftError
from app.history import load_draft
from app.report import Report
from app.rules.status import META_PLACE
from app.importers import SOURCE_SUFFIXES
from app.save_check import find_conflict
from app.store import SUFFIX
from app.userdata import remember_recent, recent_files
from ui import dialogs, locking, small_things, window_geometry
from ui.document import Document


META_PAGE = META_PLACE  # the 报告信息 page's key: the place findings about 报告信息 point to


class FileWorkflow:  # mixed into MainWindow, whose parts it uses
    """Opening and keeping drafts: every path that reads or writes a ``.nianbao`` file."""

    @property
    def dirty(self) -> bool:
        """Whether the draft has changes not yet saved to its file."""
        return self.forced_dirty or not self.document.undo_stack.isClean()

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
        answer = dialogs.ask_save_changes(self, small_things.draft_name(self))
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
        if path.suffix.lower() != SUFFIX and path.suffix.lower() in SOURCE_SUFFIXES:
            if dialogs.ask_import_instead(self, path.name) == "import":  # a .docx is a report to import, not a damaged draft
                self.import_path(path)
            return False
        if not path.is_file():  # a missing file is said by the reader, before any lock is made
            claim: locking.Claim | None = locking.Claim(locking.READ_ONLY)
        else:
            claim = locking.claim_for_open(self, path, self.document)  # the lock, or the holder's question
        if claim is None:
            return False
        notices: list[str] = []  # what app.textclean removed while reading (invisible characters…)
        try:
            report, history = load_draft(path, notices)
        except NianbaoError as error:
            if claim.lock is not None:
                claim.lock.release()
            dialogs.error(self, str(error), "无法打开")
            return False
        copy = claim.mode == locking.COPY
        document = Document(report, None if copy else path, history=history.copy() if copy else history,
                            read_only=claim.mode == locking.READ_ONLY)
        locking.hold(document, claim.lock)
        document.lock_holder = claim.holder
        self.set_document(document)
        remember_recent(path)
        self.show_message(" ".join([locking.opened_note(path, claim), *notices]))
        if copy:
            self.forced_dirty = True
            self._update_title()
            self.save_as()
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
        document = self.document
        same = locking.same_file(path, document.path)
        if same and document.read_only:  # opened read-only: never saved over (ui.locking)
            if dialogs._ask(self, "只读", locking.read_only_note(document), [("另存为", "save-as"), ("取消", "cancel")]) \
                    == "save-as":
                return self.save_as()
            return False
        conflict = find_conflict(path, document.disk) if same else None  # someone else saved meanwhile?
        if conflict is not None:
            from ui import save_conflict  # its dialog and the merge behind it: loaded when a conflict is found

            answer = save_conflict.ask(self, conflict)
            if answer == save_conflict.MERGE:
                return save_conflict.merge_theirs(self, path)
            if answer == save_conflict.SAVE_AS:
                return self.save_as()
            if answer != save_conflict.OVERWRITE:
                return False
        new_lock = None if same else locking.claim_for_save_as(self, path)  # 另存为: the new file's lock
        if new_lock is False:
            return False
        try:
            try:
                document.save_to(path)
            except ReadOnlyDraftError:  # asked first, as Word does
                if dialogs.ask_replace_read_only(self, path.name) != "replace":
                    raise NianbaoError("") from None
                document.save_to(path, replace_read_only=True)
        except NianbaoError as error:
            if new_lock:
                new_lock.release()
            if str(error):
                dialogs.error(self, str(error), "保存失败")
            return False
        if not same:
            locking.hold(document, new_lock or None)  # the old file's lock goes, the new one's stays
            document.read_only = False
            document.lock_holder = None
        self.forced_dirty = False
        self._update_title()
        self.autosave_timer.stop()
        self.autosaver.clear()
        remember_recent(path)
        self.saved_label.setText(f"已保存 {time.strftime('%H:%M')}")
        return True

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

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.maybe_save():
            self.autosaver.clear()
            window_geometry.remember(self)
            locking.release(self.document)  # closing and quitting remove the lock
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
