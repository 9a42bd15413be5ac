"""撤销 and 重做 on the toolbar: fixed labels, so an edit never re-lays out the toolbar.

The stack's own actions (in the 编辑 menu) rename themselves on every edit ("撤销 设置 表三…").
On a toolbar that shows text beside the icons, each rename resized the button, moved the buttons
after it and repainted the toolbar and the window behind it: on a cell edit that was more work
than the edit itself. The toolbar buttons keep their label; what they would undo is told in
their tooltip when it is asked for, and their enabled state follows the stack's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QHelpEvent, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import QToolBar, QToolTip, QWidget


class UndoButtons(QObject):
    """The toolbar's two buttons, bound to the undo stack of the draft shown."""

    def __init__(self, toolbar: QToolBar, undo_icon: QIcon, redo_icon: QIcon) -> None:
        super().__init__(toolbar)
        self.toolbar = toolbar
        self.undo = QAction(undo_icon, "撤销", toolbar)
        self.redo = QAction(redo_icon, "重做", toolbar)
        self._menu_actions: tuple[QAction, QAction] | None = None
        self._stack: QUndoStack | None = None
        for button in (self.undo, self.redo):
            button.setEnabled(False)
            toolbar.addAction(button)
            widget = toolbar.widgetForAction(button)
            if widget is not None:
                widget.installEventFilter(self)
        self.undo.triggered.connect(lambda: self._trigger(0))
        self.redo.triggered.connect(lambda: self._trigger(1))

    def bind(self, stack: QUndoStack, undo_action: QAction, redo_action: QAction) -> None:
        """Follow another draft's stack; the buttons do what the 编辑 menu's actions do."""
        if self._stack is not None:
            self._stack.canUndoChanged.disconnect(self.undo.setEnabled)
            self._stack.canRedoChanged.disconnect(self.redo.setEnabled)
        self._stack, self._menu_actions = stack, (undo_action, redo_action)
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        self.undo.setEnabled(stack.canUndo())
        self.redo.setEnabled(stack.canRedo())
        for button, action in zip((self.undo, self.redo), self._menu_actions):
            button.setToolTip(_tip(action))

    def _trigger(self, which: int) -> None:
        if self._menu_actions is not None:
            self._menu_actions[which].trigger()  # the menu's action: the cursor follows, messages clear

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent) and self._menu_actions:
            widget = watched if isinstance(watched, QWidget) else None
            which = 0 if widget is self.toolbar.widgetForAction(self.undo) else 1
            QToolTip.showText(event.globalPos(), _tip(self._menu_actions[which]), widget)
            return True
        return False


def _tip(action: QAction) -> str:
    """'撤销 设置 表三…（Ctrl+Z）': what the step is, and its key."""
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{action.text()}（{keys}）" if keys else action.text()
