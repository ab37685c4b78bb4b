"""今年的绩效目标低于上年已实际完成的值：目标定得让人稳能完成，没有体现绩效提升.

For a quantity to reach (指标性质 ≥ or >), this year's declared target (else, with no declaration,
the self-evaluation's 年度指标值) is compared with the 实际完成值 of the same indicator in the
project's self-evaluation of the year before, in the same unit ("万" scaled). Indicators named with
one of the profile's ``[lifecycle] below_actual_skip_words`` (满意度: a standard, not a yearly target)
are left out.

Bad::

    2024年自评表：培训人次  实际完成值 1200人次
    2025年申报表：培训人次  ≥  800  人次

Good::

    2025年申报表：培训人次  ≥  1200  人次
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jixiao.model.selfeval import Indicator
from jixiao.model.values import Value, parse_value, scaled
from jixiao.rules.finding import Finding
from jixiao.rules.lifecycle.bundle import Placed, declared_text, declared_value, evaluated_value, indicator_label, pair
from jixiao.rules.lifecycle.context import LcContext, cite
from jixiao.rules.lifecycle.drift import QUANTITIES

CODE = "LC005"
NAME = "lifecycle-target-below-last-actual"
SEVERITY = "warning"
CATEGORY = "lifecycle"
REACH = ("≥", ">", ">=")


def _base(unit: str | None) -> str:
    unit = unit or ""
    return unit[1:] if len(unit) > 1 and unit[0] in "万千亿" else unit


def _below(target: Value | None, actual: Value | None) -> bool:
    if target is None or actual is None or target.kind not in QUANTITIES or actual.kind not in QUANTITIES:
        return False
    if target.op not in REACH or _base(target.unit) != _base(actual.unit):
        return False
    t, a = scaled(target), scaled(actual)
    return t is not None and a is not None and t < a


def _actual(row: Indicator) -> Value | None:
    return row.actual_value or parse_value(row.actual)


def check(ctx: LcContext) -> Iterator[Finding]:
    for last in ctx.bundle.self_evaluations:
        if last.year is None or last.form.blank:
            continue
        this: list[Placed[Any]] = list(ctx.bundle.declared(last.year + 1)) or list(ctx.bundle.evaluated(last.year + 1))
        for subject in this[:1]:
            for row, previous in pair(subject.form.indicators, last.form.indicators):
                if row is None or previous is None:
                    continue
                levels = f"{row.level1 or ''}{row.level2 or ''}{row.level3 or ''}"
                if any(w in levels for w in ctx.settings.below_actual_skip_words):
                    continue
                is_declared = subject.kind == "project_target_declaration"
                target = declared_value(row) if is_declared else evaluated_value(row)
                actual = _actual(previous)
                if not _below(target, actual):
                    continue
                shown = declared_text(row) if is_declared else (row.target or "")
                where = "申报" if is_declared else "自评表"
                yield ctx.finding(
                    subject, f"{ctx.name}{subject.year}年{where}指标{indicator_label(row)}目标「{shown}」低于"
                             f"{last.year}年自评表（{cite(last, previous.line)}）的实际完成值「{previous.actual}」，"
                             "请按上年实绩设定目标。",
                    related=[last.ref(previous.line)], line=row.line, expected=previous.actual, actual=shown)
