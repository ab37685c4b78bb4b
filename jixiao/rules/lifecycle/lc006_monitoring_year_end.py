"""年中监控时执行进度远落后于时间进度又没有纠偏措施，年终自评却是100%执行：两表至少有一处不实，请核对.

The monitoring form's 1–N月执行率 (printed, else 执行数 ÷ 全年预算数) below N/12 minus the profile's
``[lifecycle] behind_threshold``, no indicator giving a 偏差原因 or 原因说明, and the same year's
self-evaluation with an execution rate at or above ``full_execution``.

An indicator the monitoring form judged 完全不可能 to be met, with no cause or note, that the same
year's self-evaluation scores in full is reported the same way.

Bad::

    监控表（1-7月）：执行率 12%，偏差原因、原因说明均为空
    自评表：全年执行数 = 全年预算数，执行率 100%

Good::

    监控表（1-7月）：执行率 12%，原因说明：工程款按合同在9月验收后集中支付
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.rules.finding import Finding, fmt, pct
from jixiao.rules.lifecycle.bundle import indicator_label, pair
from jixiao.rules.lifecycle.context import LcContext, cite

CODE = "LC006"
NAME = "lifecycle-monitoring-vs-year-end"
SEVERITY = "warning"
CATEGORY = "lifecycle"


def _hopeless_then_full(ctx: LcContext) -> Iterator[Finding]:
    for mr in ctx.bundle.monitoring:
        hopeless = [i for i in mr.form.indicators if i.likelihood == "完全不可能" and not (i.note or i.deviation_cause)]
        for se in ctx.bundle.evaluated(mr.year) if hopeless else []:
            for m, s in pair(hopeless, se.form.indicators):
                if m is None or s is None or s.weight is None or s.score is None or s.score < s.weight:
                    continue
                yield ctx.finding(
                    se, f"{ctx.name}监控表（{cite(mr, m.line)}）判断指标{indicator_label(s)}完全不可能完成且未说明"
                        f"原因，年终自评却得满分{fmt(s.score)}分，请核实实际完成值。",
                    related=[mr.ref(m.line)], line=s.line, expected=m.likelihood, actual=s.actual)


def check(ctx: LcContext) -> Iterator[Finding]:
    yield from _hopeless_then_full(ctx)
    for mr in ctx.bundle.monitoring:
        form, funds = mr.form, mr.form.funds
        if form.blank or form.months is None:
            continue
        rate = funds.execution_rate
        if rate is None and funds.executed_to_date is not None and funds.full_year_budget:
            rate = funds.executed_to_date / funds.full_year_budget
        schedule = Decimal(form.months) / 12
        if rate is None or rate >= schedule - ctx.settings.behind_threshold:
            continue
        if any(i.note or i.deviation_cause for i in form.indicators):
            continue
        for se in ctx.bundle.evaluated(mr.year):
            total = se.form.funds.total
            final = total.execution_rate
            if final is None and total.executed is not None and total.full_year_budget:
                final = total.executed / total.full_year_budget
            if final is None or final < ctx.settings.full_execution:
                continue
            yield ctx.finding(
                se, f"{ctx.name}监控表（{cite(mr, funds.line)}）{form.period or ''}执行率仅{pct(rate)}，"
                    f"低于时间进度{pct(schedule)}且未写纠偏措施，年终自评执行率却为{pct(final)}，请核实执行数。",
                related=[mr.ref(funds.line)], line=total.line, expected=rate, actual=final)
