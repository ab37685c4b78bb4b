"""得分超出分值范围：a score above its weight or below zero (execution row, indicators, total).

No rounding tolerance: a score may not exceed its own printed weight.

Bad::

    指标 发放人数  分值 10  得分 12

Good::

    指标 发放人数  分值 10  得分 10
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding, fmt

CODE = "SE006"
NAME = "score-bounds"
SEVERITY = "error"
CATEGORY = "score_bounds"


def check(ctx: Context) -> Iterator[Finding]:
    row = ctx.form.funds.total
    if row.score is not None and row.weight is not None and not 0 <= row.score <= row.weight:
        yield ctx.finding(f"{ctx.name}预算执行率得分{fmt(row.score)}超出分值范围0–{fmt(row.weight)}。",
                          expected=row.weight, actual=row.score, line=row.line)
    for ind in ctx.form.indicators:
        if ind.score is None:
            continue
        if ind.score < 0 or (ind.weight is not None and ind.score > ind.weight):
            upper = fmt(ind.weight) if ind.weight is not None else "分值"
            yield ctx.finding(f"{ctx.name}指标{row_name(ind)}得分{fmt(ind.score)}超出分值范围0–{upper}。",
                              expected=ind.weight, actual=ind.score, line=ind.line)
    total, cap = ctx.form.total_score, ctx.form.total_weight or ctx.profile.weights.total
    if total is not None and not 0 <= total <= cap:
        yield ctx.finding(f"{ctx.name}总分{fmt(total)}超出0–{fmt(cap)}。", expected=cap, actual=total,
                          line=ctx.form.total_line)
