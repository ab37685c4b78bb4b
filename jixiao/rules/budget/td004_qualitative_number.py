"""定性指标填了数值：an indicator marked 定性 whose 指标值 is a bare number ("3", "0", "98") — either
the nature is wrong (it is quantitative and needs ≥ ≤ ＝ and a unit) or the value is. Warning.

Bad::

    产出指标 质量指标 确保审报、审核流程的规范性 定性 98

Good::

    产出指标 质量指标 审核流程合规率 ≥ 98 %
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.declared import project_name, row_name
from jixiao.rules.finding import Finding

CODE = "TD004"
NAME = "qualitative-with-number"
SEVERITY = "warning"
CATEGORY = "indicator_quality"


def check(ctx: BudgetContext) -> Iterator[Finding]:
    for index, td in [*ctx.projects(), *ctx.departments()]:
        for ind in td.indicators:
            if ind.nature == "定性" and isinstance(ind.value, Decimal):
                yield ctx.on_declaration(
                    index, td, f"{project_name(td, index)}指标{row_name(ind)}性质为定性，指标值却是数字"
                    f"「{ind.printed_value}」且没有度量单位。", line=ind.line, expected="定量（≥ ≤ ＝）并写明单位",
                    actual=ind.printed_value)
