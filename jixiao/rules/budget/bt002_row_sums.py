"""合计与明细不符：the rows of a budget table do not add up to its 合计 row (per column), or a
收支总表's numbered rows do not add up to its 本年收入合计 / 本年支出合计, or a parent row ≠ its
「（一）（二）」 children. Differences that display rounding explains (rows printed 33.33, 33.33,
33.33 for a total of 100.00) are ``info``: at most half a unit of the column's printed precision a row, at the
precision of its most precise figure. A difference beyond that is never called rounding: below one
unit of the coarsest figure (0.01万元) it is a warning, anything larger an error. 「其中」 rows are
never added (see BT003).

Bad::

    2010301-行政运行 601.0884 … 合计 700.00        (rows sum to 601.09)

Good::

    2010301-行政运行 601.0884 … 合计 601.0884
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.tables import BudgetTable, TableRow
from jixiao.model.text import norm
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.tables import addends, rounding_slack, total_of, wan
from jixiao.rules.finding import Finding

CODE = "BT002"
NAME = "row-sums"
SEVERITY = "error"
CATEGORY = "crossfoot"
EPSILON = Decimal("0.0000005")
SMALL = Decimal("0.01")  # a difference below one unit of a 万元 figure printed with two decimals
_TOP = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_SUB = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")


def double_counted(rows: list[TableRow], total: TableRow, column: int) -> bool:
    """The total includes the 「其中」 rows: it equals the sum of every row."""
    body = [r for r in rows if not r.is_total]
    printed = total.value(column)
    return printed is not None and abs(total_of(body, column) - printed) <= EPSILON and len(
        addends(rows)) < len(body)


def _compare(ctx: BudgetContext, table: BudgetTable, parts: list[TableRow], total: TableRow, column: int,
             what: str) -> Iterator[Finding]:
    printed = total.value(column)
    if printed is None or not parts:
        return
    computed = total_of(parts, column)
    diff = abs(computed - printed)
    if diff <= EPSILON:
        return
    slack = rounding_slack(parts, column, ctx.settings.rounding_per_row, total)
    name, u = ctx.full_name(table), table.money_unit
    label = f"「{table.columns[column]}」列" if len(table.columns) > 1 else ""
    if diff <= slack:
        yield ctx.on_table(table, f"{name}{label}{what}各行之和{computed}{u}与{total.item}{printed}{u}相差"
                           f"{diff}{u}，系各行显示四舍五入所致。", line=total.line, expected=computed,
                           actual=printed, severity="info")
        return
    if diff < SMALL:
        yield ctx.on_table(table, f"{name}{label}{what}各行之和{computed}{u}与{total.item}{printed}{u}相差"
                           f"{diff}{u}，超出各行印刷精度的舍入范围，请核对明细。", line=total.line, expected=computed,
                           actual=printed, severity="warning")
        return
    yield ctx.on_table(table, f"{name}{label}{what}各行之和{wan(computed)}{u}与{total.item}{wan(printed)}{u}"
                       f"不符，相差{wan(computed - printed)}{u}。", line=total.line, expected=computed, actual=printed)


def _plain(ctx: BudgetContext, table: BudgetTable) -> Iterator[Finding]:
    total = table.total_row()
    if total is None:
        return
    rows = table.rows[:table.rows.index(total)]
    parts = addends(rows)
    for column in range(len(table.columns)):
        if double_counted(rows, total, column):
            continue  # BT003
        yield from _compare(ctx, table, parts, total, column, "")


def _sided(ctx: BudgetContext, table: BudgetTable) -> Iterator[Finding]:
    for side in dict.fromkeys(r.side for r in table.rows):
        rows = [r for r in table.rows if r.side == side]
        for index, row in enumerate(rows):
            flat = norm(row.item)
            if flat.startswith("本年") and flat.endswith("合计"):
                tops = [r for r in rows[:index] if _TOP.match(norm(r.item))]
                yield from _compare(ctx, table, tops, row, 0, "")
            elif _TOP.match(flat) and index + 1 < len(rows) and _SUB.match(norm(rows[index + 1].item)):
                children = []
                for child in rows[index + 1:]:
                    if not _SUB.match(norm(child.item)):
                        break
                    children.append(child)
                yield from _compare(ctx, table, children, row, 0, f"「{row.item}」的明细")


def _one_per_table(findings: list[Finding]) -> Iterator[Finding]:
    """A table whose total row is off by less than a unit in several columns is one problem: the first
    column's finding, the others attached in ``merged``."""
    small = [f for f in findings if f.severity == "warning"]
    for finding in findings:
        if finding.severity != "warning":
            yield finding
        elif finding is small[0]:
            others = small[1:]
            yield finding.model_copy(update={"merged": [f.message for f in others], "message": finding.message + (
                f"（另有{len(others)}列同样相差不足0.01万元）" if others else "")})


def check(ctx: BudgetContext) -> Iterator[Finding]:
    for table in ctx.doc.budget_tables:
        found = list(_sided(ctx, table) if any(r.side for r in table.rows) else _plain(ctx, table))
        yield from _one_per_table(found)
