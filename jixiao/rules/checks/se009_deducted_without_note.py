"""完成目标却扣分且无说明：a quantitative target met, points deducted, no deviation note.

Only quantitative indicators with comparable numbers are judged (qualitative scores may lie
anywhere in their band). Warning: the deduction may be legitimate, but it must be explained.

Bad::

    精神病户数  ≤250户  实际 200  分值 10  得分 9  偏差原因（空）

Good::

    精神病户数  ≤250户  实际 200  分值 10  得分 10
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.values import is_blank
from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding, fmt

CODE = "SE009"
NAME = "deducted-without-note"
SEVERITY = "warning"
CATEGORY = "score_unexplained"


def check(ctx: Context) -> Iterator[Finding]:
    for ind in ctx.score.indicators:
        if ind.method not in ("positive", "negative", "equality") or ind.met is not True:
            continue
        if ind.weight is None or ind.printed_score is None or ind.printed_score >= ind.weight:
            continue
        form_ind = ctx.form.indicators[ind.index]
        if not is_blank(form_ind.deviation_note):
            continue
        yield ctx.finding(
            f"{ctx.name}指标{row_name(form_ind)}实际完成值{form_ind.actual}已达到年度指标值{form_ind.target}，"
            f"却扣{fmt(ind.weight - ind.printed_score)}分且未填写偏差原因，请说明扣分理由或给满分。",
            expected=ind.weight, actual=ind.printed_score, line=ind.line)
