"""专家打分高于该项分值或为负数；部分得分高于部分分值.

Bad::

    决策程序的有效性  分值 1  专家打分 1.20

Good::

    决策程序的有效性  分值 1  专家打分 0.86
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.finding import Finding, fmt

CODE = "EV006"
NAME = "score-bounds"
SEVERITY = "error"
CATEGORY = "score_bounds"


def check(ctx: EvContext) -> Iterator[Finding]:
    ev = ctx.form
    for row in ev.indicators:
        if row.score is None:
            continue
        label = row.level4 or row.level3 or row.level2 or row.level1 or ""
        if row.score < 0 or (row.weight is not None and row.score > row.weight):
            yield ctx.finding(f"{ctx.name}打分表“{label}”专家打分{fmt(row.score)}超出分值范围0–{fmt(row.weight)}。",
                              expected=row.weight, actual=row.score, line=row.line)
    for part in ev.parts:
        if part.score is not None and part.max is not None and (part.score > part.max or part.score < 0):
            yield ctx.finding(f"{ctx.name}结论一览表“{part.name}”得分{fmt(part.score)}超出分值{fmt(part.max)}。",
                              expected=part.max, actual=part.score, line=part.line)
