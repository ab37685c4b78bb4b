"""自评表（或监控表）的年初预算数与申报表的项目总额、预算表中该项目的金额都对不上：三处应是同一笔预算.

The self-evaluation's 年初预算数 (年度资金总额 row) and the monitoring form's 年初预算数 are compared
with the project's declared 项目总额 of the year and its row in the budget table printed beside the
declaration (预算04表 项目支出表 …: any of its amounts, 合计 or 本年拨款). Amounts within the
profile's ``[lifecycle] money_tolerance`` (万元) agree.

Bad::

    申报表：项目总额 30 万元；预算04表：环境整治 合计 40，本年拨款 30
    自评表：年度资金总额 年初预算数 35

Good::

    自评表：年度资金总额 年初预算数 30
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from jixiao.rules.finding import Finding, fmt
from jixiao.rules.lifecycle.bundle import Placed, declared_money
from jixiao.rules.lifecycle.context import LcContext, cite

CODE = "LC004"
NAME = "lifecycle-amounts"
SEVERITY = "warning"
CATEGORY = "lifecycle"


def _check(ctx: LcContext, subject: Placed[Any], what: str, amount: Decimal | None,
           line: int | None) -> Iterator[Finding]:
    if amount is None:
        return
    declared: list[tuple[Placed[Any], Decimal]] = []
    for p in ctx.bundle.declared(subject.year):
        money = declared_money(p.form)
        if money is not None:
            declared.append((p, money))
    lines = [b for b in ctx.bundle.budget_lines if b.table.year in (subject.year, None)
             and any(p.source == b.table.source for p, _ in declared)]
    known = [a for _, a in declared] + [a for b in lines for a in b.amounts]
    if not declared or any(abs(amount - a) <= ctx.settings.money_tolerance for a in known):
        return
    decl, money = declared[0]
    table = ""
    if lines:  # printed beside the declaration: its line is enough
        row = lines[0]
        where = f"第{row.row.line}行" if row.table.source == decl.source and row.row.line else cite(row.table,
                                                                                                 row.row.line)
        table = f"、{row.table.form.printed_code or '预算表'}（{where}）列{'/'.join(fmt(a) for a in row.amounts)}"
    related = [decl.ref()] + ([lines[0].table.ref(lines[0].row.line)] if lines else [])
    yield ctx.finding(
        subject, f"{ctx.name}{what}年初预算数{fmt(amount)}万元，与申报表（{cite(decl, decl.form.amount_line)}）"
                 f"项目总额{fmt(money)}万元{table}不一致，请核对预算金额。",
        related=related, line=line, expected=money, actual=amount)


def check(ctx: LcContext) -> Iterator[Finding]:
    for se in ctx.bundle.self_evaluations:
        total = se.form.funds.total
        yield from _check(ctx, se, "自评表", total.initial_budget, total.line)
    for mr in ctx.bundle.monitoring:
        yield from _check(ctx, mr, "监控表", mr.form.funds.initial_budget, mr.form.funds.line)
