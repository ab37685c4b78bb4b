from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model.values import parse_number, parse_percent, parse_value


@pytest.mark.parametrize(("text", "kind", "op", "number", "unit"), [
    ("≥700次", "number", "≥", Decimal(700), "次"),
    ("大于等于 700 次", "number", "≥", Decimal(700), "次"),
    ("≤12月", "number", "≤", Decimal(12), "月"),
    ("100%", "percent", None, Decimal(100), "%"),
    ("95%以上", "percent", "≥", Decimal(95), "%"),
    ("5万", "number", None, Decimal(5), "万"),
    ("2,250.00", "number", None, Decimal("2250.00"), None),
    ("=100%", "percent", "=", Decimal(100), "%"),
    ("不超过5%", "percent", "≤", Decimal(5), "%"),
    ("优良中差", "grade_scale", None, None, None),
    ("是否", "yes_no_scale", None, None, None),
    ("优", "grade", None, None, None),
    ("是", "yes_no", None, None, None),
    ("2023年1月-12月", "text", None, None, None),
    ("无投诉", "text", None, None, None),
])
def test_parse_value(text: str, kind: str, op: str | None, number: Decimal | None, unit: str | None) -> None:
    value = parse_value(text)
    assert value is not None
    assert (value.kind, value.op, value.number, value.unit) == (kind, op, number, unit)
    assert value.text == text


def test_percent_fraction_and_malformed_cells() -> None:
    assert parse_percent("97.17%") == Decimal("0.9717")
    assert parse_percent("100%%") is None
    assert parse_number("86.82594 7") is None
    assert parse_number("１０") == Decimal(10)  # full-width digits compare equal after NFKC
    assert parse_value("95%以上").fraction == Decimal("0.95")  # type: ignore[union-attr]
