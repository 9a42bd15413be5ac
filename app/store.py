"""The ``.nianbao`` draft file: a TinyDB database written atomically, with a backup.

A draft on disk is never half-written: each save goes to a temporary file in the same
folder, is flushed and fsynced, and then replaces the draft in one step. The draft it
replaces is kept beside it as ``NAME.nianbao.bak``. Reading never writes.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

from app.canonical import from_canonical, to_canonical
from app.errors import CanonicalError, DraftFileError
from app.report import Report

FORMAT_ID = "nianbao-draft"
SCHEMA_VERSION = 2  # 2: the report may carry last year's snapshot ("previous") and 沿用上年 marks
SUFFIX = ".nianbao"
BACKUP_SUFFIX = ".bak"
MAX_BYTES = 50 * 1024 * 1024
_FILE_TABLE, _REPORT_TABLE = "file", "report"


def backup_path(path: Path) -> Path:
    """Where the previous version of a draft is kept."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_error(path: Path, error: OSError) -> DraftFileError:
    """The sentence for a failed save; a file already on disk is unchanged in every case."""
    kept = "（原文件未改动）" if path.exists() else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DraftFileError(f"磁盘空间不足，“{path.name}”没有保存{kept}。请清理磁盘或另存到其他位置。")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return DraftFileError(f"没有权限写入“{path}”{kept}。请另存到其他文件夹。")
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return DraftFileError(f"文件夹“{path.parent}”不存在，“{path.name}”没有保存。请另选保存位置。")
    return DraftFileError(f"保存“{path}”失败{kept}（系统错误代码 {error.errno}）。请另存到其他位置。")


def atomic_write(path: Path, data: bytes, keep_backup: bool = True) -> None:
    """Replace ``path`` by ``data`` in one step, keeping the old file as a backup."""
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name = ""
    _remove_stale_temps(folder, path.name)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.chmod(tmp_name, _file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup and path.exists():
            _refresh_backup(path)
        os.replace(tmp_name, path)
        tmp_name = ""
        _fsync_folder(folder)
    except OSError as error:
        raise _write_error(path, error) from error
    finally:
        if tmp_name:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Temporary files a killed save left behind for this draft (one writer per draft)."""
    try:
        stale = list(folder.glob(f".{name}.*.tmp"))
    except OSError:
        return
    for leftover in stale:
        try:
            leftover.unlink()
        except OSError:
            pass


def _file_mode(path: Path) -> int:
    """Keep a draft's permissions; a new draft gets the usual ones (mkstemp's are private)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _refresh_backup(path: Path) -> None:
    """Point the backup at the current draft, atomically (a hard link where possible)."""
    backup = backup_path(path)
    staged = backup.with_name(f".{backup.name}.tmp")
    try:
        if staged.exists():
            staged.unlink()
        os.link(path, staged)
    except OSError:
        shutil.copyfile(path, staged)
    os.replace(staged, backup)


