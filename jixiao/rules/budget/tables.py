"""Reading a recognized budget table the way a reviewer does: rows by their printed label,
the 合计 row, the rows that add up to it (not the 「其中」 rows, not a parent of its own children)."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.tables import BudgetTable, TableRow
from jixiao.model.text import norm
from jixiao.rules.numeric import printed_decimals

_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])\s*")
_TOP = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．])")
_SUB = re.compile(r"^[(（][一二三四五六七八九十\d]+[)）]")
SUB_WORDS = ("其中",)

# 支出功能分类 classes (类) by name: the first three digits of every function code.
FUNCTION_CLASSES = {
    "一般公共服务": "201", "外交": "202", "国防": "203", "公共安全": "204", "教育": "205", "科学技术": "206",
    "文化旅游体育与传媒": "207", "社会保障和就业": "208", "社会保险基金": "209", "卫生健康": "210",
    "节能环保": "211", "城乡社区": "212", "农林水": "213", "交通运输": "214", "资源勘探工业信息等": "215",
    "商业服务业等": "216", "金融": "217", "援助其他地区": "219", "自然资源海洋气象等": "220", "住房保障": "221",
    "粮油物资储备": "222", "国有资本经营预算": "223", "灾害防治及应急管理": "224", "预备费": "227", "其他": "229",
    "转移性": "230", "债务还本": "231", "债务付息": "232", "债务发行费用": "233", "抗疫特别国债安排的": "234",
}


def label(item: str) -> str:
    """A row label without its ordinal ("一、一般公共服务支出" → "一般公共服务支出")."""
    return _ORDINAL.sub("", norm(item))


def find_row(table: BudgetTable, *names: str, side: str | None = None) -> TableRow | None:
    """The first row whose label (without ordinal) is one of ``names``."""
    wanted = {norm(n) for n in names}
    for row in table.rows:
        if (side is None or row.side == side) and label(row.item) in wanted:
            return row
    return None


def value_of(table: BudgetTable | None, *names: str, side: str | None = None, column: int = 0) -> Decimal | None:
    if table is None:
        return None
    row = find_row(table, *names, side=side)
    return row.value(column) if row is not None else None


def class_code(item: str) -> str | None:
    """The function class of a 01表/05表 row ("十二、城乡社区支出" → "212")."""
    name = label(item).removesuffix("支出")
    return FUNCTION_CLASSES.get(name)


def is_sub_row(row: TableRow) -> bool:
    return any(norm(row.item).startswith(w) for w in SUB_WORDS)


def addends(rows: list[TableRow]) -> list[TableRow]:
    """The rows that add up to a total: top-level ordinal rows where the table numbers its rows
    ("1、", "一、"), else every row that is not a parent of other rows (a code that prefixes
    another row's code) and not a 「其中」 row."""
    body = [r for r in rows if not r.is_total]
    top = [r for r in body if _TOP.match(norm(r.item))]
    if top and len(top) < len(body):
        return top
    parents = {r.code[:k] for r in body if r.code for k in range(1, len(r.code))}
    return [r for r in body if not is_sub_row(r) and not _SUB.match(norm(r.item)) and r.code not in parents]


def rounding_slack(rows: list[TableRow], column: int, per_row: Decimal, total: TableRow | None = None) -> Decimal:
    """How far a sum of printed values may be from an exact total through display rounding: half a
    unit of the column's printed precision a row, at most ``per_row``. The precision is that of the
    most precise figure of the column (``total`` included): a figure printed with fewer digits than its
    neighbours ("4" beside "601.0884") had its trailing zeros dropped, it was not rounded."""
    texts = [row.printed[column] if column < len(row.printed) else "" for row in [*rows, *([total] if total else [])]]
    places = max((printed_decimals(t) for t in texts), default=0)
    half_unit = min(Decimal(1).scaleb(-places) / 2, per_row)
    return half_unit * sum(1 for row in rows if row.value(column) is not None)


def total_of(rows: list[TableRow], column: int) -> Decimal:
    return sum((r.value(column) or Decimal(0) for r in rows), Decimal(0))


def wan(value: Decimal | None) -> str:
    """An amount for a message: 万元 with two decimals, thousands separated ("30,671.10")."""
    if value is None:
        return "空"
    return f"{value.quantize(Decimal('0.01')):,}"


def column_total(table: BudgetTable | None, *words: str) -> Decimal | None:
    """The 合计 row's value in the first column whose label contains every word."""
    if table is None:
        return None
    column = table.column(*words) if words else (0 if table.columns else None)
    total = table.total_row()
    if column is None or total is None:
        return None
    return total.value(column)


def by_code(table: BudgetTable | None, column: int | None, digits: int = 7) -> dict[str, Decimal]:
    """Sums of one column by the first ``digits`` of each row's classification code."""
    out: dict[str, Decimal] = {}
    if table is None or column is None:
        return out
    for row in addends(table.rows):
        if row.code and row.value(column) is not None and len(row.code) >= digits:
            key = row.code[:digits]
            out[key] = out.get(key, Decimal(0)) + (row.value(column) or Decimal(0))
    return out


def code_names(*tables: BudgetTable | None) -> dict[str, str]:
    names: dict[str, str] = {}
    for table in tables:
        for row in table.rows if table else []:
            if row.code and row.item:
                names.setdefault(row.code, row.item)
    return names


def amount(value: Decimal | None) -> str:
    """An amount as printed, without trailing zeros ("132.600000" → "132.6")."""
    if value is None:
        return "空"
    text = format(value.normalize(), "f")
    return text
