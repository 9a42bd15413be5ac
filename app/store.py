"""The ``.nianbao`` draft file: a TinyDB database written atomically, with a backup.

A draft on disk is never half-written: each save goes to a temporary file in the same
folder, is flushed and fsynced, and then replaces the draft in one step. The draft it
replaces is kept beside it as ``NAME.nianbao.bak``. Reading never writes.
"""

from __future__ import annotations

import codecs
import errno
import glob
import json
import os
import re
import shutil
import stat
import time
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

from app.canonical import from_canonical, to_canonical
from app.errors import CanonicalError, DraftFileError, ReadOnlyDraftError
from app.processes import HOST_TAG_LENGTH, host_tag, pid_alive
from app.report import Report
from app.textclean import clean_report

FORMAT_ID = "nianbao-draft"
SCHEMA_VERSION = 4  # 2: last year's snapshot ("previous") and 沿用上年 marks; 3: the revision history ("history");
# 4: meta.website and meta.opening
SUFFIX = ".nianbao"
BACKUP_SUFFIX = ".bak"
MAX_BYTES = 50 * 1024 * 1024
_FILE_TABLE, _REPORT_TABLE = "file", "report"
HISTORY_TABLE = "history"  # app.history: the revisions, with their content stored compactly


NAME_MAX = 255  # bytes in one file name on ext4; NTFS allows 255 UTF-16 units, never fewer bytes' worth
STALE_SECONDS = 3600  # a temporary file of another machine's process counts as stale after this long
_TEMP_SUFFIX = ".tmp"


def _fit(name: str, room: int) -> str:
    """``name`` cut (by whole characters) so its UTF-8 form takes at most ``room`` bytes."""
    while len(name.encode("utf-8", "surrogatepass")) > room:
        name = name[:-1]
    return name


def backup_path(path: Path) -> Path:
    """Where the previous version of a draft is kept (the name shortened if it would not fit)."""
    return path.with_name(_fit(path.name, NAME_MAX - len(BACKUP_SUFFIX)) + BACKUP_SUFFIX)


def _temp_tag() -> str:
    """``HOST-PID-RANDOM``: whose temporary file it is, so a writer removes only its own or dead ones."""
    return f"{host_tag()}-{os.getpid()}-{os.urandom(4).hex()}"


def _temp_prefix(name: str) -> str:
    """The start every temporary file of the file ``name`` shares; short enough for any name."""
    room = NAME_MAX - len(".") - len(".") - len(f"{'0' * HOST_TAG_LENGTH}-{2**32}-{'0' * 8}") - len(".bak") - len(_TEMP_SUFFIX)
    return f".{_fit(name, room)}."


def _temp_path(path: Path, kind: str = "") -> Path:
    """A new temporary file name beside ``path`` that belongs to this process."""
    return path.with_name(f"{_temp_prefix(path.name)}{_temp_tag()}{kind}{_TEMP_SUFFIX}")


_TEMP_TAG = re.compile(r"\.([0-9a-f]{4})-(\d+)-[0-9a-f]{8}(?:\.bak)?\.tmp$")


def _is_stale(leftover: Path) -> bool:
    """A temporary file provably abandoned: its process on this machine is gone, or it is long untouched."""
    match = _TEMP_TAG.search(leftover.name)
    if match and match.group(1) == host_tag():
        return not pid_alive(int(match.group(2)))
    try:
        age = time.time() - leftover.stat().st_mtime
    except OSError:
        return False
    return age > STALE_SECONDS  # another machine's (a shared folder) or an older program's


def remove_stale_temps(folder: Path, name: str | None = None) -> int:
    """Remove abandoned temporary files (of the file ``name``, or all in ``folder``); how many went."""
    pattern = f"{glob.escape(_temp_prefix(name))}*{_TEMP_SUFFIX}" if name else f".*{_TEMP_SUFFIX}"
    try:
        leftovers = list(folder.glob(pattern))
    except OSError:
        return 0
    removed = 0
    for leftover in leftovers:
        if _is_stale(leftover):
            try:
                leftover.unlink()
                removed += 1
            except OSError:
                pass
    return removed


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
    """The sentence for a failed save, naming the real cause; a file already on disk is unchanged."""
    kept = "（原文件未改动）" if path.exists() else ""
    winerror = getattr(error, "winerror", None)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DraftFileError(f"磁盘空间不足，“{path.name}”没有保存{kept}。请清理磁盘或另存到其他位置。")
    if winerror in (32, 33) or error.errno in (errno.EBUSY, errno.ETXTBSY):
        return DraftFileError(f"“{path.name}”正被其他程序使用，没有保存{kept}。请关闭占用它的程序后再保存，或另存为其他文件。")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return DraftFileError(f"没有权限写入“{path}”{kept}。请另存到其他文件夹。")
    if error.errno == errno.ENAMETOOLONG:
        return DraftFileError(f"文件名或路径太长，“{path.name}”没有保存{kept}。请改用短一些的名字或文件夹。")
    if error.errno in (errno.ENOENT, errno.ENOTDIR) and not path.parent.is_dir():
        return DraftFileError(f"文件夹“{path.parent}”不存在，“{path.name}”没有保存。请另选保存位置。")
    reason = error.strerror or type(error).__name__
    code = f"，系统错误代码 {error.errno}" if error.errno is not None else ""
    return DraftFileError(f"保存“{path}”失败{kept}（{reason}{code}）。请另存到其他位置。")


