"""结论一览表的综合得分与各部分得分之和不符（或各部分分值之和与综合得分的分值不符）.

Rounding: each part printed with two decimals may be off by half a unit; a total within that
slack is ``info`` with the difference.

Bad::

    部门决策 10 7.83 | 部门管理 20 16.57 | 部门产出 40 34.86 | 部门效益 30 26.00 | 综合得分 100 86.26

Good::

    部门决策 10 7.83 | 部门管理 20 16.57 | 部门产出 40 34.86 | 部门效益 30 26.00 | 综合得分 100 85.26
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.finding import Finding, fmt
from jixiao.rules.numeric import compare_sum

CODE = "EV001"
NAME = "summary-total-vs-parts"
SEVERITY = "error"
CATEGORY = "total"


def check(ctx: EvContext) -> Iterator[Finding]:
    ev = ctx.form
    scores = [p.score for p in ev.parts]
    if ev.total_score is None or not scores or any(s is None for s in scores):
        return
    total = sum((s for s in scores if s is not None), Decimal(0))
    verdict = compare_sum(ev.total_score, total, ev.total_printed, [p.printed.get("score") for p in ev.parts],
                          ctx.settings.rounding_units)
    if verdict == "ok":
        return
    message = (f"{ctx.name}结论一览表综合得分印为{ev.total_printed}，但{'、'.join(p.name for p in ev.parts)}"
               f"得分之和为{fmt(total)}（相差{fmt(ev.total_score - total)}）")
    if verdict == "rounding":
        yield ctx.finding(message + "，差异在舍入范围内。", expected=total, actual=ev.total_score,
                          line=ev.total_line, severity="info")
    else:
        yield ctx.finding(message + "，请核对综合得分或各部分得分。", expected=total, actual=ev.total_score,
                          line=ev.total_line)
