"""项目预算执行情况表不符合其注释中的公式（如 8=9+11+13、7=8+15、18=8/1*100%、19=7-1、
21=(7-1)/1*100%），或表头隐含的合计（「资金到位情况：合计 = 各季度」），或「合计」行与各项目行之和不符.

A 合计/小计 column without a printed formula adds up its sibling columns under the same header
(「其中：」 columns, rates and dates excluded).

Bad::

    注：本年支出小计：8=9+11+13；  第8栏 744.59，第9、11、13栏 333.81、260.20、150.00

Good::

    注：本年支出小计：8=9+11+13；  第8栏 744.59，第9、11、13栏 333.81、260.20、150.58
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.tables import EXECUTION_CODE, BudgetTable
from jixiao.model.values import is_blank
from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.evaluation.formula import evaluate
from jixiao.rules.finding import Finding, fmt
from jixiao.rules.numeric import compare, compare_sum

CODE = "EV009"
NAME = "execution-table-formulas"
SEVERITY = "error"
CATEGORY = "crossfoot"


def check(ctx: EvContext) -> Iterator[Finding]:
    for table in ctx.form.tables:
        if table.code == EXECUTION_CODE:
            yield from _formulas(ctx, table)
            yield from _total_row(ctx, table)


def implied(table: BudgetTable, printed: list[dict[str, object]]) -> list[dict[str, object]]:
    """「合计」/「小计」 columns = their sibling columns, where the notes print no formula for them."""
    targets = {int(str(f["target"])) for f in printed}
    paths = [label.split("/") for label in table.columns]
    found: list[dict[str, object]] = []
    for n, path in enumerate(paths, start=1):
        if n in targets or len(path) < 2 or path[-1] not in ("合计", "小计"):
            continue
        siblings = [m for m, other in enumerate(paths, start=1) if m != n and len(other) == len(path)
                    and other[:-1] == path[:-1] and not any(w in other[-1] for w in _NOT_ADDENDS)]
        if len(siblings) >= 2:
            expression = "+".join(str(m) for m in siblings)
            found.append({"target": n, "expression": expression, "printed": f"{n}={expression}（按表头）"})
    return found


_NOT_ADDENDS = ("其中", "%", "率", "进度", "时间", "原因", "备注")


def _formulas(ctx: EvContext, table: BudgetTable) -> Iterator[Finding]:
    notes: list[dict[str, object]] = list(table.formulas or [])
    for formula in [*notes, *implied(table, notes)]:
        target = int(str(formula["target"]))
        if not 1 <= target <= len(table.columns):
            continue
        for row in table.rows:
            result = evaluate(str(formula["expression"]), row.values)
            if result is None:
                continue
            value, percent = result
            printed = row.printed[target - 1]
            actual = row.values[target - 1]
            expected = value * 100 if percent else value
            if actual is None:
                if (is_blank(printed) and expected == 0) or not printed:
                    continue
                actual = Decimal(0)
            if compare(actual, expected, printed or "0.00", ctx.settings.rounding_units) == "ok":
                continue
            yield ctx.finding(f"{ctx.name}{table.title}“{row.item}”第{target}栏（{table.columns[target - 1]}）印为"
                              f"{printed or '空'}，按表注公式{formula['printed']}应为{fmt(expected, 2)}，请核对。",
                              expected=expected.quantize(Decimal("0.01")), actual=actual, line=row.line)


def _total_row(ctx: EvContext, table: BudgetTable) -> Iterator[Finding]:
    totals = [r for r in table.rows if r.item.replace(" ", "") in ("合计", "总计")]
    others = [r for r in table.rows if r not in totals]
    if len(totals) != 1 or not others:
        return
    total = totals[0]
    for c, label in enumerate(table.columns):
        if any(w in label for w in ("%", "率", "进度", "时间", "原因", "备注")):
            continue
        values = [r.values[c] for r in others if r.values[c] is not None]
        if total.values[c] is None or not values:
            continue
        computed = sum((v for v in values if v is not None), Decimal(0))
        verdict = compare_sum(total.values[c] or Decimal(0), computed, total.printed[c],
                              [r.printed[c] for r in others], ctx.settings.rounding_units)
        if verdict == "ok":
            continue
        yield ctx.finding(f"{ctx.name}{table.title}合计行第{c + 1}栏（{label}）印为{total.printed[c]}，但各项目行之和为"
                          f"{fmt(computed)}。", expected=computed, actual=total.values[c], line=total.line,
                          severity="info" if verdict == "rounding" else None)
