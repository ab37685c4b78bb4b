"""收支不平衡：a 收支总表 (预算01表, 预算05表) whose 收入总计 ≠ 支出总计, or whose 收入总计 ≠ 本年收入 +
上年结转, or 支出总计 ≠ 本年支出 + 年终结转结余. Error: a budget must balance.

Bad::

    本年收入合计 30,105.34   本年支出合计 30,671.10
    上年结转结余 565.76      年终结转结余
    收入总计 30,671.10       支出总计 30,771.10

Good::

    收入总计 30,671.10       支出总计 30,671.10
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.tables import BudgetTable
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.tables import find_row, wan
from jixiao.rules.finding import Finding

CODE = "BT001"
NAME = "budget-balance"
SEVERITY = "error"
CATEGORY = "crossfoot"
TOLERANCE = Decimal("0.005")

INCOME_TOTAL = ("收入总计", "收入总计合计")
SPENDING_TOTAL = ("支出总计", "支出总计合计")
INCOME_YEAR = ("本年收入合计", "本年收入", "本年收入小计")
CARRY_IN = ("上年结转结余", "上年结转", "上年结余结转", "上年结转资金")
SPENDING_YEAR = ("本年支出合计", "本年支出", "本年支出小计")
CARRY_OUT = ("年终结转结余", "年末结转结余", "年终结转")


def _two_sided(table: BudgetTable) -> bool:
    return any(r.side for r in table.rows)


def check(ctx: BudgetContext) -> Iterator[Finding]:
    for table in ctx.doc.budget_tables:
        if not _two_sided(table):
            continue
        income = find_row(table, *INCOME_TOTAL)
        spending = find_row(table, *SPENDING_TOTAL)
        name, u = ctx.full_name(table), table.money_unit
        if income and spending and income.value(0) is not None and spending.value(0) is not None:
            a, b = income.value(0), spending.value(0)
            assert a is not None and b is not None
            if abs(a - b) > TOLERANCE:
                yield ctx.on_table(table, f"{name}收入总计{wan(a)}{u}与支出总计{wan(b)}{u}不相等，收支不平衡。",
                                   line=income.line, expected=a, actual=b)
        for total, year_names, carry_names, word in ((income, INCOME_YEAR, CARRY_IN, "收入"),
                                                     (spending, SPENDING_YEAR, CARRY_OUT, "支出")):
            year = find_row(table, *year_names)
            carry = find_row(table, *carry_names)
            if total is None or year is None or total.value(0) is None or year.value(0) is None:
                continue
            carried = carry.value(0) if carry is not None else None
            parts = (year.value(0) or Decimal(0)) + (carried or Decimal(0))
            printed = total.value(0)
            assert printed is not None
            if abs(parts - printed) > TOLERANCE:
                carry_text = "结转结余" if carry is None else f"{carry.item}（空）" if carry.value(0) is None \
                    else f"{carry.item}{wan(carry.value(0))}{u}"
                yield ctx.on_table(
                    table, f"{name}{word}总计{wan(printed)}{u}不等于{year.item}{wan(year.value(0))}{u}加"
                    f"{carry_text}（合计{wan(parts)}{u}）。", line=total.line, expected=parts, actual=printed)
