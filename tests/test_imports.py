"""The shape of the code, read from the imports of every module: no circle in ``ui/``,
and ``app/`` never reaches into ``ui`` or Qt (not even in a function or for type checking)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(package: str) -> dict[str, set[str]]:
    """Every module of a package and the modules it imports, anywhere in its text."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        name = _module_name(path)
        is_package = path.name == "__init__.py"
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                names.add(module)
                names.update(f"{module}.{alias.name}" for alias in node.names)
        found[name] = names
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle in the graph, if there is any."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        trail.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return trail[trail.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        trail.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_ui_has_no_import_cycle() -> None:
    imports = imports_of("ui")
    assert {"ui.document", "ui.commands", "ui.main_window", "ui.problems", "ui.navigator"} <= set(imports)
    graph = {name: {m for m in targets if m in imports and m != name} for name, targets in imports.items()}
    graph = {name: targets - {"ui"} for name, targets in graph.items()}
    assert _cycle(graph) is None, " → ".join(_cycle(graph) or [])
    assert "ui.document" not in graph["ui.commands"]  # commands are given the function that applies an edit


def test_cycle_finder_finds_a_circle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_app_imports_neither_ui_nor_qt() -> None:
    imports = imports_of("app")
    assert len(imports) > 20
    for name, targets in imports.items():
        if name == "app.__main__":  # the program's entry, which hands the window to the command line
            continue
        foreign = {t for t in targets if t.split(".")[0] in ("ui", "PySide6", "shiboken6")}
        assert not foreign, f"{name} imports {sorted(foreign)}"


# Loaded when first used, never by the start (resident memory, issue 9's benchmark): what only a
# dialog, an export or a merge needs. secrets and hashlib would load OpenSSL (some 3 MiB).
NOT_AT_START = ("secrets", "hashlib", "_hashlib", "socket", "multiprocessing", "difflib", "app.worker",
                "app.merge", "app.diff", "ui.compare_view", "ui.merge_view", "ui.history_dialog",
                "ui.save_conflict", "ui.progress", "reportlab", "docx", "openpyxl", "pdfplumber", "pypdfium2")


def test_the_start_does_not_load_what_only_a_dialog_or_an_export_needs() -> None:
    script = ("import sys; import ui.application, ui.main_window; "
              f"print(sorted(m for m in {NOT_AT_START!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
