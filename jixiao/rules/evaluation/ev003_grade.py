"""绩效评定级别与综合得分所在等级区间不符（区间见规则配置 ``[evaluation.grades]``，未配置时用 ``[[grades]]``）.

Bad::

    综合得分 85.26；绩效评定级别 优秀   （国家口径：80–<90 为良）

Good::

    综合得分 85.26；绩效评定级别 良好
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.finding import Finding, fmt

CODE = "EV003"
NAME = "grade-band"
SEVERITY = "error"
CATEGORY = "grade"


def check(ctx: EvContext) -> Iterator[Finding]:
    ev = ctx.form
    if ev.total_score is None or not ev.grade:
        return
    band = ctx.settings.band_for(ctx.profile, ev.total_score)
    if band is None or band.matches(ev.grade):
        return
    yield ctx.finding(f"{ctx.name}综合得分{fmt(ev.total_score)}分按“{ctx.profile.title or ctx.profile.name}”口径"
                      f"应评为“{band.label}”（≥{fmt(band.min)}分），但绩效评定级别印为“{ev.grade}”。",
                      expected=band.label, actual=ev.grade, line=ev.grade_line or ev.total_line)
