"""The 指标体系及打分情况表 in both printed variants.

Department style: 一级 | 二级 | 三级 | 四级 | 分值 | 专家打分 | 扣分原因.
Project style:    一级 | 二级 | 三级 | 四级 | 评分标准 | 指标解释 | 指标说明 | 专家评分, where the
explanation cells span many rows.

Converted tables often lose the leading cells of vertically merged columns, so a row's cells are
placed by the position of its weight (the first number): labels sit right-aligned against it,
a row whose cell just before the weight is empty has lost a merged column (unless its first label
is a level-1 name), and a label that is only 「(1.5分)」 finishes the label above it. Rows without a
number continue the row above (a label or an explanation broken across lines).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model.evaluation import EvaluationIndicator
from jixiao.read.text import Row
from jixiao.read.text import join_fragments as join
from jixiao.recognize.evaluation.common import nf, number, only_max, split_max, table_run

LEVELS = 4
_PART_FAMILIES = ("决策", "管理", "过程", "产出", "效益", "效果", "绩效")


@dataclass
class IndicatorTable:
    style: str  # "department" | "project"
    rows: list[EvaluationIndicator] = field(default_factory=list)
    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    total_printed: dict[str, str] = field(default_factory=dict)
    total_line: int | None = None
    header_line: int = 0
    end: int = 0


@dataclass
class _Header:
    weight_col: int
    levels: int  # label columns printed (一级 … 四级)
    style: str


def _header(row: Row) -> _Header | None:
    cells = [nf(c.text) for c in row.cells]
    if not any(c.startswith("一级指标") for c in cells) or not any("四级" in c or "三级" in c for c in cells):
        return None
    weight_col = next((i for i, c in enumerate(cells) if c in ("分值", "评分标准", "权重", "标准分值", "分数")), None)
    if weight_col is None:
        return None
    style = "department" if any("扣分" in c for c in cells) else "project"
    levels = max(1, min(LEVELS, sum(1 for c in cells if "级指标" in c)))
    return _Header(weight_col=weight_col, style=style, levels=levels)


def find_indicator_table(rows: list[Row], lo: int, hi: int, part_names: list[str]) -> IndicatorTable | None:
    for i in range(lo, hi):
        if rows[i].hard:
            header = _header(rows[i])
            if header is not None:
                return _read(rows, i, hi, header, part_names)
    return None


def _is_level1(label: str, part_names: list[str]) -> bool:
    name, _ = split_max(label)
    n = nf(name)
    if n in _PART_FAMILIES or any(nf(p) == n or nf(p).endswith(n) or n.endswith(nf(p)) for p in part_names):
        return True
    return not part_names and len(n) <= 4 and any(n.endswith(f) for f in _PART_FAMILIES)


def _read(rows: list[Row], header_index: int, hi: int, header: _Header, part_names: list[str]) -> IndicatorTable:
    table = IndicatorTable(style=header.style, header_line=rows[header_index].line_start)
    end = table_run(rows, header_index + 1, hi)
    table.end = end
    labels: list[str | None] = [None] * LEVELS
    maxima: list[Decimal | None] = [None] * LEVELS
    carried: dict[str, str | None] = {"criteria": None, "explanation": None}
    for row in rows[header_index + 1:end]:
        cells = [c.text.strip() for c in row.cells]
        if not any(cells):
            continue
        nums = [i for i, c in enumerate(cells) if number(c) is not None]
        first_text = next((c for c in cells if c), "")
        if nf(first_text) in ("合计", "总计", "总分") and nums:
            _total(table, cells, nums, row.line_start)
            continue
        if not nums:
            _continue(table, cells, header.weight_col)
            continue
        wcol = nums[0]
        placed = _place(cells, wcol, header, part_names)
        for level, text in placed:
            extra = only_max(text)
            if extra is not None and labels[level] is not None:
                maxima[level] = extra
                continue
            name, mx = split_max(text)
            labels[level], maxima[level] = name, mx
            for deeper in range(level + 1, LEVELS):
                labels[deeper], maxima[deeper] = None, None
        deepest = max((lv for lv, _ in placed), default=-1)
        for deeper in range(deepest + 1, LEVELS):
            labels[deeper], maxima[deeper] = None, None
        ind = EvaluationIndicator(level1=labels[0], level2=labels[1], level3=labels[2], level4=labels[3],
                                  level1_max=maxima[0], level2_max=maxima[1], level3_max=maxima[2],
                                  weight=number(cells[wcol]), line=row.line_start)
        ind.printed = {"weight": cells[wcol]}
        after = [(i, c) for i, c in enumerate(cells) if i > wcol and c]
        if header.style == "department":
            if after and number(after[0][1]) is not None:
                ind.score, ind.printed["score"] = number(after[0][1]), after[0][1]
                after = after[1:]
            ind.deduction_reason = "".join(c for _, c in after) or None
        else:
            if len(nums) >= 2:
                ind.score, ind.printed["score"] = number(cells[nums[-1]]), cells[nums[-1]]
            between = [c for i, c in after if i < (nums[-1] if len(nums) >= 2 else len(cells))]
            new_group = any(lv <= 2 and only_max(t) is None for lv, t in placed)
            if between and (new_group or carried["criteria"] is None):
                carried["criteria"] = between[0]
                carried["explanation"] = between[1] if len(between) > 1 else None
            elif between:
                carried["criteria"] = join(carried["criteria"] or "", between[0])
                if len(between) > 1:
                    carried["explanation"] = join(carried["explanation"] or "", between[1])
            elif new_group:
                carried = {"criteria": None, "explanation": None}
            ind.criteria, ind.explanation = carried["criteria"], carried["explanation"]
            trailing = [c for i, c in after if len(nums) >= 2 and i > nums[-1]]
            ind.deduction_reason = "".join(trailing) or None
        table.rows.append(ind)
    return table


def _place(cells: list[str], wcol: int, header: _Header, part_names: list[str]) -> list[tuple[int, str]]:
    """The (level index, text) of the labels before the weight, merged columns accounted for.

    A row whose weight sits left of the header's 分值 column lost that many leading cells; a row
    whose cell just before the weight is empty lost one (unless it starts with a level-1 name); a
    lone label in a row that lost cells is the row's most specific label."""
    found = [(i, c) for i, c in enumerate(cells[:wcol]) if c]
    if not found:
        return []
    deepest = header.levels - 1
    shift = max(0, header.weight_col - wcol)
    lost_merged = wcol >= 1 and not cells[wcol - 1]
    if shift == 0 and lost_merged and not (found[0][0] == 0 and _is_level1(found[0][1], part_names)):
        shift = 1
    if shift and len(found) == 1 and only_max(found[0][1]) is None and not _is_level1(found[0][1], part_names):
        return [(deepest, found[0][1])]
    placed = [(min(i + shift, deepest), c) for i, c in found]
    if placed[0][0] == 0 and not _is_level1(placed[0][1], part_names) and len(placed) < header.levels:
        placed = [(min(lv + 1, deepest), c) for lv, c in placed]
    return placed


def _continue(table: IndicatorTable, cells: list[str], header_wcol: int) -> None:
    """A row without numbers: the rest of a label (before the weight column) or of an explanation."""
    if not table.rows:
        return
    last = table.rows[-1]
    for i, text in enumerate(cells):
        if not text:
            continue
        if i < header_wcol:
            for attr in ("level4", "level3", "level2", "level1"):
                if getattr(last, attr):
                    setattr(last, attr, join(getattr(last, attr), text))
                    break
        elif table.style == "department":
            last.deduction_reason = join(last.deduction_reason or "", text)
        elif last.criteria is not None and last.explanation is None:
            last.explanation = text
        elif last.explanation is not None:
            last.explanation = join(last.explanation, text)


def _total(table: IndicatorTable, cells: list[str], nums: list[int], line: int) -> None:
    table.total_line = line
    table.total_weight = number(cells[nums[0]])
    table.total_printed["weight"] = cells[nums[0]]
    if len(nums) >= 2:
        table.total_score = number(cells[nums[-1]])
        table.total_printed["score"] = cells[nums[-1]]
