"""The indicator table's rows and its total: cells read through the indicator header's column map,
levels carried down, points in labels kept as weights, the grade printed after the total, and the rows
of a table whose header the page does not show."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.selfeval import Indicator
from jixiao.model.values import parse_number
from jixiao.read.text import clean
from jixiao.recognize.forms.draft import GRADE_AFTER, Draft
from jixiao.recognize.forms.fields import name_field
from jixiao.recognize.forms.header import is_header, read_row
from jixiao.recognize.forms.rows import OPERATORS, GRow, is_number_cell, is_value_cell
from jixiao.recognize.indicator_cells import PLACEHOLDER, parse_values
from jixiao.recognize.lexicon import base_text, label_key, points_of
from jixiao.recognize.selfeval import GRADE_WORDS


def is_total(row: GRow, d: Draft) -> bool:
    cells = row.filled
    if not cells or (d.ind_map is None and not d.fund_rows):
        return False
    first = cells[0]
    if first.concept("total") != "total" and not (len(cells) > 1 and cells[0].has("block", "goal")
                                                   and cells[1].concept("total") == "total"):
        return False
    return sum(1 for c in cells[1:] if not is_value_cell(c.text) and c.concept("total") is None
               and base_text(c.text) not in GRADE_WORDS) <= 1


def _level_text(text: str) -> tuple[str | None, Decimal | None]:
    if not text:
        return None, None
    points = points_of(text)
    t = clean(text)
    if points is not None:
        t = re.sub(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$", "", t).strip() or t
    return t, points


def indicator_row(d: Draft, row: GRow) -> None:
    cmap = d.ind_map
    assert cmap is not None
    cells = row.filled
    if len(cells) == 1 and not is_value_cell(cells[0].text):
        block = points_of(cells[0].text)
        if block is not None:  # "年度绩效目标1（80分）": a block of indicators and its points
            d.level_weights[clean(cells[0].text)] = block
            return
    values = read_row(cmap, row)
    level1, p1 = _level_text(values.get("level1", ""))
    level2, p2 = _level_text(values.get("level2", ""))
    if level1:
        if level1 != d.level1:
            d.level2 = None
        d.level1 = level1
        if p1 is not None:
            d.level_weights[level1] = p1
    if level2:
        d.level2 = level2
        if p2 is not None:
            d.level_weights.setdefault(level2, p2)
    level3 = clean(values.get("level3", ""))
    parts = {k: clean(values.get(k, "")) for k in ("nature", "value", "unit")}
    target = clean(values.get("target", ""))
    if cmap.split_target():
        shown = [parts[k] for k in ("nature", "value", "unit")
                 if parts[k] and not (k == "nature" and parts[k] == "定性")]
        target = "".join(shown) or target
    actual = clean(values.get("actual", ""))
    weight_text = clean(values.get("weight", ""))
    score_text = clean(values.get("score", ""))
    note = clean(values.get("note", ""))
    if not (level3 or target or actual or weight_text or score_text):
        return
    empty = not (target or actual or weight_text or score_text)
    if level3 and (label_key(level3) in ("三级指标", "指标名称") or (empty and PLACEHOLDER.match(level3))):
        return
    ind = Indicator(level1=d.level1, level2=d.level2, level3=level3 or None, target=target or None,
                    actual=actual or None, deviation_note=note or None, line=row.line_start)
    if cmap.split_target():
        ind.nature, ind.value, ind.unit = parts["nature"] or None, parts["value"] or None, parts["unit"] or None
    ind.weight = parse_number(weight_text) if weight_text else None
    ind.score = parse_number(score_text) if score_text else None
    ind.printed = {k: v for k, v in (("weight", weight_text), ("score", score_text)) if v}
    parse_values(ind)
    if PLACEHOLDER.match(level3 or "") and ind.weight is None and ind.score is None and not target:
        return
    d.indicators.append(ind)


def read_total(d: Draft, row: GRow) -> None:
    d.total_line = row.line_start
    cmap = d.ind_map
    cells = row.filled
    grade = next((c.text for c in cells if base_text(GRADE_AFTER.sub("", base_text(c.text))) in GRADE_WORDS), None)
    if cmap is not None and cmap.aligned and row.grid and row.width == cmap.width:
        values = read_row(cmap, row)
        for key, concept in (("total_weight", "weight"), ("total_score", "score")):
            text = clean(values.get(concept, ""))
            if text and (is_value_cell(text) or any(ch.isdigit() for ch in text)):
                d.total[key] = text
        if d.total:
            if grade:
                d.total["grade"] = GRADE_AFTER.sub("", base_text(grade))
            return
    numbers = [c.text for c in cells[1:] if c.concept("total") is None and c.text != grade]
    has_score = cmap is not None and cmap.get("score") is not None
    has_weight = cmap is not None and cmap.get("weight") is not None
    if len(numbers) >= 2:
        d.total["total_weight"], d.total["total_score"] = numbers[0], numbers[1]
    elif numbers:
        d.total["total_score" if has_score or not has_weight else "total_weight"] = numbers[0]
    else:
        d.total["total_score"] = ""
    if grade:
        d.total["grade"] = GRADE_AFTER.sub("", base_text(grade))


def grade_row(d: Draft, row: GRow) -> None:
    if "grade" in d.total:
        return
    for cell in row.filled[:3]:
        word = GRADE_AFTER.sub("", base_text(cell.text))
        if word in GRADE_WORDS and (cell.concept("total") == "grade" or word != base_text(cell.text)):
            d.total["grade"] = word
            return
        if cell.concept("total") == "grade":
            nxt = [c for c in row.filled if c.col > cell.col]
            if nxt and base_text(nxt[0].text) in GRADE_WORDS:
                d.total["grade"] = base_text(nxt[0].text)
                return


def _indicator_like(row: GRow) -> bool:
    """A row that reads like an indicator row: a level word or an operator, and a figure."""
    cells = row.filled
    if not row.hard or len(cells) < 2 or len(cells) > 16:
        return False
    worded = any(c.has("level1", "level2") or base_text(c.text) in OPERATORS or base_text(c.text)[:1] in "≥≤=＝﹦><"
                 for c in cells)
    return worded and any(is_number_cell(c.text) for c in cells)


def headerless_tail(rows: list[GRow], n: int) -> bool:
    """Rows at ``n`` that are an indicator table's without its header: two or more indicator-like rows,
    then a total row, before any header or name."""
    first_row = rows[n]
    if not (_indicator_like(first_row) or (first_row.filled and all(c.has("level1", "level2")
                                                                   for c in first_row.filled))):
        return False  # (only a row that could be one starts the look ahead)
    count = 0
    for k in range(n, min(len(rows), n + 30)):
        row = rows[k]
        if not row.filled:
            continue
        first = row.filled[0]
        if first.concept("total") == "total":
            return count >= 2
        if name_field(row) is not None or is_header(row, "indicator_column") or is_header(row, "funds_column"):
            return False
        if _indicator_like(row):
            count += 1
        elif all(c.has("level1", "level2") for c in row.filled):
            continue  # a level label on a row of its own
        elif count == 0:
            return False
    return False
