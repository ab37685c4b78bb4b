"""The 部门绩效目标申报表 and the 绩效目标完成情况对比表 attached to a report → TD-like structures.

申报表: label/value rows (部门(单位)名称, 负责人, 联系电话, 资金总额 / 基本支出 / 项目支出 / 其他, 绩效目标)
then 「绩效指标 | 一级指标 | 二级指标 | 具体指标」 rows. 对比表: 「一级指标 | 二级指标 | 具体指标 | 已落实情况」,
planned vs achieved per category. A row's 二级指标 is the short cell ending in 「指标」; the cells before
it are its 一级指标 (carried down when empty); the cells after it are the planned (and achieved) text.
Rows without such a cell continue the row above (a cell broken across a page).
"""

from __future__ import annotations

import re

from jixiao.model.declaration import DeclaredIndicator, TargetDeclaration
from jixiao.model.selfeval import Location
from jixiao.read.text import Row
from jixiao.read.text import join_fragments as join
from jixiao.recognize.evaluation.common import is_single, line_text, nf, number, table_run

_TAGS = re.compile(r"</?p>")
_FIELDS = (("unit", "名称"), ("project_lead", "负责人"), ("phone", "联系电话"), ("total_amount", "资金总额"),
           ("basic_amount", "基本支出"), ("project_amount", "项目支出"), ("other_amount", "其他"),
           ("functions", "职能概述"), ("goal", "绩效目标"))
_MONEY = ("total_amount", "basic_amount", "project_amount", "other_amount")


def _clean(text: str) -> str:
    return _TAGS.sub("", text).strip()


def _level2_at(cells: list[str]) -> int | None:
    """The last short 「…指标」 label cell before the first text cell (「效果指标 | 社会效益指标 | …」 → 1)."""
    found: int | None = None
    for i, c in enumerate(cells):
        n = nf(c)
        if n.endswith("指标") and 2 < len(n) <= 12 and n not in ("绩效指标", "一级指标", "二级指标", "具体指标"):
            found = i
        elif len(n) > 12:
            break
    return found


def find_declarations(rows: list[Row], lo: int, hi: int) -> list[TargetDeclaration]:
    found: list[TargetDeclaration] = []
    for i in range(lo, hi):
        row = rows[i]
        if not is_single(row):
            continue
        title = nf(line_text(row))
        if len(title) > 40 or re.match(r"^\d+[.、]", title):
            continue
        if title.endswith("绩效目标申报表"):
            start = _next_table(rows, i + 1, hi)
            if start is not None:
                found.append(_declaration(rows, i, start, hi))
        elif title.endswith("完成情况对比表"):
            start = _next_table(rows, i + 1, hi)
            if start is not None:
                found.append(_comparison(rows, i, start, hi))
    return found


def _next_table(rows: list[Row], start: int, hi: int) -> int | None:
    """The first row of the table under a title, if it is a table of indicators."""
    for j in range(start, min(hi, start + 8)):
        if rows[j].hard and not is_single(rows[j]):
            end = table_run(rows, j, hi)
            return j if any(nf(c.text) == "一级指标" for r in rows[j:end] for c in r.cells) else None
    return None


def _unit_line(rows: list[Row], title: int, start: int) -> str:
    for row in rows[title:start]:
        m = re.search(r"(?:部门|单位)名称\s*[:：]\s*(\S.*)$", line_text(row))
        if m:
            return m.group(1).strip()
    return ""


