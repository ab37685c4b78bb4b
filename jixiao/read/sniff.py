"""The format of a file from its bytes, never from its name (a ``.pdf`` may be a DOCX).

Formats: ``docx``, ``xlsx`` (zip with ``[Content_Types].xml`` naming the main part), ``pdf``,
``doc`` / ``xls`` (OLE2 compound files of Word/Excel, and of WPS/ET, which write the same streams), ``encrypted``
(an OLE2 container holding an encrypted OOXML package), ``zip`` (another zip), ``html`` (a web page,
Word's or Excel's HTML: ``<!DOCTYPE html``, ``<html``, ``<head``, ``<body``, ``<meta`` or a ``<table`` with
rows as the first markup after a BOM, whitespace, comments and an XML declaration), ``image`` (PNG, JPEG,
TIFF: scans, read by OCR), ``text``.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF (both byte orders)
_MAX_CONTENT_TYPES = 1024 * 1024
_HTML_HEAD = 4096
_HTML_WINDOW = 65536
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]", re.IGNORECASE)
_TABLE_START = re.compile(rb"<table[\s>]", re.IGNORECASE)
_TABLE_ROW = re.compile(rb"<t[rdh][\s>]", re.IGNORECASE)


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff(data: bytes) -> str:
    """The format name of ``data``."""
    head = data[:1024]
    if head.startswith(ZIP) or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if head.startswith(IMAGES):
        return "image"
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(OLE2):
        return _sniff_ole2(data)
    if _looks_html(data):
        return "html"
    return "text"


def _looks_html(data: bytes) -> bool:
    """HTML markup first (after a BOM, whitespace, comments, ``<?xml …?>``): not XML office files,
    whose first element is ``<w:wordDocument``/``<Workbook``, nor text that mentions a tag later on."""
    window = data[:_HTML_WINDOW]
    if window.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        window = window.decode("utf-16", errors="ignore").lstrip("\ufeff").encode("utf-8", errors="ignore")
    elif window.startswith(codecs.BOM_UTF8):
        window = window[3:]
    head = window[:_HTML_HEAD]
    pos = 0
    while True:
        while pos < len(head) and head[pos] in b" \t\r\n\x0c":
            pos += 1
        closing = b"-->" if head.startswith(b"<!--", pos) else b"?>" if head.startswith(b"<?", pos) else None
        if closing is None:
            break
        end = head.find(closing, pos)
        if end < 0:
            return False
        pos = end + len(closing)
    if _HTML_START.match(head, pos):
        return True
    return bool(_TABLE_START.match(head, pos)) and bool(_TABLE_ROW.search(window, pos))


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                return "zip"
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _MAX_CONTENT_TYPES:
                return "zip"
            types = archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, RuntimeError):
        return "zip"  # the reader reports why it cannot be opened
    if b"wordprocessingml.document.main" in types or b"word/document.xml" in types:
        return "docx"
    if b"spreadsheetml.sheet.main" in types or b"xl/workbook.xml" in types:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _sniff_ole2(data: bytes) -> str:
    """Old binary Word/Excel and WPS/ET files (WPS writes the same streams as Word/Excel)."""
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        return "encrypted"
    if _utf16("WordDocument") in data:
        return "doc"
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return "xls"
    return "ole2"
