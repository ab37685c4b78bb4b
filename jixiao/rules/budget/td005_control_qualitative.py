"""预算控制数按定性填报：a budget-control or cost indicator ("项目预算控制数", "总成本") marked 定性 with
a grade ("优", "良") instead of an amount: the cost of a project is a number. Warning.

Bad::

    成本指标 经济成本指标 项目预算控制数 定性 优

Good::

    成本指标 经济成本指标 项目预算控制数 ≤ 132.6 万元
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.declared import is_control, project_name, row_name
from jixiao.rules.budget.tables import amount
from jixiao.rules.finding import Finding

CODE = "TD005"
NAME = "control-as-qualitative"
SEVERITY = "warning"
CATEGORY = "indicator_quality"


def check(ctx: BudgetContext) -> Iterator[Finding]:
    for index, td in ctx.projects():
        for ind in td.indicators:
            if ind.nature == "定性" and is_control(ind, ctx.settings):
                yield ctx.on_declaration(
                    index, td, f"{project_name(td, index)}预算控制指标{row_name(ind)}按定性填报为"
                    f"「{ind.printed_value}」，应填金额（≤ 项目总额{amount(td.total_amount)}万元）。", line=ind.line,
                    expected=td.total_amount, actual=ind.printed_value)
