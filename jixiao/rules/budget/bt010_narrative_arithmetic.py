"""情况说明自身算术不符：the narrative's own numbers disagree — a year-on-year change that is not the
difference of the two amounts it compares (or a rate that is not change / last year), parts of
政府采购 (货物 + 工程 + 服务) or of "三公"经费 (出国 + 接待 + 公务用车) that do not add up to the total it
states. Error.

Bad::

    2024年收入预算30,671.10万元 … 与2023年收入预算31,087.46万元相比减少316.36万元，减幅1.34%

Good::

    … 与2023年收入预算31,087.46万元相比减少416.36万元，减幅1.34%
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.disclosure import Disclosure, as_wan
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.tables import wan
from jixiao.rules.finding import Finding

CODE = "BT010"
NAME = "narrative-arithmetic"
SEVERITY = "error"
CATEGORY = "narrative"
PAIRS = (("income_total", "income_prior", "income_change", "income_change_rate", "收入预算"),
         ("basic", "basic_prior", "basic_change", None, "基本支出预算"),
         ("project", "project_prior", "project_change", None, "项目支出预算"))
SUMS = (("procurement", ("procurement.goods", "procurement.works", "procurement.services"), "政府采购预算"),
        ("three_public", ("three_public.abroad", "three_public.reception", "three_public.vehicles"),
         "“三公”经费财政拨款预算"))


def _wan(disclosure: Disclosure, name: str) -> Decimal | None:
    figure = disclosure.figure(name)
    return as_wan(figure) if figure is not None else None


def check(ctx: BudgetContext) -> Iterator[Finding]:
    disclosure = ctx.doc.budget_disclosure
    if disclosure is None:
        return
    half = Decimal(1).scaleb(-ctx.settings.narrative_places) / 2
    for current, prior, change, rate, what in PAIRS:
        now, before, stated = (_wan(disclosure, n) for n in (current, prior, change))
        figure = disclosure.figure(change)
        if now is None or before is None or stated is None or figure is None:
            continue
        computed = now - before
        if abs(computed - stated) > 2 * half:
            yield ctx.on_narrative(f"情况说明第{figure.line}行{what}{wan(now)}万元与上年{wan(before)}万元相差"
                                   f"{wan(computed)}万元，文中写的是「{figure.label}」。", line=figure.line,
                                   expected=computed, actual=stated)
        rate_figure = disclosure.figure(rate) if rate else None
        if rate_figure is not None and before:
            ratio = abs(computed) / before * 100
            shown = ratio.quantize(Decimal("0.01"))
            if abs(ratio - rate_figure.value) > Decimal("0.01"):
                yield ctx.on_narrative(f"情况说明第{rate_figure.line}行{what}变动率应为{shown}%，文中写的是"
                                       f"「{rate_figure.label}」。", line=rate_figure.line, expected=shown,
                                       actual=rate_figure.value)
    for total_name, part_names, what in SUMS:
        total = _wan(disclosure, total_name)
        parts = [_wan(disclosure, n) for n in part_names]
        figure = disclosure.figure(total_name)
        if total is None or figure is None or any(p is None for p in parts):
            continue
        added = sum((p for p in parts if p is not None), Decimal(0))
        if abs(added - total) > len(parts) * half:
            yield ctx.on_narrative(f"情况说明第{figure.line}行{what}{wan(total)}万元，而其分项合计{wan(added)}万元。",
                                   line=figure.line, expected=added, actual=total)
