"""Shared reading of declared indicators: names for messages, cost-control indicators, amounts."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.declaration import DeclaredIndicator, TargetDeclaration
from jixiao.model.text import norm
from jixiao.rules.budget.context import BudgetSettings

TEN_THOUSAND = Decimal(10000)


def row_name(ind: DeclaredIndicator) -> str:
    return "「" + "/".join(p for p in (ind.level1, ind.level2, ind.level3) if p) + "」"


def project_name(td: TargetDeclaration, index: int) -> str:
    return f"项目「{td.project_name or f'第{index + 1}个项目'}」"


def is_cost(ind: DeclaredIndicator) -> bool:
    return "成本" in norm(ind.level1 or "") or "成本" in norm(ind.level2 or "")


def is_control(ind: DeclaredIndicator, settings: BudgetSettings) -> bool:
    """A cost-control indicator stating the project's whole amount ("项目预算控制数 ≤ 56 万元")."""
    text = norm(ind.level3 or "")
    if not any(w in text for w in settings.control_words):
        return False
    return not any(w in text or w in norm(ind.unit or "") for w in settings.per_unit_words)


def amount_wan(ind: DeclaredIndicator) -> Decimal | None:
    """The indicator's value in 万元 where its unit is money."""
    if not isinstance(ind.value, Decimal):
        return None
    unit = norm(ind.unit or "")
    if unit == "万元":
        return ind.value
    if unit == "元":
        return ind.value / TEN_THOUSAND
    return None


def printed_places(ind: DeclaredIndicator) -> int:
    text = ind.printed_value or ""
    return len(text.split(".", 1)[1]) if "." in text else 0
