"""PySide6's look at every imported module (ui.import_check): the same answers, no sources kept."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers import ROOT

PROBE = """
import inspect, json, linecache, sys
import ui.main_window
feature = sys.modules["shibokensupport.feature"]
ours = sorted(name for name in sys.modules if name.split(".")[0] in ("app", "ui"))
kept = [path for path in linecache.cache if "/app/" in path or "/ui/" in path]
answers = {name: feature.pyside_feature_dict.get(name) for name in ours}
truth = {name: 0 if "PySide6" in inspect.getsource(sys.modules[name]) else -1 for name in ours}
print(json.dumps({"kept": kept, "answers": answers, "truth": truth}))
"""


def test_the_window_keeps_no_module_sources_and_pyside_gets_the_same_answers() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["kept"] == []  # no source of ours held in linecache after the window's imports
    answers, truth = found["answers"], found["truth"]
    assert len(answers) > 60
    checked = {name: answers[name] for name in answers if answers[name] is not None}
    assert len(checked) > 60 and checked == {name: truth[name] for name in checked}
    assert checked["ui.table_model"] == 0 and checked["app.report"] == -1  # uses Qt / plain Python
