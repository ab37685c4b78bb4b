"""部门整体绩效指标重复或归类矛盾：the department-wide declaration (预算14表) lists the same indicator
twice, or files the same indicator text under two different classifications (经济成本指标 and 社会
成本指标). Warning. The repeated rows of one form are one finding (the first, the others listed in
``merged``): a block copied twice is one slip, not eighteen.

Bad::

    地区发展 成本指标经济成本指标按照实际工程情况结算设计、监理、招标等相关费用 ≤ 328500 元
    地区发展 成本指标社会成本指标按照实际工程情况结算设计、监理、招标等相关费用 ≤ 328500 元

Good::

    地区发展 成本指标经济成本指标按照实际工程情况结算设计、监理、招标等相关费用 ≤ 328500 元
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.declaration import DeclaredIndicator
from jixiao.model.text import norm
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.finding import Finding

CODE = "TD009"
NAME = "department-duplicates"
SEVERITY = "warning"
CATEGORY = "indicator_quality"


def _key(ind: DeclaredIndicator) -> tuple[str, ...]:
    return tuple(norm(x or "") for x in (ind.activity, ind.level1, ind.level2, ind.level3, ind.nature,
                                         str(ind.value or ""), ind.unit))


def check(ctx: BudgetContext) -> Iterator[Finding]:
    for index, td in ctx.departments():
        seen: dict[tuple[str, ...], DeclaredIndicator] = {}
        classes: dict[str, DeclaredIndicator] = {}
        reported: set[str] = set()
        repeats: list[tuple[DeclaredIndicator, DeclaredIndicator]] = []
        for ind in td.indicators:
            key = _key(ind)
            text = norm(ind.level3 or "")
            first = seen.get(key)
            if first is not None:
                repeats.append((ind, first))
            else:
                seen[key] = ind
            other = classes.get(text)
            if text and other is not None and (other.level1, other.level2) != (ind.level1, ind.level2) and (
                    text not in reported):
                reported.add(text)
                yield ctx.on_declaration(
                    index, td, f"部门整体绩效目标申报表同一指标「{ind.level3}」第{other.line}行归为{other.level1}/"
                    f"{other.level2}，第{ind.line}行归为{ind.level1}/{ind.level2}，分类矛盾。", line=ind.line,
                    expected=f"{other.level1}/{other.level2}", actual=f"{ind.level1}/{ind.level2}")
            classes.setdefault(text, ind)
        if repeats:
            ind, first = repeats[0]
            more = f"（共{len(repeats)}行与前面的行完全重复）" if len(repeats) > 1 else ""
            finding = ctx.on_declaration(index, td, f"部门整体绩效目标申报表第{ind.line}行指标「{ind.level3}」与第"
                                         f"{first.line}行完全重复{more}。", line=ind.line, actual=ind.level3)
            yield finding.model_copy(update={"merged": [f"第{i.line}行「{i.level3}」与第{f.line}行完全重复"
                                                        for i, f in repeats[1:]]})
