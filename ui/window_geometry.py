"""Windows that fit the screen they open on, and a main window that comes back where it was.

Office screens run from 1024×768 monitors to 1920×1080 at 200 % (960×540 logical pixels):
a window or dialog is never made larger than the screen's available area (task bar left
out), and the main window's size, place and maximised state are kept in the user's settings.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QMainWindow, QWidget

from app.userdata import save_setting, setting

MAIN_SIZE = QSize(1366, 768)
FRAME_ALLOWANCE = QSize(16, 40)  # the window manager's title bar and borders, before they are known
WINDOW_SETTING = "window"


def screen_of(widget: QWidget) -> QScreen:
    """The screen a widget is (or will be) on: its parent's, its own, else the primary one."""
    parent = widget.parentWidget()
    screen = (parent.window().screen() if parent is not None else None) or widget.screen()
    return screen or QGuiApplication.primaryScreen()


def available(widget: QWidget) -> QRect:
    """The usable part of the widget's screen, less room for the window frame."""
    area = screen_of(widget).availableGeometry()
    return QRect(area.topLeft(), area.size() - FRAME_ALLOWANCE)


def fitted(wanted: QSize, room: QRect) -> QSize:
    """``wanted``, made no larger than ``room``."""
    return QSize(min(wanted.width(), room.width()), min(wanted.height(), room.height()))


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Give a window or dialog the size it would like, within the screen, centred on its parent
    (or on the screen)."""
    room = available(widget)
    size = fitted(QSize(width, height), room)
    widget.resize(size)
    parent = widget.parentWidget()
    centre = parent.window().frameGeometry().center() if parent is not None else room.center()
    left = max(min(centre.x() - size.width() // 2, room.left() + room.width() - size.width()), room.left())
    top = max(min(centre.y() - size.height() // 2, room.top() + room.height() - size.height()), room.top())
    widget.move(QPoint(left, top))


def restore(window: QMainWindow) -> bool:
    """Size and place the main window as it was left (within today's screen); the default size
    made to fit otherwise. Returns whether it is to be shown maximised."""
    saved = setting(WINDOW_SETTING)
    room = available(window)
    if isinstance(saved, dict) and all(isinstance(saved.get(k), int) for k in ("x", "y", "w", "h")):
        rect = QRect(saved["x"], saved["y"], saved["w"], saved["h"])
        screens = [s.availableGeometry() for s in QGuiApplication.screens()]
        home = next((s for s in screens if s.intersects(rect)), None)
        if home is not None:  # the screen it was on is still there: stay there, within it
            room = QRect(home.topLeft(), home.size() - FRAME_ALLOWANCE)
            size = fitted(rect.size(), room)
            window.resize(size)
            window.move(min(max(rect.x(), room.left()), room.right() - size.width() + 1),
                        min(max(rect.y(), room.top()), room.bottom() - size.height() + 1))
            return bool(saved.get("maximized"))
    size = fitted(MAIN_SIZE, room)
    window.resize(size)
    window.move(room.left() + (room.width() - size.width()) // 2, room.top() + (room.height() - size.height()) // 2)
    return False


def dock_height(window_height: int) -> int:
    """The 问题 panel's first height: 150 px, less on a short screen so the tables keep their room."""
    return max(90, min(150, window_height // 5))


def remember(window: QMainWindow) -> None:
    """Keep the window's normal size and place, and whether it is maximised, for the next start."""
    rect = window.normalGeometry() if window.isMaximized() else QRect(window.pos(), window.size())  # move() takes the frame's corner
    if rect.width() <= 0 or rect.height() <= 0:
        return
    save_setting(WINDOW_SETTING, {"x": rect.x(), "y": rect.y(), "w": rect.width(), "h": rect.height(),
                                  "maximized": window.isMaximized()})
