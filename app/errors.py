"""One exception family; each carries the Chinese sentence the user reads."""

from __future__ import annotations


class NianbaoError(Exception):
    """Base of every error nianbao reports to a user; ``str(error)`` is the sentence shown."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class CellValueError(NianbaoError):
    """Text typed or imported into a cell that is not a value of the cell's kind."""


class CanonicalError(NianbaoError):
    """Report data (canonical JSON, or a draft's contents) that does not describe a report."""


class DraftFileError(NianbaoError):
    """A draft file that cannot be read or written (broken, foreign, too new, disk full)."""


class ImportSourceError(NianbaoError):
    """A source document that cannot be imported at all."""


class ExportError(NianbaoError):
    """A report that cannot be exported (e.g. a character no font can draw)."""


class ResourceError(NianbaoError):
    """A file the program ships with (a font, an icon) is missing: the installation is incomplete."""


class FormatDefinitionError(NianbaoError):
    """The format or the rules name a cell the layout does not have (a rename left behind).

    Raised when the format and the rules are built, at import time, never while a clerk works.
    """


class ReadOnlyDraftError(DraftFileError):
    """A save would replace a file marked read-only: the user is asked first (as Word does)."""


class WorkCancelledError(NianbaoError):
    """The user pressed 取消 on work running in a worker process (app.worker), which was stopped."""


class ImportCancelledError(ImportSourceError, WorkCancelledError):
    """The user pressed 取消 while a source was being imported."""


class FinalReportError(NianbaoError):
    """A change asked of a report that is final (定稿): it must be reopened (取消定稿) first."""
