"""The built .deb, installed with dpkg as a clerk's PC would get it, then removed.

`make deb` builds the package once for this module; every command then runs the INSTALLED
``nianbao`` found on a plain system PATH, with a clean environment, and strace proves that no
file of this checkout (its .venv included) is opened and that no network socket is made.
Needs root (CI runs as root); elsewhere the module is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.canonical import to_canonical
from app.importers import read_source
from ui.selftest import STEPS
from tests.conftest import ROOT, SHARED

PREFIX = Path("/opt/nianbao")
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
REALWORLD = sorted(p for p in (SHARED / "realworld").iterdir() if p.suffix in {".pdf", ".html", ".docx", ".txt"}) \
    if (SHARED / "realworld").is_dir() else []
NETWORK_FAMILIES = ("AF_INET", "AF_INET6", "AF_PACKET")

pytestmark = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("dpkg"),
                                reason="installing the .deb needs root and dpkg (CI has both)")


def _clean_env(home: Path) -> dict[str, str]:
    """An office user's environment: system PATH, no venv, no PYTHONPATH, own home and data folder."""
    return {"PATH": SYSTEM_PATH, "HOME": str(home), "LANG": "C.UTF-8", "NIANBAO_DATA_DIR": str(home / "data"),
            "XDG_RUNTIME_DIR": str(home / "run")}


