"""指标值未量化：an indicator with no 年度指标值, a 数量指标 target with no number, or a number with no
度量单位 (财预〔2021〕101号: targets quantified, with a unit and a nature).

Empty target or a 数量指标 without a number → warning; other text targets and numbers without a
unit → info (qualitative targets are allowed where quantification is impossible). A number inside a
sentence with its unit or a comparator is quantified ("覆盖12个社区32个小区", "达到95%以上", "约2000件"),
and a unit may be carried by the indicator's name ("覆盖社区数量" with "≤11", "满意率" with "大于 95").

Bad::

    数量指标  基层组织活动  年度指标值：构建三级便民服务体系

Good::

    数量指标  开展基层组织活动  年度指标值：≥18次
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.values import is_blank, normalize
from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding
from jixiao.rules.quantified import quantified_in_text, unit_in_name
from jixiao.rules.scoring import is_scored_row, not_applicable

CODE = "SE017"
NAME = "unquantified-target"
SEVERITY = "warning"
CATEGORY = "indicator_quality"
QUALITATIVE_KINDS = ("grade", "grade_scale", "yes_no", "yes_no_scale")


def check(ctx: Context) -> Iterator[Finding]:
    for ind in ctx.form.indicators:
        if not is_scored_row(ind) or not_applicable(ind, ctx.profile):
            continue
        value = ind.target_value
        if is_blank(ind.target) or value is None or value.kind == "empty":
            yield ctx.finding(f"{ctx.name}指标{row_name(ind)}未填写年度指标值。", actual=ind.target, line=ind.line)
            continue
        if value.kind in QUALITATIVE_KINDS or value.kind == "percent":
            continue
        level2 = normalize(ind.level2 or "")
        if value.kind == "text" and quantified_in_text(ind.target):
            continue
        if value.kind == "text":
            quantity = "数量" in level2
            yield ctx.finding(f"{ctx.name}指标{row_name(ind)}年度指标值「{ind.target}」未量化"
                              f"{'，数量指标应给出数值和单位' if quantity else ''}。",
                              actual=ind.target, line=ind.line, severity="warning" if quantity else "info")
        elif value.kind == "number" and not value.unit and "成本" not in level2 and not unit_in_name(ind.level3):
            yield ctx.finding(f"{ctx.name}指标{row_name(ind)}年度指标值「{ind.target}」未注明度量单位。",
                              actual=ind.target, line=ind.line, severity="info")
