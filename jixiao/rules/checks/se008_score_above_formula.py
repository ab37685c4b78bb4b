"""定量指标得分高于计分规则：printed score above the official formula for a missed target.

Covers the cases SE007 leaves out (a partial miss or a score below near-full). Rounding: a score
within one unit of its last printed digit of the formula is consistent. Warning: units may set
their own scoring detail for partial achievement.

Bad::

    覆盖人数 ≥100人  实际 80人  分值 10  得分 8.5      (formula: 8)

Good::

    覆盖人数 ≥100人  实际 80人  分值 10  得分 8
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.base import Context, dec, row_name
from jixiao.rules.finding import Finding, fmt
from jixiao.rules.numeric import compare

CODE = "SE008"
NAME = "score-above-formula"
SEVERITY = "warning"
CATEGORY = "score_unjustified"


def check(ctx: Context) -> Iterator[Finding]:
    scoring = ctx.profile.scoring
    for ind in ctx.score.indicators:
        if ind.met is not False or ind.recomputed is None or ind.printed_score is None or ind.weight is None:
            continue
        if ind.method not in ("positive", "negative", "equality") or ind.printed_score <= ind.recomputed:
            continue
        near_full = ind.printed_score >= scoring.near_full * ind.weight
        if near_full and ind.achievement is not None and ind.achievement < scoring.clear_miss:
            continue  # SE007
        form_ind = ctx.form.indicators[ind.index]
        verdict = compare(ind.printed_score, ind.recomputed, form_ind.printed.get("score"), scoring.rounding_units)
        if verdict != "mismatch":
            continue
        yield ctx.finding(
            f"{ctx.name}指标{row_name(form_ind)}目标{form_ind.target}、实际{form_ind.actual}，"
            f"按计分规则应得{fmt(ind.recomputed, 2)}分，印为{fmt(ind.printed_score)}分。",
            expected=dec(ind.recomputed), actual=ind.printed_score, line=ind.line)
