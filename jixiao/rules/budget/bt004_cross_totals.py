"""表间总额不一致：the same total printed in two tables of one disclosure differs — 收入总计 (收支总表
vs 收入总表), 本年支出 (收支总表 vs 支出总表), 基本支出 (支出总表 vs 一般公共预算基本支出表 vs 一般公共预算
支出表), 项目支出 (支出总表 vs 项目支出表, and vs 收支总表 本年支出 less 基本支出), 一般公共预算 (财政拨款
收支总表/收支总表 vs 一般公共预算支出表), 部门整体申报表 vs 收支总表/基本支出表. Tables are matched by the
name in their title, whatever their number (Beijing: 01–07表, 14表). The message names the
classification rows (功能分类 类 and 科目) where the two tables part. Error. When one figure differs
from several sources that agree among themselves (the narrative's 情况说明 counted as a source), the
finding names that odd one out instead of a pair of tables.

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


def figures_of(ctx: BudgetContext) -> dict[str, Figure]:
    t = {role: ctx.table(role) for role in ("summary", "income", "spending", "projects", "fiscal_summary",
                                             "general_spending", "general_basic")}
    f: dict[str, Figure] = {}

    def put(key: str, role: str, where: str, value: Decimal | None) -> None:
        if value is not None:
            f[key] = Figure(f"{ctx.name(t[role], role)}{where}", value, t[role])

    summary = t["summary"]
    put("income_total@summary", "summary", "收入总计", value_of(summary, "收入总计", side="收入"))
    put("income_year@summary", "summary", "本年收入合计", value_of(summary, "本年收入合计", "本年收入", side="收入"))
    put("carry@summary", "summary", "上年结转结余", value_of(summary, "上年结转结余", "上年结转", side="收入"))
    put("spend_year@summary", "summary", "本年支出合计", value_of(summary, "本年支出合计", "本年支出", side="支出"))
    general = value_of(summary, "一般公共预算拨款收入", "一般公共预算拨款", side="收入")
    put("general@summary", "summary", "一般公共预算拨款收入", general)
    put("income_total@income", "income", "合计", column_total(t["income"], "合计"))
    put("income_year@income", "income", "本年收入小计", column_total(t["income"], "本年收入", "小计"))
    put("carry@income", "income", "上年结转结余小计", column_total(t["income"], "上年结转", "小计"))
    put("spend@spending", "spending", "合计", column_total(t["spending"], "合计"))
    put("basic@spending", "spending", "基本支出合计", column_total(t["spending"], "基本支出"))
    put("project@spending", "spending", "项目支出合计", column_total(t["spending"], "项目支出"))
    put("project@projects", "projects", "合计", column_total(t["projects"], "合计"))
    general = value_of(t["fiscal_summary"], "一般公共预算资金", "一般公共预算拨款收入", side="收入")
    put("general@fiscal", "fiscal_summary", "一般公共预算资金", general)
    put("general@general", "general_spending", "合计", column_total(t["general_spending"], "合计"))
    put("basic@general", "general_spending", "基本支出小计", column_total(t["general_spending"], "基本支出"))
    put("public@general", "general_spending", "公用经费", column_total(t["general_spending"], "公用经费"))
    put("basic@basic", "general_basic", "合计", column_total(t["general_basic"], "合计"))
    put("public@basic", "general_basic", "公用经费", column_total(t["general_basic"], "公用经费"))
    if "spend_year@summary" in f and "basic@basic" in f:
        f["project@summary"] = Figure(
            f"{ctx.name(summary, 'summary')}本年支出合计减{ctx.name(t['general_basic'], 'general_basic')}基本支出",
            (f["spend_year@summary"].value or Decimal(0)) - (f["basic@basic"].value or Decimal(0)), summary)
    for _, d in ctx.departments():
        table = d.table or "部门整体支出绩效目标申报表"
        if d.total_amount is not None:
            f["income_total@department"] = Figure(f"{table}预算支出总额", d.total_amount, None)
        if d.fiscal_basic is not None:
            f["basic@department"] = Figure(f"{table}基本支出", d.fiscal_basic + (d.other_basic or 0), None)
        if d.fiscal_project is not None:
            f["project@department"] = Figure(f"{table}项目支出", d.fiscal_project + (d.other_project or 0), None)
        break
    return f


PAIRS = (
    ("income_total@summary", "income_total@income"), ("income_year@summary", "income_year@income"),
    ("carry@summary", "carry@income"), ("spend_year@summary", "spend@spending"),
    ("general@summary", "general@fiscal"), ("general@fiscal", "general@general"),
    ("basic@spending", "basic@basic"), ("basic@general", "basic@basic"), ("public@general", "public@basic"),
    ("project@summary", "project@spending"), ("project@summary", "project@projects"),
    ("project@spending", "project@projects"), ("income_total@summary", "income_total@department"),
    ("basic@basic", "basic@department"), ("project@summary", "project@department"),
)


def _class_gaps(ctx: BudgetContext) -> list[str]:
    """Where the 收支总表's function classes and the 支出总表's rows part."""
    t01, t03 = ctx.table("summary"), ctx.table("spending")
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
            out.append(f"「{row.item}」（{code}）{ctx.name(t01)}{wan(a)}万元、{ctx.name(t03)}{wan(b)}万元")
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
    t03, t04, t06, t07 = (ctx.table(r) for r in ("spending", "projects", "general_spending", "general_basic"))
    names = code_names(t03, t04, t06, t07)
    gaps: list[str] = []
    if {left, right} == {"spend_year@summary", "spend@spending"}:
        gaps = _class_gaps(ctx)
        if gaps and t03 is not None and t04 is not None and t07 is not None:
            expected = by_code(t07, t07.column("合计"))
            for code, value in by_code(t04, t04.column("合计")).items():
                expected[code] = expected.get(code, Decimal(0)) + value
            gaps += _code_gaps(by_code(t03, t03.column("合计")), expected, names, ctx.name(t03),
                               f"{ctx.name(t07)}与{ctx.name(t04)}合计")
    elif "project@spending" in (left, right) and t03 is not None and t04 is not None:
        gaps = _code_gaps(by_code(t03, t03.column("项目支出")), by_code(t04, t04.column("合计")), names,
                          ctx.name(t03), ctx.name(t04))
    elif right == "general@general" and t06 is not None and t04 is not None and t07 is not None:
        expected = by_code(t07, t07.column("合计"))
        for code, value in by_code(t04, t04.column("本年拨款", "一般公共预算")).items():
            expected[code] = expected.get(code, Decimal(0)) + value
        gaps = _code_gaps(expected, by_code(t06, t06.column("合计")), names,
                          f"基本支出加{ctx.name(t04)}本年一般公共预算拨款", ctx.name(t06))
    if not gaps:
        return ""
    more = f"等{len(gaps)}处" if len(gaps) > MAX_ROWS_NAMED else ""
    return "；差异在" + "；".join(gaps[:MAX_ROWS_NAMED]) + more


# the narrative's figures (情况说明) that state one of the quantities above
NARRATIVE_QUANTITY = {"project": "project", "basic": "basic", "income_total": "income_total", "carryover": "carry"}


def narrative_sources(ctx: BudgetContext) -> dict[str, Figure]:
    """The narrative's statements of the quantities the tables print, as sources ("narrative@project")."""
    from jixiao.model.disclosure import as_wan

    out: dict[str, Figure] = {}
    disclosure = ctx.doc.budget_disclosure
    for figure in disclosure.figures if disclosure is not None else []:
        quantity = NARRATIVE_QUANTITY.get(figure.name)
        key = f"{quantity}@narrative"
        if quantity is not None and key not in out and (value := as_wan(figure)) is not None:
            out[key] = Figure(f"情况说明第{figure.line}行", value, None)
    return out


