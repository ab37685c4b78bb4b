"""模板占位符未替换：template text left in a self-evaluation — "**" and "XX单位" for names,
"指标1：……" for an indicator, "(200字以内)" for a goal, an indicator called "指标2：" with nothing
after it. Warning: the form was submitted before it was filled in.

Bad::

    年度总体目标  依据**政策，对XX群体发放补助（200字以内）
    效益指标/可持续影响指标/指标2：

Good::

    年度总体目标  依据民政部门政策，对低保群体按月发放补助
    效益指标/可持续影响指标/困难群众生活保障持续时间
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding

CODE = "SE028"
NAME = "placeholder-left"
SEVERITY = "warning"
CATEGORY = "text"
PLACEHOLDER = re.compile(r"\*\*|＊＊|(?<![A-Za-z])(?:XX|xx|××)(?![A-Za-z])|……|\.{6}|"
                         r"[(（]\s*\d+\s*字(?:以内|以下|左右)\s*[)）]|指标\s*\d+\s*[：:]\s*[,，、;；。.]*\s*$")


def placeholder(text: str | None) -> str | None:
    """The template placeholder a cell still holds, if any."""
    match = PLACEHOLDER.search(unicodedata.normalize("NFKC", text or "").strip())
    return match.group(0).strip() if match else None


def check(ctx: Context) -> Iterator[Finding]:
    form = ctx.form
    fields: list[tuple[str, str | None, int | None]] = [
        ("项目名称", form.project_name, None), ("年度总体目标预期目标", form.goal_expected, None),
              ("年度总体目标实际完成情况", form.goal_actual, None)]
    for ind in form.indicators:
        fields += [(f"指标{row_name(ind)}{label}", text, ind.line)
                   for label, text in (("三级指标", ind.level3), ("年度指标值", ind.target), ("实际完成值", ind.actual),
                                       ("偏差原因", ind.deviation_note))]
    told: set[str] = set()
    for where, text, line in fields:
        mark = placeholder(text)
        if mark is None:
            continue
        key = where.split("」")[0]
        if key in told:  # one row's placeholders are one finding
            continue
        told.add(key)
        yield ctx.finding(f"{ctx.name}{where}仍是模板文字（占位符「{mark}」），请填写实际内容。", actual=text,
                          line=line)