def _declaration(rows: list[Row], title: int, start: int, hi: int) -> TargetDeclaration:
    end = table_run(rows, start, hi)
    td = TargetDeclaration(kind="department_target_declaration", unit=_unit_line(rows, title, start),
                           location=Location(line_start=rows[title].line_start, line_end=rows[end - 1].line_end))
    td.title = line_text(rows[title]).strip()
    values: dict[str, str] = {}
    in_indicators = False
    level1: str | None = None
    for row in rows[start:end]:
        cells = [_clean(c.text) for c in row.cells]
        if any(nf(c) == "一级指标" for c in cells):
            in_indicators = True
            continue
        if not in_indicators:
            _fields(cells, values)
            continue
        at = _level2_at(cells)
        if at is None:
            text = [c for c in cells if c]
            if td.indicators and text and not any(nf(t).startswith("其他说明") for t in text):
                last = td.indicators[-1]
                last.value = join(str(last.value or ""), text[-1])
            continue
        before = [c for c in cells[:at] if c and nf(c) != "绩效指标"]
        if before:
            level1 = before[-1]
        after = [c for c in cells[at + 1:] if c]
        td.indicators.append(DeclaredIndicator(level1=level1, level2=cells[at], value=after[0] if after else None,
                                               line=row.line_start))
    td.unit = values.get("unit") or td.unit
    td.project_lead, td.phone = values.get("project_lead"), values.get("phone")
    td.goal = values.get("goal", "")
    td.total_amount, td.other_amount = number(values.get("total_amount")), number(values.get("other_amount"))
    td.basic_amount, td.project_amount = number(values.get("basic_amount")), number(values.get("project_amount"))
    td.functions, td.printed = values.get("functions"), {k: values[k] for k in _MONEY if k in values}
    td.amount_line = next((r.line_start for r in rows[start:end] if "资金总额" in nf(line_text(r))), None)
    return td


def _fields(cells: list[str], values: dict[str, str]) -> None:
    """Label cells followed by their value (「资金总额: | 16,923.25」, 「联系电话 | 67904013」)."""
    for i, cell in enumerate(cells):
        label = nf(cell).rstrip(":：")
        if not label:
            continue
        for key, word in _FIELDS:
            if key in values or not (label.endswith(word) or label == word):
                continue
            rest = [c for c in cells[i + 1:] if c]
            if key in _MONEY:
                value = next((c for c in rest[:1] if number(c) is not None), "")
            else:
                value = rest[0] if rest and not any(rest[0].startswith(w) for _, w in _FIELDS[:3]) else ""
            if value or key in _MONEY:
                values[key] = value
            break


def _comparison(rows: list[Row], title: int, start: int, hi: int) -> TargetDeclaration:
    end = table_run(rows, start, hi)
    td = TargetDeclaration(kind="department_target_comparison", unit=_unit_line(rows, title, start),
                           location=Location(line_start=rows[title].line_start, line_end=rows[end - 1].line_end))
    td.title = line_text(rows[title]).strip()
    level1: str | None = None
    for row in rows[start:end]:
        cells = [_clean(c.text) for c in row.cells]
        if any(nf(c) in ("一级指标", "计划内容") for c in cells):
            continue
        at = _level2_at(cells)
        texts = [c for c in cells if c]
        if at is None:
            if not td.indicators and len(texts) >= 2 and "目标" in nf(texts[0]):
                td.goal = texts[-2] if len(texts) >= 3 else ""
                td.goal_actual = texts[-1]
            elif td.indicators and texts:
                _continue(td.indicators[-1], texts)
            continue
        before = [c for c in cells[:at] if c and nf(c) != "绩效指标"]
        if before:
            level1 = before[-1]
        after = [c for c in cells[at + 1:] if c]
        ind = DeclaredIndicator(level1=level1, level2=cells[at], value=after[0] if after else None, line=row.line_start)
        ind.actual = after[1] if len(after) > 1 else None
        td.indicators.append(ind)
    return td


def _continue(ind: DeclaredIndicator, texts: list[str]) -> None:
    actual = ind.actual or ""
    if len(texts) >= 2:
        ind.value = join(str(ind.value or ""), texts[0])
        ind.actual = join(actual, texts[1])
    elif actual and not actual.endswith(("。", "；", ";")):
        ind.actual = join(actual, texts[0])
    else:
        ind.value = join(str(ind.value or ""), texts[0])