class AtomicJSONStorage(Storage):
    """TinyDB storage that reads checked UTF-8 JSON and writes it atomically.

    With ``fresh=True`` it starts empty instead of reading, for writing a whole draft anew.
    """

    def __init__(self, path: str | Path, fresh: bool = False) -> None:
        self.path = Path(path)
        self.fresh = fresh

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self.fresh:
            return None
        return read_database(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        text = json.dumps(data, ensure_ascii=False, indent=1)
        atomic_write(self.path, text.encode("utf-8"))
        self.fresh = False

    def close(self) -> None:
        pass


def read_database(path: Path) -> dict[str, dict[str, Any]]:
    """The JSON inside a draft file, or DraftFileError naming what is wrong with it."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DraftFileError(f"“{name}”太大（{size // (1024 * 1024)} MB），不是年报草稿。")
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise DraftFileError(f"找不到文件“{path}”。") from error
    except IsADirectoryError as error:
        raise DraftFileError(f"“{path}”是文件夹，不是年报草稿。") from error
    except OSError as error:
        raise DraftFileError(f"无法读取“{path}”：{error.strerror or error}") from error
    if not raw.strip():
        raise DraftFileError(f"“{name}”是空文件，不是年报草稿。")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DraftFileError(f"“{name}”不是年报草稿（内容不是文本，可能已损坏）。") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()):
            hint = f"可以试试同一文件夹中的备份“{backup_path(path).name}”。" if backup_path(path).exists() else ""
            raise DraftFileError(f"“{name}”不完整（可能在写入时被中断），无法打开。{hint}") from error
        raise DraftFileError(f"“{name}”已损坏或不是年报草稿（第 {error.lineno} 行无法读取）。") from error
    except ValueError as error:  # e.g. a number too long to read
        raise DraftFileError(f"“{name}”已损坏或不是年报草稿。") from error
    file_table = data.get(_FILE_TABLE) if isinstance(data, dict) else None
    header = file_table.get("1") if isinstance(file_table, dict) else None
    if not isinstance(header, dict) or header.get("format") != FORMAT_ID:
        raise DraftFileError(f"“{name}”不是年报草稿（.nianbao）文件。")
    if not all(isinstance(table, dict) and all(isinstance(k, str) and k.isdigit() and isinstance(doc, dict)
                                               for k, doc in table.items())
               for table in data.values()):
        raise DraftFileError(f"“{name}”的内容不完整或已损坏，无法打开。")
    schema = header.get("schema")
    if not isinstance(schema, int) or schema < 1:
        raise DraftFileError(f"“{name}”的格式版本无法识别，文件可能已损坏。")
    if schema > SCHEMA_VERSION:
        raise DraftFileError(
            f"“{name}”由更新版本的年报填报程序保存（文件格式版本 {schema}，本程序支持 {SCHEMA_VERSION}），"
            "请升级程序后再打开。"
        )
    checked: dict[str, dict[str, Any]] = migrate(data, schema)
    return checked


def migrate(data: dict[str, dict[str, Any]], schema: int) -> dict[str, dict[str, Any]]:
    """A draft of an older schema in the current one (reading never writes: the file stays as it was
    until the next save). Schema 1 → 2: no last year attached, nothing carried."""
    if schema < 2:
        for document in data.get(_REPORT_TABLE, {}).values():
            document.setdefault("carried", [])
            document.setdefault("previous", None)
        data[_FILE_TABLE]["1"]["schema"] = SCHEMA_VERSION
    return data


def save(report: Report, path: str | Path) -> None:
    """Write the whole draft to ``path`` atomically (one write, one rename)."""
    path = Path(path)
    storage = CachingMiddleware(lambda p: AtomicJSONStorage(p, fresh=True))  # type: ignore[no-untyped-call]  # TinyDB's middleware is not annotated
    db = TinyDB(path, storage=storage)
    try:
        db.table(_FILE_TABLE).insert({"format": FORMAT_ID, "schema": SCHEMA_VERSION})
        db.table(_REPORT_TABLE).insert(to_canonical(report))
    finally:
        db.close()  # CachingMiddleware writes everything here, in one atomic write


def load(path: str | Path) -> Report:
    """The draft in ``path``; DraftFileError with the reason if it cannot be opened."""
    path = Path(path)
    db = TinyDB(path, storage=AtomicJSONStorage)
    try:
        documents = db.table(_REPORT_TABLE).all()
    finally:
        db.close()
    if len(documents) != 1:
        raise DraftFileError(f"“{path.name}”的内容不完整，文件可能已损坏。")
    try:
        return from_canonical(dict(documents[0]))
    except CanonicalError as error:
        raise DraftFileError(f"“{path.name}”的内容有误：{error}") from error
    except (TypeError, ValueError, AttributeError, ArithmeticError) as error:  # a shape no check foresaw
        raise DraftFileError(f"“{path.name}”的内容已损坏，无法打开。") from error
