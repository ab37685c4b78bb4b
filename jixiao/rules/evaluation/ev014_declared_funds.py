"""部门绩效目标申报表的资金与决算表不符：资金总额≠基本支出+项目支出+其他，或资金总额既不是
年初预算数也不是全年预算数（例如填成了决算数）.

Bad::

    申报表 资金总额 16,923.25（基本 7,326.08、项目 9,597.17）；
    决算表 本年支出合计 年初 11,161.84 全年 17,416.47 决算 16,923.25

Good::

    申报表 资金总额 11,161.84（基本 7,305.42、项目 3,856.42）
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.evaluation.ledger import amounts
from jixiao.rules.finding import Finding, fmt

CODE = "EV014"
NAME = "declared-funds-vs-accounts"
SEVERITY = "warning"
CATEGORY = "crossfoot"


def check(ctx: EvContext) -> Iterator[Finding]:
    found = amounts(ctx.form)
    for td in ctx.form.declarations:
        if td.kind != "department_target_declaration" or td.total_amount is None:
            continue
        line = td.amount_line or td.location.line_start
        printed = td.printed.get("total_amount") or fmt(td.total_amount)
        parts = [td.basic_amount, td.project_amount, td.other_amount]
        given = [p for p in parts if isinstance(p, Decimal)]
        if len(given) >= 2 and sum(given, Decimal(0)) != td.total_amount:
            yield ctx.finding(f"{ctx.name}部门绩效目标申报表资金总额{printed}万元，"
                              f"但基本支出、项目支出、其他之和为{fmt(sum(given, Decimal(0)))}万元，请核对。",
                              expected=sum(given, Decimal(0)), actual=td.total_amount, line=line, severity="error")
        initial, budget, executed = found.get("initial_budget"), found.get("budget"), found.get("executed")
        if initial is None or budget is None:
            continue
        if td.total_amount in (initial.value, budget.value):
            continue
        same = executed is not None and td.total_amount == executed.value
        yield ctx.finding(f"{ctx.name}部门绩效目标申报表资金总额{printed}万元，既不是决算表年初预算数"
                          f"{initial.printed}万元，也不是全年预算数{budget.printed}万元"
                          + ("，而是决算数，申报表应填列预算数。" if same else "，请核对。"),
                          expected=initial.value, actual=td.total_amount, line=line)
