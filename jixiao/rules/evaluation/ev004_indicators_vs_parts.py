"""指标体系及打分情况表的专家打分之和与结论一览表的部分得分或综合得分不符.

For every part of the 结论一览表, the scores of the rows under the matching level-1 indicator
(same name, else same family: 决策 / 管理=过程 / 产出 / 效益) must add up to the part's score; all
rows must add up to the table's 合计 and to the report's 综合得分. Each printed row score may be
off by half a unit, so small differences are ``info`` with the amount.

Bad::

    结论一览表 部门决策 7.83；打分表 部门决策 行得分 0.30 0.36 … 合计 7.84

Good::

    结论一览表 部门决策 7.84；打分表 部门决策 行得分 0.30 0.36 … 合计 7.84
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.evaluation.parts import pair
from jixiao.rules.finding import Finding, fmt
from jixiao.rules.numeric import compare_sum

CODE = "EV004"
NAME = "indicator-scores-vs-parts"
SEVERITY = "error"
CATEGORY = "total"


def check(ctx: EvContext) -> Iterator[Finding]:
    ev = ctx.form
    for part, group in pair(ev):
        if part.score is None or not group.scores():
            continue
        total = sum(group.scores(), Decimal(0))
        texts = [r.printed.get("score") for r in group.rows if r.score is not None]
        verdict = compare_sum(part.score, total, part.printed.get("score"), texts, ctx.settings.rounding_units)
        if verdict == "ok":
            continue
        message = (f"{ctx.name}结论一览表“{part.name}”得分印为{part.printed.get('score')}，但指标体系及打分情况表中"
                   f"“{group.name}”下{len(texts)}项指标专家打分之和为{fmt(total)}（相差{fmt(part.score - total)}）")
        if verdict == "rounding":
            yield ctx.finding(message + "，差异在舍入范围内。", expected=total, actual=part.score, line=part.line,
                              severity="info")
        else:
            yield ctx.finding(message + "，请核对该部分得分或各项打分。", expected=total, actual=part.score,
                              line=part.line)
    scored = [r for r in ev.indicators if r.score is not None]
    if not scored:
        return
    rows_total = sum((r.score for r in scored if r.score is not None), Decimal(0))
    texts = [r.printed.get("score") for r in scored]
    for printed, value, where, line in (
        (ev.indicator_total_printed.get("score"), ev.indicator_total_score, "指标体系及打分情况表合计",
         ev.indicator_total_line),
        (ev.total_printed, ev.total_score, "结论一览表综合得分", ev.total_line),
    ):
        if value is None:
            continue
        verdict = compare_sum(value, rows_total, printed, texts, ctx.settings.rounding_units)
        if verdict == "ok":
            continue
        message = (f"{ctx.name}{where}印为{printed}，但打分表{len(texts)}项指标专家打分之和为{fmt(rows_total)}"
                   f"（相差{fmt(value - rows_total)}）")
        if verdict == "rounding":
            yield ctx.finding(message + "，差异在舍入范围内。", expected=rows_total, actual=value, line=line,
                              severity="info")
        else:
            yield ctx.finding(message + "，请核对。", expected=rows_total, actual=value, line=line)
