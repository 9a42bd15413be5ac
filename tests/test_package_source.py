"""What the packages are made of, checked from the checkout: the version, the self-test, the
icons, and the Windows installer script (compiled by Debian's makensis against a stand-in bundle)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ElementTree
from importlib import metadata
from pathlib import Path

import pytest

import app
import ui.selftest as selftest
from app import version
from tests.conftest import ROOT

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
ICONS = ROOT / "resources" / "icons"
NSIS_SCRIPT = ROOT / "packaging" / "windows" / "nianbao.nsi"


def test_the_one_version_number_is_pyprojects() -> None:
    assert app.__version__ == VERSION
    result = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == f"nianbao {VERSION}"


def test_the_installed_version_is_read_from_its_metadata_as_importlib_reads_it(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert version._from_metadata() == metadata.version("nianbao")  # without importing importlib.metadata
    info = tmp_path / "nianbao-4.5.6.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.4\nName: nianbao\nVersion: 4.5.6\n\nVersion: 0\n",
                                   encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert version._from_metadata() == "4.5.6"  # the first entry of sys.path that has it, as importlib does
    done = subprocess.run([sys.executable, "-c", "import sys, app; print(sorted(m for m in sys.modules "
                           "if m.split('.')[0] in ('email', 'tomllib') or m == 'importlib.metadata'))"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr  # none of it is loaded at start


def test_a_frozen_build_without_metadata_reads_its_version_file(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "VERSION").write_text("9.8.7\n", encoding="utf-8")
    monkeypatch.setattr(version, "_from_metadata", lambda: None)  # no metadata anywhere
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert version.read_version() == "9.8.7"
    monkeypatch.delattr(sys, "_MEIPASS")
    assert version.read_version() == VERSION  # a bare checkout: pyproject.toml itself


def test_self_test_from_source_passes_every_step(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "app", "--self-test"], capture_output=True, text=True,
                            timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    steps = [line for line in result.stdout.splitlines() if line.startswith("[")]
    assert [s.split("：")[0].split("] ")[1] for s in steps] == [name for name, _ in selftest.STEPS]
    assert all("：通过。" in s for s in steps)


def test_self_test_fails_when_a_font_is_not_embedded(qapp: object, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(selftest, "_fonts_of", lambda pdf: iter([("FandolFang-Regular", False)]))
    assert selftest.run_self_test() == selftest.EXIT_FAILED
    out = capsys.readouterr().out
    assert "检查字体嵌入：失败。这些字体没有嵌入 PDF：FandolFang-Regular" in out
    assert "自检未通过：1 个步骤失败。" in out


def test_the_sample_really_has_its_fonts_embedded(tmp_path: Path) -> None:
    from app.exporters.pdf import write_pdf

    pdf = tmp_path / "x.pdf"
    write_pdf(selftest.sample_report(), pdf)
    fonts = dict(selftest._fonts_of(pdf))
    assert fonts and all(fonts.values())
    if shutil.which("pdffonts"):  # the same verdict as poppler's
        rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
        assert len(rows) >= len(fonts) and all(r.split()[-5] == "yes" for r in rows)


def _ico_sizes(path: Path) -> set[int]:
    data = path.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    return {(data[6 + 16 * i] or 256) for i in range(count)}


@pytest.mark.parametrize("name", ["nianbao", "nianbao-draft"])
def test_icons_are_made_from_their_svg_at_every_size(name: str) -> None:
    ElementTree.parse(ICONS / f"{name}.svg")
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        png = ICONS / "png" / f"{name}-{size}.png"
        width, height = struct.unpack(">II", png.read_bytes()[16:24])
        assert (width, height) == (size, size)
    assert _ico_sizes(ICONS / f"{name}.ico") >= {16, 24, 32, 48, 256}


def test_windows_get_the_application_icon(qapp: object) -> None:
    from ui.app_icon import application_icon
    from ui.application import make_application

    icon = application_icon()
    assert not icon.isNull() and 16 in {s.width() for s in icon.availableSizes()}
    assert not make_application().windowIcon().isNull()


def _stand_in_bundle(folder: Path) -> Path:
    """What PyInstaller makes on Windows, in the shape the installer script copies."""
    bundle = folder / "nianbao"
    icons = bundle / "_internal" / "resources" / "icons"
    icons.mkdir(parents=True)
    for ico in ICONS.glob("*.ico"):
        shutil.copy(ico, icons)
    for exe in ("nianbao.exe", "nianbao-cli.exe"):
        (bundle / exe).write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "VERSION").write_text(VERSION, encoding="utf-8")
    return bundle


@pytest.mark.skipif(not shutil.which("makensis"), reason="makensis (Debian package nsis) is not installed")
def test_the_windows_installer_script_compiles(tmp_path: Path) -> None:
    bundle = _stand_in_bundle(tmp_path)
    setup = tmp_path / f"nianbao-{VERSION}-setup.exe"
    result = subprocess.run(["makensis", "-WX", "-V2", f"-DVERSION={VERSION}", f"-DBUNDLE={bundle}",
                             f"-DOUTFILE={setup}", str(NSIS_SCRIPT)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert setup.read_bytes()[:2] == b"MZ" and setup.stat().st_size > 50_000


@pytest.mark.skipif(not shutil.which("makensis"), reason="makensis (Debian package nsis) is not installed")
def test_the_installer_script_refuses_to_build_without_a_version(tmp_path: Path) -> None:
    bundle = _stand_in_bundle(tmp_path)
    result = subprocess.run(["makensis", "-V2", f"-DBUNDLE={bundle}", f"-DOUTFILE={tmp_path / 'x.exe'}",
                             str(NSIS_SCRIPT)], capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert not (tmp_path / "x.exe").exists()


def test_the_installer_is_per_user_and_says_so_on_windows_7() -> None:
    script = NSIS_SCRIPT.read_text(encoding="utf-8")
    assert "Unicode true" in script and "RequestExecutionLevel user" in script
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\' in script
    assert "WriteRegStr HKLM" not in script  # nothing that needs administrator rights
    assert "${AtLeastWin10}" in script and "Windows 7" in script


def test_help_about_shows_the_version(qtbot: object) -> None:
    from ui.main_window import MainWindow
    from tests.gui_helpers import answer_next_dialog

    window = MainWindow()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("帮助"))
    about = next(a for a in help_menu.actions() if a.text().startswith("关于"))
    seen: list[str] = []
    answer_next_dialog("确定", seen)
    about.trigger()
    assert seen and f"政务公开年报填报 {VERSION}" in seen[0]
