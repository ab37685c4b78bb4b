"""指标体系及打分情况表的分值与标签中的满分「(10分)」、结论一览表的部分分值或合计不符.

Checks, for every label printed with a maximum (一级/二级/三级 「目标设定情况 (3分)」), that the
weights of the rows under it add up to it; that each level-1 group adds up to its part's 分值 in
the 结论一览表; and that all weights add up to the table's 合计 (and to 100).

Bad::

    目标设定情况 (3分)：0.5 0.5 0.5 0.5 0.5        （和为 2.5）

Good::

    目标设定情况 (3分)：0.5 0.5 0.5 0.5 0.5 0.5    （和为 3）
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.evaluation.parts import groups, pair
from jixiao.rules.finding import Finding, fmt

CODE = "EV005"
NAME = "indicator-weights"
SEVERITY = "error"
CATEGORY = "weights"
_LEVEL_NAMES = {"level1": "一级指标", "level2": "二级指标", "level3": "三级指标"}


def check(ctx: EvContext) -> Iterator[Finding]:
    ev = ctx.form
    for level, level_name in _LEVEL_NAMES.items():
        for group in groups(ev.indicators, level):
            weights = group.weights()
            if group.max is None or not weights:
                continue
            total = sum(weights, Decimal(0))
            if total != group.max:
                yield ctx.finding(f"{ctx.name}打分表{level_name}“{group.name}”标注{fmt(group.max)}分，但其下"
                                  f"{len(weights)}项指标分值之和为{fmt(total)}，请核对分值。",
                                  expected=group.max, actual=total, line=group.rows[0].line)
    for part, group in pair(ev):
        weights = group.weights()
        if part.max is None or not weights:
            continue
        total = sum(weights, Decimal(0))
        if total != part.max:
            yield ctx.finding(f"{ctx.name}结论一览表“{part.name}”分值为{fmt(part.max)}，但打分表“{group.name}”下"
                              f"指标分值之和为{fmt(total)}，两处不一致。", expected=part.max, actual=total,
                              line=group.rows[0].line)
    weights = [r.weight for r in ev.indicators if r.weight is not None]
    if not weights:
        return
    total = sum(weights, Decimal(0))
    printed = ev.indicator_total_weight
    if printed is not None and printed != total:
        yield ctx.finding(f"{ctx.name}打分表合计分值印为{ev.indicator_total_printed.get('weight')}，"
                          f"但各项指标分值之和为{fmt(total)}，请核对。", expected=total, actual=printed,
                          line=ev.indicator_total_line)
    if total != ctx.settings.part_total:
        yield ctx.finding(f"{ctx.name}打分表各项指标分值之和为{fmt(total)}，不等于满分{fmt(ctx.settings.part_total)}。",
                          expected=ctx.settings.part_total, actual=total, line=ev.indicator_total_line)
