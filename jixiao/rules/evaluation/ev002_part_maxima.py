"""结论一览表各部分分值之和不等于满分（默认 100，见规则配置 ``[evaluation] part_total``）.

Bad::

    决策 10 | 管理 20 | 产出 40 | 效益 40 | 综合得分 100

Good::

    决策 10 | 管理 20 | 产出 40 | 效益 30 | 综合得分 100
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.finding import Finding, fmt

CODE = "EV002"
NAME = "part-maxima-sum"
SEVERITY = "error"
CATEGORY = "weights"


def check(ctx: EvContext) -> Iterator[Finding]:
    ev = ctx.form
    maxima = [p.max for p in ev.parts]
    if not maxima or any(m is None for m in maxima):
        return
    total = sum((m for m in maxima if m is not None), Decimal(0))
    expected = ev.total_max if ev.total_max is not None else ctx.settings.part_total
    if total != expected:
        detail = "、".join(f"{p.name}{fmt(p.max)}" for p in ev.parts)
        yield ctx.finding(f"{ctx.name}结论一览表各部分分值（{detail}）之和为{fmt(total)}，不等于满分{fmt(expected)}，"
                          f"请核对各部分分值。", expected=expected, actual=total, line=ev.summary_line)
