"""成本指标与资金表不符：a cost (成本) indicator phrased as the total cost (总成本, 预算数, 共计 …)
states an amount that is neither the 全年预算数 nor the 年初预算数 (target) or ≠ 全年执行数 (actual).

Amounts are compared in 万元 at the coarser printed precision with one unit of slack, so
"949.82万元" matches 949.821024 and "7445949.64元" matches 744.59. A factor of 10 000 (万元
written as 元) is left to SE014. Warning: the table of funds and the indicator disagree.

Bad::

    全年预算数 1.61 … 成本指标 控制项目成本在预算数范围内  不超预算数5.72万元

Good::

    全年预算数 1.61 … 成本指标 控制项目成本在预算数范围内  不超预算数1.61万元
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.selfeval import Indicator
from jixiao.model.values import normalize
from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding, fmt
from jixiao.rules.money import TEN_THOUSAND, Amount, amount_of, same_amount
from jixiao.rules.numeric import printed_decimals

CODE = "SE013"
NAME = "cost-vs-funds"
SEVERITY = "warning"
CATEGORY = "crossfoot"
TOTAL_WORDS = ("总成本", "总额", "总金额", "总经费", "总投入", "预算数", "全年成本", "项目成本", "成本总额", "实际成本")
ACTUAL_TOTAL_WORDS = ("共计", "合计", "总计", "累计")


def is_cost(ind: Indicator) -> bool:
    return "成本" in normalize(ind.level2 or "")


def phrased_as_total(ind: Indicator, cell: str | None, words: tuple[str, ...] = TOTAL_WORDS) -> bool:
    text = normalize(f"{ind.level3 or ''}{cell or ''}")
    return any(w in text for w in words)


def matches_any(amount: Amount, candidates: list[tuple[Decimal, str | None]]) -> bool:
    wan = amount.wan
    if wan is None:
        return False
    decimals = amount.decimals + (4 if amount.unit == "元" else 0)
    return any(same_amount(wan, decimals, value, printed_decimals(text)) for value, text in candidates)


def off_by_ten_thousand(amount: Amount, candidates: list[tuple[Decimal, str | None]]) -> bool:
    """True when the printed number is a funds figure with the wrong unit (万元 ↔ 元)."""
    if amount.unit is None or matches_any(amount, candidates):
        return False
    for value, text in candidates:
        if value == 0:
            continue
        d = printed_decimals(text)
        if amount.unit == "元" and same_amount(amount.number, amount.decimals, value, d):
            return True
        if amount.unit in ("万元", "万") and same_amount(amount.number, amount.decimals, value * TEN_THOUSAND,
                                                       max(d - 4, 0)):
            return True
    return False


def budgets(ctx: Context) -> list[tuple[Decimal, str | None]]:
    row = ctx.form.funds.total
    pairs = [(row.full_year_budget, row.printed.get("full_year_budget")),
             (row.initial_budget, row.printed.get("initial_budget"))]
    return [(v, t) for v, t in pairs if v is not None]


def executed(ctx: Context) -> list[tuple[Decimal, str | None]]:
    row = ctx.form.funds.total
    return [(row.executed, row.printed.get("executed"))] if row.executed is not None else []


def check(ctx: Context) -> Iterator[Finding]:
    for ind in ctx.form.indicators:
        if not is_cost(ind):
            continue
        target = amount_of(ind.target_value)
        plan = budgets(ctx)
        if (target and target.wan is not None and plan and phrased_as_total(ind, ind.target)
                and not matches_any(target, plan) and not off_by_ten_thousand(target, plan)):
            yield ctx.finding(
                f"{ctx.name}成本指标{row_name(ind)}年度指标值为{ind.target}（{fmt(target.wan)}万元），"
                f"与资金表全年预算数{fmt(plan[0][0])}万元不一致。",
                expected=plan[0][0], actual=target.wan, line=ind.line)
        actual = amount_of(ind.actual_value)
        spent = executed(ctx)
        if (actual and actual.wan is not None and spent and phrased_as_total(ind, ind.actual, ACTUAL_TOTAL_WORDS)
                and not matches_any(actual, spent) and not off_by_ten_thousand(actual, spent)):
            yield ctx.finding(
                f"{ctx.name}成本指标{row_name(ind)}实际完成值为{ind.actual}（{fmt(actual.wan)}万元），"
                f"与资金表全年执行数{fmt(spent[0][0])}万元不一致。",
                expected=spent[0][0], actual=actual.wan, line=ind.line)
