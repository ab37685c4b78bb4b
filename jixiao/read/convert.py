"""Old binary office files (.doc/.xls, and WPS .wps/.et, which use the same containers) → DOCX/XLSX
through LibreOffice (``soffice --headless --convert-to``), in a private temporary profile and
directory, with a time limit. Without LibreOffice: a clear one-line reason."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from jixiao.read.limits import ReadRefused

CONVERT_SECONDS = 120
_FILTERS = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML", "pdf": "pdf",
            "doc": "doc:MS Word 97"}


def soffice() -> str | None:
    """The LibreOffice executable, or ``None`` when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(data: bytes, suffix: str, target: str) -> bytes:
    """Convert ``data`` (a file whose type ``suffix`` names, e.g. "doc") to ``target``."""
    exe = soffice()
    if exe is None:
        raise ReadRefused(f"需要安装 LibreOffice 才能读取 .{suffix} 文件（apt-get install libreoffice-writer-nogui"
                          f" libreoffice-calc-nogui），或先另存为 .{target} / LibreOffice is not installed")
    with tempfile.TemporaryDirectory(prefix="jixiao-convert-") as tmp:
        work = Path(tmp)
        source = work / f"input.{suffix}"
        source.write_bytes(data)
        profile = (work / "profile").as_uri()
        command = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to",
                   _FILTERS.get(target, target), "--outdir", str(work / "out"), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERT_SECONDS, check=False,
                           env={**os.environ, "HOME": tmp}, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ReadRefused(f"LibreOffice 转换超时（{CONVERT_SECONDS} 秒）/ conversion timed out") from None
        except OSError as error:
            raise ReadRefused(f"无法启动 LibreOffice / cannot run LibreOffice: {error}") from None
        out = work / "out" / f"input.{target}"
        if not out.exists():
            raise ReadRefused(f"LibreOffice 无法转换此 .{suffix} 文件（可能已加密或损坏）/ conversion failed")
        return out.read_bytes()


def convert_legacy(data: bytes, fmt: str, target: str) -> bytes:
    return convert(data, fmt, target)
