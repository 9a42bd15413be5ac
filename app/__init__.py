"""nianbao's domain: the report format, drafts, rules, storage, import, export. No Qt here."""

from app.version import __version__

__all__ = ["__version__"]
