"""正文所述的得分、等级或指标体系分值与结论一览表不符.

Compares every sentence that states the total (「综合得分 85.26 分，其中部门决策 7.83 分…，绩效评定
结论为“良好”」), every description of the indicator system (「三是产出指标（30 分）」) and every
part paragraph (「部门产出指标，满分 40 分，评价得分 34.86 分」) with the 结论一览表.

Bad::

    正文：三是产出指标（30 分）……效益指标（40 分）；结论一览表：部门产出 40，部门效益 30

Good::

    正文：三是产出指标（40 分）……效益指标（30 分）；结论一览表：部门产出 40，部门效益 30
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.evaluation import EvaluationPart, family
from jixiao.model.text import nf
from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.finding import Finding, fmt

CODE = "EV007"
NAME = "text-vs-summary"
SEVERITY = "error"
CATEGORY = "narrative"


def _part(parts: list[EvaluationPart], name: str) -> EvaluationPart | None:
    exact = [p for p in parts if nf(p.name) == nf(name) or nf(p.name).endswith(nf(name))]
    if exact:
        return exact[0]
    fam = family(name)
    same = [p for p in parts if fam and family(p.name) == fam]
    return same[0] if len(same) == 1 else None


def _differs(a: Decimal | None, b: Decimal | None) -> bool:
    return a is not None and b is not None and a != b


def check(ctx: EvContext) -> Iterator[Finding]:
    ev = ctx.form
    for stated in ev.stated_results:
        if _differs(stated.total_score, ev.total_score):
            yield ctx.finding(f"{ctx.name}正文称综合得分{fmt(stated.total_score)}分，"
                              f"但结论一览表为{ev.total_printed}分。",
                              expected=ev.total_score, actual=stated.total_score, line=stated.line)
        if stated.grade and ev.grade and nf(stated.grade) != nf(ev.grade):
            yield ctx.finding(f"{ctx.name}正文称评定结论为“{stated.grade}”，但结论一览表为“{ev.grade}”。",
                              expected=ev.grade, actual=stated.grade, line=stated.line)
        for said in stated.parts:
            part = _part(ev.parts, said.name)
            if part is not None and _differs(said.score, part.score):
                yield ctx.finding(f"{ctx.name}正文称{said.name}{fmt(said.score)}分，但结论一览表“{part.name}”为"
                                  f"{part.printed.get('score')}分。", expected=part.score, actual=said.score,
                                  line=stated.line)
    for st in ev.statements:
        part = _part(ev.parts, st.part)
        if part is None:
            continue
        if _differs(st.max, part.max):
            yield ctx.finding(f"{ctx.name}正文“{st.printed}”称{st.part}指标满分{fmt(st.max)}分，但结论一览表"
                              f"“{part.name}”分值为{fmt(part.max)}分，正文与表不一致。", expected=part.max,
                              actual=st.max, line=st.line)
        if _differs(st.score, part.score):
            yield ctx.finding(f"{ctx.name}正文“{st.printed}”称{st.part}得分{fmt(st.score)}分，但结论一览表"
                              f"“{part.name}”得分为{part.printed.get('score')}分。", expected=part.score,
                              actual=st.score, line=st.line)
