"""未完成目标且无偏差说明：a target missed (quantitative, or a qualitative actual such as "差"/"否")
with no 偏差原因分析及改进措施.

Warning: the score may be right, but 财预〔2021〕101号 asks for a note wherever a target is missed.

Bad::

    发放人次  480  实际 270  得分 5.63  偏差原因（空）

Good::

    发放人次  480  实际 270  得分 5.63  偏差原因：实际申请人员不足预期，下年按实际需求申报
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.values import is_blank
from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding

CODE = "SE010"
NAME = "missed-without-note"
SEVERITY = "warning"
CATEGORY = "score_unexplained"


def check(ctx: Context) -> Iterator[Finding]:
    for ind in ctx.score.indicators:
        if ind.met is not False:
            continue
        form_ind = ctx.form.indicators[ind.index]
        if not is_blank(form_ind.deviation_note):
            continue
        yield ctx.finding(
            f"{ctx.name}指标{row_name(form_ind)}年度指标值{form_ind.target}，实际完成值{form_ind.actual}，"
            "未达成目标但未填写偏差原因分析及改进措施。",
            expected=form_ind.target, actual=form_ind.actual, line=ind.line)
