"""Removing a sub-head of a narrative on purpose: asked first when words would go with it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.report import Part
from ui.bold_marks import character_count

REMOVE = "删除"
KEEP = "保留"


def confirm_remove(parent: QWidget, part: Part) -> bool:
    """Whether the clerk wants the sub-head and its text gone (撤销 brings them back)."""
    words = character_count(part.text)  # as the count under the text: no bold markers
    title = part.title.strip() or "（无标题）"
    box = QMessageBox(QMessageBox.Icon.Question, "删除小标题",
                      f"删除小标题“{title}”及其下的 {words} 字正文？\n删除后可以用“撤销”恢复。", parent=parent)
    remove = box.addButton(REMOVE, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(KEEP, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(box.buttons()[-1])
    box.exec()
    return box.clickedButton() is remove
