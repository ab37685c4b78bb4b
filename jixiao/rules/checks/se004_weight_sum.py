"""分值合计不为100：预算执行率分值 + 各指标分值 ≠ 100 (the profile's total), or ≠ the printed 总分值.

Weights are whole numbers as printed, so no rounding tolerance applies. Skipped when a weight is
empty (the ``missing`` rule reports that). An indicator that does not apply (不适用) may keep its
printed weight inside the 100 or leave it out: the others are rescaled (SE024), so only a sum that
misses 100 with the dropped weights counted is an error.

Bad::

    执行率分值 10；指标分值 20, 10, 10, 20, 15, 10；总分 分值 100   (sum 95)

Good::

    执行率分值 10；指标分值 20, 10, 10, 20, 20, 10；总分 分值 100
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.base import Context
from jixiao.rules.finding import Finding, fmt

CODE = "SE004"
NAME = "weights-sum"
SEVERITY = "error"
CATEGORY = "weights"


def check(ctx: Context) -> Iterator[Finding]:
    total = ctx.score.weight_sum
    if total is None:
        return
    expected = ctx.profile.weights.total
    dropped = ctx.score.dropped_weight
    if ctx.score.rescale is not None:
        if not dropped or expected in (total, total + dropped):
            return  # rescaled: SE024 records it
        total += dropped
    if total != expected:
        yield ctx.finding(f"{ctx.name}预算执行率与各指标分值合计为{fmt(total)}，应为{fmt(expected)}，请调整分值。",
                          expected=expected, actual=total, line=ctx.form.total_line)
        return
    printed = ctx.form.total_weight
    if printed is not None and printed != total:
        yield ctx.finding(f"{ctx.name}总分栏分值印为{fmt(printed)}，但各项分值合计为{fmt(total)}。",
                          expected=total, actual=printed, line=ctx.form.total_line)
