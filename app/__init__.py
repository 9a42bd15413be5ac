"""nianbao's domain: the report format, drafts, rules, storage, import, export. No Qt here."""

__version__ = "0.1.0"
