"""重复指标：two indicator rows of one form with the same 二级 and 三级指标 (ignoring "指标1：" numbering).

Warning: a duplicated row usually double-counts a weight or is a copy-paste slip. The same 三级 name
under another 二级 (a service's 数量 and its 质量) is not a duplicate; two rows that really repeat are,
with or without 分值.

Bad::

    效益指标/社会效益指标/提升居民满意度 …；效益指标/社会效益指标/提升居民满意度 …

Good::

    产出指标/数量指标/垃圾分类运行服务 覆盖12个社区；产出指标/质量指标/垃圾分类运行服务 排名不垫底
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.values import normalize
from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding
from jixiao.rules.scoring import is_scored_row, strip_ordinal

CODE = "SE020"
NAME = "duplicate-indicator"
SEVERITY = "warning"
CATEGORY = "indicator_quality"


def check(ctx: Context) -> Iterator[Finding]:
    seen: dict[tuple[str, str, str], int | None] = {}
    for ind in ctx.form.indicators:
        if not is_scored_row(ind) and not (ind.target or ind.actual):
            continue
        name = strip_ordinal(ind.level3).rstrip("。.")
        if not name:
            continue
        key = (normalize(ind.level1 or ""), normalize(ind.level2 or ""), name)
        if key in seen:
            first = seen[key]
            where = f"（首次出现于第{first}行）" if first else ""
            yield ctx.finding(f"{ctx.name}指标{row_name(ind)}重复{where}。", actual=ind.level3, line=ind.line)
        else:
            seen[key] = ind.line
