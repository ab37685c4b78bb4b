"""期间或年份与本表矛盾：a period printed in an indicator row that contradicts the row's own length
("2024年5月-2024年5月" against "12个月"), or a date in an indicator row or the 实际完成情况 of a year
before the form's year (a 2023 date in a 2024 form: last year's text left in). Warning. Years in
cited documents, policy names and background clauses ("已于2019年完成") do not count.

Bad::

    时效指标  服务期限12个月  年度指标值：2024年5月-2024年5月
    2024年度自评表  实际完成值：2023年12月完成验收

Good::

    时效指标  服务期限12个月  年度指标值：2024年1月-2024年12月
    2024年度自评表  实际完成值：2024年12月完成验收
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding
from jixiao.rules.years import background_free

CODE = "SE026"
NAME = "period-contradiction"
SEVERITY = "warning"
CATEGORY = "text"
_SPAN = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?\s*[-—~至到]+\s*"
                   r"(?:(20\d\d)\s*年\s*)?(\d{1,2})\s*月")
_MONTHS = re.compile(r"(\d{1,2})\s*个\s*月")
_DATE = re.compile(r"(20\d\d)\s*年\s*\d{1,2}\s*月")


def _plain(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "")


def span_months(text: str) -> tuple[str, int] | None:
    """A printed period and the months it covers, both ends included ("2024年5月-2024年5月" → 1)."""
    match = _SPAN.search(text)
    if match is None:
        return None
    start_year, start_month, end_year, end_month = match.groups()
    end = int(end_year or start_year) * 12 + int(end_month)
    return match.group(0), end - (int(start_year) * 12 + int(start_month)) + 1


def check(ctx: Context) -> Iterator[Finding]:
    form = ctx.form
    for ind in form.indicators:
        texts = [_plain(t) for t in (ind.level3, ind.target, ind.actual)]
        stated = next((int(m.group(1)) for t in texts if (m := _MONTHS.search(t))), None)
        for text in texts:
            period = span_months(text)
            if stated is not None and period is not None and 0 < period[1] != stated:
                yield ctx.finding(f"{ctx.name}指标{row_name(ind)}写的期间「{period[0]}」只有{period[1]}个月，"
                                  f"与本行的{stated}个月矛盾。", expected=stated, actual=period[1], line=ind.line)
                break
    if form.year is None:
        return
    places: list[tuple[str, str | None, int | None]] = [
        (f"指标{row_name(ind)}{label}", cell, ind.line) for ind in form.indicators
        for label, cell in (("", ind.level3), ("年度指标值", ind.target), ("实际完成值", ind.actual))]
    places.append(("年度总体目标实际完成情况", form.goal_actual, None))
    told: set[int | None] = set()
    for where, cell, line in places:
        years = sorted({int(y) for y in _DATE.findall(background_free(_plain(cell)))})
        early = [y for y in years if y < form.year]
        if early and max(years) < form.year and line not in told:
            told.add(line)
            yield ctx.finding(f"{ctx.name}{where}写的是{'、'.join(map(str, early))}年的日期，本表是{form.year}年度，"
                              "疑为沿用往年文字。", expected=form.year, actual=max(early), line=line)
