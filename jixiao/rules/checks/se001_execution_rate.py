"""执行率与金额不符：printed 执行率 ≠ 全年执行数 / 全年预算数.

Rounding: the recomputed rate is compared at the printed precision: within half a unit of the last
printed digit is what was printed ("100%" for 100.0002 %, no finding). A rate truncated instead of
rounded ("66.6%" for 66.607 %) or off by less than one unit of a fine last digit (0.1 % or finer) is
``info``, and said not to be rounding; anything more is an error.

Bad::

    年度资金总额  全年预算数 100  全年执行数 90  执行率 100%

Good::

    年度资金总额  全年预算数 100  全年执行数 90  执行率 90%
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.selfeval import FundRow
from jixiao.rules.base import Context, dec
from jixiao.rules.finding import Finding, fmt, pct
from jixiao.rules.numeric import NOT_ROUNDING, compare

CODE = "SE001"
NAME = "execution-rate-vs-amounts"
SEVERITY = "error"
CATEGORY = "execution_rate"
PERCENT_FINE = Decimal("0.1")
ROW_LABELS = {"total": "年度资金总额", "current_year_appropriation": "当年财政拨款",
              "prior_year_carryover": "上年结转资金", "other": "其他资金"}


def check(ctx: Context) -> Iterator[Finding]:
    for key, label in ROW_LABELS.items():
        row: FundRow = getattr(ctx.form.funds, key)
        if row.execution_rate is None or row.full_year_budget is None or row.executed is None:
            continue
        if row.full_year_budget <= 0:
            continue
        computed = row.executed / row.full_year_budget
        printed_text = row.printed.get("execution_rate")
        verdict = compare(row.execution_rate * 100, computed * 100, printed_text, ctx.profile.scoring.rounding_units,
                          fine=PERCENT_FINE)
        if verdict == "ok":
            continue
        message = (f"{ctx.name}{label}执行率印为{printed_text}，但全年执行数{fmt(row.executed)}÷全年预算数"
                   f"{fmt(row.full_year_budget)}={pct(computed)}")
        if verdict == "rounding":
            yield ctx.finding(message + f"（{NOT_ROUNDING}）", expected=dec(computed),
                              actual=row.execution_rate, line=row.line, severity="info")
        else:
            yield ctx.finding(message + "，请核对执行率或金额。", expected=dec(computed), actual=row.execution_rate,
                              line=row.line)
