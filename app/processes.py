"""Whether a process still runs: a temporary file or an autosave of a live process is not stale."""

from __future__ import annotations

import os


def pid_alive(pid: int) -> bool:
    """Whether a process of that id runs on this machine (an unknown answer counts as alive)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]  # windll exists on Windows only
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]  # windll exists on Windows only
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


HOST_TAG_LENGTH = 4


def host_tag() -> str:
    """Four hex digits naming this machine, so files on a shared folder say whose they are.

    A CRC of the host name: the first save happens at start (the recent-files list), and
    hashlib would load OpenSSL (5 MiB) for it. A tag is a name, not a secret."""
    import zlib

    return f"{zlib.crc32(host_name().encode('utf-8', 'replace')) & 0xFFFF:0{HOST_TAG_LENGTH}x}"


def host_name() -> str:
    """This machine's name (what socket.gethostname says, without loading socket where uname has it)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()
