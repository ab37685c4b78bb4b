"""识别存疑（数字与表内勾稽不符）：a number read from a scan breaks the form's own arithmetic (执行率 =
全年执行数 ÷ 全年预算数, 得分 = min(执行率, 1) × 分值, the funds rows add up to 年度资金总额, the scores to
the 总分, the weights to 100), and changing one digit of it (replaced, dropped or added) makes the
arithmetic hold without breaking any that held. That is how an OCR misreading looks, so the cell is
reported as read uncertainly — with the reading that fits — and the arithmetic findings the rules
raise on it are merged into this one instead of being the unit's error. Of several cells that would
fit, the one read least surely is named.

Bad::

    全年预算数 120  全年执行数 108  执行率「80%」(a scan: the paper says 90%)

Good::

    全年预算数 120  全年执行数 108  执行率 90%
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.base import Context
from jixiao.rules.finding import Finding
from jixiao.rules.ocr.cells import repairs

CODE = "OC002"
NAME = "ocr-digit-breaks-arithmetic"
SEVERITY = "warning"
CATEGORY = "ocr"


def check(ctx: Context) -> Iterator[Finding]:
    for repair in repairs(ctx.form, ctx.profile):
        cell = repair.cell
        yield ctx.finding(f"{ctx.name}{cell.label}识别为「{cell.text}」（置信度{cell.confidence:.2f}），与表内"
                          f"{'、'.join(repair.restores)}不符；若为「{repair.text}」则相符，疑为扫描识别有误，"
                          "请对照原件核对。", expected=repair.text,
                          actual={"field": cell.path, "printed": cell.text, "confidence": round(cell.confidence, 3),
                                  "restores": list(repair.categories)},
                          line=cell.line)
