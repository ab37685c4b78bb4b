"""申报的绩效指标在自评表中不见了：自评应对照申报的全部指标逐项评价，删去的指标须说明原因.

An indicator of the project's declaration of the year with no counterpart (same 三级指标, or a close
name within its 一级指标) among the self-evaluation's rows. Not reported when the self-evaluation
records a target adjustment (the profile's ``[lifecycle] adjustment_words`` in its goal).

Bad::

    申报表：产出指标/质量指标/整治验收合格  定性  优
    自评表：（没有这一行，也没有调整说明）

Good::

    自评表：产出指标/质量指标/整治验收合格  年度指标值 优  实际完成值 优
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.finding import Finding
from jixiao.rules.lifecycle.bundle import declared_text, indicator_label, pair
from jixiao.rules.lifecycle.context import LcContext, cite

CODE = "LC002"
NAME = "lifecycle-indicator-dropped"
SEVERITY = "warning"
CATEGORY = "lifecycle"


def check(ctx: LcContext) -> Iterator[Finding]:
    words = ctx.settings.adjustment_words
    for se in ctx.bundle.self_evaluations:
        declared = ctx.bundle.declared(se.year)
        if not declared or se.form.blank or not se.form.indicators:
            continue
        goal = f"{se.form.goal_expected or ''}{se.form.goal_actual or ''}"
        if any(w in goal for w in words):
            continue
        decl = declared[0]
        for d, s in pair(decl.form.indicators, se.form.indicators):
            if d is None or s is not None:
                continue
            yield ctx.finding(
                se, f"{ctx.name}申报表（{cite(decl, d.line)}）申报的指标{indicator_label(d)}"
                    f"（{declared_text(d)}）在自评表中没有评价，请补充或说明删去的原因。",
                related=[decl.ref(d.line)], expected=declared_text(d), actual=None)
