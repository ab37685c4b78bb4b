"""等级与总分不符：the printed 绩效等级 is not the grade of the printed 总分 under the profile.

Skipped when no grade is printed (most self-evaluations have none; a grade printed after the total,
alone or as 自评等级：优, is read). 优秀/良好/中等/较差 are the same grades as 优/良/中/差. Grade bounds are whole
numbers, so rounding only matters for a total printed with decimals and is not tolerated.

Bad::

    总分 85  等级 优

Good::

    总分 85  等级 良
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.values import normalize
from jixiao.rules.base import Context
from jixiao.rules.finding import Finding, fmt

CODE = "SE012"
NAME = "grade-vs-total"
SEVERITY = "error"
CATEGORY = "grade"
# The long and short names of one grade: a form may print 优秀 where the profile says 优.
SYNONYMS = {"优秀": "优", "良好": "良", "中等": "中", "较差": "差"}


def same_grade(printed: str, expected: str) -> bool:
    a, b = normalize(printed), normalize(expected)
    return SYNONYMS.get(a, a) == SYNONYMS.get(b, b)


def check(ctx: Context) -> Iterator[Finding]:
    printed = ctx.score.printed_grade
    total = ctx.form.total_score
    if not printed or total is None:
        return
    expected = ctx.profile.grade_for(total)
    if expected is None or same_grade(printed, expected):
        return
    labels = "/".join(g.label for g in ctx.profile.grades)
    yield ctx.finding(f"{ctx.name}总分{fmt(total)}对应等级应为“{expected}”（{labels}），印为“{printed}”。",
                      expected=expected, actual=printed, line=ctx.form.total_line)
