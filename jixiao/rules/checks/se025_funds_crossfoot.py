"""资金表不平衡：in a column of the funds block (年初预算数, 全年预算数, 全年执行数), 当年财政拨款 +
上年结转资金 + 其他资金 ≠ 年度资金总额. An error when every part is printed; a warning when some part
is blank (a blank read as 0 still leaves the total unexplained). Within the rounding of the printed
amounts it is not reported.

Bad::

    年度资金总额 全年执行数 100   其中：当年财政拨款 80   上年结转资金 10   其他资金 0

Good::

    年度资金总额 全年执行数 100   其中：当年财政拨款 90   上年结转资金 10   其他资金 0
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.selfeval import FundRow
from jixiao.rules.base import Context
from jixiao.rules.finding import Finding, fmt
from jixiao.rules.numeric import compare_sum

CODE = "SE025"
NAME = "funds-crossfoot"
SEVERITY = "error"
CATEGORY = "crossfoot"
COLUMNS = {"initial_budget": "年初预算数", "full_year_budget": "全年预算数", "executed": "全年执行数"}
PARTS = {"current_year_appropriation": "当年财政拨款", "prior_year_carryover": "上年结转资金", "other": "其他资金"}


def check(ctx: Context) -> Iterator[Finding]:
    funds = ctx.form.funds
    total: FundRow = funds.total
    for column, label in COLUMNS.items():
        printed = getattr(total, column)
        rows: dict[str, FundRow] = {key: getattr(funds, key) for key in PARTS}
        parts = {key: getattr(row, column) for key, row in rows.items()}
        if printed is None or all(value is None for value in parts.values()):
            continue
        computed = sum((v for v in parts.values() if v is not None), Decimal(0))
        texts = [row.printed.get(column) for row in rows.values()]
        verdict = compare_sum(printed, computed, total.printed.get(column), texts, ctx.profile.scoring.rounding_units)
        if verdict != "mismatch":
            continue
        blank = [PARTS[key] for key, value in parts.items() if value is None]
        terms = "、".join(f"{PARTS[key]}{fmt(value)}" for key, value in parts.items() if value is not None)
        why = f"（{'、'.join(blank)}未填）" if blank else ""
        yield ctx.finding(f"{ctx.name}资金表{label}：{terms}，合计{fmt(computed)}万元，与年度资金总额"
                          f"{fmt(printed)}万元相差{fmt(printed - computed)}万元{why}。", expected=computed,
                          actual=printed, line=total.line, severity="warning" if blank else "error")
