"""Recompute a self-evaluation by the official rules (DESIGN §3), printed and recomputed side by side.

* 预算执行率 score = min(executed / full_year_budget, 1) × weight.
* Quantitative indicators, from ``target_value``/``actual_value`` when both are comparable numbers
  with compatible units: positive (≥) → min(actual/target, 1) × weight; negative (≤) → full up to
  the target, linear to zero at ``negative_zero_at`` × target; equality (=) → full when met, else
  as positive. Without a printed operator the direction is inferred (cost, time and complaint
  indicators are negative) and marked as such.
* Qualitative indicators: only the band the actual value implies (never an invented score).
* An indicator marked as not applying (不适用, 不涉及 … in its cells, no score) is dropped; the other
  indicators' weights are rescaled to fill the total again (×``rescale``), and so are their scores in
  the recomputed total.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field

from jixiao.model.selfeval import Indicator, SelfEvaluation
from jixiao.model.values import Value, normalize, scaled
from jixiao.rules.profile import Profile, load_profile

Method = Literal["positive", "negative", "equality", "qualitative", "unscored", "not_applicable"]
ZERO = Decimal(0)
ONE = Decimal(1)
NEGATIVE_WORDS = ("时效", "投诉", "事故", "差错", "失误", "违规", "违纪", "超支", "超标", "死亡", "损失", "发生率",
                  "返工", "时间", "时限", "周期", "耗时", "成本", "费用", "单价", "价格", "误差", "延误", "逾期")
MONEY_UNITS = ("元", "万元", "亿元", "千元")
SAME = Decimal("0.0001")  # relative difference below which target and actual count as equal


class ExecutionScore(BaseModel):
    weight: Decimal | None = None
    full_year_budget: Decimal | None = None
    executed: Decimal | None = None
    printed_rate: Decimal | None = None
    recomputed_rate: Decimal | None = None
    printed_score: Decimal | None = None
    recomputed_score: Decimal | None = None
    line: int | None = None


class IndicatorScore(BaseModel):
    index: int
    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    line: int | None = None
    weight: Decimal | None = None
    printed_score: Decimal | None = None
    method: Method = "unscored"
    direction_explicit: bool = False
    target: Decimal | None = None
    actual: Decimal | None = None
    unit: str | None = None
    achievement: Decimal | None = None  # actual/target (target/actual for ≤), uncapped
    met: bool | None = None
    recomputed: Decimal | None = None
    band_name: str | None = None
    band: tuple[Decimal, Decimal] | None = None  # in points
    reason: str = ""


class FormScore(BaseModel):
    """A form recomputed: execution, each indicator, total and grade, printed vs recomputed."""

    profile: str
    project_name: str | None = None
    execution: ExecutionScore
    indicators: list[IndicatorScore] = Field(default_factory=list)
    printed_total: Decimal | None = None
    printed_total_weight: Decimal | None = None
    printed_parts_sum: Decimal | None = None  # execution score + indicator scores, as printed
    missing_parts: int = 0
    weight_sum: Decimal | None = None  # execution weight + indicator weights (of the indicators that apply)
    dropped_weight: Decimal = ZERO  # the printed weights of the indicators that do not apply
    rescale: Decimal | None = None  # factor on the applying indicators' weights; None when none is dropped
    recomputed_total: Decimal | None = None
    printed_grade: str | None = None
    recomputed_grade: str | None = None


def is_scored_row(indicator: Indicator) -> bool:
    """A row carrying a weight or a score, or printing something in their cells ("/" under a row that
    does not apply); continuation fragments carry neither."""
    if indicator.weight is not None or indicator.score is not None:
        return True
    return bool(indicator.printed.get("weight", "").strip() or indicator.printed.get("score", "").strip())


def printed_grade(form: SelfEvaluation) -> str | None:
    """The printed 绩效等级 if the form has one (most self-evaluations do not)."""
    grade = form.total_printed.get("grade")
    return str(grade).strip() or None if grade else None


def score_execution(form: SelfEvaluation, profile: Profile) -> ExecutionScore:
    row = form.funds.total
    weight = row.weight if row.weight is not None else profile.weights.execution
    result = ExecutionScore(weight=weight, full_year_budget=row.full_year_budget, executed=row.executed,
                            printed_rate=row.execution_rate, printed_score=row.score, line=row.line)
    if row.full_year_budget is not None and row.executed is not None and row.full_year_budget > 0:
        result.recomputed_rate = row.executed / row.full_year_budget
    rate = result.recomputed_rate if result.recomputed_rate is not None else row.execution_rate
    if rate is not None:
        result.recomputed_score = min(rate, ONE) * weight
    return result


def _direction(indicator: Indicator, target: Value) -> tuple[Method, bool]:
    if target.op in ("≥", ">"):
        return "positive", True
    if target.op in ("≤", "<"):
        return "negative", True
    if target.op == "=":
        return "equality", True
    label = normalize(f"{indicator.level2 or ''}{indicator.level3 or ''}")
    if any(word in label for word in NEGATIVE_WORDS):
        return "negative", False
    return "positive", False


def _unit_factor(unit: str | None) -> tuple[str, Decimal]:
    """A unit reduced to a base and a factor: "万元" → ("元", 10000), "%" → ("%", 1)."""
    u = normalize(unit or "")
    probe = Value(text="1" + u, kind="number", number=ONE, unit=u or None)
    factor = scaled(probe) or ONE
    base = u[1:] if factor != ONE and len(u) > 1 else u
    return base, factor


def comparable(target: Value | None, actual: Value | None) -> tuple[Decimal, Decimal, str | None] | None:
    """Target and actual as numbers in one unit, or ``None`` when they cannot be compared."""
    if target is None or actual is None or target.number is None or actual.number is None:
        return None
    if target.kind not in ("number", "percent") or actual.kind not in ("number", "percent"):
        return None
    if target.kind != actual.kind and actual.unit is not None:
        return None
    if actual.unit is None or normalize(actual.unit) == normalize(target.unit or ""):
        return target.number, actual.number, target.unit
    t_base, t_factor = _unit_factor(target.unit)
    a_base, a_factor = _unit_factor(actual.unit)
    if t_base != a_base or not t_base:
        return None
    return target.number * t_factor, actual.number * a_factor, t_base


def _qualitative_word(value: Value | None) -> str | None:
    if value is None:
        return None
    if value.kind == "grade" and value.grade:
        return value.grade
    text = normalize(value.text)
    return text if len(text) <= 6 else None


def not_applicable(indicator: Indicator, profile: Profile) -> bool:
    """A row the form marks as not applying to the project: no score, and a cell saying so."""
    if indicator.score is not None:
        return False
    cells = (indicator.target, indicator.actual, indicator.printed.get("weight"), indicator.printed.get("score"))
    words = _normalized(tuple(profile.scoring.not_applicable))
    return any(cell and normalize(cell).startswith(words) for cell in cells)


@lru_cache(maxsize=16)
def _normalized(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalize(w) for w in words)


def score_indicator(n: int, indicator: Indicator, profile: Profile) -> IndicatorScore:
    result = IndicatorScore(index=n, level1=indicator.level1, level2=indicator.level2, level3=indicator.level3,
                            line=indicator.line, weight=indicator.weight, printed_score=indicator.score)
    if not_applicable(indicator, profile):
        result.method, result.reason = "not_applicable", "不适用"
        return result
    target, actual = indicator.target_value, indicator.actual_value
    numbers = comparable(target, actual)
    if numbers is not None and target is not None:
        _score_quantitative(result, indicator, target, numbers, profile)
        return result
    word = _qualitative_word(actual)
    band = profile.qualitative.band_for(word) if word else None
    if band is not None:
        result.method = "qualitative"
        result.band_name = band[0]
        result.met = band[0] == "achieved"
        if indicator.weight is not None:
            result.band = (band[1][0] * indicator.weight, band[1][1] * indicator.weight)
        return result
    result.reason = "指标值或完成值无法比较"
    return result


def _score_quantitative(result: IndicatorScore, indicator: Indicator, target: Value,
                        numbers: tuple[Decimal, Decimal, str | None], profile: Profile) -> None:
    t, a, unit = numbers
    if t != 0 and abs(a - t) <= abs(t) * SAME:
        a = t  # "2.1955577" against "2.195557": a slip of the pen, not a miss
    method, explicit = _direction(indicator, target)
    result.method, result.direction_explicit = method, explicit
    result.target, result.actual, result.unit = t, a, unit
    weight = indicator.weight
    if method == "negative":
        result.met = a <= t
        result.achievement = ONE if a == t else (t / a if a > 0 else None)
        if weight is None:
            return
        if a <= t:
            result.recomputed = weight
        elif t > 0:
            over = (a - t) / t
            zero_at = profile.scoring.negative_zero_at - ONE
            result.recomputed = max(ZERO, (ONE - over / zero_at)) * weight if zero_at > 0 else ZERO
        return
    result.met = a == t if method == "equality" else a >= t
    if method == "equality" and a > t:
        result.met = False
    result.achievement = a / t if t != 0 else (ONE if a >= t else ZERO)
    if weight is None:
        return
    if a >= t:
        result.recomputed = weight
    else:
        result.recomputed = max(ZERO, result.achievement) * weight


def score_form(form: SelfEvaluation, profile: Profile | str = "national") -> FormScore:
    """Recompute one self-evaluation under ``profile``; nothing here judges, the checks do."""
    prof = load_profile(profile) if isinstance(profile, str) else profile
    execution = score_execution(form, prof)
    indicators = [score_indicator(n, ind, prof) for n, ind in enumerate(form.indicators) if is_scored_row(ind)]
    result = FormScore(profile=prof.name, project_name=form.project_name, execution=execution, indicators=indicators,
                       printed_total=form.total_score, printed_total_weight=form.total_weight,
                       printed_grade=printed_grade(form))
    applying = [i for i in indicators if i.method != "not_applicable"]
    dropped = [i for i in indicators if i.method == "not_applicable"]
    parts = [execution.printed_score, *(i.printed_score for i in applying)]
    result.missing_parts = sum(1 for p in parts if p is None)
    if any(p is not None for p in parts):
        result.printed_parts_sum = sum((p for p in parts if p is not None), ZERO)
    weights = [form.funds.total.weight, *(i.weight for i in applying)]
    if all(w is not None for w in weights):
        result.weight_sum = sum((w for w in weights if w is not None), ZERO)
    factor = ONE
    if dropped:
        result.dropped_weight = sum((i.weight for i in dropped if i.weight is not None), ZERO)
        room = prof.weights.total - (execution.weight or ZERO)
        applying_weight = sum((i.weight for i in applying if i.weight is not None), ZERO)
        factor = room / applying_weight if applying_weight > 0 and room > 0 else ONE
        result.rescale = factor
    recomputed = [i.recomputed if i.recomputed is not None else i.printed_score for i in applying]
    if execution.recomputed_score is not None and all(r is not None for r in recomputed):
        indicator_total = sum((r for r in recomputed if r is not None), ZERO)
        result.recomputed_total = execution.recomputed_score + indicator_total * factor
    basis = result.recomputed_total if result.recomputed_total is not None else form.total_score
    if basis is not None:
        result.recomputed_grade = prof.grade_for(basis)
    return result


def is_money(unit: str | None) -> bool:
    return bool(unit) and normalize(unit or "") in MONEY_UNITS


def strip_ordinal(label: str | None) -> str:
    """"指标1：基层组织活动" → "基层组织活动" (for duplicate detection and messages)."""
    return re.sub(r"^指标\d+[:：]?", "", normalize(label or ""))
