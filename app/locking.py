"""The lock beside a draft open for editing: who has it, on which computer, since when.

A lock is a small JSON file ``.~lock.NAME#`` in the draft's folder (LibreOffice's convention),
written atomically. It works on a shared folder (SMB/NFS) between computers: nothing here needs
both processes on one machine. A lock is stale when its process is gone (checked only on the
machine that wrote it) or when its heartbeat, refreshed every minute by the window holding it,
is older than ten minutes (any machine). No Qt here.
"""

from __future__ import annotations

import datetime
import errno
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from app.errors import DraftFileError
from app.history import machine_name, parse_time, utc_now
from app.processes import host_tag, pid_alive
from app.store import NAME_MAX, atomic_write, remove_stale_temps, write_target

LOCK_FORMAT = "nianbao-lock"
LOCK_PREFIX = ".~lock."
HEARTBEAT_SECONDS = 60  # how often a window refreshes its lock
STALE_SECONDS = 600  # a heartbeat older than this: the holder is gone (a crash, a computer switched off)
UNKNOWN_NAME, UNKNOWN_MACHINE = "未知用户", "未知计算机"


def lock_path(draft: Path) -> Path:
    """The lock file of a draft: ``.~lock.NAME#`` beside it (the name cut by characters if too long)."""
    draft = write_target(draft)
    name = draft.name
    while len(f"{LOCK_PREFIX}{name}#".encode("utf-8", "surrogatepass")) > NAME_MAX - 40:  # room for temporaries
        name = name[:-1]
    return draft.with_name(f"{LOCK_PREFIX}{name}#")


@dataclass(frozen=True)
class LockInfo:
    """What a lock file says about its holder."""

    name: str
    machine: str
    host: str  # app.processes.host_tag of the machine: the process id is only checked there
    pid: int
    opened_at: str  # ISO 8601, UTC
    heartbeat: str
    token: str  # tells this holder's lock from a later one of the same process

    def to_json(self) -> dict[str, object]:
        return {"format": LOCK_FORMAT, "name": self.name, "machine": self.machine, "host": self.host,
                "pid": self.pid, "opened_at": self.opened_at, "heartbeat": self.heartbeat, "token": self.token}

    @property
    def on_this_machine(self) -> bool:
        return self.host == host_tag() and self.machine == machine_name()

    def since(self) -> str:
        """When the holder opened the draft, on this computer's clock: 10:32, or 11月30日 10:32 another day."""
        try:
            opened = parse_time(self.opened_at).astimezone()
        except ValueError:
            return "未知时间"
        if opened.date() == datetime.datetime.now().astimezone().date():
            return opened.strftime("%H:%M")
        return f"{opened.month}月{opened.day}日 {opened:%H:%M}"

    def sentence(self) -> str:
        """草稿正在由 张三（办公室-PC01）编辑，自 10:32 起"""
        return f"草稿正在由 {self.name}（{self.machine}）编辑，自 {self.since()} 起"

    def heartbeat_age(self, now: float | None = None) -> float:
        """Seconds since the holder last said it is still there."""
        try:
            beat = parse_time(self.heartbeat).timestamp()
        except ValueError:
            return float("inf")
        return (time.time() if now is None else now) - beat

    def stale_reason(self, now: float | None = None) -> str | None:
        """Why this lock no longer holds anyone (a Chinese sentence), or None while its holder is there."""
        if self.on_this_machine and not pid_alive(self.pid):
            return f"打开它的程序已不在运行（本机进程 {self.pid} 已结束），可能是程序意外退出。"
        age = self.heartbeat_age(now)
        if age > STALE_SECONDS:
            minutes = "很久" if age == float("inf") else f"{int(age // 60)} 分钟"
            return f"已有{minutes}没有收到对方程序的消息（对方可能已关机或程序已意外退出）。"
        return None


class DraftLockedError(DraftFileError):
    """A draft someone else has open for editing; the message is the sentence saying who and since when."""

    def __init__(self, info: LockInfo, message: str | None = None) -> None:
        super().__init__(message or f"{info.sentence()}。")
        self.info = info


class LockLostError(DraftFileError):
    """This window's lock was removed or taken by someone else while the draft was open."""


def _parse(raw: bytes, path: Path) -> LockInfo:
    """A lock's content; a lock that cannot be read (an older program, a broken copy) names no one, aged by its time."""
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != LOCK_FORMAT:
            raise ValueError
        return LockInfo(str(data["name"]), str(data["machine"]), str(data.get("host", "")), int(data["pid"]),
                        str(data["opened_at"]), str(data["heartbeat"]), str(data.get("token", "")))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        try:
            stamp = datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.timezone.utc)
            when = stamp.replace(microsecond=0).isoformat().replace("+00:00", "Z")
        except OSError:
            when = utc_now()
        return LockInfo(UNKNOWN_NAME, UNKNOWN_MACHINE, "", 0, when, when, "")


def read_lock(draft: Path) -> LockInfo | None:
    """The lock on a draft, if there is one (whoever holds it, stale or not)."""
    path = lock_path(draft)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return None  # an unreadable folder: opening the draft will say what is wrong
    return _parse(raw, path)


