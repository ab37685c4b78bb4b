"""Whether a self-evaluated target is still the declared one: the value, the nature (≥ ≤ =) and the
unit compared as quantities ("5万平方米" is "50000平方米"), grades and yes/no as words. Printing
sloppiness is no change: a target printed without its sign is compared by value and unit only,
and a scale ("优良中差") stands for no target at all."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jixiao.model.declaration import DeclaredIndicator
from jixiao.model.values import Value, scaled
from jixiao.rules.lifecycle.bundle import declared_text, declared_value

ChangeKind = Literal["value", "nature", "unit"]
_SAME_OP = {">=": "≥", "<=": "≤", "=": "=", "==": "=", "≥": "≥", "≤": "≤", ">": ">", "<": "<"}
_PREFIXES = ("万", "千", "亿")
QUANTITIES = ("number", "percent")


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    declared: str  # as printed in the declaration ("≥20处")
    evaluated: str  # as printed in the self-evaluation ("≥15处")
    easier: bool | None  # the new target is easier to meet (None: not a matter of more or less)


def _op(value: Value) -> str | None:
    return _SAME_OP.get(value.op or "", value.op) if value.op else None


def _base(unit: str | None) -> str:
    unit = unit or ""
    return unit[1:] if len(unit) > 1 and unit[0] in _PREFIXES else unit


def _easier(op: str | None, declared: Decimal, evaluated: Decimal) -> bool | None:
    if op in ("≥", ">"):
        return evaluated < declared
    if op in ("≤", "<"):
        return evaluated > declared
    return None


def target_change(declared: DeclaredIndicator, evaluated: Value | None) -> Change | None:
    """How the self-evaluation's target ``evaluated`` differs from ``declared`` (``None``: it does not,
    or the two cannot be compared)."""
    d = declared_value(declared)
    if d is None or evaluated is None:
        return None
    shown = declared_text(declared)
    if d.kind in QUANTITIES and evaluated.kind in QUANTITIES and d.number is not None \
            and evaluated.number is not None:
        op = _op(d)
        if _base(d.unit) != _base(evaluated.unit):
            return Change("unit", shown, evaluated.text, None)
        dn, en = scaled(d), scaled(evaluated)  # "5万平方米" is "50000平方米"
        if dn is not None and en is not None and dn != en:
            return Change("value", shown, evaluated.text, _easier(op, dn, en))
        other = _op(evaluated)
        if op and other and op != other:
            return Change("nature", shown, evaluated.text, None)
        return None
    if d.kind == "grade" and evaluated.kind == "grade" and d.grade != evaluated.grade:
        return Change("value", shown, evaluated.text, None)
    if d.kind == "yes_no" and evaluated.kind == "yes_no" and d.yes != evaluated.yes:
        return Change("value", shown, evaluated.text, None)
    return None


__all__ = ["Change", "ChangeKind", "target_change"]
