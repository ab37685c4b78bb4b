"""情况说明与报表不符：an amount the narrative (部门预算情况说明) states differs from the table that
prints it — 收入预算 (01表), 上年结转结余, 基本支出 / 公用支出 (07表), 项目支出 (03表, 04表),
"三公"经费 and its three parts (10表), 机关运行经费 (07表 公用经费), 政府购买服务 (11表), 市级提前下达
转移支付 (12表). Compared at the narrative's precision (two decimals of 万元). Error. When the narrative
agrees with the other sources of a total and one table is the odd one out, BT004 tells it (naming the
narrative among the sources that agree), and when the table's total adds its 「其中」 rows again and
the narrative states the right sum, BT003 tells it: the narrative is not blamed for the table's slip.

Bad::

    情况说明："三公"经费财政拨款预算安排5.46万元 … 预算10表 总计 7.91

Good::

    情况说明："三公"经费财政拨款预算安排5.46万元 … 预算10表 总计 5.46
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.disclosure import as_wan
from jixiao.model.tables import BudgetTable
from jixiao.model.text import norm
from jixiao.rules.budget.bt002_row_sums import double_counted
from jixiao.rules.budget.bt004_cross_totals import NARRATIVE_QUANTITY, figures_of, majority, narrative_sources
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.tables import addends, column_total, total_of, value_of, wan
from jixiao.rules.finding import Finding

CODE = "BT007"
NAME = "narrative-amounts"
SEVERITY = "error"
CATEGORY = "narrative"

NARRATIVE_NAMES = {
    "income_total": "收入预算", "carryover": "上年结转结余", "basic": "基本支出预算", "public_expense": "公用支出",
    "project": "项目支出预算", "three_public": "“三公”经费财政拨款预算", "three_public.abroad": "因公出国（境）费",
    "three_public.reception": "公务接待费",
    "three_public.vehicles": "公务用车购置及运行维护费",
    "three_public.vehicle_purchase": "公务用车购置费", "three_public.vehicle_operation": "公务用车运行维护费",
    "operating_expenses": "机关运行经费", "purchase_services": "政府购买服务预算",
    "advance_transfer": "提前下达转移支付",
}


def _row_containing(table: BudgetTable | None, word: str) -> Decimal | None:
    if table is None:
        return None
    for row in table.rows:
        if word in norm(row.item) and not row.is_total:
            return row.value(0)
    return None


def _targets(ctx: BudgetContext) -> dict[str, list[tuple[str, Decimal | None, BudgetTable | None]]]:
    t = {role: ctx.table(role) for role in ("summary", "spending", "projects", "general_basic", "three_public",
                                             "purchase_services", "transfers")}
    n = {role: ctx.name(table, role) for role, table in t.items()}
    three = t["three_public"]
    return {
        "income_total": [(f"{n['summary']}收入总计", value_of(t["summary"], "收入总计", side="收入"), t["summary"])],
        "carryover": [(f"{n['summary']}上年结转结余", value_of(t["summary"], "上年结转结余", "上年结转", side="收入"),
                       t["summary"])],
        "basic": [(f"{n['general_basic']}合计", column_total(t["general_basic"], "合计"), t["general_basic"]),
                  (f"{n['spending']}基本支出", column_total(t["spending"], "基本支出"), t["spending"])],
        "public_expense": [(f"{n['general_basic']}公用经费", column_total(t["general_basic"], "公用经费"),
                            t["general_basic"])],
        "operating_expenses": [(f"{n['general_basic']}公用经费", column_total(t["general_basic"], "公用经费"),
                                t["general_basic"])],
        "project": [(f"{n['spending']}项目支出", column_total(t["spending"], "项目支出"), t["spending"]),
                    (f"{n['projects']}合计", column_total(t["projects"], "合计"), t["projects"])],
        "three_public": [(f"{n['three_public']}总计", column_total(three), three)],
        "three_public.abroad": [(f"{n['three_public']}因公出国（境）费", _row_containing(three, "因公出国"), three)],
        "three_public.reception": [(f"{n['three_public']}公务接待费", _row_containing(three, "公务接待"), three)],
        "three_public.vehicles": [(f"{n['three_public']}公务用车购置及运行维护费",
                                   _row_containing(three, "购置及运行"), three)],
        "three_public.vehicle_purchase": [(f"{n['three_public']}公务用车购置费",
                                           _row_containing(three, "公务用车购置费"), three)],
        "three_public.vehicle_operation": [(f"{n['three_public']}公务用车运行维护费",
                                            _row_containing(three, "公务用车运行维护费"), three)],
        "purchase_services": [(f"{n['purchase_services']}合计", column_total(t["purchase_services"]),
                               t["purchase_services"])],
        "advance_transfer": [(f"{n['transfers']}合计", column_total(t["transfers"]), t["transfers"])],
    }


def _undoubled(table: BudgetTable) -> Decimal:
    """The total a table would print without adding its 「其中」 rows again (-1 when it does not)."""
    total = table.total_row()
    if total is None or any(r.side for r in table.rows):
        return Decimal(-1)
    rows = table.rows[:table.rows.index(total)]
    return total_of(addends(rows), 0) if double_counted(rows, total, 0) else Decimal(-1)


def check(ctx: BudgetContext) -> Iterator[Finding]:
    disclosure = ctx.doc.budget_disclosure
    if disclosure is None:
        return
    targets = _targets(ctx)
    sources = figures_of(ctx) | narrative_sources(ctx)
    half = Decimal(1).scaleb(-ctx.settings.narrative_places) / 2
    seen: set[str] = set()
    for figure in disclosure.figures:
        if figure.name in seen or figure.name not in targets:
            continue
        seen.add(figure.name)
        stated = as_wan(figure)
        if stated is None:
            continue
        quantity = NARRATIVE_QUANTITY.get(figure.name)
        if quantity is not None and f"{quantity}@narrative" in majority(sources, quantity):
            continue  # the narrative is right; BT004 names the table that is not
        for where, value, table in targets[figure.name]:
            if value is None or table is None or abs(value - stated) <= half + Decimal("1e-9"):
                continue
            if abs(_undoubled(table) - stated) <= half + Decimal("1e-9"):
                continue  # the table's total double-counts its 「其中」 rows (BT003); the narrative is right
            what = NARRATIVE_NAMES.get(figure.name, figure.name)
            yield ctx.on_table(table, f"情况说明第{figure.line}行称{what}{wan(stated)}万元，与{where}{wan(value)}万元"
                               f"不一致。", line=figure.line,
                               expected=value, actual=stated)
