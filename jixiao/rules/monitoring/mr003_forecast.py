"""全年预计执行数不合逻辑：大于全年预算数（预计超预算支出），或小于1–N月已执行数（预计数少于已花的钱）.

Amounts are compared in 万元 with the profile's ``[monitoring] money_tolerance`` for rounding.

Bad::

    全年预算数 200  1-7月执行数 120  全年预计执行数 230   （超出全年预算）
    全年预算数 200  1-7月执行数 120  全年预计执行数 100   （少于已执行数）

Good::

    全年预算数 200  1-7月执行数 120  全年预计执行数 196
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.finding import Finding, fmt
from jixiao.rules.monitoring.context import MrContext

CODE = "MR003"
NAME = "monitoring-forecast-impossible"
SEVERITY = "error"
CATEGORY = "crossfoot"


def check(ctx: MrContext) -> Iterator[Finding]:
    funds = ctx.form.funds
    forecast = funds.forecast_executed
    if forecast is None:
        return
    slack = ctx.settings.money_tolerance
    budget, executed = funds.full_year_budget, funds.executed_to_date
    if budget is not None and forecast > budget + slack:
        yield ctx.finding(f"{ctx.name}全年预计执行数{fmt(forecast)}万元大于全年预算数{fmt(budget)}万元，"
                          "请核对预计数或预算调整情况。", expected=budget, actual=forecast, line=funds.line)
    if executed is not None and forecast < executed - slack:
        yield ctx.finding(f"{ctx.name}全年预计执行数{fmt(forecast)}万元小于{ctx.form.period or '1-N月'}已执行数"
                          f"{fmt(executed)}万元，请核对。", expected=executed, actual=forecast, line=funds.line)
