"""The user's window preferences, kept in app.userdata's settings: read once, cached here.

The table view asks for the Enter direction on every Enter and the pages for the text scale
while they are built; a JSON read each time would be wasteful, so the values live here after
the first read and every change goes through ``set_…`` (which also saves it).
"""

from __future__ import annotations

import os

from app.userdata import DATA_DIR_ENV, save_setting, setting

ENTER_DOWN = "down"
ENTER_RIGHT = "right"
ENTER_NAMES = {ENTER_DOWN: "按回车键后向下移动", ENTER_RIGHT: "按回车键后向右移动"}
TEXT_SCALES = (100, 125, 150, 200)

_cache: dict[tuple[str, str], object] = {}


def _key(name: str) -> tuple[str, str]:
    return os.environ.get(DATA_DIR_ENV, ""), name  # a test's own user folder has its own settings


def _get(name: str, default: object, allowed: tuple[object, ...]) -> object:
    key = _key(name)
    if key not in _cache:
        value = setting(name, default)
        _cache[key] = value if value in allowed else default
    return _cache[key]


def forget() -> None:
    """Read the settings again next time (a test changed the user folder)."""
    _cache.clear()


def enter_direction() -> str:
    """Where Enter moves the cursor in a table: down (as Excel and WPS do) or right."""
    return str(_get("enter", ENTER_DOWN, (ENTER_DOWN, ENTER_RIGHT)))


def set_enter_direction(direction: str) -> None:
    """Choose where Enter moves; remembered for the next start."""
    _cache[_key("enter")] = direction
    save_setting("enter", direction)


def text_scale() -> int:
    """The 大字号 setting: the window's text at 100, 125, 150 or 200 %."""
    value = _get("text_scale", 100, TEXT_SCALES)
    return value if isinstance(value, int) else 100


def set_text_scale(percent: int) -> None:
    """Choose the text size; remembered for the next start."""
    _cache[_key("text_scale")] = percent
    save_setting("text_scale", percent)


def scaled(pixels: int) -> int:
    """A width in pixels at the chosen text size (column widths grow with the text)."""
    return round(pixels * text_scale() / 100)
