"""The 部门收入支出情况决算表: three side-by-side blocks (收入 | 支出按功能分类 | 支出按经济分类),
each with 项目 | 行次 | 年初预算数 | 全年预算数 | 决算数 and a 栏次 row → one BT.

Every row of every block becomes a ``TableRow`` with ``block`` (its block's name), ``block_index``
and ``row_no`` (行次). A label printed in one block whose numbers sit in the next (「本年支出合计」
spanning the two expenditure blocks) is one row with ``span_to`` set to the block of its numbers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.model.selfeval import Location
from jixiao.model.tables import ACCOUNTS_CODE, BudgetTable, TableRow
from jixiao.read.text import Row
from jixiao.recognize.evaluation.common import (
    blank,
    money_unit_before,
    nf,
    number,
    table_run,
    title_before,
)

CODE = ACCOUNTS_CODE


def _is_header(row: Row) -> bool:
    return sum(1 for c in row.cells if nf(c.text) == "行次") >= 2


def find_accounts_tables(rows: list[Row], lo: int, hi: int) -> list[BudgetTable]:
    tables: list[BudgetTable] = []
    i = lo
    while i < hi:
        if rows[i].hard and _is_header(rows[i]):
            table, end = _read(rows, i, lo, hi)
            tables.append(table)
            i = end
        else:
            i += 1
    return tables


def _blocks(header: list[str], top: list[str]) -> list[dict[str, Any]]:
    """Each block: its item column, 行次 column, value columns and name."""
    blocks: list[dict[str, Any]] = []
    for i, cell in enumerate(header):
        if nf(cell) == "行次" and i >= 1:
            blocks.append({"item": i - 1, "row_no": i})
    for n, block in enumerate(blocks):
        stop = blocks[n + 1]["item"] if n + 1 < len(blocks) else len(header)
        block["values"] = [j for j in range(block["row_no"] + 1, stop) if header[j].strip()]
        name = nf(header[block["item"]]).replace("项目", "").strip("()（）")
        if not name:
            name = next((nf(top[j]) for j in range(block["item"], -1, -1) if j < len(top) and top[j].strip()), "")
        block["name"] = name or f"第{n + 1}栏"
        block["columns"] = [header[j].strip() for j in block["values"]]
    return blocks


def _read(rows: list[Row], index: int, lo: int, hi: int) -> tuple[BudgetTable, int]:
    header = [c.text for c in rows[index].cells]
    top = [c.text for c in rows[index - 1].cells] if index > lo and rows[index - 1].hard else []
    blocks = _blocks(header, top)
    end = table_run(rows, index + 1, hi)
    first = index - 1 if top else index
    title = title_before(rows, first, lo, ("决算表", "收支情况表", "收入支出")) or "收入支出决算表"
    table = BudgetTable(code=CODE, title=title, money_unit=money_unit_before(rows, first, lo) or "万元",
                        columns=blocks[0]["columns"] if blocks else [],
                        location=Location(line_start=rows[first].line_start, line_end=rows[end - 1].line_end))
    numbers: dict[int, list[str]] = {}
    for row in rows[index + 1:end]:
        cells = [c.text.strip() for c in row.cells]
        if cells and nf(cells[0]) == "栏次":
            for n, block in enumerate(blocks):
                numbers[n] = [cells[j] if j < len(cells) else "" for j in block["values"]]
            continue
        _add_row(table, blocks, cells, row.line_start)
    table.blocks = [{"name": b["name"], "columns": b["columns"], "column_numbers": numbers.get(n, [])}
                    for n, b in enumerate(blocks)]
    return table, end


def _add_row(table: BudgetTable, blocks: list[dict[str, Any]], cells: list[str], line: int) -> None:
    def cell(j: int) -> str:
        return cells[j] if j < len(cells) else ""

    pending: tuple[int, str] | None = None
    for n, block in enumerate(blocks):
        label, row_no = cell(block["item"]), cell(block["row_no"])
        printed = [cell(j) for j in block["values"]]
        has_values = any(p for p in printed)
        if label and not row_no and not has_values:
            pending = (n, label)
            continue
        if not label and pending is not None and (row_no or has_values):
            table.rows.append(_row(pending[1], printed, line, blocks[pending[0]]["name"], pending[0], row_no, n))
            pending = None
            continue
        pending = None
        if not label and not has_values:
            continue
        table.rows.append(_row(label, printed, line, block["name"], n, row_no, None))


def _row(label: str, printed: list[str], line: int, block: str, index: int, row_no: str,
         span_to: int | None) -> TableRow:
    values: list[Decimal | None] = [None if blank(p) else number(p) for p in printed]
    row = TableRow(item=label, values=values, printed=printed, line=line)
    row.block, row.block_index, row.row_no = block, index, row_no or None
    if span_to is not None:
        row.span_to = span_to
    return row
