"""正文（或扣分原因）引用的比率、金额与报告所附表格算出的数不符，包括正负号写反.

Rates are recomputed from the report's own tables: 预算执行率 = 决算数 ÷ 全年预算数, 结转结余率 =
年末结转和结余 ÷ 全年预算数, 预决算差异率 = (决算数 − 全年预算数) ÷ 全年预算数, 支出预算调整率 =
(全年预算数 − 年初预算数) ÷ 年初预算数, 公用经费控制率 = 公用经费决算数 ÷ 全年预算数; amounts
(全年预算数, 基本支出, 项目支出, 结转结余 …) are looked up. A figure printed in 元 is compared
after conversion (the 万元/元 mix-up itself is EV011's).

Bad::

    扣分原因：结转结余率为-2.83%     （493.22 ÷ 17,416.47 = 2.83%）

Good::

    扣分原因：结转结余率为2.83%
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.evaluation import Figure
from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.evaluation.ledger import AMOUNT_OF, Amount, amounts, rates
from jixiao.rules.finding import Finding, fmt, pct
from jixiao.rules.numeric import NOT_ROUNDING, compare

CODE = "EV010"
NAME = "figures-vs-tables"
SEVERITY = "error"
CATEGORY = "narrative"
_WAN = Decimal(10000)


def _where(fig: Figure) -> str:
    return "扣分原因" if fig.source == "indicators" else "正文"


def check(ctx: EvContext) -> Iterator[Finding]:
    found = amounts(ctx.form)
    recomputed = rates(found)
    for fig in ctx.form.figure_details:
        if fig.unit == "%":
            if fig.name in recomputed:
                yield from _rate(ctx, fig, *recomputed[fig.name])
        elif fig.name in AMOUNT_OF and AMOUNT_OF[fig.name] in found:
            yield from _amount(ctx, fig, found[AMOUNT_OF[fig.name]])


def _rate(ctx: EvContext, fig: Figure, value: Decimal, formula: str) -> Iterator[Finding]:
    computed = value * 100
    verdict = compare(fig.value, computed, fig.printed, ctx.settings.rounding_units, fine=Decimal("0.1"))
    if verdict == "ok":
        return
    head = f"{ctx.name}{_where(fig)}“{fig.label}{fig.printed}”"
    if fig.value != 0 and compare(-fig.value, computed, fig.printed, ctx.settings.rounding_units) != "mismatch":
        yield ctx.finding(f"{head}的正负号有误：按所附表格{formula}＝{pct(value)}，应为{pct(value)}。",
                          expected=computed.quantize(Decimal("0.01")), actual=fig.value, line=fig.line)
        return
    yield ctx.finding(f"{head}与所附表格不符：{formula}＝{pct(value)}" +
                      (f"，{NOT_ROUNDING}。" if verdict == "rounding" else "，请核对。"),
                      expected=computed.quantize(Decimal("0.01")), actual=fig.value, line=fig.line,
                      severity="info" if verdict == "rounding" else None)


def _amount(ctx: EvContext, fig: Figure, amount: Amount) -> Iterator[Finding]:
    value = fig.value / _WAN if fig.unit == "元" else fig.value
    if fig.unit == "元" and fig.value == amount.value:
        return  # the number is the table's 万元 amount with the wrong unit: EV011 reports it
    verdict = compare(amount.value, value, amount.printed, ctx.settings.rounding_units)
    if verdict == "ok" or abs(amount.value - value) <= ctx.settings.money_tolerance / 2:
        return
    yield ctx.finding(f"{ctx.name}{_where(fig)}称{fig.label}{fig.printed}，但{amount.where}为{amount.printed}万元"
                      f"（相差{fmt(value - amount.value)}万元），正文与表不一致。", expected=amount.value,
                      actual=value, line=fig.line,
                      severity="info" if verdict == "rounding" else None)
