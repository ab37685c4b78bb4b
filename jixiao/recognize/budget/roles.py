"""What a budget table is, from the name printed in its title, not from its number.

Provinces number their disclosure tables differently (Beijing 预算01表 … 预算14表; the national
template 表1 … 表9 in another order; 附表一 …), but every set names the same tables in nearly the same
words. A table's *role* is the stable name the checks use: ``summary`` (收支总表), ``income``
(收入总表), ``spending`` (支出总表), ``projects`` (项目支出表), ``fiscal_summary`` (财政拨款收支总表),
``general_spending`` (一般公共预算支出表), ``general_basic`` (一般公共预算基本支出表),
``government_fund``, ``state_capital``, ``three_public``, ``purchase_services``, ``transfers``,
``procurement``, ``basic_spending``, and the two target declarations ``project_targets`` /
``department_targets``.

A title that names no known table falls back on Beijing's 预算NN表 numbering, the one numbering whose
meaning is fixed by a published template (only used when the code is ``预算NN表`` and the title says
nothing).
"""

from __future__ import annotations

import re

from jixiao.model.tables import ROLE_NAMES as ROLE_NAMES
from jixiao.recognize.labels import norm

# (role, words the title must all contain, words it must not contain); the first match wins, so the
# more specific names come first.
ROLES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("department_targets", ("部门整体", "绩效"), ()),
    ("department_targets", ("整体支出", "绩效"), ()),
    ("project_targets", ("项目", "绩效目标"), ()),
    ("project_targets", ("项目支出绩效",), ()),
    ("three_public", ("三公",), ()),
    ("purchase_services", ("政府购买服务",), ()),
    ("procurement", ("政府采购",), ()),
    ("transfers", ("转移支付",), ()),
    ("government_fund", ("政府性基金",), ()),
    ("state_capital", ("国有资本经营",), ()),
    ("general_basic", ("一般公共预算", "基本支出"), ()),
    ("general_spending", ("一般公共预算", "支出"), ("收入",)),
    ("fiscal_summary", ("财政拨款", "收支"), ()),
    ("fiscal_summary", ("财政拨款", "收入", "支出"), ()),
    ("projects", ("项目支出",), ("绩效",)),
    ("basic_spending", ("基本支出",), ()),
    ("summary", ("收支",), ()),
    ("summary", ("收入", "支出"), ()),
    ("income", ("收入",), ()),
    ("spending", ("支出",), ()),
)

# Titles of other documents' tables that share these words: never a budget disclosure table.
FOREIGN_WORDS = ("决算", "自评", "评价", "执行情况", "监控")

# Beijing's numbering (预算01表 … 预算14表), used only when a coded table's title names nothing.
BEIJING_CODES = {
    1: "summary", 2: "income", 3: "spending", 4: "projects", 5: "fiscal_summary", 6: "general_spending",
    7: "general_basic", 8: "government_fund", 9: "state_capital", 10: "three_public", 11: "purchase_services",
    12: "transfers", 13: "project_targets", 14: "department_targets",
}


_QUOTES = re.compile(r"[\"'“”‘’「」]")
_BEIJING = re.compile(r"预算(\d{2})表")


def role_of(title: str) -> str | None:
    """The role a table title names: "部门收支总体情况表" → "summary", "一般公共预算“三公”经费支出情况表"
    → "three_public"; ``None`` for anything else (a 决算 or 自评 table included)."""
    t = _QUOTES.sub("", norm(title))
    if not t or any(w in t for w in FOREIGN_WORDS):
        return None
    for role, words, excluded in ROLES:
        if all(w in t for w in words) and not any(w in t for w in excluded):
            return role
    return None


def role_of_table(code: str, title: str) -> str | None:
    """A table's role by its title, else by its 预算NN表 code."""
    role = role_of(title)
    if role is not None:
        return role
    m = _BEIJING.fullmatch(code)
    return BEIJING_CODES.get(int(m.group(1))) if m else None
