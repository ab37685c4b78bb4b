"""成本指标使用“≥”：a cost (成本) indicator whose target is a minimum (≥, 不低于, 以上); costs are
capped (≤) or fixed (=), never a floor (财预〔2021〕101号) → warning.

Bad::

    成本指标  全年总成本  ≥50万元

Good::

    成本指标  全年总成本  ≤50万元
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.values import normalize
from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding

CODE = "SE022"
NAME = "cost-as-minimum"
SEVERITY = "warning"
CATEGORY = "indicator_quality"


def check(ctx: Context) -> Iterator[Finding]:
    for ind in ctx.form.indicators:
        value = ind.target_value
        if "成本" not in normalize(ind.level2 or "") or value is None:
            continue
        if value.op in ("≥", ">"):
            yield ctx.finding(f"{ctx.name}成本指标{row_name(ind)}年度指标值「{ind.target}」为下限（{value.op}），"
                              "成本指标应设为“≤”或“=”。", expected="≤", actual=value.op, line=ind.line)
