"""部门收入支出情况决算表不平：分项之和与合计不符，或收支两侧总计不等.

In every block (收入 | 支出按功能分类 | 支出按经济分类), per column: the rows numbered 「一、二、…」
add up to the next 合计 row that prints a number in that column (「本年收入合计」, 「本年支出合计」,
「经济分类支出合计」); the unnumbered rows right under a numbered one (「人员经费」「公用经费」 under
「一、基本支出」, not 「其中：」 rows) add up to it; 总计 = 合计 + the rows between them; and the 总计 of
income equals the 总计 of expenditure. Differences within the rounding of the printed addends are ``info``.

Bad::

    一、一般公共预算财政拨款收入 14,816.98 | 二、… 3.44 | 三、… 2.50 | 八、其他收入 16.71 | 本年收入合计 14,839.62

Good::

    一、一般公共预算财政拨款收入 14,816.98 | 二、… 3.44 | 三、… 2.50 | 八、其他收入 16.71 | 本年收入合计 14,839.63
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.tables import ACCOUNTS_CODE as ACCOUNTS
from jixiao.model.tables import BudgetTable
from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.evaluation.sums import SumCheck, accounts_sums, verdict_of
from jixiao.rules.finding import Finding, fmt

CODE = "EV008"
NAME = "accounts-crossfoot"
SEVERITY = "error"
CATEGORY = "crossfoot"


def check(ctx: EvContext) -> Iterator[Finding]:
    for table in ctx.form.tables:
        if table.code == ACCOUNTS:
            for item in accounts_sums(table):
                yield from _report(ctx, table, item)


def _report(ctx: EvContext, table: BudgetTable, item: SumCheck) -> Iterator[Finding]:
    verdict = verdict_of(item, ctx.settings.rounding_units)
    if verdict == "ok":
        return
    message = (f"{ctx.name}{table.title}“{item.total_label}”{item.column}印为{item.total_printed}，但{item.what}"
               f"之和为{fmt(item.computed)}（相差{fmt(item.total - item.computed)}）")
    if verdict == "rounding":
        yield ctx.finding(message + "，差异在舍入范围内。", expected=item.computed, actual=item.total,
                          line=item.line, severity="info")
    else:
        yield ctx.finding(message + "，请核对该合计或分项。", expected=item.computed, actual=item.total, line=item.line)
