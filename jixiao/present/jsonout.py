"""Documents → the JSON of DESIGN §5.1: money and scores as JSON numbers, as printed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.extract import Document


def plain(value: Any) -> Any:
    """Decimals become ints or floats (exactly as printed: 949.821024 stays 949.821024)."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and value.as_tuple().exponent >= 0:  # type: ignore[operator]
            return int(value)
        return float(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def document_json(doc: Document) -> dict[str, Any]:
    data = doc.model_dump(mode="python")
    for form in data["self_evaluations"]:
        form.pop("kind", None)
    for key in ("self_evaluations", "evaluations", "target_declarations", "budget_tables"):
        for form in data[key]:
            form["location"] = {k: v for k, v in form["location"].items() if v is not None}
    return plain(data)  # type: ignore[no-any-return]
