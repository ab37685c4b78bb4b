"""成本指标单位错误：a cost (成本) amount that equals the budget only with the wrong unit
(万元 written as 元 or the reverse), or a budget-sized amount printed with no unit at all.

The funds block is in 万元. "949.82元" against a 949.82万元 budget is off by 10 000 → warning;
"106,029.00" with no unit against 10.6029万元 is the budget in 元 without saying so → info.

Bad::

    全年预算数 949.82 … 成本指标 全年总成本  949.82元

Good::

    全年预算数 949.82 … 成本指标 全年总成本  949.82万元
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.base import Context, row_name
from jixiao.rules.checks.se013_cost_vs_funds import budgets, is_cost, off_by_ten_thousand
from jixiao.rules.finding import Finding, fmt
from jixiao.rules.money import TEN_THOUSAND, amount_of, same_amount
from jixiao.rules.numeric import printed_decimals

CODE = "SE014"
NAME = "cost-units"
SEVERITY = "warning"
CATEGORY = "units"


def check(ctx: Context) -> Iterator[Finding]:
    plan = budgets(ctx)
    if not plan:
        return
    budget, text = plan[0]
    for ind in ctx.form.indicators:
        if not is_cost(ind):
            continue
        for cell, value in (("年度指标值", ind.target_value), ("实际完成值", ind.actual_value)):
            amount = amount_of(value)
            if amount is None or value is None:
                continue
            if amount.unit is None:
                if same_amount(amount.number, amount.decimals, budget * TEN_THOUSAND, printed_decimals(text)):
                    yield ctx.finding(
                        f"{ctx.name}成本指标{row_name(ind)}{cell}「{value.text}」未注明单位，数值相当于全年预算数"
                        f"{fmt(budget)}万元换算成元，请注明“元”。", expected="元", actual=None, line=ind.line,
                        severity="info")
                    break
                continue
            if off_by_ten_thousand(amount, plan):
                yield ctx.finding(
                    f"{ctx.name}成本指标{row_name(ind)}{cell}「{value.text}」单位疑似有误：资金表全年预算数为"
                    f"{fmt(budget)}万元。", expected=f"{fmt(budget)}万元", actual=value.text, line=ind.line)
                break
