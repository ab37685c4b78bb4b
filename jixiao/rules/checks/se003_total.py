"""总分与各项得分之和不符：预算执行率得分 + 各指标得分 ≠ printed 总分.

Rounding: when parts carry decimals, each may be off by half a unit of its last digit; a total
within that slack is ``info`` at most. A total printed with fewer digits than its parts ("100" over
"9.5", "95" over "6.66") is compared at their precision: its missing digits are zeros, not rounding.
Skipped when a part's score is empty (the ``missing`` rule reports that).

Bad::

    执行率得分 6.67；指标得分 19, 10, 10, 9, 10, 10, 5, 5, 10；总分 100

Good::

    执行率得分 6.67；指标得分 19, 10, 10, 9, 10, 10, 5, 5, 10；总分 94.67
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.base import Context
from jixiao.rules.finding import Finding, fmt
from jixiao.rules.numeric import compare_sum

CODE = "SE003"
NAME = "total-vs-parts"
SEVERITY = "error"
CATEGORY = "total"


def check(ctx: Context) -> Iterator[Finding]:
    score = ctx.score
    if score.printed_total is None or score.printed_parts_sum is None or score.missing_parts:
        return
    parts = [ctx.form.funds.total.printed.get("score"), *(i.printed.get("score") for i in ctx.form.indicators
                                                           if i.score is not None)]
    text = ctx.form.total_printed.get("total_score")
    verdict = compare_sum(score.printed_total, score.printed_parts_sum, text, parts, ctx.profile.scoring.rounding_units,
                          at_parts_precision=True)
    if verdict == "ok":
        return
    message = (f"{ctx.name}总分印为{text}，但预算执行率得分与各指标得分之和为{fmt(score.printed_parts_sum)}"
               f"（相差{fmt(score.printed_total - score.printed_parts_sum)}）")
    if verdict == "rounding":
        yield ctx.finding(message + "，差异在舍入范围内。", expected=score.printed_parts_sum,
                          actual=score.printed_total, line=ctx.form.total_line, severity="info")
    else:
        yield ctx.finding(message + "，请核对总分。", expected=score.printed_parts_sum, actual=score.printed_total,
                          line=ctx.form.total_line)
