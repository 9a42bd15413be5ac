"""The QApplication: Chinese translations for Qt's own dialogs, then the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from app import __version__

APP_NAME = "政务公开年报填报"


def install_chinese(app: QApplication) -> list[QTranslator]:
    """Load Qt's zh_CN catalogue so its buttons and dialogs speak Chinese."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translators = []
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            translators.append(translator)
    return translators


def start(files: list[str]) -> int:
    """Run the application until its last window closes."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    install_chinese(app)
    window = QMainWindow()
    window.setWindowTitle(APP_NAME)
    window.setCentralWidget(QLabel("年报填报窗口正在建设中。"))
    window.resize(1024, 700)
    window.show()
    return app.exec()
