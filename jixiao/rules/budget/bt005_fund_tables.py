"""基金/国有资本表与收入表不符：the 政府性基金 (预算08表) or 国有资本经营 (预算09表) expenditure table is
empty or smaller than this year's money the same disclosure budgets from that fund (收入总表 02表:
本年收入 of the fund). Warning. The 08/09表 are 财政拨款 expenditure tables of the year: by their nature
they show the year's appropriation only, so the fund's 上年结转结余 is not expected in them (a
carry-over alone never fires; BT008 still holds a narrative that denies it).

Bad::

    预算02表 本年收入/国有资本经营预算资金 30.66 … 预算09表 合计 0

Good::

    预算02表 上年结转结余/国有资本经营预算资金 30.66 … 预算09表 合计 0（结转不在本年拨款支出表中）
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.tables import BudgetTable
from jixiao.model.text import norm
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.tables import wan
from jixiao.rules.finding import Finding

CODE = "BT005"
NAME = "fund-tables"
SEVERITY = "warning"
CATEGORY = "crossfoot"
FUNDS = ("政府性基金", "国有资本经营")
TOLERANCE = Decimal("0.005")


def fund_income(table: BudgetTable | None, fund: str, carryover: bool = True) -> tuple[Decimal, list[str]]:
    """The fund's money in the 收入总表 (Beijing 02表): every 合计-row value under a column naming the
    fund; without the columns under 上年结转 when ``carryover`` is false (this year's money only)."""
    if table is None:
        return Decimal(0), []
    total = table.total_row()
    if total is None:
        return Decimal(0), []
    amount, parts = Decimal(0), []
    for index, label in enumerate(table.columns):
        value = total.value(index)
        if fund in norm(label) and (carryover or "结转" not in norm(label)) and value:
            amount += value
            parts.append(f"「{label}」{wan(value)}万元")
    return amount, parts


def check(ctx: BudgetContext) -> Iterator[Finding]:
    income = ctx.table("income")
    for table in ctx.tables:
        fund = next((f for f in FUNDS if f in norm(table.title)), None)
        if fund is None or any(r.side for r in table.rows) or table is income or table.role == "income":
            continue
        total = table.total_row()
        printed = total.value(0) if total is not None else None
        amount, parts = fund_income(income, fund, carryover=False)
        if amount and (printed or Decimal(0)) + TOLERANCE < amount:
            yield ctx.on_table(
                table, f"{ctx.full_name(table)}合计{wan(printed)}万元，但{ctx.name(income, 'income')}列有{fund}预算资金"
                f"{'、'.join(parts)}，共{wan(amount)}万元，本表未反映其支出。",
                line=total.line if total else None, expected=amount, actual=printed)
