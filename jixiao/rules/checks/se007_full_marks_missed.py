"""未完成目标却得满分或接近满分：a quantitative target clearly missed, scored near-full.

"Clearly missed" means the achievement ratio (actual/target; target/actual for ≤ indicators) is
below the profile's ``clear_miss`` (0.95); "near-full" means a printed score of at least
``near_full`` (90 %) of the weight. Error when the target prints its operator (≥ ≤ =), warning
when the direction had to be inferred. Rounding plays no part: the ratio is far from the bound. A
score no higher than the proportional score (within printed rounding) is not unjustified: 15 × 11/12
= 13.75 is 92 % of the weight, and it is what the rules give.

Bad::

    发放人次  年度指标值 480  实际完成值 270  分值 10  得分 10

Good::

    发放人次  年度指标值 480  实际完成值 270  分值 10  得分 5.63  偏差原因：实际申请人员不足预期
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.base import Context, dec, row_name
from jixiao.rules.finding import Finding, fmt
from jixiao.rules.numeric import compare

CODE = "SE007"
NAME = "full-marks-for-missed-target"
SEVERITY = "error"
CATEGORY = "score_unjustified"
QUANTITATIVE = ("positive", "negative", "equality")


def check(ctx: Context) -> Iterator[Finding]:
    scoring = ctx.profile.scoring
    for ind in ctx.score.indicators:
        if ind.method not in QUANTITATIVE or ind.met is not False or ind.achievement is None:
            continue
        if ind.weight is None or ind.printed_score is None or ind.weight <= 0:
            continue
        if ind.achievement >= scoring.clear_miss or ind.printed_score < scoring.near_full * ind.weight:
            continue
        form_ind = ctx.form.indicators[ind.index]
        if ind.recomputed is not None and (
                ind.printed_score <= ind.recomputed
                or compare(ind.printed_score, ind.recomputed, form_ind.printed.get("score")) != "mismatch"):
            continue  # scored in proportion to what was achieved: not unjustified, only near-full
        direction = "" if ind.direction_explicit else "（未标明指标性质，按推定方向）"
        yield ctx.finding(
            f"{ctx.name}指标{row_name(form_ind)}年度指标值{form_ind.target}，实际完成值{form_ind.actual}，"
            f"未达成目标{direction}，却得{fmt(ind.printed_score)}分（分值{fmt(ind.weight)}），"
            f"按规则应得{fmt(ind.recomputed, 2)}分。",
            expected=dec(ind.recomputed), actual=ind.printed_score, line=ind.line,
            severity="error" if ind.direction_explicit else "warning")
