"""绩效目标完成情况及收支明细表的合计与明细不符，或与项目预算执行情况表不一致.

Bad::

    资金支出情况：发放费用 744.59 | 合计 745.59；执行情况表 预算执行合计 744.59

Good::

    资金支出情况：发放费用 744.59 | 合计 744.59；执行情况表 预算执行合计 744.59
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.tables import GOAL_FUNDS_CODE, BudgetTable, TableRow
from jixiao.model.text import nf
from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.evaluation.ledger import Amount, amounts
from jixiao.rules.finding import Finding, fmt
from jixiao.rules.numeric import compare_sum

CODE = "EV013"
NAME = "goal-funds-table"
SEVERITY = "error"
CATEGORY = "crossfoot"


def check(ctx: EvContext) -> Iterator[Finding]:
    found = amounts(ctx.form)
    for table in ctx.form.tables:
        if table.code != GOAL_FUNDS_CODE:
            continue
        sections: dict[str, list[TableRow]] = {}
        for row in table.rows:
            sections.setdefault(str(row.section), []).append(row)
        for section, rows in sections.items():
            yield from _section(ctx, table, section, rows, found)


def _section(ctx: EvContext, table: BudgetTable, section: str, rows: list[TableRow],
             found: dict[str, Amount]) -> Iterator[Finding]:
    totals = [r for r in rows if nf(r.item) in ("合计", "总计")]
    items = [r for r in rows if r not in totals]
    if len(totals) != 1:
        return
    total = totals[0]
    columns = total.section_columns or []
    for c, value in enumerate(total.values):
        addends = [r.values[c] for r in items if c < len(r.values) and r.values[c] is not None]
        label = columns[c] if c < len(columns) else f"第{c + 1}列"
        if value is None:
            continue
        if addends:
            computed = sum((a for a in addends if a is not None), Decimal(0))
            texts: list[str | None] = [r.printed[c] for r in items if c < len(r.printed)]
            verdict = compare_sum(value, computed, total.printed[c], texts, ctx.settings.rounding_units)
            if verdict != "ok":
                yield ctx.finding(f"{ctx.name}{table.title}“{section}”合计{label}印为{total.printed[c]}，但明细之和为"
                                  f"{fmt(computed)}。", expected=computed, actual=value, line=total.line,
                                  severity="info" if verdict == "rounding" else None)
        key = "budget" if "批复" in label else "executed" if ("支出" in label or "实际" in label) else None
        other = found.get(key) if key else None
        if other is not None and other.value != value:
            yield ctx.finding(f"{ctx.name}{table.title}“{section}”合计{label}为{total.printed[c]}，但"
                              f"{other.where}为{other.printed}，两表不一致。",
                              expected=other.value, actual=value, line=total.line)
