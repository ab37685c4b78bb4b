"""指标无法衡量：indicators a reviewer cannot verify — a 满意度, 时效 or 数量 indicator filed as 定性
(satisfaction is a percentage, timeliness a date, quantity a count), or a 定性 indicator worded
vaguely ("稳步提升", "进一步提高" …, 财预〔2021〕101号). One finding per project, counting them. Warning.

Bad::

    满意度指标 服务对象满意度指标 群众对活动场所满意度 定性 优

Good::

    满意度指标 服务对象满意度指标 群众对活动场所满意度 ≥ 90 %
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.text import norm
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.declared import project_name, row_name
from jixiao.rules.checks.se018_vague_wording import VAGUE
from jixiao.rules.finding import Finding

CODE = "TD011"
NAME = "unmeasurable"
SEVERITY = "warning"
CATEGORY = "indicator_quality"
MEASURABLE = ("满意度", "时效", "数量")


def check(ctx: BudgetContext) -> Iterator[Finding]:
    for index, td in ctx.projects():
        qualitative = [i for i in td.indicators if i.nature == "定性"]
        measurable = [i for i in qualitative if any(w in norm(i.level2 or "") for w in MEASURABLE)]
        vague = [i for i in qualitative if i not in measurable and any(w in norm(i.level3 or "") for w in VAGUE)]
        if not measurable and not vague:
            continue
        parts = []
        if measurable:
            parts.append(f"{len(measurable)}个满意度/时效/数量指标按定性填报（如{row_name(measurable[0])}）")
        if vague:
            parts.append(f"{len(vague)}个定性指标表述模糊（如{row_name(vague[0])}）")
        first = (measurable or vague)[0]
        yield ctx.on_declaration(index, td, f"{project_name(td, index)}{'；'.join(parts)}，无法衡量，应细化量化。",
                                 line=first.line, expected="定量指标（≥ ≤ ＝、数值与单位）",
                                 actual=len(measurable) + len(vague))
