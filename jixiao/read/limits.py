"""Caps that keep hostile office files from crashing, hanging or exhausting memory.

* a zip (DOCX/XLSX) is opened only when its members' uncompressed size, count and compression
  ratio are within limits (zip bombs), and no XML member declares a DTD (entity expansion:
  OOXML never needs one, so any ``<!DOCTYPE``/``<!ENTITY`` is refused before a parser sees it);
* a PDF is read for at most ``MAX_PDF_PAGES`` pages and ``PDF_SECONDS`` seconds (the environment
  variable ``JIXIAO_PDF_SECONDS`` sets other seconds, or ``off``: the page cap alone bounds the work,
  and how fast the machine is makes no difference to what is read — the test suite runs so);
* every problem becomes :class:`ReadRefused` with a one-line Chinese + English reason.
"""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from collections.abc import Callable

from jixiao.errors import ReadError

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes, all members of a DOCX/XLSX together
MAX_MEMBERS = 5_000
MAX_RATIO = 200  # uncompressed / compressed for a single large member
MAX_PDF_PAGES = 300
PDF_SECONDS = 60.0
MAX_CELLS = 2_000_000  # cells of all sheets/tables of one document
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_HEAD = 8192


class ReadRefused(ReadError):
    """A file that will not be read, with a one-line reason for the user."""


def open_zip(data: bytes) -> zipfile.ZipFile:
    """Open an OOXML package after checking it is safe to read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise ReadRefused(f"压缩包损坏，无法打开 / corrupt zip: {error}") from None
    if len(infos) > MAX_MEMBERS:
        raise ReadRefused(f"压缩包成员过多（{len(infos)}）/ too many zip members")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ReadRefused("文件已加密，需先解除密码保护 / encrypted zip member")
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ReadRefused(f"疑似压缩炸弹：{info.filename} 压缩比过高 / zip bomb suspected")
    if total > MAX_UNCOMPRESSED:
        raise ReadRefused(f"解压后过大（{total} 字节，上限 {MAX_UNCOMPRESSED}）/ uncompressed size over the cap")
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")):
            head = read_member(archive, info, _XML_HEAD)
            if _DTD.search(head):
                raise ReadRefused(f"XML 含 DTD/实体声明，拒绝解析（{info.filename}）/ XML with a DTD refused")
    return archive


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """At most ``limit`` bytes of a member; a broken member is a :class:`ReadRefused`."""
    try:
        with archive.open(info) as handle:
            return handle.read(limit)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError) as error:
        raise ReadRefused(f"压缩包损坏（{info.filename}）/ corrupt zip member: {error}") from None


PDF_SECONDS_ENV = "JIXIAO_PDF_SECONDS"
_OFF = {"off", "0", "none", "no", ""}
_clock: Callable[[], float] = time.monotonic


def deadline_seconds(default: float) -> float | None:
    """The seconds ``JIXIAO_PDF_SECONDS`` sets (None: no deadline), else ``default``."""
    value = os.environ.get(PDF_SECONDS_ENV)
    if value is None:
        return default
    if value.strip().lower() in _OFF:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return default
    return seconds if seconds > 0 else None


class Deadline:
    """A wall-clock budget checked between pages (see :func:`deadline_seconds`)."""

    def __init__(self, seconds: float) -> None:
        budget = deadline_seconds(seconds)
        self.end = None if budget is None else _clock() + budget

    def passed(self) -> bool:
        return self.end is not None and _clock() > self.end
