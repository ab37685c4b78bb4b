"""Sheets → an XLSX workbook (openpyxl): one worksheet per form, merged cells, A4 print setup.

A printed number is written as a number with a format that keeps its printed precision ("10.00"
→ 10 under "0.00", "97.17%" → 0.9717 under "0.00%"), so the workbook computes and reads back as
printed; anything else (ranges, "—", "100%%", "106,029.00") is written as the text it is.
"""

from __future__ import annotations

import re
from copy import copy
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.merge import MergedCellRange  # type: ignore[import-untyped]

from jixiao.present.forms.layout import Sheet, sheet_name
from jixiao.read.xlsx import number_text

PLAIN_NUMBER = re.compile(r"^-?(?:0|[1-9]\d{0,14})(?:\.(\d{1,10}))?(%?)$")
FONT = "宋体"
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
TITLE_ROWS = 3
BORDER_STYLE = "jx-border"


def write_xlsx(sheets: list[Sheet], path: Path) -> None:
    book = Workbook()
    _register_styles(book)
    book.remove(book.active)
    for n, sheet in enumerate(sheets):
        _sheet(book.create_sheet(sheet_name(sheet.name, n)), sheet)
    book.save(str(path))


def _register_styles(book: Workbook) -> None:
    """Named styles: assigning one per cell is far cheaper than building fonts and borders per cell."""
    plain = NamedStyle(name=BORDER_STYLE, border=_BORDER, font=Font(name=FONT, size=10))
    book.add_named_style(plain)
    for align in ("left", "center", "right"):
        for bold in (False, True):
            book.add_named_style(NamedStyle(
                name=f"jx-{align}{'-bold' if bold else ''}", border=_BORDER, font=Font(name=FONT, size=10, bold=bold),
                alignment=Alignment(horizontal=align, vertical="center", wrap_text=True)))


def typed_value(text: str) -> tuple[object, str]:
    """(cell value, number format) for a printed text: a number only where it reads back identically."""
    match = PLAIN_NUMBER.match(text)
    if not match:
        return text, "@"
    decimals, percent = len(match.group(1) or ""), bool(match.group(2))
    number = Decimal(text.rstrip("%"))
    if percent:
        number = number.scaleb(-2)
    value: object = int(number) if not percent and not decimals else float(number)
    fmt = ("0." + "0" * decimals if decimals else "0") + ("%" if percent else "")
    if number_text(value, fmt) != text:  # type: ignore[arg-type]
        return text, "@"
    return value, fmt


def _sheet(ws: object, sheet: Sheet) -> None:
    cell = ws.cell  # type: ignore[attr-defined]
    merge = ws.merge_cells  # type: ignore[attr-defined]
    ranges = ws.merged_cells  # type: ignore[attr-defined]
    last = get_column_letter(sheet.columns)
    cell(row=1, column=1, value=sheet.title).font = Font(name=FONT, size=16, bold=True)
    cell(row=1, column=1).alignment = Alignment(horizontal="center")
    merge(f"A1:{last}1")
    if sheet.subtitle:
        cell(row=2, column=1, value=sheet.subtitle).alignment = Alignment(horizontal="center")
        merge(f"A2:{last}2")
    if sheet.note:
        cell(row=3, column=1, value=sheet.note).alignment = Alignment(horizontal="right")
        merge(f"A3:{last}3")
    for n, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width * 9  # type: ignore[attr-defined]
    styles: dict[str, object] = {}

    def style(target: object, name: str) -> None:
        # copying the style array of a cell that has the named style is ~100x cheaper than
        # assigning the name, which hashes every style object (the usual openpyxl idiom)
        if name in styles:
            target._style = copy(styles[name])  # type: ignore[attr-defined]
        else:
            target.style = name  # type: ignore[attr-defined]
            styles[name] = copy(target._style)  # type: ignore[attr-defined]

    for slot in sheet.slots:
        row, col = TITLE_ROWS + 1 + slot.row, 1 + slot.col
        for r in range(row, row + slot.rowspan):
            for c in range(col, col + slot.colspan):
                style(cell(row=r, column=c), BORDER_STYLE)
        target = cell(row=row, column=col)
        style(target, f"jx-{slot.align}{'-bold' if slot.bold else ''}")
        if slot.text:
            value, fmt = typed_value(slot.text) if slot.align == "right" else (slot.text, "@")
            target.value = value
            if fmt != "@":
                target.number_format = fmt
            if isinstance(value, str):
                target.data_type = "s"  # text such as "=100%" is printed text, never a formula
        if slot.colspan > 1 or slot.rowspan > 1:
            # borders are already on every cell: skip merge_cells' slow re-formatting of the range
            ranges.add(MergedCellRange(ws, f"{get_column_letter(col)}{row}:"
                                           f"{get_column_letter(col + slot.colspan - 1)}{row + slot.rowspan - 1}"))
    setup = ws.page_setup  # type: ignore[attr-defined]
    setup.paperSize = 9  # A4
    setup.orientation = "portrait"
    setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[attr-defined]
