"""绩效目标文字有问题：a project's 绩效目标 is copied word for word from another project, still holds
template placeholders ("对**群体按照**发放**补助"), or describes an earlier year's work (every
year it names, outside cited documents, is before the budget year). Warning. A goal shared with its
linked advance allocation (a project named 提前下达…) is not a copy; a goal with placeholders is told
once (as a template, not also as a copy); a year in a background sentence ("已于2019年完成腾退"), a
policy's name ("关于2021年“疏解整治促提升”专项行动工作要求") or the last year's 年报 is not a stale goal.

Bad::

    2024年预算 … 绩效目标：2023年度使用有资质的服务企业 …

Good::

    2024年预算 … 绩效目标：2024年度使用有资质的服务企业 …
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from jixiao.model.declaration import TargetDeclaration
from jixiao.model.text import norm
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.declared import project_name
from jixiao.rules.finding import Finding
from jixiao.rules.years import background_free

CODE = "TD008"
NAME = "goal-text"
SEVERITY = "warning"
CATEGORY = "indicator_quality"
MIN_GOAL = 20
RECENT = 4  # an earlier year this close to the budget year is a copied goal, not history
_YEAR = re.compile(r"(20\d{2})\s*年")
ADVANCE = "提前下达"


def earlier_years(goal: str, year: int) -> list[int]:
    years = [int(y) for y in _YEAR.findall(background_free(goal))]
    return years if years and year - RECENT <= max(years) < year else []


def check(ctx: BudgetContext) -> Iterator[Finding]:
    projects = ctx.projects()
    by_goal: dict[str, list[tuple[int, TargetDeclaration]]] = defaultdict(list)
    for index, td in projects:
        if len(norm(td.goal)) >= MIN_GOAL:
            by_goal[norm(td.goal)].append((index, td))
    for index, td in projects:
        name = project_name(td, index)
        marks = [m for m in ctx.settings.placeholders if m in td.goal]
        same = [other for i, other in by_goal.get(norm(td.goal), []) if i != index
                and ADVANCE not in (other.project_name or "") and ADVANCE not in (td.project_name or "")]
        if same and not marks:
            others = "、".join(f"「{o.project_name}」" for o in same[:3])
            yield ctx.on_declaration(index, td, f"{name}的绩效目标与{others}一字不差，未按项目填写。",
                                     actual=td.goal[:60])
        if marks:
            yield ctx.on_declaration(index, td, f"{name}的绩效目标仍是模板文字，含占位符「{marks[0]}」。",
                                     actual=td.goal[:60])
        year = td.year or ctx.year
        if year is not None:
            years = earlier_years(td.goal, year)
            if years:
                yield ctx.on_declaration(
                    index, td, f"{name}是{year}年预算，绩效目标写的却是{'、'.join(str(y) for y in sorted(set(years)))}"
                    f"年的工作。", expected=year, actual=max(years), severity="info" if max(years) == year - 1
                    else "warning")
