"""正文金额单位写错：数值与所附表格的万元数相同却写作「元」（或反之，元数写作「万元」）.

Bad::

    支出实际完成 16,923.25 万元，预算金额 17,416.47 元

Good::

    支出实际完成 16,923.25 万元，预算金额 17,416.47 万元
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.evaluation.ledger import AMOUNT_OF, amounts
from jixiao.rules.finding import Finding

CODE = "EV011"
NAME = "money-unit"
SEVERITY = "error"
CATEGORY = "units"
_WAN = Decimal(10000)


def check(ctx: EvContext) -> Iterator[Finding]:
    found = amounts(ctx.form)
    for fig in ctx.form.figure_details:
        key = AMOUNT_OF.get(fig.name)
        amount = found.get(key) if key else None
        if amount is None or fig.unit not in ("元", "万元") or fig.value == 0:
            continue
        if fig.unit == "元" and fig.value == amount.value:
            yield ctx.finding(f"{ctx.name}正文“{fig.label}{fig.printed}”的单位有误：{amount.where}为{amount.printed}"
                              f"万元，数值相同，应写作{fig.printed[:-1].strip()}万元。",
                              expected="万元", actual="元", line=fig.line)
        elif (fig.unit == "万元" and fig.value != amount.value
              and abs(fig.value / _WAN - amount.value) <= ctx.settings.money_tolerance):
            yield ctx.finding(f"{ctx.name}正文“{fig.label}{fig.printed}”的单位有误：{amount.where}为{amount.printed}"
                              f"万元，该数应以元为单位。", expected="元", actual="万元", line=fig.line)
