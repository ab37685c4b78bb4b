"""The amounts a report's own tables give, by meaning (``Evaluation.amounts``): the 决算表's
本年支出合计 / 基本支出 / 项目支出 / 年末结转结余 / 公用经费 rows and the 项目预算执行情况表's 合计 row,
by the columns that hold the budget and the executed amount. The rules check the figures the text
quotes against these and never look at rows or columns themselves."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.evaluation import Evaluation, LedgerAmount
from jixiao.model.tables import ACCOUNTS_CODE as ACCOUNTS
from jixiao.model.tables import EXECUTION_CODE, BudgetTable, TableRow
from jixiao.model.text import nf


def _find(table: BudgetTable, pattern: str) -> TableRow | None:
    rx = re.compile(pattern)
    return next((r for r in table.rows if rx.search(nf(r.item))), None)


def _amount(table: BudgetTable, row: TableRow | None, col: int) -> LedgerAmount | None:
    if row is None or col >= len(row.values) or row.values[col] is None:
        return None
    label = table.columns[col] if col < len(table.columns) else f"第{col + 1}列"
    short = "决算表" if table.code == ACCOUNTS else "执行情况表"
    return LedgerAmount(value=row.values[col] or Decimal(0), printed=row.printed[col],
                        where=f"{short}“{row.item}”{label}", line=row.line)


def ledger_amounts(ev: Evaluation) -> dict[str, LedgerAmount]:
    """Named amounts (万元): budget, initial_budget, executed, basic_*, project_*, carryover, public_*."""
    found: dict[str, LedgerAmount] = {}

    def put(key: str, amount: LedgerAmount | None) -> None:
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
