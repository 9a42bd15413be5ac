"""The canonical JSON (as ``nianbao show --json`` prints it) back into a report."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from app.canonical import from_canonical
from app.errors import CanonicalError, ImportSourceError
from app.importers import ImportResult


def read(path: Path) -> ImportResult:
    """Every cell exactly as given: decimals stay exact, nothing is recomputed."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
        data = json.loads(text, parse_float=Decimal)
    except OSError as error:
        raise ImportSourceError(f"无法读取“{path}”：{error.strerror or error}") from error
    except (UnicodeDecodeError, ValueError) as error:
        raise ImportSourceError(f"“{path.name}”不是有效的 JSON 文件，无法导入。") from error
    try:
        report = from_canonical(data)
    except CanonicalError as error:
        raise ImportSourceError(f"“{path.name}”不是年报数据：{error}") from error
    except (TypeError, ValueError, AttributeError, ArithmeticError) as error:  # a shape no check foresaw
        raise ImportSourceError(f"“{path.name}”不是年报数据（内容格式不对）。") from error
    return ImportResult(report, [], [sid for sid, n in report.sections.items() if not n.is_empty()])
