"""The amounts a report's own tables give, by meaning: the figures the text quotes are checked
against these (决算表 for department reports, 项目预算执行情况表 for project reports)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.evaluation import Evaluation
from jixiao.model.tables import ACCOUNTS_CODE as ACCOUNTS
from jixiao.model.tables import EXECUTION_CODE, BudgetTable, TableRow
from jixiao.model.text import nf


@dataclass(frozen=True)
class Amount:
    value: Decimal
    printed: str
    where: str  # how a message names it: 「决算表“本年支出合计”决算数」
    line: int | None


def _find(table: BudgetTable, pattern: str) -> TableRow | None:
    rx = re.compile(pattern)
    return next((r for r in table.rows if rx.search(nf(r.item))), None)


def _amount(table: BudgetTable, row: TableRow | None, col: int) -> Amount | None:
    if row is None or col >= len(row.values) or row.values[col] is None:
        return None
    label = table.columns[col] if col < len(table.columns) else f"第{col + 1}列"
    short = "决算表" if table.code == ACCOUNTS else "执行情况表"
    return Amount(row.values[col] or Decimal(0), row.printed[col], f"{short}“{row.item}”{label}", row.line)


def amounts(ev: Evaluation) -> dict[str, Amount]:
    """Named amounts (万元): budget, initial_budget, executed, basic_*, project_*, carryover, public_*."""
    found: dict[str, Amount] = {}

    def put(key: str, amount: Amount | None) -> None:
        if amount is not None and key not in found:
            found[key] = amount

    for table in ev.tables:
        if table.money_unit != "万元":
            continue
        if table.code == ACCOUNTS:
            total = _find(table, r"^本年支出合计$") or _find(table, r"支出合计$")
            put("initial_budget", _amount(table, total, 0))
            put("budget", _amount(table, total, 1))
            put("executed", _amount(table, total, 2))
            basic, project = _find(table, r"基本支出$"), _find(table, r"项目支出$")
            put("basic_budget", _amount(table, basic, 1))
            put("basic_executed", _amount(table, basic, 2))
            put("project_budget", _amount(table, project, 1))
            put("project_executed", _amount(table, project, 2))
            put("carryover", _amount(table, _find(table, r"^年末结转和?结余"), 2))
            public = _find(table, r"^公用经费$")
            put("public_budget", _amount(table, public, 1))
            put("public_executed", _amount(table, public, 2))
        elif table.code == EXECUTION_CODE and table.rows:
            total = _find(table, r"^合计$") or table.rows[0]
            col_budget = _column(table, ("总预算", "预算批复"))
            col_exec = _column(table, ("预算执行情况/合计", "执行数", "实际支出"))
            if col_budget is not None:
                put("budget", _amount(table, total, col_budget))
            if col_exec is not None:
                put("executed", _amount(table, total, col_exec))
    return found


def _column(table: BudgetTable, words: tuple[str, ...]) -> int | None:
    for word in words:
        for n, label in enumerate(table.columns):
            if word in nf(label):
                return n
    return None


def rates(found: dict[str, Amount]) -> dict[str, tuple[Decimal, str]]:
    """Rates recomputed from the amounts, with the formula as a message shows it."""
    out: dict[str, tuple[Decimal, str]] = {}
    budget, executed, initial = found.get("budget"), found.get("executed"), found.get("initial_budget")
    if budget and executed and budget.value:
        out["预算执行率"] = (executed.value / budget.value, f"{executed.printed}÷{budget.printed}")
        out["预决算差异率"] = ((executed.value - budget.value) / budget.value,
                           f"({executed.printed}−{budget.printed})÷{budget.printed}")
    carry = found.get("carryover")
    if carry and budget and budget.value:
        out["结转结余率"] = (carry.value / budget.value, f"{carry.printed}÷{budget.printed}")
    if budget and initial and initial.value:
        out["支出预算调整率"] = ((budget.value - initial.value) / initial.value,
                             f"({budget.printed}−{initial.printed})÷{initial.printed}")
    pub_b, pub_e = found.get("public_budget"), found.get("public_executed")
    if pub_b and pub_e and pub_b.value:
        out["公用经费控制率"] = (pub_e.value / pub_b.value, f"{pub_e.printed}÷{pub_b.printed}")
    out_alias = dict(out)
    if "预算执行率" in out:
        out_alias["支出预算执行率"] = out["预算执行率"]
    return out_alias


# figure name → amount key
AMOUNT_OF: dict[str, str] = {
    "全年预算数": "budget", "调整预算数": "budget", "预算金额": "budget", "年初预算数": "initial_budget",
    "基本支出预算数": "basic_budget", "项目支出预算数": "project_budget", "总体支出": "executed",
    "实际支出": "executed", "支出": "executed", "基本支出": "basic_executed", "项目支出": "project_executed",
    "结转结余": "carryover",
}
