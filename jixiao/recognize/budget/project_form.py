"""项目支出绩效目标申报表 printed as a form, one project per form → ``TargetDeclaration``.

Most provinces declare a project's targets on a form of its own rather than in a disclosure's grid:
label/value rows (项目名称, 主管部门, 实施单位, 项目负责人, 联系电话 …), the 项目资金 block (年度资金总额,
其中：财政拨款, 其他资金), 年度绩效目标, then the indicator table (一级/二级/三级指标, 指标值, and where the
template has them 指标性质, 度量单位, 指标方向). Labels are found by meaning, wherever they stand in a
row. An indicator value printed in one cell ("≥20处") is split into nature, value and unit; the cell
stays in ``cell`` as printed.

A form is told apart from a 自评表 (which shares its first labels) by what a declaration never has:
全年执行数, 得分, 实际完成值 (see :func:`jixiao.recognize.selfeval.recognize_self_evaluations`).
"""

from __future__ import annotations

import re

from jixiao.model.declaration import DeclaredIndicator, TargetDeclaration
from jixiao.model.selfeval import Location
from jixiao.model.values import parse_number
from jixiao.read.text import Row
from jixiao.recognize.budget.declarations import Columns, direction_of, map_columns, nature_of, split_value
from jixiao.recognize.labels import norm

FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("project_name", ("项目名称",)),
    ("department", ("主管部门", "主管单位", "预算部门", "业务主管部门")),
    ("implementing_unit", ("实施单位", "项目实施单位", "执行单位", "项目单位")),
    ("category", ("项目属性", "项目类别", "项目类型", "项目分类")),
    ("period", ("项目期", "项目周期", "实施期限", "项目实施期")),
    ("project_lead", ("项目负责人", "负责人")),
    ("phone", ("联系电话", "联系方式", "电话")),
)
FUNDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("total_amount", ("年度资金总额", "资金总额", "年度金额", "项目总额", "当年年度预算", "年度预算")),
    ("fiscal_amount", ("财政拨款", "财政资金", "本年财政拨款", "当年财政拨款")),
    ("other_amount", ("其他资金", "其它资金")),
)
GOAL_LABELS = ("年度绩效目标", "年度目标", "绩效目标", "年度总体目标", "总体目标", "项目绩效目标", "年度主要目标和成果",
               "年度主要目标")
# Points printed after a level label: "产出指标(50分)", "产出指标（40-50分）", "成本指标(0-20)分".
_LEVEL_POINTS = re.compile(
    r"\s*[(（]\s*\d+(?:\.\d+)?(?:\s*[-－~～至]\s*\d+(?:\.\d+)?)?\s*(?:分\s*[)）]|[)）]\s*分)\s*$")
_YEAR = re.compile(r"(20\d{2})\s*年")
# Words of forms that report what was done, which a declaration never prints.
NOT_DECLARED = ("执行数", "实际完成", "预计完成", "得分", "总分")  # (a planned 执行率 is declared too)
MAX_FORM_ROWS = 200  # label rows before the indicator header, at most


def _label(text: str) -> str:
    t = norm(text).rstrip(":")
    return t.removeprefix("其中:").removeprefix("其中")


