"""自评表的年度指标值与申报的绩效目标不一致（指标值、指标性质或度量单位改了），且没有记录目标调整：
以申报表为准核对，目标确需调整的应有批复并在偏差原因中说明.

Both forms of the same project and year are compared indicator by indicator (the same 三级指标, else
the closest name within the 一级指标). A change is recorded when the row's 偏差原因 or the goal
says so (the profile's ``[lifecycle] adjustment_words``), or when another declaration of that year
(an adjusted one) prints the self-evaluated value.

Bad::

    申报表：产出指标/数量指标/整治点位数  ≥  20  处
    自评表：整治点位数  年度指标值 ≥15处  实际完成值 16处  （无调整说明）

Good::

    自评表：整治点位数  年度指标值 ≥20处  实际完成值 21处
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.declaration import DeclaredIndicator, TargetDeclaration
from jixiao.model.selfeval import Indicator, SelfEvaluation
from jixiao.rules.finding import Finding
from jixiao.rules.lifecycle.bundle import Placed, evaluated_value, indicator_label, pair
from jixiao.rules.lifecycle.context import LcContext, cite
from jixiao.rules.lifecycle.drift import target_change

CODE = "LC001"
NAME = "lifecycle-target-drift"
SEVERITY = "warning"
CATEGORY = "lifecycle"
WHAT = {"value": "指标值", "nature": "指标性质", "unit": "度量单位"}


def adjusted(ctx: LcContext, form: SelfEvaluation, row: Indicator) -> bool:
    words = ctx.settings.adjustment_words
    texts = (row.deviation_note, form.goal_actual, form.goal_expected)
    return any(w in t for t in texts if t for w in words)


def _also_declared(others: list[Placed[TargetDeclaration]], row: Indicator) -> bool:
    """Another declaration of the year (an adjusted one) prints the self-evaluated target."""
    for other in others:
        for d, s in pair(other.form.indicators, [row]):
            if d is not None and s is not None and target_change(d, evaluated_value(s)) is None:
                return True
    return False


def check(ctx: LcContext) -> Iterator[Finding]:
    for se in ctx.bundle.self_evaluations:
        declared = ctx.bundle.declared(se.year)
        if not declared or se.form.blank:
            continue
        decl = declared[0]
        for d, s in pair(decl.form.indicators, se.form.indicators):
            if d is None or s is None:
                continue
            change = target_change(d, evaluated_value(s))
            if change is None or adjusted(ctx, se.form, s) or _also_declared(declared[1:], s):
                continue
            yield _finding(ctx, se, decl, d, s, change.kind, change.easier, change.declared, change.evaluated)


def _finding(ctx: LcContext, se: Placed[SelfEvaluation], decl: Placed[TargetDeclaration], d: DeclaredIndicator,
             s: Indicator, kind: str, easier: bool | None, declared: str, evaluated: str) -> Finding:
    how = "，目标调低了" if easier else "，目标调高了" if easier is False else ""
    return ctx.finding(
        se, f"{ctx.name}自评表{indicator_label(s)}的年度指标值「{evaluated}」与申报表（{cite(decl, d.line)}）"
            f"申报的「{declared}」{WHAT[kind]}不一致{how}，未记录目标调整，请以申报目标为准核实。",
        related=[decl.ref(d.line)], line=s.line, expected=declared, actual=evaluated)
