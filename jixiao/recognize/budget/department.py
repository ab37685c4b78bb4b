"""部门整体支出绩效目标申报表 (Beijing: 预算14表) → one department ``TargetDeclaration``.

A form rather than a grid: 部门（单位）名称, the 总体资金情况 block (预算支出总额, 财政拨款 and 其他资金,
each 合计 / 基本支出 / 项目支出), 整体绩效目标, then the indicator rows. An indicator's 一级/二级/三级
may be printed in their own columns or run together in one 绩效指标 cell ("效益指标社会效益指标提升…"),
which is split on the standard level names.
"""

from __future__ import annotations

import re

from jixiao.model.declaration import DeclaredIndicator, TargetDeclaration
from jixiao.model.selfeval import Location
from jixiao.model.values import parse_number
from jixiao.read.text import Row
from jixiao.recognize.budget.declarations import Columns, indicator, map_columns, split_value
from jixiao.recognize.budget.header import column_labels
from jixiao.recognize.labels import norm

LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标", "服务对象满意度指标")
LEVEL2 = ("数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
          "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标", "满意度指标")
_YEAR = re.compile(r"(20\d{2})\s*年")
TITLE_WORDS = ("部门整体支出绩效目标", "整体支出绩效目标申报表")
GOAL_LABELS = ("整体绩效目标", "年度总体目标", "总体目标", "年度绩效目标", "部门整体绩效目标", "年度整体目标")
# The row that adds up the 年度主要任务 (national template): its amounts are the department's.
TOTAL_ROWS = ("合计", "金额合计", "总计", "资金合计", "预算合计")


def is_title(text: str) -> bool:
    t = norm(text)
    return any(w in t for w in TITLE_WORDS) and len(t) <= 60


def split_levels(text: str) -> tuple[str | None, str | None, str]:
    """"效益指标社会效益指标提升…" → ("效益指标", "社会效益指标", "提升…")."""
    level1 = next((w for w in sorted(LEVEL1, key=len, reverse=True) if text.startswith(w)), None)
    rest = text[len(level1):] if level1 else text
    level2 = next((w for w in sorted(LEVEL2, key=len, reverse=True) if rest.startswith(w)), None)
    rest = rest[len(level2):] if level2 else rest
    return level1, level2, rest


def _label_value(cells: list[str], label: str) -> str | None:
    for i, text in enumerate(cells):
        if norm(text) == label:
            rest = [t for t in cells[i + 1:] if t and norm(t) != label]
            return rest[-1] if rest else None
    return None


def parse_department(rows: list[Row], start: int, table: str | None) -> tuple[TargetDeclaration, int]:
    """The form whose first row (after its title) is ``rows[start]``; returns it and the index of
    the first row after it."""
    td = TargetDeclaration(kind="department_target_declaration", table=table,
                           location=Location(line_start=rows[start].line_start, line_end=rows[start].line_end))
    index = start
    cols: Columns | None = None
    funds_header: list[list[str]] = []
    levels: tuple[str | None, str | None] = (None, None)
    while index < len(rows):
        row = rows[index]
        if not row.hard and (cols is not None or len(row.cells[0].text) > 60):
            break  # free text after the form (a one-cell row before its indicators is a caption)
        cells = [c.text for c in row.cells]
        flat = [norm(t) for t in cells]
        td.location.line_end = row.line_end
        index += 1
        if cols is not None:
            if len(cells) < 3:
                break
            ind = _indicator(cells, cols, row.line_start)
            if "level1" in cols.index:  # merged level cells printed once: carried down
                if cols.get(cells, "level1"):
                    levels = (ind.level1, ind.level2)
                else:
                    ind.level1 = levels[0]
                    ind.level2 = ind.level2 or levels[1]
                levels = (ind.level1, ind.level2)
            td.indicators.append(ind)
            continue
        m = _YEAR.search(flat[0] if flat else "")
        if m and len([t for t in flat if t]) == 1 and td.year is None:
            td.year = int(m.group(1))
        elif any("名称" in t for t in flat[:1]) and len(flat) >= 2:
            td.unit = next((t for t in cells[1:] if t), "")
        elif any(t in GOAL_LABELS for t in flat):
            td.goal = next((t for t in reversed(cells) if t and norm(t) not in GOAL_LABELS), "")
        elif _funds_header(flat, funds_header, cells):
            funds_header.append(cells)
        elif funds_header and any(parse_number(t) is not None for t in cells if t) and (
                td.total_amount is None or next((t for t in flat if t), "") in TOTAL_ROWS):
            _funds(td, column_labels(funds_header), cells)  # the first amounts, or the 合计 row under tasks
        elif any("指标值" in t for t in flat) and any("性质" in t or "绩效指标" in t for t in flat):
            labels = cells
            index_map = map_columns(labels)
            for i, t in enumerate(flat):
                if t in ("绩效指标", "指标") and "level3" not in index_map:
                    index_map["level3"] = i
                if t == "活动":
                    index_map["activity"] = i
            cols = Columns(index_map, len(labels))
    return td, index


def _funds_header(flat: list[str], funds_header: list[list[str]], cells: list[str]) -> bool:
    """The 总体资金情况 header rows: 预算支出总额 | 财政拨款 | 其他资金, then 合计 | 基本支出 | 项目支出."""
    if not funds_header:
        return any("资金" in t for t in flat) and any("财政" in t for t in flat)
    return len(funds_header) == 1 and not any(parse_number(t) is not None for t in cells if t) and any(
        w in t for t in flat for w in ("合计", "基本支出", "项目支出", "财政", "其他", "总额"))


def _indicator(cells: list[str], cols: Columns, line: int) -> DeclaredIndicator:
    if "level1" in cols.index:
        ind = indicator(cells, cols, line)
    else:
        level1, level2, level3 = split_levels(cols.get(cells, "level3"))
        ind = indicator(cells, cols, line, level1=level1, level2=level2, level3=level3 or None)
    ind.activity = cols.get(cells, "activity") or None
    if "nature" not in cols.index:
        split_value(ind)
    return ind


def _funds(td: TargetDeclaration, labels: list[str], cells: list[str]) -> None:
    for label, text in zip(labels, cells, strict=False):
        flat = norm(label)
        value = parse_number(text)
        if not text:
            continue
        attr = None
        if "总额" in flat:
            attr = "total_amount"
        elif "财政" in flat:
            attr = "fiscal_basic" if "基本" in flat else "fiscal_project" if "项目" in flat else "fiscal_amount"
        elif "其他" in flat:
            attr = "other_basic" if "基本" in flat else "other_project" if "项目" in flat else "other_amount"
        if attr:
            setattr(td, attr, value)
            td.printed[attr] = text
