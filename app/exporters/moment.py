"""The moment an export states it was made, read where the export is asked for.

Exports are made in a worker process that is kept between exports (app.worker), so the
moment is taken by the process that asks and sent along: a worker started earlier, with
another environment, never puts its own clock into the file.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone


def export_time(created: datetime | None = None) -> datetime:
    """When the PDF says it was made: ``created`` if given, else the fixed clock of
    ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention; tests set it), else now."""
    if created is not None:
        return created if created.tzinfo else created.astimezone()
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now().astimezone()
