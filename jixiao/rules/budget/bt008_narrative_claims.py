"""情况说明的表述与报表矛盾：the narrative says there is no 国有资本经营预算 (or 政府性基金预算) money
while the tables budget some (收支总表 rows, 收入总表 columns); or the counts it gives (政府购买服务项目
N个, 填报绩效目标的项目 N个) differ from the rows of the tables that list them. Error for a denied fund,
warning for a count.

Bad::

    情况说明：本单位无国有资本经营预算拨款收支。 … 预算02表 上年结转结余/国有资本经营预算资金 30.66

Good::

    情况说明：本单位无国有资本经营预算拨款收支。 … 预算02表 国有资本经营预算资金 (empty)
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.text import norm
from jixiao.rules.budget.bt005_fund_tables import fund_income
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.tables import wan
from jixiao.rules.finding import Finding

CODE = "BT008"
NAME = "narrative-claims"
SEVERITY = "error"
CATEGORY = "narrative"
CLAIM_FUNDS = {"no_state_capital": "国有资本经营", "no_government_fund": "政府性基金"}


def _sided_rows(ctx: BudgetContext, fund: str) -> list[str]:
    found = []
    for role in ("summary", "fiscal_summary"):
        table = ctx.table(role)
        for row in table.rows if table else []:
            value = row.value(0)
            if fund in norm(row.item) and value:
                found.append(f"{ctx.name(table, role)}「{row.item}」{wan(value)}万元")
    return found


def check(ctx: BudgetContext) -> Iterator[Finding]:
    disclosure = ctx.doc.budget_disclosure
    if disclosure is None:
        return
    for claim in disclosure.claims:
        fund = CLAIM_FUNDS.get(claim.name)
        if fund is None:
            continue
        income = ctx.table("income")
        amount, parts = fund_income(income, fund)
        evidence = [f"{ctx.name(income, 'income')}{p}" for p in parts] + _sided_rows(ctx, fund)
        if evidence:
            yield ctx.on_narrative(f"情况说明第{claim.line}行称无{fund}预算拨款收支，但报表列有"
                                   f"{'、'.join(evidence[:4])}。", line=claim.line, expected=amount or None,
                                   actual=Decimal(0))
    counts = {
        "purchase_services_count": ("purchase_services", "政府购买服务项目"),
    }
    for name, (role, what) in counts.items():
        figure = disclosure.figure(name)
        table = ctx.table(role)
        if figure is None or table is None:
            continue
        rows = sum(1 for r in table.rows if not r.is_total)
        if rows != figure.value:
            yield ctx.on_table(table, f"情况说明第{figure.line}行称{what}{figure.value}个，"
                               f"{ctx.name(table, role)}列有{rows}行。",
                               line=figure.line, expected=rows, actual=figure.value, severity="warning")
    stated = [disclosure.figure(n) for n in ("performance_projects", "performance_advance")]
    projects = ctx.projects()
    if stated[0] is not None and projects:
        claimed = sum((f.value for f in stated if f is not None), Decimal(0))
        if claimed != len(projects):
            index, first = projects[0]
            yield ctx.on_declaration(index, first, f"情况说明第{stated[0].line}行称填报绩效目标的项目共{claimed}个，"
                                     f"绩效目标表列有{len(projects)}个项目。", line=stated[0].line,
                                     expected=len(projects), actual=claimed, severity="warning")
