"""The official layout of a form as a format-free grid that every writer (DOCX/XLSX/PDF) renders.

A :class:`Sheet` is a title, a subtitle, an optional unit note and a table of :class:`Slot`s placed
on a fixed column grid; merged cells are slots with a row or column span. Texts are the printed
texts the models keep, so the written form shows what the source showed, to the same precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Slot:
    row: int
    col: int
    text: str
    colspan: int = 1
    rowspan: int = 1
    align: str = "left"  # "left" | "center" | "right"
    bold: bool = False


@dataclass(slots=True)
class Sheet:
    title: str
    subtitle: str = ""
    note: str = ""  # e.g. "金额单位：万元", printed above the table on the right
    widths: list[float] = field(default_factory=list)  # relative column widths
    slots: list[Slot] = field(default_factory=list)
    rows: int = 0
    name: str = "表"  # sheet name in a workbook

    @property
    def columns(self) -> int:
        return len(self.widths)

    def add(self, col: int, text: str | None, colspan: int = 1, rowspan: int = 1, align: str = "left",
            bold: bool = False, row: int | None = None) -> None:
        """Place a cell; ``align="right"`` marks a number (written as a number where it is one)."""
        text = text or ""
        where = self.rows - 1 if row is None else row
        self.slots.append(Slot(where, col, text, colspan, rowspan, align, bold))

    def new_row(self) -> int:
        self.rows += 1
        return self.rows - 1

    def label(self, col: int, text: str, colspan: int = 1, rowspan: int = 1) -> None:
        self.add(col, text, colspan, rowspan, align="center", bold=True)


def number_text(value: Decimal | str | None, printed: str | None = None) -> str:
    """The printed text when the model kept it, else the number without exponent."""
    if printed is not None:
        return printed
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return f"{value:f}"


def sheet_name(text: str | None, index: int) -> str:
    """A valid, unique-enough worksheet name (≤31 characters, no []:*?/\\)."""
    name = re.sub(r"[\[\]:*?/\\]", "", text or "") or "表"
    return f"{index + 1}-{name}"[:31]
