"""Helpers shared by the tests: reports made from canonical data, the CLI run as a process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from app.canonical import from_canonical, to_canonical
from app.report import Report

ROOT = Path(__file__).resolve().parents[1]


def complete_report(year: int = 2024) -> Report:
    """A new report (totals computed, figures 0) whose every section and standard sub-head has words."""
    report = Report.new(organ="测试县数据局", year=year)
    report.sections["s1"].text = "本年度，我局认真贯彻落实《条例》。"
    for part in report.sections["s1"].parts:  # every standard sub-head has its text (S.subhead)
        part.text = "有序开展。"
    report.sections["s5"].text = "主要问题是公开内容不够全面。"
    report.sections["s6"].text = "本年度未收取信息处理费。"
    return report


def zero_report(**cells: Any) -> Report:
    """An all-zero 2021 report with complete narratives, totals kept as given, plus overrides.

    Cell ids use '__' for '.', e.g. ``t3__new__natural=5``.
    """
    report = Report.new(organ="测试县数据局", year=2024)
    report.totals = "published"
    report.sections["s1"].text = "本年度，我局认真贯彻落实《条例》。"
    for part in report.sections["s1"].parts:  # every standard sub-head has its text (S.subhead)
        part.text = "有序开展。"
    report.sections["s5"].text = "主要问题是公开内容不够全面。"
    report.sections["s6"].text = "本年度未收取信息处理费。"
    for key, value in cells.items():
        report.cells[key.replace("__", ".")] = value
    return report


def roundtrip(report: Report) -> Report:
    """The report through canonical JSON text and back."""
    return from_canonical(json.loads(json.dumps(to_canonical(report), ensure_ascii=False)))


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m app ARGS`` in a fresh interpreter, as a user would run ``nianbao``."""
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd or ROOT, timeout=120)


def copies_of_one_draft(folder: Path, base: Report, **copies: Report) -> dict[str, Path]:
    """Copies of one draft that went different ways, as colleagues make them: ``base`` saved once
    (原稿.nianbao), the file copied once per name, and each copy saved with its own report — so
    their histories share the first revision (the base a three-way merge finds)."""
    from app.history import History, load_draft, save_draft

    origin = folder / "原稿.nianbao"
    save_draft(base, origin, History(), "张三")
    paths = {}
    for name, report in copies.items():
        path = folder / f"{name}.nianbao"
        shutil.copyfile(origin, path)
        _, history = load_draft(path)
        save_draft(report, path, history, name)
        paths[name] = path
    return paths
