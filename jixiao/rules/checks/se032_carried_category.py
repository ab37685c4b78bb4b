"""二级指标疑似错归：a row whose 三级指标 names another 二级 category than the one it is filed
under, right after a row of that category — typical of a blank 二级 cell that the merged-cell
carry-down filed under the row above ("群众满意度" under 数量指标, "项目预算控制数" under 时效指标).
Warning: the row is read as printed (its weight counts where it stands); fill the 二级 cell.

Bad::

    产出指标  数量指标  发放人次 …
    产出指标  （空白）  服务对象满意度 ≥90%

Good::

    产出指标  数量指标  发放人次 …
    满意度指标  服务对象满意度指标  服务对象满意度 ≥90%
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.model.values import normalize
from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding
from jixiao.rules.scoring import is_scored_row

CODE = "SE032"
NAME = "carried-category"
SEVERITY = "warning"
CATEGORY = "missing"
# what a 三级 name says its 二级 is, and the words of that 二级
# (the name must end so: "提高居民的满意度" inside a long 效益 name is a goal, not a category)
SIGNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^.{0,10}(?:满意度|满意率)[。.;；]?$"), "满意"),
    (re.compile(r"^.{0,10}(?:预算控制数|总成本|成本控制数)[。.;；]?$"), "成本"),
)


def check(ctx: Context) -> Iterator[Finding]:
    previous = None
    for ind in ctx.form.indicators:
        if not is_scored_row(ind):
            continue
        level2, name = normalize(ind.level2 or ""), normalize(ind.level3 or "")
        carried = previous is not None and normalize(previous.level2 or "") == level2
        for sign, word in SIGNS:
            if carried and level2 and sign.search(name) and word not in level2 and word not in normalize(
                    ind.level1 or ""):
                yield ctx.finding(f"{ctx.name}指标{row_name(ind)}按名称应属{word}类二级指标，却归在「{ind.level2}」下，"
                                  "疑为二级单元格空白被上一行带下，请补填二级指标。", expected=f"{word}类二级指标",
                                  actual=ind.level2, line=ind.line)
                break
        previous = ind