@pytest.fixture(scope="module")
def deb() -> Path:
    """The package built by `make deb` from this checkout."""
    result = subprocess.run(["make", "deb"], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    path = ROOT / "dist" / f"nianbao_{VERSION}_{arch}.deb"
    assert path.is_file(), result.stdout[-2000:]
    return path


@pytest.fixture(scope="module")
def installed(deb: Path) -> Iterator[Path]:
    """The package installed with dpkg -i; purged at the end whatever happened (no dpkg state left)."""
    result = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    yield PREFIX
    subprocess.run(["dpkg", "-P", "nianbao"], capture_output=True, timeout=600)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    for sub in ("data", "run"):
        (tmp_path / sub).mkdir(mode=0o700)
    return tmp_path


def _run(args: list[str], home: Path, timeout: float = 300, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=home, env=_clean_env(home), capture_output=True, text=True, timeout=timeout,
                          **kwargs)  # type: ignore[call-overload]


def _traced(args: list[str], home: Path, calls: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run under strace (every thread and child), returning the result and the trace."""
    trace = home / "strace.txt"
    result = _run(["strace", "-f", "-qq", "-e", f"trace={calls}", "-o", str(trace), *args], home)
    return result, trace.read_text(encoding="utf-8", errors="replace")


def network_calls(trace: str) -> list[str]:
    """The traced lines that open or reach a network socket (AF_UNIX to X or D-Bus is not network)."""
    return [line for line in trace.splitlines()
            if re.search(r"\b(socket|connect)\(", line) and any(f in line for f in NETWORK_FAMILIES)]


def test_the_installed_command_is_the_bundle_on_the_system_path(installed: Path, home: Path) -> None:
    found = shutil.which("nianbao", path=SYSTEM_PATH)
    assert found is not None
    assert Path(found).resolve() == installed / "nianbao"
    assert not (installed / "_internal" / "bin" / "python").exists()
    result = _run(["nianbao", "--version"], home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"nianbao {VERSION}"


def test_self_test_passes_without_touching_the_checkout_or_the_network(installed: Path, home: Path) -> None:
    result, trace = _traced(["nianbao", "--self-test"], home, "execve,open,openat,socket,connect")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"nianbao {VERSION} 自检开始"
    steps = [line for line in lines if line.startswith("[")]
    assert len(steps) == len(STEPS) and all("：通过。" in line for line in steps), result.stdout
    assert lines[-1].startswith("自检通过")
    assert "Qt 对话框为中文" in result.stdout  # the zh_CN catalogues travel with the bundle
    opened = re.findall(r'(?:open|openat|execve)\((?:AT_FDCWD, )?"([^"]+)"', trace)
    assert any(p.startswith(str(installed)) for p in opened)
    from_checkout = [p for p in opened if p.startswith(str(ROOT))]
    assert from_checkout == [], from_checkout[:5]  # neither the venv nor the sources are used
    assert network_calls(trace) == []


def test_the_network_check_sees_a_socket_when_there_is_one(home: Path) -> None:
    python = shutil.which("python3", path=SYSTEM_PATH)
    assert python
    _, trace = _traced([python, "-c", "import socket; socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()"],
                       home, "socket,connect")
    assert network_calls(trace)


@pytest.mark.parametrize("source", REALWORLD, ids=[p.name for p in REALWORLD])
def test_every_real_document_imports_and_exports_with_embedded_fonts(installed: Path, home: Path,
                                                                     source: Path) -> None:
    draft, pdf = home / "草稿.nianbao", home / "报告.pdf"
    imported = _run(["nianbao", "import", str(source), "-o", str(draft)], home)
    assert imported.returncode in (0, 1), imported.stderr  # 1: some cells left for the clerk to confirm
    assert draft.is_file()
    shown = _run(["nianbao", "show", str(draft), "--json"], home)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == json.loads(json.dumps(to_canonical(read_source(source).report)))
    exported = _run(["nianbao", "export", str(draft), "-o", str(pdf)], home)
    assert exported.returncode == 0, exported.stderr
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts, "no fonts in the exported PDF"
    for row in fonts:
        assert row.split()[-5] == "yes", row  # the emb column


def test_every_resource_of_the_checkout_is_in_the_bundle(installed: Path) -> None:
    source = ROOT / "resources"
    wanted = sorted(str(p.relative_to(source)) for p in source.rglob("*") if p.is_file())
    bundled = installed / "_internal" / "resources"
    assert wanted and [w for w in wanted if not (bundled / w).is_file()] == []


def glibc_floor(bundle: Path) -> str:
    """The newest GLIBC_x.y symbol version any ELF file of the bundle asks for (objdump -T)."""
    newest = (0, 0)
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink() or path.read_bytes()[:4] != b"\x7fELF":
            continue
        dump = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", dump):
            newest = max(newest, (int(major), int(minor)))
    return f"{newest[0]}.{newest[1]}"


def test_packaging_readme_states_the_glibc_floor_of_the_bundle(installed: Path) -> None:
    floor = glibc_floor(installed)
    assert tuple(map(int, floor.split("."))) >= (2, 17)
    readme = (ROOT / "packaging" / "README.md").read_text(encoding="utf-8")
    assert f"glibc {floor}" in readme, f"packaging/README.md should say: glibc {floor}"


def test_desktop_entry_is_valid_and_chinese(installed: Path) -> None:
    entry = Path("/usr/share/applications/nianbao.desktop")
    result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    text = entry.read_text(encoding="utf-8")
    assert "Name[zh_CN]=政务公开年报填报" in text
    assert "MimeType=application/x-nianbao;" in text
    assert "Icon=nianbao" in text


def test_icons_are_in_the_hicolor_theme(installed: Path) -> None:
    hicolor = Path("/usr/share/icons/hicolor")
    for size in (16, 24, 32, 48, 64, 128, 256):
        assert (hicolor / f"{size}x{size}" / "apps" / "nianbao.png").is_file()
        assert (hicolor / f"{size}x{size}" / "mimetypes" / "application-x-nianbao.png").is_file()
    assert (hicolor / "scalable" / "apps" / "nianbao.svg").is_file()


@pytest.mark.parametrize("desktop", ["", "GNOME"])
def test_a_draft_file_is_of_type_application_x_nianbao(installed: Path, home: Path, desktop: str) -> None:
    draft = home / "某局2025年.nianbao"
    made = _run(["nianbao", "new", "--organ", "某局", "--year", "2025", "-o", str(draft)], home)
    assert made.returncode == 0, made.stderr
    env = _clean_env(home) | ({"XDG_CURRENT_DESKTOP": desktop} if desktop else {})
    result = subprocess.run(["xdg-mime", "query", "filetype", str(draft)], env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "application/x-nianbao", result.stdout + result.stderr
    default = subprocess.run(["xdg-mime", "query", "default", "application/x-nianbao"], env=env,
                             capture_output=True, text=True)
    assert default.stdout.strip() in ("", "nianbao.desktop")


def test_removal_leaves_nothing_under_opt(installed: Path) -> None:
    result = subprocess.run(["dpkg", "-r", "nianbao"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not installed.exists()
    assert shutil.which("nianbao", path=SYSTEM_PATH) is None
    assert not Path("/usr/share/applications/nianbao.desktop").exists()
    assert not Path("/usr/share/mime/packages/nianbao.xml").exists()