def majority(figures: dict[str, Figure], quantity: str) -> list[str]:
    """The keys of the sources of ``quantity`` that agree among themselves and outnumber every other
    value (at least two of at least three sources), else []."""
    keys = [k for k, f in figures.items() if k.split("@")[0] == quantity and f.value is not None]
    if len(keys) < 3:
        return []
    values = {k: figures[k].value or Decimal(0) for k in keys}
    clusters = [[k for k in keys if abs(values[k] - values[key]) <= TOLERANCE] for key in keys]
    best = max(clusters, key=len)
    if len(best) < 2 or any(len(c) >= len(best) and set(c) != set(best) for c in clusters):
        return []
    return best


def check(ctx: BudgetContext) -> Iterator[Finding]:
    figures = figures_of(ctx)
    sources = figures | narrative_sources(ctx)
    told: set[str] = set()
    for left, right in PAIRS:
        a, b = figures.get(left), figures.get(right)
        if a is None or b is None or a.value is None or b.value is None:
            continue
        if abs(a.value - b.value) <= TOLERANCE:
            continue
        agree = majority(sources, left.split("@")[0])
        odd_key = right if left in agree and right not in agree else left if right in agree and left not in agree \
            else None
        if odd_key is not None:  # the odd one out, told once, against every source that agrees
            if odd_key in told:
                continue
            told.add(odd_key)
            odd, usual = sources[odd_key], sources[agree[0]]
            assert odd.value is not None and usual.value is not None
            message = (f"{odd.where}{wan(odd.value)}万元与{'、'.join(sources[k].where for k in agree)}（均为"
                       f"{wan(usual.value)}万元）不一致，相差{wan(abs(odd.value - usual.value))}万元"
                       f"{_explain(ctx, left, right)}。")
            expected, actual, table = usual.value, odd.value, odd.table
        else:
            table = b.table or a.table
            gap = wan(abs(a.value - b.value))
            message = (f"{a.where}{wan(a.value)}万元与{b.where}{wan(b.value)}万元不一致，相差{gap}万元"
                       f"{_explain(ctx, left, right)}。")
            expected, actual = a.value, b.value
        if table is not None:
            yield ctx.on_table(table, message, expected=expected, actual=actual)
        else:
            for index, d in ctx.departments():
                yield ctx.on_declaration(index, d, message, expected=expected, actual=actual)
                break
