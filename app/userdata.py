"""The user's own folder: recently opened drafts and autosaved copies for crash recovery."""

from __future__ import annotations

import getpass
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from app.errors import NianbaoError
from app.processes import pid_alive
from app.report import Report
from app.store import atomic_write, backup_path, load, remove_stale_temps, save

RECENT_LIMIT = 10
DATA_DIR_ENV = "NIANBAO_DATA_DIR"


def data_dir() -> Path:
    """Where nianbao keeps its own files (``NIANBAO_DATA_DIR`` overrides, e.g. in tests)."""
    folder = Path(os.environ.get(DATA_DIR_ENV) or user_data_dir("nianbao", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _recent_file() -> Path:
    return data_dir() / "recent.json"


def recent_files() -> list[Path]:
    """Recently opened drafts, newest first, those that still exist."""
    try:
        names = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(names, list):
        return []
    return [Path(n) for n in names if isinstance(n, str) and Path(n).exists()]


def remember_recent(path: Path) -> list[Path]:
    """Put a draft at the top of the recent list; returns the new list."""
    path = path.resolve()
    paths = [path] + [p for p in recent_files() if p.resolve() != path]
    paths = paths[:RECENT_LIMIT]
    data = json.dumps([str(p) for p in paths], ensure_ascii=False, indent=1).encode("utf-8")
    try:
        atomic_write(_recent_file(), data, keep_backup=False)
    except NianbaoError:
        pass  # the recent list is a convenience; never fail an open because of it
    return paths


@dataclass(frozen=True)
class Recovery:
    """An autosaved copy left by a session that did not end normally."""

    draft: Path
    original: Path | None
    saved_at: float
    pid: int

    def load(self) -> Report:
        """The report as it was at the last autosave."""
        return load(self.draft)

    def discard(self) -> None:
        """Forget this copy (after it was recovered or refused): the draft, its note, backup and temporaries."""
        for path in (self.draft, _info_path(self.draft), backup_path(self.draft)):
            try:
                path.unlink()
            except OSError:
                pass
        remove_stale_temps(self.draft.parent, self.draft.name)


def _recovery_dir() -> Path:
    folder = data_dir() / "recovery"
    folder.mkdir(exist_ok=True)
    return folder


def _info_path(draft: Path) -> Path:
    return draft.with_suffix(".json")


class Autosaver:
    """Keeps one autosaved copy of an open draft in the user folder until it is closed."""

    def __init__(self) -> None:
        self.draft = _recovery_dir() / f"{os.urandom(16).hex()}.nianbao"  # as random as a uuid4, without loading uuid

    def write(self, report: Report, original: Path | None) -> None:
        """Save the copy now, atomically, with where it belongs (the note first: a copy never lacks one)."""
        info = {"original": str(original) if original else None, "saved_at": time.time(),
                "pid": os.getpid()}
        atomic_write(_info_path(self.draft), json.dumps(info, ensure_ascii=False).encode("utf-8"),
                     keep_backup=False)
        save(report, self.draft, keep_backup=False)

    def clear(self) -> None:
        """The draft was saved or closed on purpose: the copy is no longer needed."""
        Recovery(self.draft, None, 0, 0).discard()


def _alive(pid: int) -> bool:
    """Whether a process of that id still runs (so its autosave is not an orphan)."""
    return pid_alive(pid)


RECOVERY_LIMIT = 20  # autosaved copies of ended sessions kept at most (the newest)
RECOVERY_BYTES = 100 * 1024 * 1024  # and at most this much in all


def tidy_recovery() -> int:
    """Remove what no one will recover: abandoned temporaries, backups, copies without their note,
    notes without their copy, and the oldest copies over the cap. How many files went."""
    folder = _recovery_dir()
    removed = remove_stale_temps(folder)
    live_or_pending = []
    for path in list(folder.iterdir()):
        try:
            if path.name.startswith("."):
                continue  # a live session's temporary file
            if path.name.endswith(".bak"):
                path.unlink()
                removed += 1
            elif path.suffix == ".nianbao" and not _info_path(path).exists():
                path.unlink()
                removed += 1
            elif path.suffix == ".json":
                draft = path.with_suffix(".nianbao")
                info = _read_info(path)
                if info is None or (not draft.exists() and not _alive(info[2])):
                    path.unlink()
                    removed += 1
                elif draft.exists() and not _alive(info[2]):
                    live_or_pending.append(Recovery(draft, info[0], info[1], info[2]))
        except OSError:
            continue
    live_or_pending.sort(key=lambda r: r.saved_at, reverse=True)
    total = 0
    for index, recovery in enumerate(live_or_pending):
        try:
            total += recovery.draft.stat().st_size
        except OSError:
            continue
        if index >= RECOVERY_LIMIT or total > RECOVERY_BYTES:
            recovery.discard()
            removed += 2
    return removed


def _read_info(info_file: Path) -> tuple[Path | None, float, int] | None:
    """(original, saved_at, pid) from an autosave note, or None if it cannot be read."""
    try:
        info = json.loads(info_file.read_text(encoding="utf-8"))
        return (Path(info["original"]) if info.get("original") else None, float(info["saved_at"]),
                int(info["pid"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def pending_recoveries() -> list[Recovery]:
    """Autosaved copies whose session ended without closing them, newest first (after tidying the folder)."""
    tidy_recovery()
    found = []
    for info_file in _recovery_dir().glob("*.json"):
        draft = info_file.with_suffix(".nianbao")
        try:
            info = json.loads(info_file.read_text(encoding="utf-8"))
            pid = int(info["pid"])
            saved_at = float(info["saved_at"])
            original = Path(info["original"]) if info.get("original") else None
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if draft.exists() and not _alive(pid):
            found.append(Recovery(draft, original, saved_at, pid))
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


def _settings_file() -> Path:
    return data_dir() / "settings.json"


def _settings() -> dict[str, object]:
    try:
        data = json.loads(_settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def saved_fonts() -> dict[str, tuple[Path, int]]:
    """The installed fonts the user chose per print style: style → (file, face index)."""
    fonts = _settings().get("fonts")
    if not isinstance(fonts, dict):
        return {}
    chosen: dict[str, tuple[Path, int]] = {}
    for style, entry in fonts.items():
        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            index = entry.get("index", 0)
            chosen[str(style)] = (Path(entry["path"]), index if isinstance(index, int) else 0)
    return chosen


def save_fonts(chosen: dict[str, tuple[Path, int]]) -> None:
    """Remember the user's fonts (an empty mapping goes back to the bundled ones)."""
    settings = _settings()
    settings["fonts"] = {style: {"path": str(path), "index": index} for style, (path, index) in chosen.items()}
    atomic_write(_settings_file(), json.dumps(settings, ensure_ascii=False, indent=1).encode("utf-8"),
                 keep_backup=False)


def _save_setting(key: str, value: object) -> None:
    settings = _settings()
    settings[key] = value
    atomic_write(_settings_file(), json.dumps(settings, ensure_ascii=False, indent=1).encode("utf-8"),
                 keep_backup=False)


def system_user_name() -> str:
    """The name this computer knows the user by (the default display name)."""
    try:
        return getpass.getuser() or "未署名"
    except (OSError, KeyError, ImportError):
        return "未署名"


def display_name_chosen() -> bool:
    """Whether the user already gave the name colleagues see on locks and revisions (asked once)."""
    name = _settings().get("display_name")
    return isinstance(name, str) and bool(name.strip())


def setting(key: str, default: object = None) -> object:
    """One of the user's window settings (Enter direction, text size, window place…)."""
    return _settings().get(key, default)


def save_setting(key: str, value: object) -> None:
    """Remember one window setting beside the others in settings.json (written whole, atomically)."""
    if _settings().get(key) == value:
        return
    try:
        _save_setting(key, value)
    except NianbaoError:
        pass  # a setting that cannot be kept is not worth interrupting the user for


def display_name() -> str:
    """The name colleagues see: as the user gave it, else the system user name."""
    name = _settings().get("display_name")
    return name.strip() if isinstance(name, str) and name.strip() else system_user_name()


def save_display_name(name: str) -> None:
    """Keep the user's display name in the settings."""
    _save_setting("display_name", name.strip())
