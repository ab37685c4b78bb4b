"""执行进度明显落后于时间进度，且没有说明原因和纠偏措施：1–N月执行率低于 N/12 减去规则配置的容差
（``[monitoring] behind_threshold``，全国口径 0.15），而没有一个指标写明偏差原因或原因说明.

The rate is the printed 执行率, else 1–N月执行数 ÷ 全年预算数. A form that explains a deviation anywhere
(a deviation cause ticked or written, a 原因说明) has said what it does about it: no finding.

Bad::

    1-7月执行数 40  全年预算数 200  执行率 20%   （时间进度 58.33%，所有指标的偏差原因、原因说明均为空）

Good::

    1-7月执行数 40  全年预算数 200  执行率 20%   原因说明：工程款按合同节点支付，9月完工验收后集中支付
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.rules.finding import Finding, pct
from jixiao.rules.monitoring.context import MrContext

CODE = "MR001"
NAME = "monitoring-behind-schedule"
SEVERITY = "warning"
CATEGORY = "missing"


def check(ctx: MrContext) -> Iterator[Finding]:
    form = ctx.form
    funds = form.funds
    if form.months is None:
        return
    rate = funds.execution_rate
    if rate is None and funds.executed_to_date is not None and funds.full_year_budget:
        rate = funds.executed_to_date / funds.full_year_budget
    if rate is None:
        return
    schedule = Decimal(form.months) / 12
    floor = schedule - ctx.settings.behind_threshold
    if rate >= floor:
        return
    if any(i.note or i.deviation_cause for i in form.indicators):
        return
    yield ctx.finding(
        f"{ctx.name}{form.period or ''}执行率{pct(rate)}，低于时间进度{pct(schedule)}超过"
        f"{pct(ctx.settings.behind_threshold)}，但未说明偏差原因和纠偏措施，请补充。",
        expected=floor.quantize(Decimal("0.0001")), actual=rate, line=funds.line)
