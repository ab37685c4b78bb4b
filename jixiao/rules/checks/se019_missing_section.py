"""缺少一级指标：the form has no 产出, 效益 or 满意度 indicator (the profile's level-1 sections).

Warning: 财预〔2020〕10号 asks for all three (a unit may omit 满意度 where there is no service
object, with a reason).

Bad::

    产出指标 …；效益指标 …；（无满意度指标）

Good::

    产出指标 …；效益指标 …；满意度指标 服务对象满意度 ≥90%
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.base import Context
from jixiao.rules.finding import Finding
from jixiao.rules.scoring import is_scored_row

CODE = "SE019"
NAME = "missing-section"
SEVERITY = "warning"
CATEGORY = "indicator_quality"


def check(ctx: Context) -> Iterator[Finding]:
    rows = [ind for ind in ctx.form.indicators if is_scored_row(ind)]
    columns = ctx.form.indicator_columns
    if not rows or (columns and "level1" not in columns and not any(ind.level1 for ind in rows)):
        return  # a flat list (指标名称 | 指标值 …) with no 一级指标 column: its sections cannot be told
    present = {entry.label for ind in rows if (entry := ctx.profile.level1_for(ind.level1)) is not None}
    for entry in ctx.profile.weights.level1:
        if entry.label not in present:
            yield ctx.finding(f"{ctx.name}缺少{entry.label}。", expected=entry.label, actual=None)
