"""绩效目标文字重复：the same sentence of a project's 绩效目标 printed twice in its goal cell (a
paragraph pasted again). Warning: the reader cannot tell whether a second target was meant.

Bad::

    目标1：开展环境秩序整治项目。目标2：完成违法建设治理任务。目标1：开展环境秩序整治项目。

Good::

    目标1：开展环境秩序整治项目。目标2：完成违法建设治理任务。
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.declared import project_name
from jixiao.rules.checks.se029_goal_repeated import repeated_sentences
from jixiao.rules.finding import Finding

CODE = "TD012"
NAME = "goal-repeated"
SEVERITY = "warning"
CATEGORY = "text"


def check(ctx: BudgetContext) -> Iterator[Finding]:
    for index, td in [*ctx.projects(), *ctx.departments()]:
        twice = repeated_sentences(td.goal)
        if twice:
            more = f"等{len(twice)}句" if len(twice) > 1 else ""
            yield ctx.on_declaration(index, td, f"{project_name(td, index)}的绩效目标中「{twice[0]}」{more}印了两遍。",
                                     actual=twice)