def is_read_only(path: Path) -> bool:
    """Whether an existing file is marked read-only (no write permission bit; Windows' read-only attribute)."""
    try:
        return not path.stat().st_mode & stat.S_IWUSR
    except OSError:
        return False


def write_target(path: Path) -> Path:
    """The file a save to ``path`` replaces: a symbolic link's target, so the link stays a link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def atomic_write(path: Path, data: bytes, keep_backup: bool = True, replace_read_only: bool = False) -> None:
    """Replace ``path`` by ``data`` in one step, keeping the old file as a backup.

    A read-only file is replaced only with ``replace_read_only`` (the user was asked); otherwise
    ReadOnlyDraftError. The temporary file is this process's own and never left behind.
    """
    path = write_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not replace_read_only and is_read_only(path):
        raise ReadOnlyDraftError(f"“{path.name}”是只读文件，没有保存。")
    remove_stale_temps(folder, path.name)
    tmp = _temp_path(path)
    created = False
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        created = True
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _file_mode(path))
        if keep_backup and path.exists():
            _refresh_backup(path)
        if os.name == "nt" and is_read_only(path):
            os.chmod(path, stat.S_IWRITE | stat.S_IREAD)  # Windows refuses to replace a read-only file
        os.replace(tmp, path)
        created = False
        _fsync_folder(folder)
    except OSError as error:
        raise _write_error(path, error) from error
    finally:
        if created:
            _unlink_quietly(tmp)


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _file_mode(path: Path) -> int:
    """Keep a draft's permissions; a new draft gets the usual ones (the temporary file's are private)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _refresh_backup(path: Path) -> None:
    """Point the backup at the current draft, atomically (a hard link where possible)."""
    backup = backup_path(path)
    staged = _temp_path(backup.with_name(path.name), ".bak")
    try:
        try:
            os.link(path, staged)
        except OSError:
            shutil.copyfile(path, staged)
        os.replace(staged, backup)  # a no-op when the backup is already a link to the draft
    finally:
        _unlink_quietly(staged)


