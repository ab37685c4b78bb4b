"""百分比超过100%：a rate target or actual above 100 % (a share cannot exceed its whole).

Growth rates (增长, 增幅, 同比 …) may exceed 100 % and are not judged → warning.

Bad::

    验收合格率  ≥120%

Good::

    验收合格率  ≥95%
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.values import normalize
from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding

CODE = "SE021"
NAME = "percent-over-100"
SEVERITY = "warning"
CATEGORY = "indicator_quality"
GROWTH = ("增长", "增幅", "同比", "环比", "提高", "提升", "增加", "超额", "倍")


def check(ctx: Context) -> Iterator[Finding]:
    for ind in ctx.form.indicators:
        if any(w in normalize(ind.level3 or "") for w in GROWTH):
            continue
        for label, value in (("年度指标值", ind.target_value), ("实际完成值", ind.actual_value)):
            if value is not None and value.kind == "percent" and value.number is not None and value.number > 100:
                yield ctx.finding(f"{ctx.name}指标{row_name(ind)}{label}「{value.text}」超过100%。",
                                  expected=100, actual=value.number, line=ind.line)
