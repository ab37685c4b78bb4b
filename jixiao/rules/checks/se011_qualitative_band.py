"""定性指标得分不在档次区间：the score of a qualitative indicator lies outside the band its actual
value implies (达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 % of the weight; words per profile).

Scores are compared exactly with the band bounds (no rounding tolerance: bounds are whole
fractions of the weight). Above the band → warning ``score_unjustified``; below the band with no
deviation note → warning ``score_unexplained``.

Bad::

    社会效益  优良中差  实际 差  分值 15  得分 15

Good::

    社会效益  优良中差  实际 优  分值 15  得分 14
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.values import is_blank
from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding, fmt

CODE = "SE011"
NAME = "qualitative-band"
SEVERITY = "warning"
CATEGORY = "score_unjustified"
BAND_NAMES = {"achieved": "达成年度指标", "partial": "部分达成", "not_achieved": "未达成"}


def check(ctx: Context) -> Iterator[Finding]:
    for ind in ctx.score.indicators:
        if ind.method != "qualitative" or ind.band is None or ind.printed_score is None:
            continue
        low, high = ind.band
        form_ind = ctx.form.indicators[ind.index]
        band = BAND_NAMES.get(ind.band_name or "", "")
        message = (f"{ctx.name}指标{row_name(form_ind)}实际完成值「{form_ind.actual}」属于“{band}”档，"
                   f"应得{fmt(low, 2)}–{fmt(high, 2)}分，印为{fmt(ind.printed_score)}分。")
        expected = [low, high]
        if ind.printed_score > high:
            yield ctx.finding(message, expected=expected, actual=ind.printed_score, line=ind.line)
        elif ind.printed_score < low and is_blank(form_ind.deviation_note):
            yield ctx.finding(message, expected=expected, actual=ind.printed_score, line=ind.line,
                              category="score_unexplained")
