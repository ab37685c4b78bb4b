"""必填单元格为空：执行率, 执行率得分, 全年预算数/执行数, an indicator's 分值 or 得分, or 总分.

An empty required cell means the form cannot be checked or scored → warning. Rows that carry
neither weight nor score (continuation fragments of a broken row) are not judged, and a column the
template does not print (no 分值 column: the points sit in the block label; no 全年预算数 column) is
not missing.

Bad::

    发放人数  504人  504人  分值 10  得分（空）

Good::

    发放人数  504人  504人  分值 10  得分 10
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.base import REQUIRED_FUND_COLUMNS, Context, is_blank, row_name
from jixiao.rules.finding import Finding
from jixiao.rules.scoring import is_scored_row

CODE = "SE016"
NAME = "missing-cell"
SEVERITY = "warning"
CATEGORY = "missing"
MANY = 3


def check(ctx: Context) -> Iterator[Finding]:
    form = ctx.form
    row = form.funds.total
    printed_funds = set(form.funds_columns) or set(REQUIRED_FUND_COLUMNS)  # the template's own columns, where known
    printed_indicators = set(form.indicator_columns) or {"weight", "score"}
    if row.printed or row.line is not None:
        empty = [label for column, label in REQUIRED_FUND_COLUMNS.items()
                 if column in printed_funds and is_blank(row.printed, column, getattr(row, column))]
        if empty:
            yield ctx.finding(f"{ctx.name}年度资金总额行的{'、'.join(empty)}未填写。", expected="非空", actual=None,
                              line=row.line)
    rows = [ind for ind in form.indicators if is_scored_row(ind)]
    no_score = [ind for ind in rows if "score" in printed_indicators and is_blank(ind.printed, "score", ind.score)]
    no_weight = [ind for ind in rows if "weight" in printed_indicators and is_blank(ind.printed, "weight", ind.weight)]
    if len(no_score) >= MANY:
        yield ctx.finding(f"{ctx.name}有{len(no_score)}项指标未填写得分。", expected="非空", actual=None,
                          line=no_score[0].line)
    else:
        for ind in no_score:
            yield ctx.finding(f"{ctx.name}指标{row_name(ind)}未填写得分。", expected="非空", actual=None, line=ind.line)
    for ind in no_weight:
        yield ctx.finding(f"{ctx.name}指标{row_name(ind)}未填写分值。", expected="非空", actual=None, line=ind.line)
    if rows and is_blank(form.total_printed, "total_score", form.total_score):
        yield ctx.finding(f"{ctx.name}未填写总分。", expected="非空", actual=None, line=form.total_line)
