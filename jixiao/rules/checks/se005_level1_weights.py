"""一级指标权重与规定不符：预算执行率 / 产出 / 效益 / 满意度 weights differ from the profile.

The national profile sets 10 / 50 / 30 / 10. A unit may adjust level-1 weights "in special
cases", so this is a warning, never an error. Skipped when a weight is empty or a level-1 label is
not one the profile knows.

Bad::

    执行率 10；产出指标 60；效益指标 20；满意度指标 10

Good::

    执行率 10；产出指标 50；效益指标 30；满意度指标 10
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.rules.base import Context
from jixiao.rules.finding import Finding, fmt

CODE = "SE005"
NAME = "level1-weights"
SEVERITY = "warning"
CATEGORY = "weights"


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.score.weight_sum is None or ctx.score.rescale is not None:
        return  # an indicator that does not apply moved the weights on purpose (SE024 records it)
    profile = ctx.profile
    actual: dict[str, Decimal] = {entry.label: Decimal(0) for entry in profile.weights.level1}
    for ind in ctx.score.indicators:
        entry = profile.level1_for(ind.level1)
        if entry is None or ind.weight is None:
            return
        actual[entry.label] += ind.weight
    expected: dict[str, Decimal] = {entry.label: entry.weight for entry in profile.weights.level1}
    exec_weight = ctx.form.funds.total.weight
    if exec_weight is not None:
        actual = {"预算执行率": exec_weight, **actual}
        expected = {"预算执行率": profile.weights.execution, **expected}
    diffs = [f"{label}{fmt(actual[label])}分（规定{fmt(expected[label])}分）"
             for label in expected if actual.get(label) != expected[label]]
    if diffs:
        yield ctx.finding(f"{ctx.name}一级指标权重与{profile.title or profile.name}不一致：{'，'.join(diffs)}；"
                          "如属特殊情况调整，请说明理由。", expected=expected, actual=actual)
