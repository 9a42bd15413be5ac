"""The QApplication: Chinese for Qt's own dialogs, crash dialog, recovery, then the window."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app import __version__
from app.assets import resources_root
from app.errors import NianbaoError
from app.userdata import pending_recoveries
from ui import dialogs, preferences
from ui.accessibility import apply_text_scale
from ui.app_icon import application_icon
from ui.document import Document
from ui.locking import ensure_display_name, recovered_history
from ui.main_window import APP_NAME, MainWindow
from ui.ui_font import prefer_chinese_font


def translation_folders() -> list[Path]:
    """Where Qt's own catalogues may be: Qt's folder, then the frozen build's copies of it."""
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        folders.append(Path(frozen) / "PySide6" / "Qt" / "translations")
    folders.append(resources_root() / "translations")
    return folders


def install_chinese(app: QApplication) -> list[QTranslator]:
    """Load Qt's zh_CN catalogue so its buttons and dialogs speak Chinese."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translators = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        for folder in translation_folders():
            translator = QTranslator(app)
            if translator.load(name, str(folder)):
                app.installTranslator(translator)
                translators.append(translator)
                break
    # Last installed is asked first: our catalogue fills what Qt's leaves in English (查找范围, 文件夹…)
    own = QTranslator(app)
    if own.load("nianbao_qt_zh_CN", str(resources_root() / "translations")):
        app.installTranslator(own)
        translators.append(own)
    return translators


_OPEN_WINDOWS: list[MainWindow] = []


def make_application() -> QApplication:
    """The one QApplication, named, in Chinese, with the crash dialog installed."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("nianbao")
    app.setDesktopFileName("nianbao")  # Wayland and task bars match the window to nianbao.desktop
    app.setWindowIcon(application_icon())
    if app.property("nianbao_chinese") is not True:
        install_chinese(app)
        prefer_chinese_font(app)  # before 大字号, which scales the font chosen here
        app.setProperty("nianbao_chinese", True)
        if preferences.text_scale() != 100:  # 大字号, independent of the system's scale
            apply_text_scale(preferences.text_scale())
        # What is loaded by now (modules, classes, the format, the rules: some 40 000 objects) lives
        # as long as the program: kept out of the cyclic garbage collector's full passes, which would
        # otherwise walk all of it now and then between two keystrokes (40 ms on a busy machine).
        gc.freeze()
    sys.excepthook = dialogs.show_crash
    return app


def recover_or_open(files: list[str]) -> list[MainWindow]:
    """Windows for the drafts left by a crash (if the user wants them) and the files given."""
    windows: list[MainWindow] = []
    for recovery in pending_recoveries():
        answer = dialogs.ask_recover(None, recovery)
        if answer == "recover":
            try:
                report = recovery.load()
            except NianbaoError as error:
                dialogs.error(None, str(error), "无法恢复")
                continue
            window = MainWindow(Document(report, recovery.original, history=recovered_history(recovery.original)))
            window.forced_dirty = True
            window._update_title()
            windows.append(window)
            recovery.discard()
        elif answer == "discard":
            recovery.discard()
    for name in files:
        window = MainWindow()
        if window.open_path(Path(name), ask=False):
            windows.append(window)
        else:
            window.deleteLater()
    if not windows:
        windows.append(MainWindow())
        windows[0].start_screen.show()  # started without a file: the start page
    return windows


def start(files: list[str]) -> int:
    """Run the application until its last window closes."""
    app = make_application()
    ensure_display_name(None)  # asked once: the name colleagues see on locks and revisions
    windows = recover_or_open(files)
    for window in windows:
        window.show()
    _OPEN_WINDOWS.extend(windows)  # kept alive until the event loop ends
    return app.exec()
