"""项目支出绩效目标申报表 (Beijing: 预算13表) → one ``TargetDeclaration`` per project.

The table is found by its header (项目名称 … 一级指标 二级指标 三级指标 … 指标值), not by its code.
A row with a project name starts a project; the rows below it are its indicators. Cells of merged
columns (单位名称, printed once for the whole table) are carried down.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.declaration import DeclaredIndicator, TargetDeclaration
from jixiao.model.selfeval import Location
from jixiao.model.values import parse_number, parse_value
from jixiao.read.text import Row
from jixiao.recognize.budget.header import column_labels
from jixiao.recognize.labels import norm

_CODE_NAME = re.compile(r"^([0-9A-Za-z]{6,})\s*[-－—]\s*(\S.*)$")

# field → predicate over a normalised column label; first match wins, in this order
FIELDS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("phone", lambda t: "电话" in t or "联系方式" in t),
    ("lead", lambda t: "责任人" in t or "负责人" in t),
    ("unit", lambda t: t.endswith("单位名称") or t in ("单位", "预算单位", "单位信息")),
    ("project", lambda t: "项目名称" in t),
    ("category", lambda t: "类别" in t or "项目类型" in t),
    ("fiscal", lambda t: "财政资金" in t or "财政拨款" in t),
    ("other", lambda t: "其他资金" in t),
    ("total", lambda t: "总额" in t or "资金合计" in t or t.endswith("项目金额")),
    ("level1", lambda t: "一级指标" in t),
    ("level2", lambda t: "二级指标" in t),
    ("level3", lambda t: "三级指标" in t),
    ("nature", lambda t: "性质" in t),
    ("value", lambda t: "指标值" in t),
    ("measure", lambda t: "度量单位" in t or "计量单位" in t),
    ("direction", lambda t: "方向" in t),
    ("weight", lambda t: t in ("分值", "权重", "指标分值", "指标权重")),
    ("goal", lambda t: "绩效目标" in t or "年度目标" in t),
)
REQUIRED = ("project", "level1", "level2", "level3", "value")
DIRECTIONS = {"正向": "正向", "反向": "反向"}


@dataclass
class Columns:
    index: dict[str, int]
    width: int

    def get(self, cells: list[str], key: str) -> str:
        i = self.index.get(key)
        return cells[i] if i is not None and i < len(cells) else ""


def map_columns(labels: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, label in enumerate(labels):
        flat = norm(label)
        for key, test in FIELDS:
            if test(flat) and key not in index:
                index[key] = position
                break
    return index


def is_header(row: Row) -> bool:
    if len(row.cells) < 4 or not any("三级指标" in c.text for c in row.cells):
        return False
    texts = {norm(c.text) for c in row.cells}
    has = {key for key, test in FIELDS if any(test(t) for t in texts if t)}
    return all(k in has for k in ("project", "level1", "level2", "level3"))


def nature_of(text: str) -> str | None:
    t = unicodedata.normalize("NFKC", text).strip()
    return t or None


def direction_of(text: str) -> str | None:
    t = norm(text)
    for word, value in DIRECTIONS.items():
        if t.startswith(word):
            return value
    return None


def indicator(cells: list[str], cols: Columns, line: int, **levels: str | None) -> DeclaredIndicator:
    printed = cols.get(cells, "value")
    number = parse_number(printed)
    return DeclaredIndicator(
        level1=levels.get("level1", cols.get(cells, "level1") or None),
        level2=levels.get("level2", cols.get(cells, "level2") or None),
        level3=levels.get("level3", cols.get(cells, "level3") or None),
        nature=nature_of(cols.get(cells, "nature")),
        value=number if number is not None else (printed or None),
        unit=cols.get(cells, "measure") or None,
        direction=direction_of(cols.get(cells, "direction")),
        printed_value=printed or None, line=line)


_NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?")


def split_value(ind: DeclaredIndicator) -> None:
    """A template without 指标性质/度量单位 columns prints the value whole ("≥20处", "100%"): take its
    sign, number and unit apart; the cell stays in ``cell`` as printed. Text values stay text."""
    printed = ind.printed_value or ""
    if not printed or isinstance(ind.value, Decimal):
        return
    value = parse_value(printed)
    m = _NUMBER.search(printed)
    if value is None or value.number is None or m is None:
        return
    ind.cell = printed
    ind.nature = ind.nature or value.op
    ind.value, ind.printed_value = value.number, m.group(0)
    ind.unit = ind.unit or value.unit


def _start(cells: list[str], cols: Columns, unit: str, row: Row, table: str | None) -> TargetDeclaration:
    name = cols.get(cells, "project")
    m = _CODE_NAME.match(name)
    td = TargetDeclaration(
        unit=unit, project_code=m.group(1) if m else None, project_name=m.group(2) if m else name,
        category=cols.get(cells, "category") or None, project_lead=cols.get(cells, "lead") or None,
        phone=cols.get(cells, "phone") or None, goal=cols.get(cells, "goal"), table=table,
        location=Location(line_start=row.line_start, line_end=row.line_end))
    for key, attr in (("total", "total_amount"), ("fiscal", "fiscal_amount"), ("other", "other_amount")):
        printed = cols.get(cells, key)
        if printed:
            td.printed[attr] = printed
            setattr(td, attr, parse_number(printed))
            if parse_number(printed) is None:
                td.warnings.append(f"金额无法识别：{printed}")
    return td


def parse_declarations(rows: list[Row], start: int, table: str | None,
                       unit: str = "") -> tuple[list[TargetDeclaration], int]:
    """The projects of the declaration table whose header row is ``rows[start]``; returns them and
    the index of the first row after the table. ``unit`` is carried over from a previous page."""
    header = [[c.text for c in rows[start].cells]]
    index = start + 1
    # a second header row (其中: 财政资金 | 其他资金) has no project and no indicator
    while index < len(rows) and rows[index].hard and _is_subheader(rows[index]):
        header.append([c.text for c in rows[index].cells])
        index += 1
    labels = column_labels(header)
    cols = Columns(map_columns(labels), len(labels))
    if not all(k in cols.index for k in REQUIRED):
        return [], start + 1
    declarations: list[TargetDeclaration] = []
    current: TargetDeclaration | None = None
    first_indicator = min(cols.index[k] for k in ("level1", "level2", "level3", "value"))
    while index < len(rows):
        row = rows[index]
        cells = [c.text for c in row.cells]
        if row.hard and current is not None and len(cells) == cols.width - first_indicator:
            # Only the indicator columns: the merged project cells span this row (a PDF page whose
            # merged cells go on from the page before prints them as nothing at all).
            cells = [""] * first_indicator + cells
        elif not row.hard or len(row.cells) < cols.width // 2 or is_header(row):
            break
        unit = cols.get(cells, "unit") or unit
        if cols.get(cells, "project"):
            current = _start(cells, cols, unit, row, table)
            current.columns = [t for t in labels[first_indicator:] if t]
            declarations.append(current)
        elif current is not None and cols.get(cells, "goal") and not current.goal:
            current.goal = cols.get(cells, "goal")
        if current is not None and any(cols.get(cells, k) for k in ("level1", "level2", "level3", "value")):
            current.indicators.append(indicator(cells, cols, row.line_start))
            current.location.line_end = row.line_end
        index += 1
    return declarations, index


def _is_subheader(row: Row) -> bool:
    texts = [norm(c.text) for c in row.cells if c.text]
    return bool(texts) and all(parse_number(t) is None for t in texts) and len(texts) <= 4 and any(
        "资金" in t or "财政" in t for t in texts)
