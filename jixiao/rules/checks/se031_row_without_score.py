"""有值无分值：an indicator row that prints a target and an actual value but neither 分值 nor 得分,
in a form whose other rows have them (the template has the columns). Warning: the row is left out of
the weights and the total, so either it was forgotten or it should not be there.

Bad::

    数量指标  发放人次  ≥480人次  480人次  （分值、得分空白）      质量指标 … 分值10 得分10

Good::

    数量指标  发放人次  ≥480人次  480人次  分值10 得分10           质量指标 … 分值10 得分10
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.values import is_blank
from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding
from jixiao.rules.scoring import is_scored_row

CODE = "SE031"
NAME = "row-without-score"
SEVERITY = "warning"
CATEGORY = "missing"
MIN_SCORED = 2  # rows with 分值 that show the template has the column


def _measurable(text: str | None) -> bool:
    return not is_blank(text) and any(c.isdigit() for c in text or "")


def check(ctx: Context) -> Iterator[Finding]:
    rows = ctx.form.indicators
    if sum(1 for ind in rows if ind.weight is not None) < MIN_SCORED:
        return
    for ind in rows:
        if is_scored_row(ind) or is_blank(ind.level3) or not (_measurable(ind.target) and _measurable(ind.actual)):
            continue
        yield ctx.finding(f"{ctx.name}指标{row_name(ind)}填了年度指标值「{ind.target}」和实际完成值「{ind.actual}」，"
                          "却没有分值和得分，未计入总分。", expected="分值、得分", actual=None, line=ind.line)
