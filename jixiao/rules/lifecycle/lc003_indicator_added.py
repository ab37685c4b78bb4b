"""自评表中出现了申报时没有的绩效指标：年终新增的指标不是年初的绩效目标，须说明来由.

A self-evaluation row with no counterpart among the indicators of the project's declaration of the
year. Information only: a reviewer decides whether the new indicator replaces a declared one.

Bad::

    申报表：整治点位数 ≥20处；居民满意度 ≥90%
    自评表：整治点位数；居民满意度；宣传活动次数 ≥3次   （申报表中没有）

Good::

    自评表：整治点位数；居民满意度   （与申报一致）
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.finding import Finding
from jixiao.rules.lifecycle.bundle import indicator_label, pair
from jixiao.rules.lifecycle.context import LcContext, cite

CODE = "LC003"
NAME = "lifecycle-indicator-added"
SEVERITY = "info"
CATEGORY = "lifecycle"


def check(ctx: LcContext) -> Iterator[Finding]:
    for se in ctx.bundle.self_evaluations:
        declared = ctx.bundle.declared(se.year)
        if not declared or se.form.blank or not declared[0].form.indicators:
            continue
        decl = declared[0]
        for d, s in pair(decl.form.indicators, se.form.indicators):
            if d is not None or s is None:
                continue
            yield ctx.finding(
                se, f"{ctx.name}自评表的指标{indicator_label(s)}（{s.target or '无指标值'}）在申报表"
                    f"（{cite(decl)}）中没有，请说明新增的来由。",
                related=[decl.ref()], line=s.line, expected=None, actual=s.target)