class AtomicJSONStorage(Storage):
    """TinyDB storage that reads checked UTF-8 JSON and writes it atomically.

    With ``fresh=True`` it starts empty instead of reading, for writing a whole draft anew.
    """

    def __init__(self, path: str | Path, fresh: bool = False, replace_read_only: bool = False,
                 keep_backup: bool = True) -> None:
        self.path = Path(path)
        self.fresh = fresh
        self.replace_read_only = replace_read_only
        self.keep_backup = keep_backup

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self.fresh:
            return None
        return read_database(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        text = json.dumps(data, ensure_ascii=False, indent=1)
        try:
            encoded = text.encode("utf-8")
        except UnicodeEncodeError as error:  # textclean keeps these out; this is the last guard
            raise DraftFileError(f"“{self.path.name}”没有保存：报告中有无法保存的字符 U+{ord(text[error.start]):04X}"
                                 f"（在“{text[max(0, error.start - 12):error.start]}”之后）。请删除它后再保存。") from error
        atomic_write(self.path, encoded, keep_backup=self.keep_backup, replace_read_only=self.replace_read_only)
        self.fresh = False

    def close(self) -> None:
        pass


# Byte order marks, longest first (UTF-32 LE's starts like UTF-16 LE's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))
_NEWLINE = b"\n"


def _zero_pattern(head: bytes) -> tuple[str, str] | None:
    """A BOM-less UTF-16 or UTF-32 text told by where its first ASCII character's zero bytes fall."""
    zero = [byte == 0 for byte in head]
    if zero[:4] == [False, True, True, True]:
        return ("utf-32-le", "UTF-32")
    if zero[:4] == [True, True, True, False]:
        return ("utf-32-be", "UTF-32")
    if zero[:2] == [False, True]:
        return ("utf-16-le", "UTF-16")
    if zero[:2] == [True, False]:
        return ("utf-16-be", "UTF-16")
    return None


def _draft_text(raw: bytes, name: str) -> str:
    """A draft's text: UTF-8 as written, or as an editor (Notepad) saved it — with a BOM, UTF-16 or UTF-32."""
    encoding = None
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            encoding = (codec, label)
            break
    if encoding is None and len(raw) >= 4:
        encoding = _zero_pattern(raw[:4])
    codec, label = encoding or ("utf-8", "UTF-8")
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as error:
        if label == "UTF-8" and error.start >= len(raw) - 3 and error.reason == "unexpected end of data":
            raise DraftFileError(f"“{name}”不完整（最后一个字不完整，可能在写入时被中断），无法打开。") from error
        if encoding is None and b"\x00" not in raw[:65536]:
            raise DraftFileError(f"“{name}”不是年报草稿：它是其他编码的文本（不是 UTF-8），"
                                 f"第 {raw.count(_NEWLINE, 0, error.start) + 1} 行起无法按 UTF-8 读取。") from error
        if encoding is None:
            raise DraftFileError(f"“{name}”不是年报草稿（内容不是文本，可能已损坏）。") from error
        raise DraftFileError(f"“{name}”是 {label} 编码的文本，但第 {error.start} 字节处的内容有误，"
                             "文件可能已损坏，无法打开。") from error


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
    text = _draft_text(raw, name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        # cut off at the end, or inside a last string (its closing quote never comes)
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            hint = f"可以试试同一文件夹中的备份“{backup_path(path).name}”。" if backup_path(path).exists() else ""
            raise DraftFileError(f"“{name}”不完整（可能在写入时被中断），无法打开。{hint}") from error
        raise DraftFileError(f"“{name}”已损坏或不是年报草稿（第 {error.lineno} 行无法读取）。") from error
    except ValueError as error:  # e.g. a number too long to read
        raise DraftFileError(f"“{name}”已损坏或不是年报草稿（其中有无法读取的数值）。") from error
    except RecursionError as error:
        raise DraftFileError(f"“{name}”已损坏或不是年报草稿（内容嵌套层数过多）。") from error
    file_table = data.get(_FILE_TABLE) if isinstance(data, dict) else None
    header = file_table.get("1") if isinstance(file_table, dict) else None
    if not isinstance(header, dict) or header.get("format") != FORMAT_ID:
        raise DraftFileError(f"“{name}”不是年报草稿（.nianbao）文件。")
    if not all(isinstance(table, dict) and all(isinstance(k, str) and k.isascii() and k.isdigit() and isinstance(doc, dict)
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
    until the next save). Schema 1 → 2: no last year attached, nothing carried. Schema 2 → 3: no
    revision history yet (the next save starts it). 3 → 4: no website and no opening paragraph
    of its own (the standard one prints, as before it did not)."""
    if schema < 2:
        for document in data.get(_REPORT_TABLE, {}).values():
            document.setdefault("carried", [])
            document.setdefault("previous", None)
    if schema < 3:
        data.setdefault(HISTORY_TABLE, {})
    if schema < 4:
        for document in data.get(_REPORT_TABLE, {}).values():
            reports = [document] + ([document["previous"]["report"]] if isinstance(document.get("previous"), dict)
                                    and isinstance(document["previous"].get("report"), dict) else [])
            for report in reports:
                meta = report.get("meta")
                if isinstance(meta, dict):
                    meta.setdefault("website", "")
                    meta.setdefault("opening", "")
    data[_FILE_TABLE]["1"]["schema"] = SCHEMA_VERSION
    return data


def save(report: Report, path: str | Path, replace_read_only: bool = False, keep_backup: bool = True,
         history: dict[str, Any] | None = None) -> None:
    """Write the whole draft to ``path`` atomically (one write, one rename), with its ``history`` table
    (``app.history``) when given.

    A read-only draft raises ReadOnlyDraftError unless ``replace_read_only`` (the user said yes).
    """
    path = Path(path)
    storage = CachingMiddleware(  # type: ignore[no-untyped-call]  # TinyDB's middleware is not annotated
        lambda p: AtomicJSONStorage(p, fresh=True, replace_read_only=replace_read_only, keep_backup=keep_backup))
    db = TinyDB(path, storage=storage)
    try:
        db.table(_FILE_TABLE).insert({"format": FORMAT_ID, "schema": SCHEMA_VERSION})
        db.table(_REPORT_TABLE).insert(to_canonical(report))
        if history:
            db.table(HISTORY_TABLE).insert(history["1"])
    finally:
        db.close()  # CachingMiddleware writes everything here, in one atomic write


def load(path: str | Path, notices: list[str] | None = None,
         tables: dict[str, dict[str, Any]] | None = None) -> Report:
    """The draft in ``path``; DraftFileError with the reason if it cannot be opened.

    Characters that cannot be saved or printed (app.textclean) are removed; ``notices`` gets what was.
    ``tables``, when given, receives the whole database as read (one read: its history matches the report).
    """
    path = Path(path)
    data = read_database(path)
    if tables is not None:
        tables.update(data)
    documents = list(data.get(_REPORT_TABLE, {}).values())
    if len(documents) != 1:
        raise DraftFileError(f"“{path.name}”的内容不完整，文件可能已损坏。")
    try:
        report = from_canonical(dict(documents[0]))
    except CanonicalError as error:
        raise DraftFileError(f"“{path.name}”的内容有误：{error}") from error
    except (TypeError, ValueError, AttributeError, ArithmeticError, RecursionError) as error:  # a shape no check foresaw
        raise DraftFileError(f"“{path.name}”的内容已损坏，无法打开。") from error
    found = clean_report(report)  # text an older program or an editor let in: never unsaveable once open
    if notices is not None:
        notices.extend(found)
    return report
