"""Parsing printed cells into numbers and structured target/actual values.

Everything here is pure and total: any string goes in, a value or ``None`` comes out, never an
exception. Nothing is corrected: ``parse_number("100%%")`` is ``None`` (the cell is malformed and
a rule reports it), while ``Value.text`` always keeps the cell as printed.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import BaseModel

ValueKind = Literal["number", "percent", "grade", "grade_scale", "yes_no", "yes_no_scale", "text", "empty"]
Op = Literal["≥", "≤", "=", ">", "<"]

_DASHES = {"—", "——", "-", "－", "–", "/", "／", "无"}
_NUMBER_RE = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_PERCENT_RE = re.compile(r"^([+-]?\d+(?:\.\d+)?)%$")

# Comparator words, longest first. Each maps to (operator, whether it is a prefix).
_OP_PREFIXES: tuple[tuple[str, Op], ...] = (
    ("大于或等于", "≥"), ("大于等于", "≥"), ("不少于", "≥"), ("不低于", "≥"), ("不小于", "≥"),
    ("至少", "≥"), ("≥", "≥"), (">=", "≥"), ("≧", "≥"),
    ("小于或等于", "≤"), ("小于等于", "≤"), ("不高于", "≤"), ("不超过", "≤"), ("不多于", "≤"),
    ("不大于", "≤"), ("最多", "≤"), ("≤", "≤"), ("<=", "≤"), ("≦", "≤"),
    ("等于", "="), ("==", "="), ("=", "="),
    ("大于", ">"), (">", ">"), ("高于", ">"), ("超过", ">"),
    ("小于", "<"), ("<", "<"), ("低于", "<"),
)
_OP_SUFFIXES: tuple[tuple[str, Op], ...] = (
    ("及以上", "≥"), ("以上", "≥"), ("及以下", "≤"), ("以下", "≤"), ("以内", "≤"), ("之内", "≤"),
)
_GRADES = ("优秀", "良好", "合格", "不合格", "优", "良", "中", "差", "好", "较好", "一般", "较差")
_YES = ("是", "达标", "合格", "完成", "已完成", "符合", "满足", "达到", "按时", "按时完成")
_NO = ("否", "未达标", "不合格", "未完成", "不符合", "未达到")
_CHINESE_MULTIPLIERS = {"万": Decimal(10000), "亿": Decimal(100000000), "千": Decimal(1000)}


class Value(BaseModel):
    """A target or actual cell, parsed. ``number`` is as printed (95 for "95%")."""

    text: str
    kind: ValueKind
    op: Op | None = None
    number: Decimal | None = None
    unit: str | None = None
    fraction: Decimal | None = None  # percentages as a fraction (0.95 for "95%")
    grade: str | None = None
    yes: bool | None = None


def normalize(text: str) -> str:
    """NFKC, no whitespace: the form in which labels and values are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def parse_number(text: str | None) -> Decimal | None:
    """A plain number as printed ("2,250.00", "39", " 10 "); ``None`` for anything else."""
    if text is None:
        return None
    t = unicodedata.normalize("NFKC", text).strip()
    if not _NUMBER_RE.match(t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None


def parse_percent(text: str | None) -> Decimal | None:
    """A percentage cell ("97.17%") as a fraction; a bare number ≤ 1 with no % is not a rate."""
    if text is None:
        return None
    t = normalize(text)
    m = _PERCENT_RE.match(t)
    if not m:
        return None
    return Decimal(m.group(1)) / Decimal(100)


def is_blank(text: str | None) -> bool:
    """Empty or a dash placeholder ("—", "/", "无")."""
    return text is None or normalize(text) in _DASHES or normalize(text) == ""


def decimals(text: str | None) -> int:
    """How many decimals a printed number shows ("97.17%" → 2, "10" → 0)."""
    if not text:
        return 0
    m = re.search(r"\.(\d+)", unicodedata.normalize("NFKC", text))
    return len(m.group(1)) if m else 0


def parse_value(text: str | None) -> Value | None:
    """Parse a target/actual cell into a structured value.

    >>> parse_value("≥700次").op, parse_value("≥700次").number, parse_value("≥700次").unit
    ('≥', Decimal('700'), '次')
    """
    if text is None:
        return None
    raw = text.strip()
    t = normalize(raw)
    if not t:
        return Value(text=raw, kind="empty")
    if t in ("优良中差", "优良中低差", "优/良/中/差", "优、良、中、差", "优秀良好合格不合格"):
        return Value(text=raw, kind="grade_scale")
    if t in ("是否", "是/否", "是或否", "是、否"):
        return Value(text=raw, kind="yes_no_scale")
    if t in _GRADES:
        return Value(text=raw, kind="grade", grade=t)
    if t in _YES:
        return Value(text=raw, kind="yes_no", yes=True)
    if t in _NO:
        return Value(text=raw, kind="yes_no", yes=False)
    return _parse_quantity(raw, t) or Value(text=raw, kind="text")


def _parse_quantity(raw: str, t: str) -> Value | None:
    op: Op | None = None
    for word, o in _OP_PREFIXES:
        if t.startswith(word):
            op, t = o, t[len(word):]
            break
    for word, o in _OP_SUFFIXES:
        if t.endswith(word):
            op = op or o
            t = t[: -len(word)]
            break
    m = re.match(r"^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(.*)$", t)
    if not m:
        return None
    try:
        number = Decimal(m.group(1).replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only decimals
        return None
    unit = m.group(2) or None
    if unit is not None:
        for word, o in _OP_SUFFIXES:  # "95%以上" after the number
            if unit.endswith(word):
                op = op or o
                unit = unit[: -len(word)] or None
                break
    if unit is not None and (len(unit) > 8 or re.search(r"\d", unit)):
        return None  # "2023年1月-12月", "3万元/人" and sentences are not one quantity
    if unit == "%":
        return Value(text=raw, kind="percent", op=op, number=number, unit="%", fraction=number / 100)
    return Value(text=raw, kind="number", op=op, number=number, unit=unit)


def scaled(value: Value) -> Decimal | None:
    """The number of a quantity in base units ("5万" → 50000), for comparing money cells."""
    if value.number is None:
        return None
    unit = value.unit or ""
    for prefix, factor in _CHINESE_MULTIPLIERS.items():
        if unit.startswith(prefix):
            return value.number * factor
    return value.number


def plain(value: Any) -> Any:
    """Decimals become JSON numbers exactly as printed (ints stay ints: 949.821024 stays
    949.821024), recursively through dicts, lists and tuples."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and int(value.as_tuple().exponent) >= 0:
            return int(value)
        return float(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value
