"""The installable package: its sizes, and how fast the frozen program starts against the venv.

Prints the installed size (MB, the .deb's Installed-Size), the .deb's size, and the start-up
of ``nianbao --self-test`` up to its window step (process start → main window shown, offscreen)
for the bundle in dist/nianbao and for the venv's ``nianbao``, as medians of alternating runs,
the first run of each apart, and their ratio. Goals: installed ≤ 250 MB, bundle ≤ 1.2 × venv.
Builds the package with `make deb` first when dist/ has none.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ui.selftest import WINDOW_STEP  # noqa: E402

RUNS = 7
GOAL_MB, GOAL_RATIO = 250, 1.2
BUNDLE = ROOT / "dist" / "nianbao" / "nianbao"
VENV = ROOT / ".venv" / "bin" / "nianbao"


def _deb() -> Path:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    deb = ROOT / "dist" / f"nianbao_{version}_{arch}.deb"
    if not deb.is_file() or not BUNDLE.is_file():
        subprocess.run(["make", "deb"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return deb


def window_start(program: Path, home: Path) -> float:
    """Seconds from starting ``program --self-test`` until it reports the window step."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "NIANBAO_DATA_DIR": str(home)}
    started = time.perf_counter()
    with subprocess.Popen([str(program), "--self-test"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True, env=env, cwd=home) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if WINDOW_STEP in line:
                took = time.perf_counter() - started
                if "通过" not in line:
                    raise SystemExit(f"{program}: {line.strip()}")
                process.kill()
                return took
    raise SystemExit(f"{program}: 没有到达“{WINDOW_STEP}”这一步")


def main() -> int:
    """Print the figures; exit 0 (a benchmark reports, it does not judge)."""
    deb = _deb()
    installed_kb = int(subprocess.run(["dpkg-deb", "-f", str(deb), "Installed-Size"], capture_output=True,
                                      text=True, check=True).stdout)
    installed_mb = installed_kb / 1024
    print(f"installed size: {installed_mb:.0f} MB (goal ≤ {GOAL_MB} MB)")
    print(f".deb size: {deb.stat().st_size / 1024 / 1024:.0f} MB ({deb.name})")
    times: dict[str, list[float]] = {"bundle": [], "venv": []}
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as folder:
        for _ in range(RUNS):
            for name, program in (("bundle", BUNDLE), ("venv", VENV)):
                times[name].append(window_start(program, Path(folder)))
    for name, values in times.items():
        print(f"{name} start to window: first {values[0]:.2f} s, median of the rest "
              f"{statistics.median(values[1:]):.2f} s")
    ratio = statistics.median(times["bundle"][1:]) / statistics.median(times["venv"][1:])
    first = times["bundle"][0] / times["venv"][0]
    print(f"bundle / venv: {ratio:.2f} × (first runs {first:.2f} ×; goal ≤ {GOAL_RATIO} ×)")
    return 0


if __name__ == "__main__":
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.exit(main())
