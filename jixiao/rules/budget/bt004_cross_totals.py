"""表间总额不一致：the same total printed in two tables of one disclosure differs — 收入总计 (01表 vs
02表), 本年支出 (01表 vs 03表), 基本支出 (03表 vs 07表 vs 06表), 项目支出 (03表 vs 04表, and vs 01表
本年支出 less 基本支出), 一般公共预算 (05表/01表 vs 06表), 部门整体申报表 (14表) vs 01表/07表. The
message names the classification rows (功能分类 类 and 科目) where the two tables part. Error.

Bad::

    预算01表 本年支出合计 30,671.10 … 预算03表 合计 30,453.55  (城乡社区支出 6,272.39 vs 6,054.84)

Good::

    预算01表 本年支出合计 30,671.10 … 预算03表 合计 30,671.10
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.tables import BudgetTable
from jixiao.rules.budget.context import BudgetContext
from jixiao.rules.budget.tables import by_code, class_code, code_names, column_total, value_of, wan
from jixiao.rules.finding import Finding

CODE = "BT004"
NAME = "cross-table-totals"
SEVERITY = "error"
CATEGORY = "crossfoot"
TOLERANCE = Decimal("0.005")
MAX_ROWS_NAMED = 3


@dataclass
class Figure:
    where: str  # "预算01表本年支出合计"
    value: Decimal | None
    table: BudgetTable | None


def _figures(ctx: BudgetContext) -> dict[str, Figure]:
    t = {code: ctx.table(code) for code in [f"预算{n:02d}表" for n in range(1, 13)]}
    f: dict[str, Figure] = {}

    def put(key: str, code: str, where: str, value: Decimal | None) -> None:
        if value is not None:
            f[key] = Figure(f"{code}{where}", value, t[code])

    put("income_total@01", "预算01表", "收入总计", value_of(t["预算01表"], "收入总计", side="收入"))
    put("income_year@01", "预算01表", "本年收入合计", value_of(t["预算01表"], "本年收入合计", "本年收入", side="收入"))
    put("carry@01", "预算01表", "上年结转结余", value_of(t["预算01表"], "上年结转结余", "上年结转", side="收入"))
    put("spend_year@01", "预算01表", "本年支出合计", value_of(t["预算01表"], "本年支出合计", "本年支出", side="支出"))
    general = value_of(t["预算01表"], "一般公共预算拨款收入", "一般公共预算拨款", side="收入")
    put("general@01", "预算01表", "一般公共预算拨款收入", general)
    put("income_total@02", "预算02表", "合计", column_total(t["预算02表"], "合计"))
    put("income_year@02", "预算02表", "本年收入小计", column_total(t["预算02表"], "本年收入", "小计"))
    put("carry@02", "预算02表", "上年结转结余小计", column_total(t["预算02表"], "上年结转", "小计"))
    put("spend@03", "预算03表", "合计", column_total(t["预算03表"], "合计"))
    put("basic@03", "预算03表", "基本支出合计", column_total(t["预算03表"], "基本支出"))
    put("project@03", "预算03表", "项目支出合计", column_total(t["预算03表"], "项目支出"))
    put("project@04", "预算04表", "合计", column_total(t["预算04表"], "合计"))
    general = value_of(t["预算05表"], "一般公共预算资金", "一般公共预算拨款收入", side="收入")
    put("general@05", "预算05表", "一般公共预算资金", general)
    put("general@06", "预算06表", "合计", column_total(t["预算06表"], "合计"))
    put("basic@06", "预算06表", "基本支出小计", column_total(t["预算06表"], "基本支出"))
    put("public@06", "预算06表", "公用经费", column_total(t["预算06表"], "公用经费"))
    put("basic@07", "预算07表", "合计", column_total(t["预算07表"], "合计"))
    put("public@07", "预算07表", "公用经费", column_total(t["预算07表"], "公用经费"))
    if "spend_year@01" in f and "basic@07" in f:
        f["project@01"] = Figure("预算01表本年支出合计减预算07表基本支出",
                                 (f["spend_year@01"].value or Decimal(0)) - (f["basic@07"].value or Decimal(0)),
                                 t["预算01表"])
    for _, d in ctx.departments():
        table = d.table or "部门整体支出绩效目标申报表"
        if d.total_amount is not None:
            f["income_total@14"] = Figure(f"{table}预算支出总额", d.total_amount, None)
        if d.fiscal_basic is not None:
            f["basic@14"] = Figure(f"{table}基本支出", d.fiscal_basic + (d.other_basic or 0), None)
        if d.fiscal_project is not None:
            f["project@14"] = Figure(f"{table}项目支出", d.fiscal_project + (d.other_project or 0), None)
        break
    return f


PAIRS = (
    ("income_total@01", "income_total@02"), ("income_year@01", "income_year@02"), ("carry@01", "carry@02"),
    ("spend_year@01", "spend@03"), ("general@01", "general@05"), ("general@05", "general@06"),
    ("basic@03", "basic@07"), ("basic@06", "basic@07"), ("public@06", "public@07"),
    ("project@01", "project@03"), ("project@01", "project@04"), ("project@03", "project@04"),
    ("income_total@01", "income_total@14"), ("basic@07", "basic@14"), ("project@01", "project@14"),
)


def _class_gaps(ctx: BudgetContext) -> list[str]:
    """Where 01表's function classes and 03表's rows part."""
    t01, t03 = ctx.table("预算01表"), ctx.table("预算03表")
    if t01 is None or t03 is None or not t03.columns:
        return []
    sums = by_code(t03, t03.column("合计"), 3)
    out = []
    for row in t01.rows:
        code = class_code(row.item) if row.side == "支出" else None
        if code is None:
            continue
        a, b = row.value(0) or Decimal(0), sums.get(code, Decimal(0))
        if abs(a - b) > TOLERANCE:
            out.append(f"「{row.item}」（{code}）预算01表{wan(a)}万元、预算03表{wan(b)}万元")
    return out


def _code_gaps(left: dict[str, Decimal], right: dict[str, Decimal], names: dict[str, str],
               left_name: str, right_name: str) -> list[str]:
    out = []
    for code in sorted(set(left) | set(right)):
        a, b = left.get(code, Decimal(0)), right.get(code, Decimal(0))
        if abs(a - b) > Decimal("0.01"):
            out.append(f"「{code}-{names.get(code, '')}」{left_name}{wan(a)}万元、{right_name}{wan(b)}万元")
    return out


def _explain(ctx: BudgetContext, left: str, right: str) -> str:
    t03, t04, t06, t07 = (ctx.table(c) for c in ("预算03表", "预算04表", "预算06表", "预算07表"))
    names = code_names(t03, t04, t06, t07)
    gaps: list[str] = []
    if {left, right} == {"spend_year@01", "spend@03"}:
        gaps = _class_gaps(ctx)
        if gaps and t03 is not None and t04 is not None and t07 is not None:
            expected = by_code(t07, t07.column("合计"))
            for code, value in by_code(t04, t04.column("合计")).items():
                expected[code] = expected.get(code, Decimal(0)) + value
            gaps += _code_gaps(by_code(t03, t03.column("合计")), expected, names, "预算03表",
                               "预算07表与04表合计")
    elif "project@03" in (left, right) and t03 is not None and t04 is not None:
        gaps = _code_gaps(by_code(t03, t03.column("项目支出")), by_code(t04, t04.column("合计")), names,
                          "预算03表", "预算04表")
    elif right == "general@06" and t06 is not None and t04 is not None and t07 is not None:
        expected = by_code(t07, t07.column("合计"))
        for code, value in by_code(t04, t04.column("本年拨款", "一般公共预算")).items():
            expected[code] = expected.get(code, Decimal(0)) + value
        gaps = _code_gaps(expected, by_code(t06, t06.column("合计")), names,
                          "基本支出加04表本年一般公共预算拨款", "预算06表")
    if not gaps:
        return ""
    more = f"等{len(gaps)}处" if len(gaps) > MAX_ROWS_NAMED else ""
    return "；差异在" + "；".join(gaps[:MAX_ROWS_NAMED]) + more


def check(ctx: BudgetContext) -> Iterator[Finding]:
    figures = _figures(ctx)
    for left, right in PAIRS:
        a, b = figures.get(left), figures.get(right)
        if a is None or b is None or a.value is None or b.value is None:
            continue
        if abs(a.value - b.value) <= TOLERANCE:
            continue
        table = b.table or a.table
        gap = wan(abs(a.value - b.value))
        message = (f"{a.where}{wan(a.value)}万元与{b.where}{wan(b.value)}万元不一致，相差{gap}万元"
                   f"{_explain(ctx, left, right)}。")
        if table is not None:
            yield ctx.on_table(table, message, expected=a.value, actual=b.value)
        else:
            for index, d in ctx.departments():
                yield ctx.on_declaration(index, d, message, expected=a.value, actual=b.value)
                break
