"""指标表述模糊：a target worded vaguely with no measure ("符合相关质量标准", "预算范围内",
"有效提升" …), which a reviewer cannot verify (财预〔2021〕101号).

Only targets that state no number are judged → warning.

Bad::

    质量指标  工程质量  年度指标值：符合相关质量标准

Good::

    质量指标  工程验收合格率  年度指标值：=100%
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.model.values import normalize
from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding
from jixiao.rules.scoring import is_scored_row

CODE = "SE018"
NAME = "vague-wording"
SEVERITY = "warning"
CATEGORY = "indicator_quality"
VAGUE = ("符合相关质量标准", "符合相关标准", "符合质量标准", "符合相关要求", "符合要求", "预算范围内", "预算金额内",
         "预算数范围内", "有效提升", "有效提高", "有效改善", "明显提升", "明显提高", "明显改善", "显著提升", "显著提高",
         "进一步提升", "进一步提高", "进一步加强", "不断提升", "不断增强", "持续提升", "稳步提升", "逐步提高",
         "取得良好", "良好的社会效益", "长期可持续", "促进社会和谐")


def check(ctx: Context) -> Iterator[Finding]:
    for ind in ctx.form.indicators:
        if not is_scored_row(ind) or not ind.target:
            continue
        text = normalize(ind.target)
        if re.search(r"\d", text):
            continue
        hits = [w for w in VAGUE if w in text]
        if hits:
            yield ctx.finding(f"{ctx.name}指标{row_name(ind)}年度指标值「{ind.target}」表述模糊（“{hits[0]}”），"
                              "无可衡量的数值，建议细化量化。", actual=ind.target, line=ind.line)
