"""nianbao's window: PySide6 only, a thin layer over ``app``."""

from ui import import_check as _import_check  # first: before the window's modules are imported (memory)

del _import_check
