"""Bundled files come through one door, in a checkout and in the frozen build, never outside resources/."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.assets import resource, resources_root
from app.errors import ResourceError
from app.fonts import BUNDLED, FALLBACK


def test_every_bundled_font_is_there_with_a_licence_beside_it() -> None:
    for relative in [*BUNDLED.values(), FALLBACK]:
        font = resource(relative)
        assert font.stat().st_size > 1_000_000
        licences = [p for p in font.parent.iterdir() if p.name.startswith(("COPYING", "LICENSE"))]
        assert licences, font.parent


@pytest.mark.parametrize("bad", ["../pyproject.toml", "fonts/../../app/cli.py", "/etc/passwd", "", "C:/x",
                                 "fonts\\..\\..\\app\\cli.py"])
def test_paths_outside_resources_are_refused(bad: str) -> None:
    with pytest.raises(ResourceError):
        resource(bad)


def test_a_missing_file_says_the_installation_is_incomplete() -> None:
    with pytest.raises(ResourceError, match="重新安装"):
        resource("fonts/nothing.ttf")


def test_frozen_build_reads_from_meipass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    (tmp_path / "resources" / "fonts" / "x.ttf").write_bytes(b"x")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_root() == tmp_path / "resources"
    assert resource("fonts/x.ttf") == tmp_path / "resources" / "fonts" / "x.ttf"