def _match(text: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    """The key whose label the cell is: the label itself or with a short suffix ("主管部门及代码",
    "年度资金总额（万元）")."""
    t = _label(text)
    for key, words in table:
        if any(t == w or (t.startswith(w) and len(t) <= len(w) + 5) for w in words):
            return key
    return None


def _field(text: str) -> str | None:
    return _match(text, FIELDS)


def _fund(text: str) -> str | None:
    return _match(text, FUNDS)


def _is_goal(text: str) -> bool:
    return _label(text) in GOAL_LABELS


def is_indicator_header(row: Row) -> bool:
    flat = [norm(c.text) for c in row.cells]
    return (any("一级指标" in t for t in flat) and any("三级指标" in t or "二级指标" in t for t in flat)
            and any("指标值" in t for t in flat) and not any("项目名称" in t for t in flat))


def starts_form(rows: list[Row], index: int) -> bool:
    """``rows[index]`` opens a declaration form: its first cell is 项目名称 and an indicator header
    follows before the next 项目名称."""
    row = rows[index]
    first = next((c.text for c in row.cells if c.text), "")
    if not row.hard or _field(first) != "project_name":
        return False
    for ahead in range(index + 1, min(index + 1 + MAX_FORM_ROWS, len(rows))):
        other = rows[ahead]
        if any(w in norm(c.text) for c in other.cells for w in NOT_DECLARED):
            return False  # a self-evaluation or a monitoring form (执行监控表) shares these labels
        if is_indicator_header(other):
            return True
        if other.hard and _field(next((c.text for c in other.cells if c.text), "")) == "project_name":
            return False
    return False


def _year_before(rows: list[Row], index: int) -> int | None:
    for row in reversed(rows[max(0, index - 3):index]):
        text = " ".join(c.text for c in row.cells)
        m = _YEAR.search(text)
        if m and len(norm(text)) <= 40:
            return int(m.group(1))
    return None


def parse_project_form(rows: list[Row], start: int, table: str | None) -> tuple[TargetDeclaration, int]:
    """The form whose 项目名称 row is ``rows[start]``; returns it and the index of the row after it."""
    td = TargetDeclaration(table=table, year=_year_before(rows, start), layout="form",
                           location=Location(line_start=rows[start].line_start, line_end=rows[start].line_end))
    index = start
    goal_pending = False
    while index < len(rows):
        row = rows[index]
        if index > start and row.hard and starts_form(rows, index):
            return td, index
        if is_indicator_header(row):
            return td, _indicators(td, rows, index)
        cells = [c.text for c in row.cells]
        td.location.line_end = row.line_end
        index += 1
        if not row.hard and not goal_pending and len(norm(cells[0])) > 60:
            break  # free text after a form cut short
        if goal_pending and not any(_field(t) or _fund(t) or _is_goal(t) for t in cells if t):
            td.goal = max((t for t in cells if t), key=len, default="")
            goal_pending = False
            continue
        goal_pending = _read_row(td, cells) and not td.goal
    return td, index


def _read_row(td: TargetDeclaration, cells: list[str]) -> bool:
    """Every label of one row with the value after it; True when the row names the goal but does not
    hold it (the text is on the next row)."""
    goal_named = False
    for i, text in enumerate(cells):
        if not text:
            continue
        rest = [t for t in cells[i + 1:] if t]
        key = _field(text)
        if key is not None:
            value = rest[0] if rest and _field(rest[0]) is None and _fund(rest[0]) is None else None
            if value is not None and getattr(td, key) is None:
                _set(td, key, value)
            continue
        fund = _fund(text)
        if fund is not None:
            if any(w in norm(text) for w in ("(元)", "（元）")):
                td.money_unit = "元"
            printed = next((t for t in rest if parse_number(t) is not None), None)
            if printed is not None and fund not in td.printed:
                td.printed[fund] = printed
                setattr(td, fund, parse_number(printed))
            continue
        if _is_goal(text):
            goal = max((t for t in rest if not _is_goal(t) and len(norm(t)) > 4), key=len, default="")
            if goal and not td.goal:
                td.goal = goal
            goal_named = not goal
    return goal_named


def _set(td: TargetDeclaration, key: str, value: str) -> None:
    setattr(td, key, value)
    if key == "implementing_unit" or (key == "department" and not td.unit):
        td.unit = value


def _indicators(td: TargetDeclaration, rows: list[Row], header: int) -> int:
    labels = [c.text for c in rows[header].cells]
    cols = Columns(map_columns(labels), len(labels))
    first = min((i for k, i in cols.index.items() if k in ("level1", "level2", "level3", "value")), default=0)
    td.columns = [t for t in labels[first:] if t]
    level1 = level2 = None
    index = header + 1
    td.location.line_end = rows[header].line_end
    while index < len(rows):
        row = rows[index]
        cells = [c.text for c in row.cells]
        filled = [t for t in cells if t]
        if not row.hard or starts_form(rows, index) or is_indicator_header(row):
            break
        index += 1
        if not filled:
            continue
        if len(cells) < min(3, cols.width):
            break  # a footer (填报人 …), not an indicator row
        if len(cells) < cols.width:
            cells = [""] * (cols.width - len(cells)) + cells  # merged level cells printed as nothing
        level1 = _LEVEL_POINTS.sub("", cols.get(cells, "level1")) or level1
        level2 = _LEVEL_POINTS.sub("", cols.get(cells, "level2")) or (level2 if not cols.get(cells, "level1") else None)
        if not any(cols.get(cells, k) for k in ("level3", "value")):
            continue
        td.indicators.append(_indicator(cells, cols, row.line_start, level1, level2))
        td.location.line_end = row.line_end
    return index


def _indicator(cells: list[str], cols: Columns, line: int, level1: str | None,
               level2: str | None) -> DeclaredIndicator:
    printed = cols.get(cells, "value")
    ind = DeclaredIndicator(level1=level1, level2=level2, level3=cols.get(cells, "level3") or None,
                            nature=nature_of(cols.get(cells, "nature")), unit=cols.get(cells, "measure") or None,
                            direction=direction_of(cols.get(cells, "direction")), printed_value=printed or None,
                            line=line)
    number = parse_number(printed)
    ind.value = number if number is not None else (printed or None)
    if "weight" in cols.index:
        ind.weight = parse_number(cols.get(cells, "weight").removesuffix("分"))
    if "nature" not in cols.index:
        split_value(ind)
    return ind
