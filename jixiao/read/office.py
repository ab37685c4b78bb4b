"""One entry for every input: bytes → (format name, grid of cells), the format sniffed from the bytes.

Text goes to :func:`jixiao.read.text.read_text`; DOCX, XLSX and PDF to their readers, PNG/JPEG/TIFF scans
to OCR (:mod:`jixiao.read.ocr`, the ``ocr`` extra); old binary
Word/Excel/WPS files through LibreOffice when it is installed. A file that cannot be read gives an
empty grid with a one-line warning saying why — this function never raises on bad content.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable, Sequence
from typing import Any

from jixiao.read.limits import ReadRefused, open_zip
from jixiao.read.sniff import sniff
from jixiao.read.text import TextDocument, read_text

_LEGACY = {"doc": "docx", "xls": "xlsx"}
# What parsers raise on a corrupt container (a flipped byte, a bad CRC, a truncated or reshuffled zip,
# XML that lost its shape): zipfile, zlib, struct, lxml (SyntaxError), python-docx / openpyxl
# (KeyError, AttributeError, NotImplementedError, TypeError …). Each becomes the one-line refusal.
CORRUPT = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError, OSError, ValueError,
           LookupError, AttributeError, TypeError, NotImplementedError, SyntaxError, AssertionError, RuntimeError)


def _reader(fmt: str) -> Callable[[bytes], TextDocument]:
    if fmt == "docx":
        from jixiao.read.docx import read_docx

        return read_docx
    if fmt == "xlsx":
        from jixiao.read.xlsx import read_xlsx

        return read_xlsx
    if fmt == "html":
        from jixiao.read.html import read_html

        return read_html
    if fmt == "image":
        from jixiao.read.pdf import read_scan

        return read_scan
    from jixiao.read.pdf import read_pdf

    return read_pdf


def read_document(data: bytes, source: str) -> tuple[str, TextDocument]:
    """(format, grid) of one file's bytes; ``source`` only names the file in messages."""
    try:
        fmt = sniff(data)
    except CORRUPT:  # a zip whose [Content_Types].xml cannot be inflated: the zip reader says why
        fmt = "zip"
    if fmt == "text":
        return "text", read_text(data)
    try:
        if fmt in ("docx", "xlsx", "pdf", "html", "image"):
            return fmt, _reader(fmt)(data)
        if fmt in _LEGACY:
            from jixiao.read.convert import convert_legacy

            target = _LEGACY[fmt]
            grid = _reader(target)(convert_legacy(data, fmt, target))
            grid.warnings.insert(0, f"{source}: 已由 LibreOffice 将 .{fmt} 转换为 .{target} / converted")
            return target, grid
        if fmt == "zip":
            open_zip(data).close()  # a broken or hostile zip says why
            raise ReadRefused("压缩包中没有 Word/Excel 文档 / a zip without a DOCX or XLSX document")
        if fmt == "encrypted":
            raise ReadRefused("文件已加密或受密码保护，请先解除密码 / encrypted or password-protected")
        raise ReadRefused(f"不支持的文件类型（{fmt}）/ unsupported file type")
    except ReadRefused as refused:
        return fmt, TextDocument(rows=[], encoding=fmt, line_count=0, warnings=[f"{source}: {refused}"])
    except RecursionError:
        return fmt, TextDocument(rows=[], encoding=fmt, line_count=0,
                                 warnings=[f"{source}: 文件结构嵌套过深，无法读取 / structure nested too deeply"])
    except CORRUPT as error:
        detail = " ".join(str(error).split())[:160] or type(error).__name__
        return fmt, TextDocument(rows=[], encoding=fmt, line_count=0, warnings=[
            f"{source}: 文件已损坏，无法读取 / corrupt {fmt} file ({type(error).__name__}: {detail})"])


def locate_pages(grid: TextDocument, *groups: Sequence[Any]) -> None:
    """Set ``location.page_start``/``page_end`` of every form from its running row numbers
    (PDF grids only: their rows know their page)."""
    pages: list[int] | None = getattr(grid, "pages", None)
    if not pages:
        return
    for forms in groups:
        for form in forms:
            location = form.location
            if location.line_start is None:
                continue
            end = location.line_end if location.line_end is not None else location.line_start
            if 1 <= location.line_start <= len(pages):
                location.page_start = pages[location.line_start - 1]
            if 1 <= end <= len(pages):
                location.page_end = pages[end - 1]
