"""指标方向性缺失或与性质矛盾：a quantitative indicator (≥ ≤ ＝) whose 指标方向性 is empty where the
form has that column (one info finding per project, counting them), or whose direction contradicts
its nature: ≥ marked 反向, ≤ marked 正向 (warning).

Bad::

    产出指标 时效指标 活动时间 ≥ 12 月 反向指标

Good::

    产出指标 时效指标 活动时间 ≥ 12 月 正向指标
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.declared import project_name, row_name
from jixiao.rules.finding import Finding

CODE = "TD007"
NAME = "direction"
SEVERITY = "warning"
CATEGORY = "indicator_quality"
QUANTITATIVE = ("≥", "≤", "=", "<", ">")
CONTRADICTS = {("≥", "反向"), (">", "反向"), ("≤", "正向"), ("<", "正向")}


def check(ctx: BudgetContext) -> Iterator[Finding]:
    for index, td in ctx.projects():
        missing = [ind for ind in td.indicators if ind.nature in QUANTITATIVE and ind.direction is None]
        for ind in td.indicators:
            if (ind.nature, ind.direction) in CONTRADICTS:
                yield ctx.on_declaration(
                    index, td, f"{project_name(td, index)}指标{row_name(ind)}性质为{ind.nature}却标为{ind.direction}"
                    f"指标，方向性与性质矛盾。", line=ind.line, expected="正向" if ind.nature in ("≥", ">") else "反向",
                    actual=ind.direction)
        if missing and (not td.columns or any("方向" in c for c in td.columns)):  # the form has the column
            yield ctx.on_declaration(
                index, td,
                f"{project_name(td, index)}有{len(missing)}个定量指标未填指标方向性（如{row_name(missing[0])}）。",
                line=missing[0].line, expected=len(missing), actual=0, severity="info")
