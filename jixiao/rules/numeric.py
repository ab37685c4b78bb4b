"""Comparing a printed number with a recomputed one, at the printed precision.

A printed "6.67" carries two decimals: anything that rounds to it is consistent. The verdicts:

* ``ok`` — equal after rounding to the printed precision, i.e. within half a unit of the last
  printed digit (no finding);
* ``rounding`` — off by more than half a unit but at most ``rounding_units`` units of the last
  printed digit, or truncated (an ``info`` finding at most, never an error). For one figure this is
  not rounding and messages say so (``NOT_ROUNDING``); for a sum of rounded parts (``compare_sum``)
  the parts' own rounding explains it.
* ``mismatch`` — beyond rounding: an arithmetic error.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_DOWN, Decimal
from typing import Literal

Verdict = Literal["ok", "rounding", "mismatch"]
FINE = Decimal("0.01")
EPSILON = Decimal("1e-9")


def printed_decimals(text: str | None) -> int:
    """Decimals shown in a printed number ("97.17%" → 2, "10" → 0)."""
    if not text:
        return 0
    m = re.search(r"\.(\d+)", unicodedata.normalize("NFKC", text))
    return len(m.group(1)) if m else 0


def unit_of(text: str | None) -> Decimal:
    """One unit of the last printed digit ("6.67" → 0.01, "10" → 1)."""
    return Decimal(1).scaleb(-printed_decimals(text))


def compare(printed: Decimal, computed: Decimal, printed_text: str | None,
            rounding_units: Decimal = Decimal(1), fine: Decimal = FINE) -> Verdict:
    """Verdict on ``printed`` (shown as ``printed_text``) against an exact ``computed`` value.

    ``fine`` is the coarsest printed unit that still gets the one-unit slack (0.01 for scores,
    0.1 for percentages); a value truncated instead of rounded is also ``rounding``.
    """
    diff = abs(printed - computed)
    if diff <= EPSILON:
        return "ok"
    unit = unit_of(printed_text)
    if diff <= unit / 2 + EPSILON:  # within half a unit of the printed precision: what was printed
        return "ok"
    if unit <= fine and diff <= unit * rounding_units + EPSILON:
        return "rounding"
    if computed.quantize(unit, rounding=ROUND_DOWN) == printed:
        return "rounding"
    return "mismatch"


NOT_ROUNDING = "相差不到末位一个单位，但超出四舍五入的范围（疑为截尾或笔误）"  # a "rounding" verdict of one figure


def compare_sum(printed: Decimal, computed: Decimal, printed_text: str | None, part_texts: list[str | None],
                rounding_units: Decimal = Decimal(1), at_parts_precision: bool = False) -> Verdict:
    """Like :func:`compare` for a printed total of parts that may themselves be rounded.

    Each part printed with decimals may be off by half a unit of its last digit, so their slack adds up.
    With ``at_parts_precision`` (scores, typed by hand with the digits they have), a total printed with
    fewer digits than its parts ("100" over parts such as "9.5") is compared at the precision of the
    most precise of them: its missing digits are zeros, not rounding.
    """
    precise = max([printed_text, *part_texts], key=printed_decimals) if at_parts_precision else printed_text
    verdict = compare(printed, computed, precise, rounding_units)
    if verdict != "mismatch":
        return verdict
    slack = sum((unit_of(t) / 2 for t in part_texts if unit_of(t) <= FINE), Decimal(0))
    return "rounding" if abs(printed - computed) <= slack + EPSILON else "mismatch"


def has_garbage(text: str | None) -> bool:
    """A numeric cell that is malformed: doubled signs ("100%%"), digits split by spaces ("86.82594 7")."""
    if not text:
        return False
    t = unicodedata.normalize("NFKC", text).strip()
    if not re.search(r"\d", t):
        return False
    if re.search(r"%\s*%|\.\s*\.|\d\s+[\d.]|[\d.]\s+\.\d", t):
        return True
    return bool(re.search(r"\d", t)) and bool(re.fullmatch(r"[\d.,%\s]+", t)) and t.count(".") > 1
