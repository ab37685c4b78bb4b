"""The finding of DESIGN §5.2, and the helpers every rule uses to make one."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from jixiao.model.values import plain

Severity = Literal["error", "warning", "info"]
Category = Literal[
    "execution_rate", "execution_score", "total", "weights", "score_bounds", "score_unjustified",
    "score_unexplained", "grade", "crossfoot", "narrative", "units", "indicator_quality", "typo", "missing",
    "text", "lifecycle", "ocr",
]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
CATEGORY_LABELS = {
    "execution_rate": "执行率", "execution_score": "执行率得分", "total": "合计", "weights": "权重",
    "score_bounds": "得分越界", "score_unjustified": "得分无据", "score_unexplained": "扣分未说明", "grade": "等级",
    "crossfoot": "勾稽", "narrative": "文表不符", "units": "单位", "indicator_quality": "指标质量", "typo": "笔误",
    "missing": "缺项", "text": "文字", "lifecycle": "前后不符", "ocr": "识别",
}
# How much a category matters to a reviewer, within one severity: money first, then scores, then wording.
CATEGORY_RANK = {c: n for n, c in enumerate((
    "crossfoot", "narrative", "execution_rate", "units", "lifecycle", "total", "execution_score", "score_bounds",
    "grade", "score_unjustified", "weights", "score_unexplained", "text", "missing", "ocr", "typo",
    "indicator_quality"))}
MESSAGE_LIMIT = 120  # characters a message may take; the long evidence goes to expected/actual
QUOTE_LIMIT = 24  # characters of a quoted cell kept in a message that would run past MESSAGE_LIMIT


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
    merged: list[str] = Field(default_factory=list)  # related findings on the same row, folded into this one
    # the other documents a cross-document finding cites: [{"source", "form": {kind, project_name, index},
    # "location"}] (DESIGN §5.2)
    related: list[dict[str, Any]] = Field(default_factory=list)

    def brief(self) -> str:
        """The message as a reviewer reads it in a list: at most ``MESSAGE_LIMIT`` characters, quoted
        cells past ``QUOTE_LIMIT`` cut (the whole message stays in ``detail`` of the JSON)."""
        if len(self.message) <= MESSAGE_LIMIT:
            return self.message
        short = _QUOTED.sub(_cut, self.message)
        return short if len(short) <= MESSAGE_LIMIT else short[:MESSAGE_LIMIT - 1] + "…"

    def amount(self) -> Decimal:
        """How much money or how many points the finding is about: |expected − actual| when both are
        numbers, else 0 (what orders findings of one severity and category)."""
        try:
            return abs(Decimal(str(self.expected)) - Decimal(str(self.actual)))
        except (ArithmeticError, ValueError, TypeError):
            return Decimal(0)

    def to_json(self) -> dict[str, Any]:
        """The JSON object of §5.2: Decimals as numbers, empty location keys dropped; ``message`` the
        brief one, ``detail`` the whole message when it had to be shortened (else null), and a cut
        cell's full text in ``actual`` when the rule gave none."""
        data = self.model_dump(mode="python")
        brief = self.brief()
        if brief != self.message:
            data["message"], data["detail"] = brief, self.message
            if data["actual"] is None:
                data["actual"] = max(_QUOTED.findall(self.message), key=len, default=None)
        else:
            data["detail"] = None
        result: dict[str, Any] = plain(data)
        return result


def locate(line: int | None, where: Any = None) -> dict[str, int]:
    """A finding's ``location`` (DESIGN §5.2), for every kind of form: the line it is about (else the
    form's first and last line) and, for PDF inputs, the form's pages. ``where`` is the form's or
    table's ``Location`` (anything with line_start/line_end/page_start/page_end)."""
    location: dict[str, int] = {}
    start = getattr(where, "line_start", None)
    if line is not None:
        location = {"line_start": line, "line_end": line}
    elif start is not None:
        location = {"line_start": start, "line_end": getattr(where, "line_end", None) or start}
    page = getattr(where, "page_start", None)
    if page is not None:
        location["page_start"] = page
        location["page_end"] = getattr(where, "page_end", None) or page
    return location


_QUOTED = re.compile(r"「([^「」]*)」")


def _cut(match: re.Match[str]) -> str:
    text = match.group(1)
    return f"「{text}」" if len(text) <= QUOTE_LIMIT else f"「{text[:QUOTE_LIMIT - 1]}…」"


def order_key(finding: Finding) -> tuple[int, int, Decimal, str, int]:
    """Severity first, then what matters most (money before scores before wording), then the larger
    amount, then document order."""
    line = finding.location.get("line_start", finding.location.get("page_start", 0))
    return (SEVERITIES.index(finding.severity), CATEGORY_RANK.get(finding.category, len(CATEGORY_RANK)),
            -finding.amount(), finding.source, line)


def ordered(findings: list[Finding]) -> list[Finding]:
    """The one order of findings that the table and the JSON share."""
    return sorted(findings, key=order_key)


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
