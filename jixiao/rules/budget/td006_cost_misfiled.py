"""成本指标归类或方向错误：a cost-control indicator ("项目预算控制数", "总成本") filed under 产出指标 or
效益指标 instead of 成本指标, or a cost indicator phrased as a minimum (≥): 101号 wants costs
capped (≤). Warning.

Bad::

    产出指标 时效指标 项目预算控制数 ≥ 194.28 万元

Good::

    成本指标 经济成本指标 项目预算控制数 ≤ 194.8 万元
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.text import norm
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.declared import is_control, is_cost, project_name, row_name
from jixiao.rules.finding import Finding

CODE = "TD006"
NAME = "cost-misfiled"
SEVERITY = "warning"
CATEGORY = "indicator_quality"
MINIMUM = ("≥", ">")


def check(ctx: BudgetContext) -> Iterator[Finding]:
    for index, td in [*ctx.projects(), *ctx.departments()]:
        for ind in td.indicators:
            level1 = norm(ind.level1 or "")
            control = is_control(ind, ctx.settings)
            if control and not is_cost(ind) and ("产出" in level1 or "效益" in level1):
                yield ctx.on_declaration(
                    index, td, f"{project_name(td, index)}预算控制指标{row_name(ind)}归在{ind.level1}下，"
                    f"应归入成本指标。", line=ind.line, expected="成本指标", actual=ind.level1)
            if (control or is_cost(ind)) and ind.nature in MINIMUM:
                yield ctx.on_declaration(
                    index, td, f"{project_name(td, index)}成本指标{row_name(ind)}写成{ind.nature}"
                    f"{ind.printed_value}{ind.unit or ''}，成本应设上限（≤）。", line=ind.line, expected="≤",
                    actual=ind.nature)
