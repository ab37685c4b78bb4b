"""绩效目标表与项目支出表不符：a project declared in the 项目支出绩效目标表 (预算13表) is missing from
the 项目支出表 (预算04表), or the declared amounts do not add up to 04表's 本年拨款 or to the
disclosure's 项目支出. A gap equal to 上年结转结余 is explained (13表 holds this year's money only)
and reported as info; a project missing from 04表 is an error.

Bad::

    预算13表 信息化服务运维服务 27.35 … (no such project in 预算04表)

Good::

    预算13表 信息化服务运维服务 27.35 … 预算04表 信息化服务运维服务 27.35
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.tables import TableRow
from jixiao.model.text import norm
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.tables import amount, column_total, value_of, wan
from jixiao.rules.finding import Finding
from jixiao.rules.numeric import printed_decimals

CODE = "BT006"
NAME = "declarations-vs-projects"
SEVERITY = "error"
CATEGORY = "crossfoot"
TOLERANCE = Decimal("0.005")


def by_project(rows: list[TableRow], columns: list[int]) -> dict[str, tuple[Decimal, Decimal]]:
    """04表's this-year money by project name, with the rounding its printed cells allow."""
    out: dict[str, tuple[Decimal, Decimal]] = {}
    for row in rows:
        if row.is_total or not row.item:
            continue
        amount, slack = out.get(norm(row.item), (Decimal(0), Decimal("1e-9")))
        for column in columns:
            value = row.value(column)
            if value is not None:
                amount += value
                slack += Decimal(1).scaleb(-printed_decimals(row.printed[column])) / 2
        out[norm(row.item)] = (amount, slack)
    return out


def _year_columns_total(ctx: BudgetContext) -> Decimal | None:
    t04 = ctx.table("projects")
    total = t04.total_row() if t04 else None
    if t04 is None or total is None:
        return None
    values = [total.value(i) for i, label in enumerate(t04.columns) if norm(label).startswith("本年")]
    return sum((v for v in values if v is not None), Decimal(0)) if values else None


def check(ctx: BudgetContext) -> Iterator[Finding]:
    projects = [(i, p) for i, p in ctx.projects() if p.total_amount is not None]
    if not projects:
        return
    declared = sum((p.total_amount or Decimal(0) for _, p in projects), Decimal(0))
    t04 = ctx.table("projects")
    name04 = ctx.name(t04, "projects")
    missing = []
    if t04 is not None:
        names = {norm(r.item) for r in t04.rows}
        year_columns = [i for i, label in enumerate(t04.columns) if norm(label).startswith("本年")]
        listed = by_project(t04.rows, year_columns)
        for index, p in projects:
            found = listed.get(norm(p.project_name or ""))
            if found is not None and p.total_amount is not None and abs(found[0] - p.total_amount) > found[1]:
                yield ctx.on_declaration(
                    index, p, f"项目「{p.project_name}」在绩效目标表中申报{amount(p.total_amount)}万元，"
                    f"{name04}本年拨款为{amount(found[0])}万元。", expected=found[0], actual=p.total_amount,
                    severity="warning")
            if p.project_name and norm(p.project_name) not in names:
                missing.append(p)
                yield ctx.on_declaration(
                    index, p, f"项目「{p.project_name}」在绩效目标表中申报{wan(p.total_amount)}万元，"
                    f"但{ctx.full_name(t04)}中没有这个项目。", expected=p.total_amount, actual=None)
    year_total = _year_columns_total(ctx)
    if t04 is not None and year_total is not None and abs(year_total - declared) > TOLERANCE:
        gap = declared - year_total
        lost = sum((p.total_amount or Decimal(0) for p in missing), Decimal(0))
        why = f"，正是{name04}缺少的{len(missing)}个项目的金额" if missing and abs(lost - gap) <= TOLERANCE else ""
        yield ctx.on_table(t04, f"绩效目标表{len(projects)}个项目申报金额合计{wan(declared)}万元，与{name04}本年拨款"
                           f"合计{wan(year_total)}万元相差{wan(abs(gap))}万元{why}。", expected=declared,
                           actual=year_total)
    project_total = None
    for _, d in ctx.departments():
        if d.fiscal_project is not None:
            project_total = d.fiscal_project + (d.other_project or 0)
    if project_total is None:
        project_total = column_total(t04, "合计")
    carry = value_of(ctx.table("summary"), "上年结转结余", "上年结转", side="收入")
    if project_total is None or abs(project_total - declared) <= TOLERANCE:
        return
    gap = project_total - declared
    first = projects[0]
    if carry is not None and abs(gap - carry) <= TOLERANCE:
        yield ctx.on_declaration(first[0], first[1], f"绩效目标表项目金额合计{wan(declared)}万元比项目支出"
                                 f"{wan(project_total)}万元少{wan(gap)}万元，等于上年结转结余{wan(carry)}万元"
                                 f"（结转资金未申报绩效目标），差额可以解释。", expected=project_total,
                                 actual=declared, severity="info")
    else:
        yield ctx.on_declaration(first[0], first[1], f"绩效目标表项目金额合计{wan(declared)}万元与项目支出"
                                 f"{wan(project_total)}万元相差{wan(gap)}万元，且不等于上年结转结余。",
                                 expected=project_total, actual=declared, severity="warning")
