"""完成目标可能性填「确定能」，但1–N月实际完成值为空或为零：指标有正的年度目标却尚无任何进展，
「确定能完成」缺乏依据.

Bad::

    新建集中供水工程  年度指标值 ≥12处  1-7月实际完成值 0处  完成目标可能性 确定能

Good::

    新建集中供水工程  年度指标值 ≥12处  1-7月实际完成值 0处  完成目标可能性 有可能  原因说明：9月集中开工

    新建集中供水工程  年度指标值 ≥12处  1-7月实际完成值 7处  完成目标可能性 确定能
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.finding import Finding
from jixiao.rules.monitoring.context import MrContext, first_number, no_progress

CODE = "MR002"
NAME = "monitoring-certain-without-progress"
SEVERITY = "warning"
CATEGORY = "text"


def check(ctx: MrContext) -> Iterator[Finding]:
    for ind in ctx.form.indicators:
        if ind.likelihood != "确定能":
            continue
        target = first_number(ind.target)
        if target is None or target <= 0:
            continue
        if not no_progress(ind.actual_to_date, ctx.settings.no_progress_words):
            continue
        name = "/".join(p for p in (ind.level1, ind.level2, ind.level3) if p)
        yield ctx.finding(
            f"{ctx.name}指标「{name}」年度指标值为{ind.target}，{ctx.form.period or '截至目前'}实际完成值为"
            f"{ind.actual_to_date or '空'}，却填「确定能」完成目标，请说明依据或改填完成可能性。",
            expected="有可能", actual=ind.likelihood, line=ind.line)
