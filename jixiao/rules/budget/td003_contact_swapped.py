"""项目责任人与电话填反：the 项目责任人 cell holds a telephone number and the 电话 cell a person's
name. Error: the contact fields are wrong as printed.

Bad::

    项目责任人 83172751 | 项目责任人电话 姜国章

Good::

    项目责任人 姜国章 | 项目责任人电话 83172751
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.model.text import norm
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.declared import project_name
from jixiao.rules.finding import Finding

CODE = "TD003"
NAME = "contact-swapped"
SEVERITY = "error"
CATEGORY = "typo"
_PHONE = re.compile(r"^[\d\-+()（）转 ]{7,}$")
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")


def check(ctx: BudgetContext) -> Iterator[Finding]:
    for index, td in ctx.projects():
        lead, phone = norm(td.project_lead or ""), norm(td.phone or "")
        if _PHONE.match(lead) and _NAME.match(phone):
            yield ctx.on_declaration(
                index, td, f"{project_name(td, index)}的项目责任人填的是电话号码「{td.project_lead}」，电话填的是"
                f"人名「{td.phone}」，两栏填反。", expected={"project_lead": td.phone, "phone": td.project_lead},
                actual={"project_lead": td.project_lead, "phone": td.phone})
