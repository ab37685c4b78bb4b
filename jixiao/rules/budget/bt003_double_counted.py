"""合计重复计算「其中」：a table's 合计/总计 equals the sum of all its rows *including* the 「其中」
sub-rows, so the sub-items are counted twice (typical in the 三公经费 table: 公务用车购置及运行维护费
and again its 其中 购置费 and 运行维护费). Error: the printed total is wrong.

Bad::

    1、因公出国（境）费 0 | 2、公务接待费 3.01 | 3、公务用车购置及运行维护费 2.45
    其中：公务用车购置费 0 | 公务用车运行维护费 2.45 | 总计 7.91

Good::

    … 总计 5.46
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.budget.bt002_row_sums import double_counted
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.tables import addends, total_of
from jixiao.rules.finding import Finding

CODE = "BT003"
NAME = "double-counted-total"
SEVERITY = "error"
CATEGORY = "crossfoot"


def check(ctx: BudgetContext) -> Iterator[Finding]:
    for table in ctx.doc.budget_tables:
        if any(r.side for r in table.rows):
            continue
        total = table.total_row()
        if total is None:
            continue
        rows = table.rows[:table.rows.index(total)]
        for column in range(len(table.columns)):
            if not double_counted(rows, total, column):
                continue
            right = total_of(addends(rows), column)
            subs = [r for r in rows if not r.is_total and r not in addends(rows)]
            names = "、".join(f"「{r.item}」" for r in subs)
            u = table.money_unit
            yield ctx.on_table(
                table, f"{ctx.full_name(table)}{total.item}{total.value(column)}{u}把「其中」明细{names}"
                f"又加了一遍，应为{right}{u}。", line=total.line, expected=right, actual=total.value(column))
