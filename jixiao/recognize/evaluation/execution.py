"""The 项目预算执行情况表 (numbered columns 1…N, notes with formulas such as 8=9+11+13) and the
绩效目标完成情况及收支明细表 → BT."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from jixiao.model.selfeval import Location
from jixiao.model.tables import EXECUTION_CODE, GOAL_FUNDS_CODE, BudgetTable, TableRow
from jixiao.read.text import Row
from jixiao.recognize.evaluation.common import (
    blank,
    line_text,
    money_unit_before,
    nf,
    number,
    table_run,
    title_before,
)

_GOAL_FIELDS = (("goal_content", "目标内容"), ("goal_adjustment", "目标调整"), ("goal_actual", "实际完成"))
_FORMULA = re.compile(r"(\d{1,2})\s*=\s*([0-9+\-*/×÷()%]+)")


def _numbering(row: Row) -> tuple[int, int] | None:
    """(index of the cell "1", N) when the row's filled cells are exactly 1, 2, …, N (N ≥ 5)."""
    filled = [(i, c.text.strip()) for i, c in enumerate(row.cells) if c.text.strip()]
    if len(filled) < 5 or [t for _, t in filled] != [str(n) for n in range(1, len(filled) + 1)]:
        return None
    return filled[0][0], len(filled)


def find_execution_tables(rows: list[Row], lo: int, hi: int) -> list[BudgetTable]:
    tables: list[BudgetTable] = []
    i = lo
    while i < hi:
        numbering = _numbering(rows[i]) if rows[i].hard else None
        if numbering is None:
            i += 1
            continue
        start = i
        while start > lo and rows[start - 1].hard:
            start -= 1
        table, end = _read_execution(rows, start, i, numbering[1], lo, hi)
        tables.append(table)
        i = end
    return tables


def _labels(headers: list[list[str]], n: int, offset: int) -> list[str]:
    labels: list[str] = []
    for j in range(1, n + 1):
        parts: list[str] = []
        for depth, cells in enumerate(headers):
            k = j - 1 + offset
            text = cells[k].strip() if k < len(cells) else ""
            if not text and depth < len(headers) - 1:
                text = _merged_label(headers, depth, k, offset)
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        labels.append("/".join(parts))
    return labels


def _merged_label(headers: list[list[str]], depth: int, k: int, offset: int) -> str:
    """The label of a header cell merged across columns: the nearest one to the left on the same
    header row, unless a header above starts a new group in between."""
    cells = headers[depth]
    for m in range(min(k, len(cells) - 1), offset - 1, -1):
        if cells[m].strip():
            return cells[m].strip()
        if any(m < len(upper) and upper[m].strip() for upper in headers[:depth]):
            return ""
    return ""


def _read_execution(rows: list[Row], start: int, numbering: int, n: int, lo: int, hi: int) -> tuple[BudgetTable, int]:
    headers = [[c.text for c in r.cells] for r in rows[start:numbering] if any(c.text.strip() for c in r.cells)]
    item_first = bool(headers) and nf(headers[0][0]) in ("项目", "项目名称", "名称")
    offset = 1 if item_first else 0
    end = table_run(rows, numbering + 1, hi)
    title = title_before(rows, start, lo, ("执行情况表",)) or "项目预算执行情况表"
    table = BudgetTable(code=EXECUTION_CODE, title=title, money_unit=money_unit_before(rows, start, lo) or "万元",
                        columns=_labels(headers, n, offset),
                        location=Location(line_start=rows[start].line_start, line_end=rows[end - 1].line_end))
    for row in rows[numbering + 1:end]:
        cells = [c.text.strip() for c in row.cells]
        if not any(cells):
            continue
        label, rest = cells[0], cells[1:]
        row_no = None
        if len(rest) > n and re.fullmatch(r"\d{1,3}", rest[0] or ""):
            row_no, rest = rest[0], rest[1:]
        printed = (rest + [""] * n)[:n]
        values: list[Decimal | None] = [None if blank(p) else number(p) for p in printed]
        tr = TableRow(item=label, values=values, printed=printed, line=row.line_start)
        tr.row_no = row_no
        table.rows.append(tr)
    formulas, note_end = _notes(rows, end, hi)
    table.formulas = formulas
    return table, note_end


def _notes(rows: list[Row], start: int, hi: int) -> tuple[list[dict[str, object]], int]:
    """The formulas printed in the notes under the table (「执行差额数=预算执行-预算批复（19=7-1）」)."""
    formulas: list[dict[str, object]] = []
    i = start
    while i < hi and i < start + 12 and not rows[i].hard:
        text = unicodedata.normalize("NFKC", line_text(rows[i])).replace(" ", "")
        if i > start and not re.match(r"^(注|\d+[.、])", text):
            break
        for m in _FORMULA.finditer(text):
            formulas.append({"target": int(m.group(1)), "expression": m.group(2).rstrip("*×"),
                             "printed": m.group(0), "line": rows[i].line_start})
        i += 1
    return formulas, i


def find_goal_funds_tables(rows: list[Row], lo: int, hi: int) -> list[BudgetTable]:
    tables: list[BudgetTable] = []
    for i in range(lo, hi):
        if rows[i].hard and any("目标调整情况" in nf(c.text) for c in rows[i].cells):
            tables.append(_read_goal_funds(rows, i, lo, hi))
    return tables


def _read_goal_funds(rows: list[Row], index: int, lo: int, hi: int) -> BudgetTable:
    end = table_run(rows, index + 1, hi)
    title = title_before(rows, index, lo, ("收支明细表", "完成情况")) or "绩效目标完成情况及收支明细表"
    table = BudgetTable(code=GOAL_FUNDS_CODE, title=title, money_unit=money_unit_before(rows, index, lo) or "万元",
                        location=Location(line_start=rows[index].line_start, line_end=rows[end - 1].line_end))
    header = [nf(c.text) for c in rows[index].cells]
    section, section_columns = "", []
    for row in rows[index + 1:end]:
        cells = [c.text.strip() for c in row.cells]
        if row.line_start == rows[index + 1].line_start and any(cells):
            for key, word in _GOAL_FIELDS:
                col = next((k for k, h in enumerate(header) if word in h), None)
                if col is not None and col < len(cells):
                    setattr(table, key, cells[col])  # goal_content | goal_adjustment | goal_actual
            table.goal_line = row.line_start
            continue
        nums = [c for c in cells[1:] if number(c) is not None]
        if cells[0] and not nums:
            section = cells[0]
            section_columns = [c for c in cells[2:] if c]
            if not table.columns:
                table.columns = section_columns
            continue
        item = next((c for c in cells[1:] if c and number(c) is None), cells[0])
        printed = [c for c in cells[1:] if c and c != item]
        tr = TableRow(item=item, values=[number(p) for p in printed], printed=printed, line=row.line_start)
        tr.section, tr.section_columns = section, section_columns
        table.rows.append(tr)
    return table
