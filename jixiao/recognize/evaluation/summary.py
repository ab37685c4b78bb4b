"""The 结论一览表 (parts, maxima, scores, total, grade) and the summary sentence that quotes it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model.evaluation import EvaluationPart, StatedResult
from jixiao.read.text import Cell, Row
from jixiao.recognize.evaluation.common import blank, line_text, nf, number, table_run

_TOTAL_WORDS = ("综合得分", "总得分", "总分", "合计", "综合评分")
_GRADE_WORDS = ("评定级别", "评价等级", "绩效等级", "评定等级", "等级", "级别", "评价结论", "评定结论")


@dataclass
class SummaryTable:
    parts: list[EvaluationPart] = field(default_factory=list)
    total: Decimal | None = None
    total_printed: str | None = None
    total_max: Decimal | None = None
    total_line: int | None = None
    grade: str | None = None
    grade_line: int | None = None
    header_line: int | None = None
    end: int = 0


def _is_header(row: Row) -> bool:
    cells = [nf(c.text) for c in row.cells if c.text.strip()]
    return (len(cells) >= 3 and any(("分值" in c or "满分" in c or "权重" in c) for c in cells)
            and any("得分" in c for c in cells) and not any(("二级" in c or "三级" in c) for c in cells))


def find_summary(rows: list[Row], lo: int, hi: int) -> SummaryTable | None:
    """The first 结论一览表 in ``rows[lo:hi]``: header 「评价内容 | 分值 | 评价得分」, one row per part.
    Free text lines (PDF text: 「部门决策 10 7.83」) are split at spaces."""
    for i in range(lo, hi):
        if rows[i].hard and _is_header(rows[i]):
            return _read(rows, i, hi)
        if not rows[i].hard and len(_split(rows[i]).cells) <= 6 and _is_header(_split(rows[i])):
            soft = [_split(r) for r in _soft_run(rows, i, hi)]
            table = _read(soft, 0, len(soft))
            if len(table.parts) >= 2 and table.total is not None:
                return table
    return None


_SOFT_ROW = re.compile(r"^\S{2,20}(?:\s+(?:\d+(?:\.\d+)?|[\u4e00-\u9fff]{1,4})){1,3}$")


def _split(row: Row) -> Row:
    """A free text line as a table row: one cell per space-separated word."""
    text = " ".join(c.text for c in row.cells)
    cells = [Cell(word, row.line_start) for word in text.split()]
    return Row(cells, row.line_start, row.line_end, True, row.gap_before, row.origin)


def _soft_run(rows: list[Row], start: int, hi: int) -> list[Row]:
    run = [rows[start]]
    for row in rows[start + 1:hi]:
        if row.hard or not _SOFT_ROW.match(" ".join(c.text for c in row.cells).strip()):
            break
        run.append(row)
    return run


def _read(rows: list[Row], header: int, hi: int) -> SummaryTable:
    table = SummaryTable(header_line=rows[header].line_start)
    end = table_run(rows, header + 1, hi)
    table.end = end
    for row in rows[header + 1:end]:
        cells = [c.text.strip() for c in row.cells]
        filled = [c for c in cells if c]
        if not filled:
            continue
        label = nf(filled[0])
        rest = filled[1:]
        if any(w in label for w in _GRADE_WORDS) and not any(w in label for w in _TOTAL_WORDS):
            table.grade = next((c for c in rest if not blank(c)), None)
            table.grade_line = row.line_start
            continue
        nums = [c for c in rest if number(c) is not None]
        if any(w in label for w in _TOTAL_WORDS):
            table.total_max = number(nums[0]) if len(nums) >= 2 else None
            table.total_printed = nums[1] if len(nums) >= 2 else nums[0] if nums else None
            table.total = number(table.total_printed)
            table.total_line = row.line_start
            words = [c for c in rest if number(c) is None and not blank(c) and len(nf(c)) <= 4 and "%" not in c]
            if words and table.grade is None:
                table.grade, table.grade_line = words[-1], row.line_start
            continue
        part = EvaluationPart(name=filled[0], line=row.line_start)
        if len(nums) >= 2:
            part.max, part.score = number(nums[0]), number(nums[1])
            part.printed = {"max": nums[0], "score": nums[1]}
        elif len(nums) == 1:
            part.score = number(nums[0])
            part.printed = {"score": nums[0]}
        table.parts.append(part)
    return table


_SENTENCE_TOTAL = re.compile(r"综合(?:得分|评分)\s*(?:为)?\s*(\d+(?:\.\d+)?)\s*分")
_SENTENCE_PART = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:指标)?\s*(?:得分)?\s*(\d+(?:\.\d+)?)\s*分")
_SENTENCE_GRADE = re.compile(r"(?:评定|评价)?(?:结论|结果|等级|级别)为\s*[“\"「]?([\u4e00-\u9fff]{1,4})[”\"」]?")


def stated_results(rows: list[Row], lo: int, hi: int) -> list[StatedResult]:
    """Every sentence that states the total score (「综合得分 85.26 分，其中部门决策 7.83 分 …」)."""
    found: list[StatedResult] = []
    for row in rows[lo:hi]:
        if row.hard:
            continue
        t = line_text(row)
        m = _SENTENCE_TOTAL.search(t)
        if not m:
            continue
        result = StatedResult(total_score=Decimal(m.group(1)), line=row.line_start)
        tail = t[m.end():]
        g = _SENTENCE_GRADE.search(t)
        if g:
            result.grade = g.group(1)
            tail = tail[: max(0, g.start() - m.end())] if g.start() > m.end() else tail
        if tail.lstrip("，, ").startswith("其中"):
            for p in _SENTENCE_PART.finditer(tail.lstrip("，, ")[2:]):
                name = p.group(1).lstrip("，,、和及")
                result.parts.append(EvaluationPart(name=name, score=Decimal(p.group(2)),
                                                   printed={"score": p.group(2)}, line=row.line_start))
        found.append(result)
    return found
