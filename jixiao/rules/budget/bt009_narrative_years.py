"""情况说明年份有误：a year-on-year comparison in the narrative names a year other than the one
before the budget year ("项目支出预算…与2022年…比" in a 2024 budget, while every other comparison
is with 2023), or a figure "of the year" names another year. Warning.

Bad::

    2024年…项目支出预算22723.42万元，与2022年22,967.60万元比减少244.18万元

Good::

    2024年…项目支出预算22723.42万元，与2023年22,967.60万元比减少244.18万元
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.finding import Finding

CODE = "BT009"
NAME = "narrative-years"
SEVERITY = "warning"
CATEGORY = "narrative"


def check(ctx: BudgetContext) -> Iterator[Finding]:
    disclosure = ctx.doc.budget_disclosure
    year = ctx.year
    if disclosure is None or year is None:
        return
    for figure in disclosure.figures:
        if figure.year is None:
            continue
        expected = year - 1 if figure.name.endswith("_prior") else year
        relevant = figure.name.endswith("_prior") or figure.name in ("income_total", "expenditure_total")
        if relevant and figure.year != expected:
            should = f"与{expected}年比较" if expected < year else f"写{year}年"
            yield ctx.on_narrative(
                f"情况说明第{figure.line}行「{figure.label}」写的是{figure.year}年，{year}年预算应{should}。",
                line=figure.line, expected=expected, actual=figure.year)
