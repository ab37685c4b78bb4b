"""成本控制指标与项目金额不符：a cost indicator stating the project's whole amount ("项目预算控制数",
"总成本", "控制在…") gives a different amount from the project's own 项目总额. Per-unit costs (每人,
人均, 单价, 元/人) are never compared. The indicator may round up at its printed precision
("≤ 165.1 万元" for 165.022955). Error when the project's amount breaks its own cap (≤ / ＝ value
below the amount, or ＝ any difference); warning when the cap is higher than the amount (a stale or
copied figure).

Bad::

    项目总额 241.40 … 成本指标 经济成本指标 项目预算控制数 ≤ 271.4 万元

Good::

    项目总额 241.40 … 成本指标 经济成本指标 项目预算控制数 ≤ 241.4 万元
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.declared import amount_wan, is_control, printed_places, project_name, row_name
from jixiao.rules.budget.tables import amount
from jixiao.rules.finding import Finding, Severity

CODE = "TD002"
NAME = "cost-vs-amount"
SEVERITY = "error"
CATEGORY = "crossfoot"
EPSILON = Decimal("1e-9")


def check(ctx: BudgetContext) -> Iterator[Finding]:
    for index, td in ctx.projects():
        if td.total_amount is None:
            continue
        for ind in td.indicators:
            if not is_control(ind, ctx.settings):
                continue
            stated = amount_wan(ind)
            if stated is None:
                continue
            places = printed_places(ind) + (4 if (ind.unit or "").strip() == "元" else 0)
            unit = Decimal(1).scaleb(-places)
            diff = stated - td.total_amount
            if abs(diff) <= unit / 2 + EPSILON or (ind.nature in ("≤", "<") and Decimal(0) <= diff < unit):
                continue
            over = diff < 0 and ind.nature in ("≤", "<", "=")
            severity: Severity = "error" if over or ind.nature == "=" else "warning"
            why = "项目金额超出了自己的成本控制数" if over else "与项目金额不一致"
            yield ctx.on_declaration(
                index, td, f"{project_name(td, index)}成本指标{row_name(ind)}为{ind.nature or ''}"
                f"{ind.printed_value}{ind.unit or ''}，项目总额为{amount(td.total_amount)}万元，{why}。",
                line=ind.line, expected=td.total_amount, actual=stated, severity=severity)
