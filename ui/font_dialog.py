"""字体设置: print with the fonts installed on this PC (仿宋_GB2312, 方正小标宋…) instead of the bundled ones."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import NianbaoError
from app.userdata import save_fonts, saved_fonts
from ui import dialogs
from ui.window_geometry import fit_to_screen

if TYPE_CHECKING:
    from app.fonts import FontFile

FONT_FILTER = "TrueType 字体 (*.ttf *.ttc *.TTF *.TTC);;所有文件 (*)"


def chosen_fonts() -> dict[str, FontFile]:
    """The saved choices as the exporter takes them (style → FontFile)."""
    from app.fonts import FontFile

    return {style: FontFile(path, index) for style, (path, index) in saved_fonts().items()}


class FontDialog(QDialog):
    """One row per print style: the file chosen (or 内置字体), 选择…, 恢复默认."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.fonts import BUNDLED, STYLES

        self.setWindowTitle("字体设置")
        self.chosen: dict[str, tuple[Path, int]] = saved_fonts()
        layout = QVBoxLayout(self)
        note = QLabel("导出和打印默认使用程序自带的开源字体（Fandol 宋、黑、楷、仿宋）。"
                      "如本机装有公文字体（如仿宋_GB2312、方正小标宋），可以在这里选用；"
                      "所选字体缺少的字会用自带字体补上。")
        note.setWordWrap(True)
        layout.addWidget(note)
        grid = QGridLayout()
        self.fields: dict[str, QLineEdit] = {}
        for row, (style, label) in enumerate(STYLES.items()):
            grid.addWidget(QLabel(f"{label}："), row, 0)
            field = QLineEdit()
            field.setReadOnly(True)
            field.setPlaceholderText(f"内置：{Path(BUNDLED[style]).stem}")
            self.fields[style] = field
            grid.addWidget(field, row, 1)
            pick = QPushButton("选择…")
            pick.clicked.connect(lambda _=False, s=style: self.pick(s))
            grid.addWidget(pick, row, 2)
            reset = QPushButton("恢复默认")
            reset.clicked.connect(lambda _=False, s=style: self.choose(s, None))
            grid.addWidget(reset, row, 3)
        layout.addLayout(grid)
        buttons = QDialogButtonBox()
        buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show()
        fit_to_screen(self, 720, 260)  # never larger than the screen (1024×768, 200 %…)

    def _show(self) -> None:
        for style, field in self.fields.items():
            entry = self.chosen.get(style)
            field.setText(f"{entry[0]}" + (f" #{entry[1]}" if entry and entry[1] else "") if entry else "")

    def pick(self, style: str) -> None:
        """Ask for a font file for one style."""
        folder = "C:/Windows/Fonts" if sys.platform == "win32" else ""
        name, _ = QFileDialog.getOpenFileName(self, "选择字体文件", folder, FONT_FILTER)
        if name:
            self.choose(style, Path(name))

    def choose(self, style: str, path: Path | None, index: int = 0) -> bool:
        """Use a font file for a style (None: the bundled one); a file that cannot be used is refused."""
        from app.fonts import FontFile, load_font

        if path is None:
            self.chosen.pop(style, None)
        else:
            try:
                load_font(FontFile(path, index))
            except NianbaoError as error:
                dialogs.error(self, str(error), "无法使用这个字体")
                return False
            self.chosen[style] = (path, index)
        self._show()
        return True

    def accept(self) -> None:
        try:
            save_fonts(self.chosen)
        except NianbaoError as error:
            dialogs.error(self, str(error), "无法保存设置")
            return
        super().accept()
