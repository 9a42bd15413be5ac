"""The documents every export is round-tripped with: the sample and each real published report,
imported once per test run, and LibreOffice run headless with a profile of its own."""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.canonical import to_canonical
from app.importers import read_source
from app.report import Report
from tests.conftest import SHARED

REALWORLD = ("hongze-2023.pdf", "hongze-2024.pdf", "huaian-2024.pdf", "pingtan-2024.html",
             "shuyang-fgj-2023.html", "shanghai-office-2019.html")
DOCUMENTS = ("samples/huiji-2022.txt", *(f"realworld/{name}" for name in REALWORLD))


@lru_cache(maxsize=None)
def _imported(name: str) -> dict[str, Any]:
    return to_canonical(read_source(SHARED / name).report)


def source_report(name: str) -> Report:
    """A fresh copy of the report imported from a shared document."""
    from app.canonical import from_canonical

    return from_canonical(_imported(name))


def canonical_parts(report: Report, keys: tuple[str, ...] = ("format", "meta", "sections", "cells")) -> dict[str, Any]:
    """The parts of the canonical JSON an export must carry back."""
    data = to_canonical(report)
    return {key: data[key] for key in keys}


def soffice_convert(source: Path, target_format: str, out_dir: Path) -> Path:
    """Convert a file with LibreOffice headless; its own profile, so parallel runs do not clash."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is missing: tools/install-system-deps installs it"
    profile = out_dir / "lo-profile"
    done = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                           target_format, "--outdir", str(out_dir), str(source)],
                          capture_output=True, text=True, timeout=240)
    suffix = target_format.split(":")[0]
    produced = out_dir / f"{source.stem}.{suffix}"  # one file per sheet when all sheets are asked for
    assert done.returncode == 0 and (produced.exists() or list(out_dir.glob(f"{source.stem}-*.{suffix}"))), \
        done.stderr + done.stdout
    return produced
