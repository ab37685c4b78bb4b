"""重复指标：two indicator rows of one form with the same 三级指标 (ignoring "指标1：" numbering).

Warning: a duplicated row usually double-counts a weight or is a copy-paste slip.

Bad::

    效益指标/社会效益指标/提升居民满意度 …；效益指标/社会效益指标/提升居民满意度 …

Good::

    效益指标/社会效益指标/提升居民满意度 …；效益指标/社会效益指标/减少矛盾纠纷 …
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding
from jixiao.rules.scoring import is_scored_row, strip_ordinal

CODE = "SE020"
NAME = "duplicate-indicator"
SEVERITY = "warning"
CATEGORY = "indicator_quality"


def check(ctx: Context) -> Iterator[Finding]:
    seen: dict[str, int | None] = {}
    for ind in ctx.form.indicators:
        if not is_scored_row(ind):
            continue
        key = strip_ordinal(ind.level3).rstrip("。.")
        if not key:
            continue
        if key in seen:
            first = seen[key]
            where = f"（首次出现于第{first}行）" if first else ""
            yield ctx.finding(f"{ctx.name}指标{row_name(ind)}重复{where}。", actual=ind.level3, line=ind.line)
        else:
            seen[key] = ind.line
