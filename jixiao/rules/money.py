"""Money amounts in indicator cells, in 万元, for comparing cost indicators with the funds block."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.values import Value
from jixiao.rules.numeric import printed_decimals

TEN_THOUSAND = Decimal(10000)
_AMOUNT_RE = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(亿元|万元|万|元)")
_FACTORS = {"亿元": Decimal(10000), "万元": Decimal(1), "万": Decimal(1), "元": Decimal(1) / TEN_THOUSAND}


@dataclass(frozen=True)
class Amount:
    number: Decimal  # as printed
    unit: str | None  # None when the cell names no unit
    decimals: int

    @property
    def wan(self) -> Decimal | None:
        """The amount in 万元 (``None`` without a unit)."""
        if self.unit is None:
            return None
        return self.number * _FACTORS[self.unit]


def amount_of(value: Value | None) -> Amount | None:
    """The money amount a target/actual cell states ("5万", "2000 元", "不超预算数4万元", "106,029.00")."""
    if value is None:
        return None
    if value.kind == "number" and value.number is not None:
        unit = unicodedata.normalize("NFKC", value.unit or "").strip() or None
        if unit is None or unit in _FACTORS:
            digits = re.sub(r"[^\d.]", "", value.text)
            return Amount(value.number, unit, printed_decimals(digits))
        return None
    text = unicodedata.normalize("NFKC", value.text)
    found = _AMOUNT_RE.findall(text)
    if len(found) != 1:
        return None
    number, unit = found[0]
    return Amount(Decimal(number.replace(",", "")), unit, printed_decimals(number))


def same_amount(a: Decimal, a_decimals: int, b: Decimal, b_decimals: int) -> bool:
    """Equal at the coarser of the two printed precisions (one unit of slack for rounding)."""
    places = min(a_decimals, b_decimals)
    return abs(a - b) <= Decimal(1).scaleb(-places) + Decimal("1e-9")
