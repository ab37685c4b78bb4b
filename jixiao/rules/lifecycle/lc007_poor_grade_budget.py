"""项目绩效评价为差，下一年度预算却增加了：评价结果没有用于预算安排（结果应用）.

The grade of the project's evaluation report (else its self-evaluation's printed 自评等级) of one
year is one of the profile's ``[lifecycle] poor_grades``, and the project's declared 项目总额 of the
next year is larger than that year's budget (its declaration's 项目总额, else the self-evaluation's
全年预算数) by more than ``growth_tolerance``.

Bad::

    2024年评价报告：等级 差；2024年预算 100 万元
    2025年申报表：项目总额 120 万元

Good::

    2025年申报表：项目总额 80 万元（压减）
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from jixiao.rules.finding import Finding, fmt
from jixiao.rules.lifecycle.bundle import Placed, declared_money
from jixiao.rules.lifecycle.context import LcContext, cite
from jixiao.rules.scoring import printed_grade

CODE = "LC007"
NAME = "lifecycle-poor-grade-budget-growth"
SEVERITY = "warning"
CATEGORY = "lifecycle"


def _graded(ctx: LcContext) -> Iterator[tuple[Placed[Any], str]]:
    poor = ctx.settings.poor_grades
    for ev in ctx.bundle.evaluations:
        if ev.form.grade and ev.form.grade.strip() in poor:
            yield ev, ev.form.grade.strip()
    for se in ctx.bundle.self_evaluations:
        grade = printed_grade(se.form)
        if grade and grade in poor and not any(e.year == se.year for e in ctx.bundle.evaluations):
            yield se, grade


def _budget(ctx: LcContext, year: int) -> Decimal | None:
    for decl in ctx.bundle.declared(year):
        money = declared_money(decl.form)
        if money is not None:
            return money
    for se in ctx.bundle.evaluated(year):
        total = se.form.funds.total
        if total.full_year_budget is not None or total.initial_budget is not None:
            return total.full_year_budget if total.full_year_budget is not None else total.initial_budget
    return None


def check(ctx: LcContext) -> Iterator[Finding]:
    for graded, grade in _graded(ctx):
        if graded.year is None:
            continue
        before = _budget(ctx, graded.year)
        for nxt in ctx.bundle.declared(graded.year + 1)[:1]:
            after = declared_money(nxt.form)
            if before is None or after is None or after <= before * (1 + ctx.settings.growth_tolerance):
                continue
            yield ctx.finding(
                nxt, f"{ctx.name}{graded.year}年绩效评价为「{grade}」（{cite(graded)}），{graded.year + 1}年申报预算"
                     f"却由{fmt(before)}万元增至{fmt(after)}万元，请说明评价结果如何用于预算安排。",
                related=[graded.ref()], line=nxt.form.amount_line, expected=before, actual=after)
