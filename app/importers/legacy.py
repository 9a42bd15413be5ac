"""Legacy Word (.doc) and WPS (.wps) files: converted to .docx by LibreOffice when it is installed.

Neither format can be read here directly. LibreOffice (free, often installed on 统信UOS and
银河麒麟 desktops) converts both; without it the clerk is told to save the file as .docx.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from app.errors import ImportSourceError
from app.importers import ImportResult, read_bytes

CONVERT_SECONDS = 180
_WINDOWS_PLACES = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                   r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if os.name == "nt":
        return next((place for place in _WINDOWS_PLACES if Path(place).is_file()), None)
    return None


def _save_as_docx(name: str) -> str:
    return (f"“{name}”是旧版 Word/WPS 文件，本程序不能直接读取；请在 Word 或 WPS 中打开它，"
            "用“另存为”保存成 .docx 格式后再导入（安装 LibreOffice 后也可以直接导入）。")


def convert(path: Path, data: bytes, folder: Path) -> Path:
    """The .docx LibreOffice makes of ``data`` (the bytes of ``path``) in ``folder``;
    ImportSourceError when it cannot."""
    program = soffice()
    if program is None:
        raise ImportSourceError(_save_as_docx(path.name))
    source = folder / f"source{path.suffix.lower()}"  # a plain name: no quoting trouble on any system
    source.write_bytes(data)
    profile = (folder / "profile").as_uri()  # a profile of its own: works beside an open LibreOffice
    command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder), str(source)]
    try:
        subprocess.run(command, capture_output=True, timeout=CONVERT_SECONDS, check=False,
                       stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as error:
        raise ImportSourceError(f"用 LibreOffice 转换“{path.name}”超过 {CONVERT_SECONDS} 秒仍未完成，"
                                "请在 Word 或 WPS 中另存为 .docx 后再导入。") from error
    except OSError as error:
        raise ImportSourceError(f"无法启动 LibreOffice 转换“{path.name}”：{error.strerror or error}。"
                                "请在 Word 或 WPS 中另存为 .docx 后再导入。") from error
    converted = folder / "source.docx"
    if not converted.is_file() or converted.stat().st_size == 0:
        raise ImportSourceError(f"LibreOffice 无法转换“{path.name}”（文件可能已损坏，或不是 Word/WPS 文档），"
                                "请在 Word 或 WPS 中打开并另存为 .docx 后再导入。")
    return converted


def read(path: Path) -> ImportResult:
    """Import a .doc or .wps report through LibreOffice."""
    from app.importers import docx as word

    data = read_bytes(path)  # the usual refusals (missing, too big) before anything is started
    if not data:
        raise ImportSourceError(f"“{path.name}”是空文件，无法导入。")
    with tempfile.TemporaryDirectory(prefix="nianbao-") as folder:
        return word.read_named(convert(path, data, Path(folder)), path.name)
