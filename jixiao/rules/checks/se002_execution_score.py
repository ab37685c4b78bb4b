"""预算执行率得分不符：printed 得分 ≠ min(执行数/预算数, 1) × 分值.

The rate is recomputed from the amounts (the printed rate when amounts are missing). Within half a
unit of the printed precision is what was printed (an integer 10 for 9.6, no finding). A score within
one unit of its last printed digit (6.67 for 6.6607) or truncated is ``info``, and said not to be
rounding; anything more is an error.

Bad::

    全年预算数 112.12  全年执行数 74.68  分值 10  执行率 66.6%  得分 10

Good::

    全年预算数 112.12  全年执行数 74.68  分值 10  执行率 66.6%  得分 6.66
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.base import Context, dec
from jixiao.rules.finding import Finding, fmt, pct
from jixiao.rules.numeric import NOT_ROUNDING, compare

CODE = "SE002"
NAME = "execution-score"
SEVERITY = "error"
CATEGORY = "execution_score"


def check(ctx: Context) -> Iterator[Finding]:
    ex = ctx.score.execution
    if ex.printed_score is None or ex.recomputed_score is None:
        return
    row = ctx.form.funds.total
    text = row.printed.get("score")
    verdict = compare(ex.printed_score, ex.recomputed_score, text, ctx.profile.scoring.rounding_units)
    if verdict == "ok":
        return
    rate = ex.recomputed_rate if ex.recomputed_rate is not None else ex.printed_rate
    basis = "按金额计算" if ex.recomputed_rate is not None else "按印刷执行率"
    message = (f"{ctx.name}预算执行率得分印为{text}，{basis}执行率为{pct(rate)}，"
               f"应得min(执行率,1)×{fmt(ex.weight)}={fmt(ex.recomputed_score, 2)}分")
    if verdict == "rounding":
        yield ctx.finding(message + f"（{NOT_ROUNDING}）。", expected=dec(ex.recomputed_score),
                          actual=ex.printed_score, line=ex.line, severity="info")
    else:
        yield ctx.finding(message + "，请更正得分。", expected=dec(ex.recomputed_score), actual=ex.printed_score,
                          line=ex.line)
