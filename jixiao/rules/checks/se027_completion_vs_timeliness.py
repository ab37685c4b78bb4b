"""完成情况与时效得分矛盾：a 时效指标 scored in full while the form says the work is not done in
its year — in that row or in any other actual value or the 实际完成情况 ("预计2021年完成" in a 2020
form, "尚未完成", "延期"). Warning: the timeliness score rewards what the form itself says did not
happen on time.

Bad::

    2020年度  数量指标 … 实际完成值：项目打造预计2021年完成
              时效指标  项目完成时间 2020年底  实际完成值：2020年底已完成  分值10 得分10

Good::

    2020年度  数量指标 … 实际完成值：项目打造预计2021年完成
              时效指标  项目完成时间 2020年底  实际完成值：预计2021年完成  分值10 得分6  偏差原因：工程延期
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from jixiao.model.values import normalize
from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding
from jixiao.rules.scoring import is_scored_row

CODE = "SE027"
NAME = "completion-vs-timeliness"
SEVERITY = "warning"
CATEGORY = "text"
_NOT_DONE = re.compile(r"尚未完成|未完成|未能完成|推迟|延期|延后|逾期")
_LATER = re.compile(r"(?:预计|计划|将于|拟于|争取)\s*(?:于\s*)?(20\d\d)\s*年[^，。；,;]{0,12}?完成")


def not_done(text: str | None, year: int | None) -> str | None:
    """The words of ``text`` that say the work is not done in ``year`` ("预计2021年完成", "尚未完成")."""
    plain = unicodedata.normalize("NFKC", text or "")
    later = next((m for m in _LATER.finditer(plain) if year is not None and int(m.group(1)) > year), None)
    if later is not None:
        return later.group(0)
    said = _NOT_DONE.search(plain)
    return said.group(0) if said else None


def check(ctx: Context) -> Iterator[Finding]:
    form = ctx.form
    said = next(((f"指标{row_name(ind)}", words) for ind in form.indicators
                 if (words := not_done(ind.actual, form.year))), None)
    if said is None and (words := not_done(form.goal_actual, form.year)):
        said = ("年度总体目标实际完成情况", words)
    if said is None:
        return
    for ind in form.indicators:
        if "时效" not in normalize(ind.level2 or "") or not is_scored_row(ind):
            continue
        if ind.weight is None or ind.score is None or ind.score < ind.weight:
            continue
        yield ctx.finding(f"{ctx.name}{said[0]}写明「{said[1]}」，未在{form.year or '本'}年度完成，时效指标"
                          f"{row_name(ind)}却得满分{ind.score}分。", expected=f"低于{ind.weight}分并说明偏差",
                          actual=ind.score, line=ind.line)
