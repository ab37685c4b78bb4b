"""不适用指标的分值折算：an indicator marked as not applying (不适用, 不涉及 …, no score) is dropped and
the other indicators' weights are rescaled to fill the total again (DESIGN §3). Info when the form
already did so (its weights add up without the row, or its total is the rescaled one); a warning
when its total is the unscaled sum, with the total the rescaled scores give.

Bad::

    生态效益指标 不适用 分值 10 得分 /   … 总分 85.42   (the other indicators' scores, unscaled)

Good::

    生态效益指标 不适用 分值 / 得分 /   … other weights rescaled to 90, 总分 95.42
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding, fmt
from jixiao.rules.numeric import compare

CODE = "SE024"
NAME = "not-applicable"
SEVERITY = "info"
CATEGORY = "weights"


def check(ctx: Context) -> Iterator[Finding]:
    score = ctx.score
    factor = score.rescale
    if factor is None:
        return
    dropped = [ctx.form.indicators[i.index] for i in score.indicators if i.method == "not_applicable"]
    if not dropped:
        return
    names = "、".join(row_name(ind) for ind in dropped)
    weight = f"（分值{fmt(score.dropped_weight)}分）" if score.dropped_weight else ""
    head = f"{ctx.name}指标{names}标为不适用{weight}，已剔除"
    line = dropped[0].line
    if factor == 1:
        yield ctx.finding(f"{head}；其余指标分值合计已为{fmt(ctx.profile.weights.total)}分，无需折算。",
                          expected=factor, actual=factor, line=line)
        return
    shown = fmt(factor.quantize(Decimal("0.0001")).normalize())
    execution = ctx.form.funds.total.score
    printed_total = score.printed_total
    if score.printed_parts_sum is None or score.missing_parts or execution is None or printed_total is None:
        yield ctx.finding(f"{head}，其余指标分值按比例折算（×{shown}）。", expected=factor, actual=None, line=line)
        return
    rescaled = execution + (score.printed_parts_sum - execution) * factor
    text = ctx.form.total_printed.get("total_score")
    if compare(printed_total, rescaled, text, ctx.profile.scoring.rounding_units) != "mismatch":
        yield ctx.finding(f"{head}，总分{text}已按比例折算（×{shown}）。", expected=rescaled, actual=printed_total,
                          line=line)
        return
    yield ctx.finding(f"{head}，其余指标得分应按比例折算（×{shown}），"
                      f"折算后总分为{fmt(rescaled, 2)}，表中总分为{text}。",
                      expected=rescaled.quantize(Decimal("0.01")), actual=printed_total, line=line,
                      severity="warning")
