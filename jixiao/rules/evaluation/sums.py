"""The additions an accounts table implies, as data the crossfoot checks report on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model.tables import BudgetTable, TableRow
from jixiao.model.text import nf
from jixiao.rules.numeric import Verdict, compare_sum

_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


@dataclass
class SumCheck:
    total_label: str
    column: str
    total: Decimal
    total_printed: str
    computed: Decimal
    what: str  # how a message names the addends
    line: int | None
    addends: list[str] = field(default_factory=list)  # printed


def verdict_of(item: SumCheck, rounding_units: Decimal) -> Verdict:
    return compare_sum(item.total, item.computed, item.total_printed, list(item.addends), rounding_units)


def _value(row: TableRow, c: int) -> tuple[Decimal | None, str]:
    if c >= len(row.values):
        return None, ""
    return row.values[c], row.printed[c] if c < len(row.printed) else ""


def _is_total(row: TableRow) -> bool:
    return "合计" in nf(row.item) and "总计" not in nf(row.item)


def _check(total_row: TableRow, c: int, column: str, addends: list[TableRow], what: str) -> SumCheck | None:
    total, printed = _value(total_row, c)
    values = [(v, p) for v, p in (_value(r, c) for r in addends) if v is not None]
    if total is None or not values:
        return None
    computed = sum((v for v, _ in values), Decimal(0))
    return SumCheck(total_label=total_row.item, column=column, total=total, total_printed=printed, computed=computed,
                    what=what, line=total_row.line, addends=[p for _, p in values])


def accounts_sums(table: BudgetTable) -> list[SumCheck]:
    blocks = sorted({r.block_index or 0 for r in table.rows})
    found: dict[tuple[int | None, str, str], SumCheck] = {}
    for b in blocks:
        rows = [r for r in table.rows if (r.block_index or 0) == b or r.span_to == b]
        for c, column in enumerate(table.columns):
            for item in _block_sums(rows, c, column):
                found.setdefault((item.line, item.column, item.what), item)
    totals = [r for r in table.rows if nf(r.item) == "总计"]
    for c, column in enumerate(table.columns):
        if len(totals) >= 2:
            both = _check(totals[-1], c, column, [totals[0]], f"收入侧“{totals[0].item}”")
            if both is not None:
                found.setdefault((both.line, both.column, "both"), both)
    return list(found.values())


def _block_sums(rows: list[TableRow], c: int, column: str) -> list[SumCheck]:
    checks: list[SumCheck] = []
    pending: list[list[TableRow]] = []
    group: list[TableRow] = []
    parent: TableRow | None = None
    children: list[TableRow] = []
    last_total: TableRow | None = None
    since_total: list[TableRow] = []

    def close_children() -> None:
        if parent is not None and len([r for r in children if _value(r, c)[0] is not None]) >= 2:
            item = _check(parent, c, column, children, "、".join(f"“{r.item}”" for r in children))
            if item is not None:
                checks.append(item)

    for row in rows:
        label = nf(row.item)
        if _ORDINAL.match(label):
            close_children()
            parent, children = row, []
            group.append(row)
            since_total.append(row)
            continue
        if _is_total(row):
            close_children()
            parent, children = None, []
            if group:
                pending.append(group)
                group = []
            if _value(row, c)[0] is not None:
                for g in pending:
                    item = _check(row, c, column, g, f"“{g[0].item}”至“{g[-1].item}”{len(g)}项")
                    if item is not None:
                        checks.append(item)
                pending = []
            last_total, since_total = row, []
            continue
        if label == "总计":
            close_children()
            parent, children = None, []
            if last_total is not None:
                addends = [last_total, *since_total]
                what = "、".join(f"“{r.item}”" for r in addends if _value(r, c)[0] is not None)
                found_total = _check(row, c, column, addends, what)
                if found_total is not None:
                    checks.append(found_total)
            continue
        if parent is not None and not label.startswith("其中") and label:
            children.append(row)
        elif not label.startswith("其中"):
            close_children()
            parent, children = None, []
        since_total.append(row)
    close_children()
    return checks
