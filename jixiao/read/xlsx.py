"""XLSX → rows of cells, every sheet in order (openpyxl, read-only: constant memory).

A merged range holds its value in the top-left cell only, which is exactly the grid shape the
recognizers expect. Numbers are taken as stored, never as displayed (949.821024 stays 949.821024
under a "0.00" format); a fixed-decimals format only pads zeros the stored value lacks ("10" under
"0.00" is "10.00"), and a percent format shows the stored fraction ×100 ("0.9717" → "97.17%").
Dates become ISO dates. Sheets are separated by blank gaps; a sheet's own name (unless it is a
default "Sheet1"/"工作表1") is a line above its rows. Lines with one filled cell above a
sheet's first table row (its title, year, unit note) are free text, as they are in a document.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.read.grid import GridBuilder
from jixiao.read.limits import MAX_CELLS, ReadRefused, open_zip
from jixiao.read.text import TextDocument

_DECIMALS = re.compile(r"0\.(0+)")
MAX_COLUMNS = 200
SHEET_GAP = 3
_DEFAULT_SHEET = re.compile(r"^\s*(?:sheet|工作表)\s*\d*\s*$", re.IGNORECASE)


def read_xlsx(data: bytes) -> TextDocument:
    open_zip(data).close()  # size, bomb and DTD checks before openpyxl parses anything
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
            for row in sheet.iter_rows():
                texts = [cell_text(c) for c in row[:MAX_COLUMNS]]
                cells += len(texts)
                if cells > MAX_CELLS:
                    raise ReadRefused(f"工作表单元格过多（超过 {MAX_CELLS}）/ too many cells")
                filled = [t for t in texts if t.strip()]
                if not in_table and len(filled) == 1:
                    builder.text(filled[0])  # a title line above the sheet's table, as in a document
                    continue
                in_table = in_table or len(filled) > 1
                builder.table_row(texts)
            builder.gap += SHEET_GAP
    except ReadRefused:
        raise
    except Exception as error:
        raise ReadRefused(f"XLSX 工作表损坏 / broken sheet: {str(error)[:200] or type(error).__name__}") from None
    finally:
        book.close()
    return builder.document()


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
    return text + ("%" if percent else "")


def _plain(number: Decimal) -> str:
    """A decimal without exponent or trailing zeros ("1E+1" → "10", "0.50" → "0.5")."""
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
