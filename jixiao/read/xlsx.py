"""XLSX → rows of cells, every sheet in order (openpyxl, read-only: constant memory).

A merged range gives the grid the DOCX reader gives: its text in the top-left position with ``span``
= its colspan, every other position of the range empty (read-only openpyxl has no merge list: the
sheet XML's ``<mergeCell>`` elements are scanned from the stream, in constant memory).

A plain number's ``text`` keeps the stored precision, never the displayed rounding (949.821024 stays
949.821024 under a "0.00" format: amounts are added up and divided downstream); a fixed-decimals
format only pads zeros the stored value lacks ("10" under "0.00" is "10.00"). A percent format shows
the stored fraction ×100 as the form prints it ("0.9717" under "0.00%" → "97.17%", a rate 0.1446
under "0%" → "14%", half away from zero as Excel rounds). Where the text is not the stored number
itself, the cell's ``value`` holds the stored number as plain text ("0.1446", "0.9717", "10"). Dates become ISO dates.
Sheets are separated by blank gaps; a sheet's own name (unless it is a
default "Sheet1"/"工作表1") is a line above its rows. Lines with one filled cell above a
sheet's first table row (its title, year, unit note) are free text, as they are in a document —
unless the line holds two merged ranges (a blank form's first row: a label and its empty value).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from jixiao.read.grid import GridBuilder
from jixiao.read.limits import MAX_CELLS, ReadRefused, open_zip
from jixiao.read.text import TextDocument

_DECIMALS = re.compile(r"0\.(0+)")
MAX_COLUMNS = 200
SHEET_GAP = 3
_DEFAULT_SHEET = re.compile(r"^\s*(?:sheet|工作表)\s*\d*\s*$", re.IGNORECASE)
_MERGE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]{0,200}?\bref\s*=\s*[\"']\$?([A-Za-z]{1,3})\$?(\d{1,7})"
                    rb"(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?[\"']")
_CHUNK = 1 << 20
MAX_MERGES = 100_000
Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based)


def read_xlsx(data: bytes) -> TextDocument:
    archive = open_zip(data)  # size, bomb and DTD checks before openpyxl parses anything
    try:
        return _read(data, archive)
    finally:
        archive.close()


def _read(data: bytes, archive: zipfile.ZipFile) -> TextDocument:
    import openpyxl  # type: ignore[import-untyped]

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on broken packages
        raise ReadRefused(f"XLSX 结构损坏 / broken XLSX: {str(error)[:200] or type(error).__name__}") from None
    builder = GridBuilder("xlsx")
    cells = 0
    try:
        for sheet in book.worksheets:
            in_table = False
            if not _DEFAULT_SHEET.match(sheet.title or ""):
                builder.text(sheet.title)  # the tab's name is printed too ("表1 部门收支总表")
            starting = sheet_merges(archive, getattr(sheet, "_worksheet_path", None))
            active: list[Merge] = []
            for number, row in enumerate(sheet.iter_rows(), start=1):
                texts = [cell_text(c) for c in row[:MAX_COLUMNS]]
                cells += len(texts)
                if cells > MAX_CELLS:
                    raise ReadRefused(f"工作表单元格过多（超过 {MAX_CELLS}）/ too many cells")
                values = [stored_text(c, t) for c, t in zip(row, texts, strict=False)]
                spans = [1] * len(texts)
                active = [m for m in active if m[2] >= number] + starting.pop(number, [])
                for first_row, first_col, _, last_col in active:
                    for col in range(first_col - 1, min(last_col, len(texts))):
                        if col == first_col - 1:  # its text (first row) or continuation: the colspan, as DOCX
                            spans[col] = min(last_col, len(texts)) - col
                        if (number, col + 1) != (first_row, first_col):
                            texts[col], values[col] = "", None  # a position the merged cell covers
                filled = [t for t in texts if t.strip()]
                if not in_table and len(filled) == 1 and sum(1 for span in spans if span > 1) <= 1:
                    builder.text(filled[0])  # a title line above the sheet's table, as in a document
                    continue
                in_table = in_table or len(filled) > 1
                builder.table_row(texts, spans=spans, values=values)
            builder.gap += SHEET_GAP
    except ReadRefused:
        raise
    except Exception as error:
        raise ReadRefused(f"XLSX 工作表损坏 / broken sheet: {str(error)[:200] or type(error).__name__}") from None
    finally:
        book.close()
    return builder.document()


def sheet_merges(archive: zipfile.ZipFile, path: str | None) -> dict[int, list[Merge]]:
    """The merged ranges of a sheet by first row, scanned from the sheet XML in chunks (the
    ``<mergeCells>`` list follows the cell data; a DTD was refused before)."""
    merges: dict[int, list[Merge]] = defaultdict(list)
    if not path:
        return merges
    try:
        info = archive.getinfo(path.lstrip("/"))
    except KeyError:
        return merges
    count = 0
    try:
        with archive.open(info) as handle:
            tail = b""
            while count < MAX_MERGES:
                chunk = handle.read(_CHUNK)
                if not chunk:
                    break
                buffer = tail + chunk
                for match in _MERGE.finditer(buffer):
                    if match.end() <= len(tail):
                        continue  # found with the previous chunk
                    merge = _range(match)
                    if merge is not None:
                        merges[merge[0]].append(merge)
                        count += 1
                tail = buffer[-256:]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError) as error:
        raise ReadRefused(f"压缩包损坏（{info.filename}）/ corrupt zip member: {error}") from None
    return merges


def _range(match: re.Match[bytes]) -> Merge | None:
    first_col, first_row = _column(match.group(1)), int(match.group(2))
    last_col = _column(match.group(3)) if match.group(3) else first_col
    last_row = int(match.group(4)) if match.group(4) else first_row
    if first_row < 1 or first_col < 1 or (last_row, last_col) == (first_row, first_col):
        return None
    return (min(first_row, last_row), min(first_col, last_col), max(first_row, last_row), max(first_col, last_col))


def _column(letters: bytes) -> int:
    number = 0
    for byte in letters.upper():
        number = number * 26 + byte - 64
    return number


def stored_text(cell: Any, text: str) -> str | None:
    """A number's stored value as plain text, where the cell's text is not that number itself
    (a percent or zero-padded format); None for other cells."""
    value = getattr(cell, "value", None)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        stored = _plain(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))
    except InvalidOperation:
        return None
    return None if stored == text else stored


def cell_text(cell: Any) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int | float):
        return number_text(value, str(getattr(cell, "number_format", "") or "General"))
    return str(value)


def number_text(value: float, number_format: str) -> str:
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)  # inf / nan
    fmt = number_format.split(";")[0]
    match = _DECIMALS.search(fmt)
    decimals = len(match.group(1)) if match else 0
    percent = "%" in fmt
    if percent:
        number = number.scaleb(2)
    text = _plain(number)
    shown = len(text.split(".")[1]) if "." in text else 0
    if decimals > shown:
        text = f"{number:.{decimals}f}"
    elif percent and shown > decimals:  # a rate is read as the form shows it; the cell's value keeps the rest
        text = f"{number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):f}"
    return text + ("%" if percent else "")


def _plain(number: Decimal) -> str:
    """A decimal without exponent or trailing zeros ("1E+1" → "10", "0.50" → "0.5")."""
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
