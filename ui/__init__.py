"""nianbao's window: PySide6 only, a thin layer over ``app``."""
