"""正文自身的算术不成立：「其中」各项之和≠总数，或 资产总额 ≠ 负债总额 + 净资产.

Bad::

    固定资产净值 651.87 万元，其中：房屋 221.63 万元，设备 296.52 万元，家具 89.66 万元   （和为 607.81）

Good::

    固定资产净值 607.81 万元，其中：房屋 221.63 万元，设备 296.52 万元，家具 89.66 万元
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.evaluation import Amount
from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.finding import Finding, fmt
from jixiao.rules.numeric import compare_sum

CODE = "EV015"
NAME = "text-arithmetic"
SEVERITY = "error"
CATEGORY = "narrative"


def _wan(amount: Amount) -> Decimal:
    return amount.value / Decimal(10000) if amount.unit == "元" else amount.value


def check(ctx: EvContext) -> Iterator[Finding]:
    ev = ctx.form
    for b in ev.breakdowns:
        same_unit = all(p.unit == b.total.unit for p in b.parts)
        parts = sum(((p.value if same_unit else _wan(p)) for p in b.parts), Decimal(0))
        total = b.total.value if same_unit else _wan(b.total)
        texts: list[str | None] = [p.printed.split()[0] if same_unit else None for p in b.parts]
        verdict = compare_sum(total, parts, b.total.printed.split()[0] if same_unit else None, texts,
                              ctx.settings.rounding_units)
        if verdict == "ok":
            continue
        unit = b.total.unit if same_unit else "万元"
        listed = "、".join(f"{p.label}{p.printed}" for p in b.parts)
        yield ctx.finding(f"{ctx.name}正文“{b.total.label}{b.total.printed}”，"
                          f"但其中所列{listed}之和为{fmt(parts)}{unit}"
                          + ("，差异在舍入范围内。" if verdict == "rounding" else "，请核对。"),
                          expected=parts, actual=total, line=b.line,
                          severity="info" if verdict == "rounding" else None)
    figs = {f.name: f for f in ev.figure_details if f.source == "narrative" and f.unit in ("万元", "元")}
    assets, debts, net = figs.get("资产总额"), figs.get("负债总额"), figs.get("净资产")
    if (assets and debts and net and len({assets.unit, debts.unit, net.unit}) == 1
            and assets.value != debts.value + net.value):
        yield ctx.finding(f"{ctx.name}正文资产总额{assets.printed}，但负债总额{debts.printed}与净资产{net.printed}"
                          f"之和为{fmt(debts.value + net.value)}{assets.unit}，请核对。",
                          expected=debts.value + net.value, actual=assets.value, line=assets.line)