_held: dict[str, "Lock"] = {}  # token → the locks this process holds (one per window)


def held_here(info: LockInfo) -> bool:
    """Whether a lock belongs to a window of this very process (another window editing the draft)."""
    return info.token in _held


def holder(draft: Path) -> LockInfo | None:
    """Who else has the draft open for editing now: a live lock not of this process, or None."""
    info = read_lock(draft)
    if info is None or info.stale_reason() is not None:
        return None
    if info.on_this_machine and info.pid == os.getpid() and not held_here(info):
        return None  # this process's own leftover
    return info


def check_writable(draft: Path) -> None:
    """Refuse (DraftLockedError) to write a draft another holder has open — for the CLI's writing commands."""
    info = holder(draft)
    if info is not None:
        raise DraftLockedError(info, f"{info.sentence()}。请等对方关闭后再修改，或先另存一份副本。")


class Lock:
    """A lock this process holds on a draft, until ``release``."""

    def __init__(self, draft: Path, info: LockInfo) -> None:
        self.draft = draft
        self.path = lock_path(draft)
        self.info = info

    def refresh(self) -> None:
        """Renew the heartbeat (every minute); LockLostError if the lock is no longer this one."""
        current = read_lock(self.draft)
        if current is None or current.token != self.info.token:
            taker = f"现在{current.sentence()}。" if current is not None and current.name != UNKNOWN_NAME else ""
            raise LockLostError(f"“{self.draft.name}”的编辑锁已被移除。{taker}保存前请确认没有别人同时修改。")
        self.info = LockInfo(**{**self.info.__dict__, "heartbeat": utc_now()})
        _write(self.path, self.info)

    def release(self) -> None:
        """Remove the lock file if it is still this one (closing, saving elsewhere, quitting)."""
        _held.pop(self.info.token, None)
        current = read_lock(self.draft)
        if current is not None and current.token == self.info.token:
            try:
                self.path.unlink()
            except OSError:
                pass

    @property
    def active(self) -> bool:
        return self.info.token in _held


def _encode(info: LockInfo) -> bytes:
    return json.dumps(info.to_json(), ensure_ascii=False, indent=1).encode("utf-8")


def _write(path: Path, info: LockInfo) -> None:
    atomic_write(path, _encode(info), keep_backup=False, replace_read_only=True)


def _create(path: Path, info: LockInfo) -> bool:
    """Write a new lock only if none exists (atomically: complete content, exclusive name); False if one does."""
    remove_stale_temps(path.parent, path.name)
    staged = path.with_name(f".{path.name}.{host_tag()}-{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(_encode(info))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(staged, path)  # exclusive and atomic where links exist (NTFS, ext4, NFS, SMB with unix extensions)
            return True
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK,
                                   errno.ENOSYS, errno.EACCES):
                raise
        try:  # no links here (FAT, some SMB servers): an exclusive create, written at once
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as handle:
            handle.write(_encode(info))
            handle.flush()
            os.fsync(handle.fileno())
        return True
    finally:
        try:
            os.unlink(staged)
        except OSError:
            pass


def acquire(draft: Path, name: str, take_stale: bool = False) -> Lock:
    """Lock a draft for editing by ``name``. DraftLockedError if someone holds it (or a stale lock is
    there and ``take_stale`` is not given: the user is asked first); DraftFileError if the folder refuses."""
    path = lock_path(draft)
    now = utc_now()
    info = LockInfo(name, machine_name(), host_tag(), os.getpid(), now, now, os.urandom(8).hex())
    for _ in range(3):
        existing = read_lock(draft)
        if existing is not None:
            own_leftover = existing.on_this_machine and existing.pid == os.getpid() and not held_here(existing)
            if not own_leftover and not (take_stale and existing.stale_reason() is not None):
                raise DraftLockedError(existing)
            remove(draft, existing)
        try:
            created = _create(path, info)
        except OSError as error:
            raise DraftFileError(f"无法在“{path.parent}”中建立编辑锁（{error.strerror or error}），"
                                 "可以用只读方式打开，或另存一份副本再编辑。") from error
        if created:
            lock = Lock(draft, info)
            _held[info.token] = lock
            return lock
    existing = read_lock(draft)
    if existing is not None:
        raise DraftLockedError(existing)
    raise DraftFileError(f"无法为“{draft.name}”建立编辑锁，请稍后再试。")


def remove(draft: Path, expected: LockInfo) -> bool:
    """Remove a (stale) lock, only if it is still the one the user was shown; whether it went."""
    current = read_lock(draft)
    if current is None or current != expected:
        return False
    try:
        lock_path(draft).unlink()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise DraftFileError(f"无法删除编辑锁“{lock_path(draft).name}”：{error.strerror or error}") from error
    return True


def write_foreign_lock(draft: Path, name: str, machine: str, pid: int, opened_at: str, heartbeat: str) -> LockInfo:
    """A lock as another computer writes it (for tests and for the self-test of a shared folder)."""
    info = LockInfo(name, machine, "ffff" if host_tag() != "ffff" else "fffe", pid, opened_at, heartbeat,
                    os.urandom(8).hex())
    _write(lock_path(draft), info)
    return info
