"""绩效目标完成情况表填「目标调整情况：无」，但正文或表格显示预算已调整（批复数≠调整后预算数）.

Bad::

    正文：批复项目资金 9,700,000.00 元，后调整预算为 7,445,949.64 元；表：目标调整情况 无

Good::

    表：目标调整情况 「预算由 970.00 万元调减至 744.59 万元，目标相应调整……」
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.evaluation import Figure
from jixiao.model.tables import GOAL_FUNDS_CODE
from jixiao.model.text import nf
from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.finding import Finding, fmt, pct

CODE = "EV012"
NAME = "goal-adjustment-vs-budget"
SEVERITY = "warning"
CATEGORY = "narrative"
_NONE = ("无", "未调整", "否", "没有调整", "无调整")


def _wan(fig: Figure) -> Decimal:
    return fig.value / Decimal(10000) if fig.unit == "元" else fig.value


def check(ctx: EvContext) -> Iterator[Finding]:
    ev = ctx.form
    table = next((t for t in ev.tables if t.code == GOAL_FUNDS_CODE), None)
    said = table.goal_adjustment if table is not None else None
    if table is None or not isinstance(said, str) or nf(said) not in _NONE:
        return
    line = table.goal_line or table.location.line_start
    figs = {f.name: f for f in ev.figure_details if f.source == "narrative" and f.unit != "%"}
    approved, adjusted = figs.get("批复预算数"), figs.get("调整预算数")
    if approved and adjusted and _wan(approved) != _wan(adjusted):
        change = (_wan(adjusted) - _wan(approved)) / _wan(approved) if _wan(approved) else None
        yield ctx.finding(f"{ctx.name}{table.title}填“目标调整情况：{said}”，但正文称预算由批复的{approved.printed}"
                          f"调整为{adjusted.printed}（{fmt(_wan(approved), 2)}→{fmt(_wan(adjusted), 2)}万元，调整率"
                          f"{pct(change)}），应说明目标是否随预算调整。", expected="说明调整情况", actual=said,
                          line=line)
        return
    rate = next((f for f in ev.figure_details if f.name == "支出预算调整率" and f.value != 0), None)
    if rate is not None:
        yield ctx.finding(f"{ctx.name}{table.title}填“目标调整情况：{said}”，但支出预算调整率为{rate.printed}，"
                          f"应说明目标是否随预算调整。", expected="说明调整情况", actual=said, line=line)
