"""指标值不是目标：an indicator value that is a rating scale rather than a target ("优良中低差"), a
stray letter ("h"), or an indicator name still holding template placeholders ("每月**时间前").
Warning.

Bad::

    效益指标 可持续影响指标 有效满足残疾人多样化文化需求 定性 h

Good::

    效益指标 可持续影响指标 有效满足残疾人多样化文化需求 定性 优
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.model.text import norm
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.declared import project_name, row_name
from jixiao.rules.finding import Finding

CODE = "TD010"
NAME = "value-not-a-target"
SEVERITY = "warning"
CATEGORY = "indicator_quality"
SCALES = ("优良中低差", "优良中差", "好坏", "好中差", "是否", "优/良/中/差")
_STRAY = re.compile(r"^[A-Za-z]$")


def check(ctx: BudgetContext) -> Iterator[Finding]:
    for index, td in [*ctx.projects(), *ctx.departments()]:
        templated = [ind for ind in td.indicators if any(m in (ind.level3 or "") for m in ctx.settings.placeholders)]
        if len(templated) > 1:  # one project's template rows are one problem
            yield ctx.on_declaration(index, td, f"{project_name(td, index)}有{len(templated)}个指标名称仍含模板占位符"
                                     f"（如{row_name(templated[0])}）。", line=templated[0].line,
                                     actual=[ind.level3 for ind in templated])
        for ind in td.indicators:
            value = norm(ind.printed_value or "")
            problem = None
            if value in SCALES:
                problem = f"指标值「{ind.printed_value}」是评价等级的刻度，不是目标值"
            elif _STRAY.match(value):
                problem = f"指标值「{ind.printed_value}」不是有效的目标值"
            elif len(templated) == 1 and ind is templated[0]:
                problem = "指标名称仍含模板占位符"
            if problem:
                yield ctx.on_declaration(index, td, f"{project_name(td, index)}指标{row_name(ind)}{problem}。",
                                         line=ind.line, actual=ind.printed_value)
