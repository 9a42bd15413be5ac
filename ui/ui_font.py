"""The window's own font: a Chinese one, so every label is drawn from one face.

On a Chinese desktop (统信UOS, 银河麒麟, Deepin, Chinese Windows) the system's interface font
already has Chinese. Where it has none (an English desktop, a bare Debian), Qt draws each
Chinese label by falling back, character run by character run, to another face found through
fontconfig: Latin and Chinese then come from two faces of different weight, and the fallback
is searched again each time a text is laid out, on every edit. Then the window uses the
desktop's Chinese sans-serif face instead, at the desktop's size.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

# The Chinese interface faces, most wanted first (as fontconfig and the systems name them).
CHINESE_UI_FAMILIES = (
    "Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN",
    "思源黑体", "Noto Sans SC", "WenQuanYi Micro Hei", "文泉驿微米黑", "WenQuanYi Zen Hei", "文泉驿正黑",
    "HarmonyOS Sans SC", "PingFang SC", "Droid Sans Fallback",
)


def has_chinese(family: str) -> bool:
    """Whether a face draws Simplified Chinese itself."""
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def chinese_ui_family(installed: list[str]) -> str | None:
    """The first of the wanted Chinese interface faces that is installed, or None."""
    names = set(installed)
    return next((family for family in CHINESE_UI_FAMILIES if family in names), None)


def prefer_chinese_font(app: QApplication) -> str:
    """Give the application a Chinese face when the desktop's has none; the family now used."""
    font = app.font()
    shown = QFontInfo(font).family()
    if has_chinese(shown):
        return shown
    family = chinese_ui_family(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    if family is None:
        return shown  # no Chinese face we know of: Qt's own fallback still finds one
    chinese = QFont(font)
    chinese.setFamilies([family, *font.families()])
    app.setFont(chinese)
    return family
