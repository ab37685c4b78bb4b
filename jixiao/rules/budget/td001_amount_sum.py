"""项目总额≠财政资金+其他资金：a declared project's 项目总额 is not the sum of its 财政资金 and 其他资金.
Error.

Bad::

    项目总额 56.00 | 财政资金 50.00 | 其他资金 (empty)

Good::

    项目总额 56.00 | 财政资金 56.00 | 其他资金 (empty)
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.declared import project_name
from jixiao.rules.budget.tables import amount, wan
from jixiao.rules.finding import Finding

CODE = "TD001"
NAME = "declared-amount-sum"
SEVERITY = "error"
CATEGORY = "total"
TOLERANCE = Decimal("0.000001")


def check(ctx: BudgetContext) -> Iterator[Finding]:
    for index, td in ctx.projects():
        if td.total_amount is None or (td.fiscal_amount is None and td.other_amount is None):
            continue
        parts = (td.fiscal_amount or Decimal(0)) + (td.other_amount or Decimal(0))
        if abs(parts - td.total_amount) > TOLERANCE:
            yield ctx.on_declaration(
                index, td, f"{project_name(td, index)}项目总额{amount(td.total_amount)}万元不等于财政资金"
                f"{wan(td.fiscal_amount)}万元加其他资金{wan(td.other_amount)}万元（{wan(parts)}万元）。",
                expected=parts, actual=td.total_amount)
