"""投入当作产出：a 产出 indicator outside 成本指标 whose target is money (元/万元), or a 数量指标 that
counts staff put in (工作人员, 配备人员) rather than what they produce (财预〔2021〕101号).

Money as output → warning; staff as output → info.

Bad::

    产出指标/数量指标/资金拨付  年度指标值 50万元

Good::

    产出指标/数量指标/补贴发放人次  年度指标值 ≥400人次
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.model.values import normalize
from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding
from jixiao.rules.scoring import is_money

CODE = "SE023"
NAME = "input-as-output"
SEVERITY = "warning"
CATEGORY = "indicator_quality"
STAFF = re.compile(r"工作人员|人员配备|配备.{0,4}人员|聘用.{0,6}人|投入.{0,4}人")


def check(ctx: Context) -> Iterator[Finding]:
    for ind in ctx.form.indicators:
        level1, level2 = normalize(ind.level1 or ""), normalize(ind.level2 or "")
        if "产出" not in level1 or "成本" in level2:
            continue
        value = ind.target_value
        if value is not None and value.kind == "number" and is_money(value.unit):
            yield ctx.finding(f"{ctx.name}产出指标{row_name(ind)}以资金额「{ind.target}」作为产出，"
                              "资金是投入，应改为成本指标或实际产出。", actual=ind.target, line=ind.line)
        elif "数量" in level2 and STAFF.search(normalize(ind.level3 or "")):
            yield ctx.finding(f"{ctx.name}数量指标{row_name(ind)}统计的是投入的人员，不是产出。",
                              actual=ind.level3, line=ind.line, severity="info")
