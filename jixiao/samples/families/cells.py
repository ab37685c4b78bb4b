"""Cell makers shared by the families, and the truth a careful reader takes from a printed cell.

Every printed number is made here once, so the cell (text, stored value, display format) and the
truth value (a JSON number, as printed) cannot disagree."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jixiao.samples.families.layout import Cell

Json = Any


def t(text: str, cs: int = 1, rs: int = 1, bold: bool = False, left: bool = False) -> Cell:
    return Cell(text=text, colspan=cs, rowspan=rs, bold=bold, align="left" if left else "center")


def h(text: str, cs: int = 1, rs: int = 1) -> Cell:
    """A header cell."""
    return Cell(text=text, colspan=cs, rowspan=rs, bold=True)


def amount(d: Decimal | None, cs: int = 1, places: int = 2) -> Cell:
    if d is None:
        return Cell(colspan=cs)
    text = f"{d:.{places}f}"
    return Cell(text=text, colspan=cs, value=float(text), number_format="0." + "0" * places if places else "0")


def number(d: Decimal | int | None, cs: int = 1) -> Cell:
    """A weight or a score printed as short as it goes: 10, 9.64, 27.5."""
    if d is None:
        return Cell(colspan=cs)
    d = Decimal(d)
    text = f"{d:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Cell(text=text, colspan=cs, value=float(text), number_format="General")


def pct(rate: Decimal | None, places: int = 2, cs: int = 1) -> Cell:
    """A rate printed as a percentage; a spreadsheet stores the exact fraction and rounds on display."""
    if rate is None:
        return Cell(colspan=cs)
    shown = (rate * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    fmt = "0%" if places == 0 else "0." + "0" * places + "%"
    return Cell(text=f"{shown}%", colspan=cs, value=float(rate), number_format=fmt)


def json_number(text: str) -> int | float | None:
    """A printed number as a JSON number (24.67 stays 24.67; 100 stays 100)."""
    s = text.strip().replace(",", "")
    if not s or s in {"/", "-", "—"}:
        return None
    d = Decimal(s)
    return int(d) if "." not in s and "e" not in s.lower() else float(s)


def json_rate(text: str) -> int | float | None:
    """"89.70%" → 0.897, "100%" → 1."""
    s = text.strip()
    if not s or s in {"/", "-", "—"}:
        return None
    d = (Decimal(s.rstrip("%")) / 100).normalize()
    return int(d) if d == d.to_integral_value() else float(str(d))


def text_or_none(text: str) -> str | None:
    s = "".join(text.split()) if _all_cjk_join(text) else " ".join(text.split())
    return s or None


def _all_cjk_join(text: str) -> bool:
    return not any(ch.isascii() and ch.isalpha() for ch in text)


def value_json(text: str) -> Json:
    """A split 指标值 cell: a number when it is one, else the text."""
    try:
        return json_number(text)
    except ArithmeticError:
        return text_or_none(text)
