"""成本指标合计超过执行数：the amounts of a form's 成本指标 rows (each a part of the cost, not a
per-unit standard) add up to more than the funds it executed (全年执行数). Warning: the parts of
the cost cannot exceed the money spent; one of them is mistyped or counts a total twice.

Bad::

    全年执行数 50  成本指标 设备采购成本 实际完成值 40万元；运维成本 实际完成值 30万元

Good::

    全年执行数 50  成本指标 设备采购成本 实际完成值 30万元；运维成本 实际完成值 20万元
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.values import normalize
from jixiao.rules.base import Context
from jixiao.rules.finding import Finding, fmt
from jixiao.rules.money import amount_of

CODE = "SE030"
NAME = "cost-sum-over-funds"
SEVERITY = "warning"
CATEGORY = "crossfoot"
PER_UNIT = ("标准", "单价", "人均", "户均", "每", "/", "次均", "平均")  # a rate, not a part of the cost
SLACK = Decimal("0.01")  # 万元


def check(ctx: Context) -> Iterator[Finding]:
    executed = ctx.form.funds.total.executed
    if executed is None or executed <= 0:
        return
    parts: list[tuple[str, Decimal]] = []
    for ind in ctx.form.indicators:
        name = normalize(f"{ind.level3 or ''}{ind.actual or ''}")
        if "成本" not in normalize(ind.level2 or "") or any(w in name for w in PER_UNIT):
            continue
        amount = amount_of(ind.actual_value)
        if amount is not None and amount.wan is not None and amount.wan > 0:
            parts.append((ind.level3 or "", amount.wan))
    if len(parts) < 2:
        return  # one cost row against the funds is SE013's
    total = sum((wan for _, wan in parts), Decimal(0))
    if total > executed + SLACK:
        names = "、".join(f"「{name}」{fmt(wan)}万元" for name, wan in parts)
        yield ctx.finding(f"{ctx.name}{len(parts)}个成本指标实际完成值合计{fmt(total)}万元，超过全年执行数"
                          f"{fmt(executed)}万元（{names}）。", expected=executed, actual=total)
