"""A table section → ``BudgetTable``: header rows → column labels, data rows → code, item, values.

Value columns are those whose cells are numbers or empty; the other columns are text: their cells
go to ``TableRow.fields`` and, where they print a classification code ("2010301-行政运行",
"275001"), to ``TableRow.codes``. Rows printed with merged cells collapsed (a 合计 spanning two
columns) are aligned to the columns by where their numbers fit best.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from jixiao.model.selfeval import Location
from jixiao.model.tables import BudgetTable, TableRow
from jixiao.model.values import parse_number
from jixiao.read.text import Row
from jixiao.recognize.budget.header import column_labels
from jixiao.recognize.budget.sections import Section
from jixiao.recognize.labels import norm

_UNIT = re.compile(r"^(?:金额)?单位[:：]\s*(万元|元|千元|亿元)$")
_CODE_NAME = re.compile(r"^(\d[\dA-Za-z]{2,})\s*[-－—]\s*(\S.*)$")
_BARE_CODE = re.compile(r"^\d{3,}$")
CODE_LABELS = ("代码", "编码", "序号", "编号", "文号")
TEXT_ENDINGS = ("名称", "代码", "编码", "类型", "备注", "信息", "科目", "文号", "序号", "领域", "性质", "说明", "活动",
                "目录", "部门", "单位")
TEXT_EXACT = ("项目", "一级", "二级", "三级")
ITEM_LABELS = ("项目名称", "科目名称", "项目或指标名称", "名称", "项目")
FUNCTION_LABELS = ("功能",)


def money_unit(text: str) -> str | None:
    m = _UNIT.match(norm(text))
    return m.group(1) if m else None


def _is_number(text: str) -> bool:
    return parse_number(text) is not None


def _split_header(rows: list[Row]) -> tuple[list[Row], list[Row], str]:
    unit = "万元"
    header: list[Row] = []
    data: list[Row] = []
    for row in rows:
        filled = [c.text for c in row.cells if c.text]
        if len(filled) == 1 and money_unit(filled[0]):
            unit = money_unit(filled[0]) or unit
            continue
        if not row.hard or not filled or _column_numbers(filled):
            continue
        first = next(i for i, c in enumerate(row.cells) if c.text)
        if data or any(_is_number(c.text) and not (i == first and _BARE_CODE.match(c.text))
                       for i, c in enumerate(row.cells)):
            data.append(row)
        else:
            header.append(row)
    return header, data, unit


def _column_numbers(filled: list[str]) -> bool:
    """A 栏次 row ("栏次 | 1 | 2 | 3"): the column numbers printed under a header."""
    numbers = [t for t in filled if _is_number(t)]
    rest = [t for t in filled if not _is_number(t)]
    return len(numbers) >= 2 and all(norm(t) in ("栏次", "行次") for t in rest) and numbers == [
        str(n) for n in range(int(numbers[0]), int(numbers[0]) + len(numbers))]


def _width(data: list[Row], labels: list[str]) -> int:
    counts = Counter(len(r.cells) for r in data)
    return max(max(counts, key=lambda n: (counts[n], n)) if counts else 0, len(labels))


def _column_kinds(labels: list[str], data: list[Row], width: int) -> list[bool]:
    """True for a value column."""
    kinds: list[bool] = []
    for index in range(width):
        label = norm(labels[index]) if index < len(labels) else ""
        cells = [r.cells[index].text for r in data if len(r.cells) == width and r.cells[index].text]
        numeric = all(_is_number(c) for c in cells)
        if any(w in label for w in CODE_LABELS):
            kinds.append(False)
        elif _text_label(label):
            kinds.append(numeric and bool(cells) and not any(_BARE_CODE.match(c) for c in cells))
        else:
            kinds.append(numeric)
    return kinds


def _text_label(label: str) -> bool:
    """A column whose label names text (名称, 代码, 单位 …) rather than an amount (单位资金)."""
    last = label.rsplit("/", 1)[-1]
    return last in TEXT_EXACT or last.endswith(TEXT_ENDINGS) or "职能" in last


def _aligned(row: Row, width: int, weight: list[int], kinds: list[bool]) -> list[str]:
    cells = [c.text for c in row.cells]
    if len(cells) >= width:
        return cells[:width]
    best, best_score = 0, None
    for shift in range(width - len(cells) + 1):
        score = 0
        for index, text in enumerate(cells):
            column = index + shift
            if text and _is_number(text):
                score += weight[column] if kinds[column] else -1000
        if best_score is None or score > best_score:
            best, best_score = shift, score
    return [""] * best + cells + [""] * (width - len(cells) - best)


def _fill_row(row: TableRow, cells: list[str], labels: list[str], kinds: list[bool]) -> None:
    function_code = None
    function_name = None
    item_rank = len(ITEM_LABELS) + 1
    first_text = None
    for index, text in enumerate(cells):
        if kinds[index]:
            continue
        label = labels[index] if index < len(labels) else f"列{index + 1}"
        if not text:
            continue
        row.fields[label] = text
        m = _CODE_NAME.match(text)
        name = text
        if m:
            row.codes[label] = m.group(1)
            name = m.group(2)
        elif _BARE_CODE.match(text) or any(w in norm(label) for w in CODE_LABELS):
            row.codes[label] = text
            continue
        if any(w in norm(label) for w in FUNCTION_LABELS):
            function_code = function_code or (m.group(1) if m else None)
            function_name = function_name or name
        for rank, word in enumerate(ITEM_LABELS):
            if word in norm(label) and rank < item_rank and not (m and word == "项目" and "项目单位" in norm(label)):
                item_rank, row.item = rank, name
                break
        first_text = first_text or name
    codes = list(row.codes.items())
    function_codes = [c for lab, c in codes if any(w in norm(lab) for w in FUNCTION_LABELS)]
    row.code = function_code or (function_codes[0] if function_codes else (codes[0][1] if codes else None))
    if not row.item:
        row.item = function_name or first_text or ""
    if any(norm(t) in ("合计", "总计") for t in cells if t):
        row.item = next(t for t in cells if norm(t) in ("合计", "总计"))
        row.code = None


SIDE_ITEMS = ("项目", "科目", "名称", "收入项目", "支出项目", "收入", "支出")


def _two_sided(labels: list[str]) -> int | None:
    """Where the second side of a two-sided table (收入 | 支出 on one printed line) starts: the middle
    when both sides have the same columns, else the column headed 支出 whose label names items
    (项目/科目) like the first column's (the national 财政拨款收支总表: 收入 项目 预算数 | 支出 项目 合计
    一般公共预算 政府性基金预算 …). ``None`` for a one-sided table."""
    half = len(labels) // 2
    tail = [norm(x.rsplit("/", 1)[-1]) for x in labels]
    if half >= 2 and not len(labels) % 2 and tail[1:half] == tail[half + 1:] and all(tail[1:half]) \
            and not _is_number(tail[0]):
        return half
    top = [norm(x.split("/", 1)[0]) for x in labels]
    if len(labels) < 4 or not top[0].startswith("收入") or tail[0] not in SIDE_ITEMS:
        return None
    for k in range(2, len(labels) - 1):
        if top[k].startswith("支出") and tail[k] in SIDE_ITEMS:
            return k
    return None


def build_table(section: Section) -> BudgetTable:
    header, data, unit = _split_header(section.rows)
    labels = column_labels([[c.text for c in r.cells] for r in header])
    table = BudgetTable(code=section.code, title=section.title, money_unit=unit,
                        location=Location(line_start=section.line_start, line_end=section.line_end))
    if not data:
        table.warnings.append(f"{section.code}：未找到数据行 / no data rows")
        return table
    width = _width(data, labels)
    labels = labels + [""] * (width - len(labels))
    split = _two_sided(labels)
    if split is not None:
        return _build_two_sided(table, labels, data, width, split)
    kinds = _column_kinds(labels, data, width)
    weight = [sum(1 for r in data if len(r.cells) == width and _is_number(r.cells[i].text)) for i in range(width)]
    table.columns = [labels[i] for i in range(width) if kinds[i]]
    for source in data:
        cells = _aligned(source, width, weight, kinds)
        row = TableRow(line=source.line_start)
        row.values = [parse_number(cells[i]) for i in range(width) if kinds[i]]
        row.printed = [cells[i] for i in range(width) if kinds[i]]
        _fill_row(row, cells, labels, kinds)
        if row.item or any(v is not None for v in row.values):
            table.rows.append(row)
    return table


def _side(label: str, default: str) -> str:
    """"收入/项目" → "收入"; a bare "收入" names its side too, a bare "项目" does not."""
    if "/" in label:
        return label.split("/", 1)[0]
    return default if norm(label) in ("项目", "科目", "名称") else label


def _build_two_sided(table: BudgetTable, labels: list[str], data: list[Row], width: int,
                     half: int) -> BudgetTable:
    sides = [_side(labels[0], "左"), _side(labels[half], "右")]
    value_labels = [x.rsplit("/", 1)[-1] for x in labels[1:half]]
    right_labels = [x.rsplit("/", 1)[-1] for x in labels[half + 1:width]]
    if right_labels != value_labels:
        table.side_columns = {sides[0]: value_labels, sides[1]: right_labels}
    table.columns = value_labels
    for source in data:
        cells = [c.text for c in source.cells] + [""] * width
        for side, start, end in zip(sides, (0, half), (half, width), strict=True):
            item = cells[start]
            printed = cells[start + 1:end]
            values: list[Decimal | None] = [parse_number(p) for p in printed]
            if not item and all(v is None for v in values):
                continue
            table.rows.append(TableRow(item=item, values=values, printed=printed, side=side,
                                       line=source.line_start))
    return table
