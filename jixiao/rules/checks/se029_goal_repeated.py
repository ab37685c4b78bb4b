"""目标文字重复：the same sentence of the 年度总体目标 printed twice in one project (a paragraph
pasted again, or the expected goal repeated inside the actual one). Warning: one of the two is a
paste slip, and the reader cannot tell which text is meant.

Bad::

    预期目标：保障辖区低保对象按时足额领取补助。保障辖区低保对象按时足额领取补助。

Good::

    预期目标：保障辖区低保对象按时足额领取补助，全年发放不少于480人次。
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from jixiao.model.values import normalize
from jixiao.rules.base import Context
from jixiao.rules.finding import Finding

CODE = "SE029"
NAME = "goal-repeated"
SEVERITY = "warning"
CATEGORY = "text"
MIN_SENTENCE = 12  # shorter sentences ("全年完成。") repeat by nature
_SENTENCE = re.compile(r"[^。；;!！?？\n]+")
_NUMBERING = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)[.、．)）]")


def repeated_sentences(text: str | None) -> list[str]:
    """The sentences of ``text`` (at least ``MIN_SENTENCE`` characters) printed more than once."""
    sentences = [_NUMBERING.sub("", normalize(s)) for s in _SENTENCE.findall(text or "")]
    counts = Counter(s for s in sentences if len(s) >= MIN_SENTENCE)
    return [s for s, n in counts.items() if n > 1]


def check(ctx: Context) -> Iterator[Finding]:
    for label, text in (("预期目标", ctx.form.goal_expected), ("实际完成情况", ctx.form.goal_actual)):
        twice = repeated_sentences(text)
        if twice:
            yield ctx.finding(f"{ctx.name}年度总体目标{label}中「{twice[0]}」印了两遍。", actual=twice)
