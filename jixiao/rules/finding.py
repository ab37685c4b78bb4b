"""The finding of DESIGN §5.2, and the helpers every rule uses to make one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from jixiao.model.values import plain

Severity = Literal["error", "warning", "info"]
Category = Literal[
    "execution_rate", "execution_score", "total", "weights", "score_bounds", "score_unjustified",
    "score_unexplained", "grade", "crossfoot", "narrative", "units", "indicator_quality", "typo", "missing",
]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


class FormRef(BaseModel):
    kind: str = "self_evaluation"
    project_name: str | None = None
    index: int = 0


class Finding(BaseModel):
    """One problem on one form (DESIGN §5.2 FINDING, plus ``profile`` and ``rule``)."""

    code: str
    category: Category
    severity: Severity
    source: str
    form: FormRef
    location: dict[str, int] = Field(default_factory=dict)
    message: str
    expected: Any = None
    actual: Any = None
    profile: str = "national"
    rule: str = ""

    def to_json(self) -> dict[str, Any]:
        """The JSON object of §5.2: Decimals as numbers, empty location keys dropped."""
        data = self.model_dump(mode="python")
        result: dict[str, Any] = plain(data)
        return result


def fmt(value: Decimal | None, places: int | None = None) -> str:
    """A number for a message: as printed, or quantized to ``places`` decimals, no exponent."""
    if value is None:
        return "空"
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    text = format(value.normalize(), "f") if places is None else format(value, "f")
    return text


def pct(fraction: Decimal | None, places: int = 2) -> str:
    """A fraction as a percentage for a message (0.666072 → "66.61%")."""
    if fraction is None:
        return "空"
    return f"{fmt(fraction * 100, places)}%"
