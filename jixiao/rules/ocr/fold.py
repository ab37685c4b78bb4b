"""An OCR misreading is not the unit's error: the findings the rules raise on a cell reported as read
uncertainly (OC001, OC002) are merged into that report.

Which findings a cell explains: those on its own row that a misread value of it would cause (the
row's 执行率, 执行率得分, score bounds, malformed cell, a score unjustified or unexplained by a misread
actual), and the form-level sums it takes part in (总分 and 等级 for a score, 分值合计 for a weight, the
funds columns' 合计 for an amount). For OC002 the form-level ones are those its suggested reading
restores. A cell nothing was read from (OC003) accounts for the 必填单元格为空 finding on its row. The
merged findings keep their evidence in the OCR finding's ``merged``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jixiao.rules.finding import Finding

ROW_CATEGORIES = {
    "funds": ("execution_rate", "execution_score", "score_bounds", "typo"),
    "score": ("score_bounds", "score_unjustified", "score_unexplained", "typo"),
    "weight": ("score_bounds", "typo"),
    "value": ("score_unjustified", "score_unexplained", "typo", "units"),
}
CROSSFOOT_COLUMNS = ("initial_budget", "full_year_budget", "executed")


def _explains(field: str, restores: list[str] | None, blank: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(categories on the cell's row, categories anywhere on the form) a doubtful cell accounts for."""
    parts = field.split(".")
    row: tuple[str, ...]
    form: tuple[str, ...]
    if blank:  # OC003: nothing read where the form needs a value
        return ("missing",), ()
    if parts[0] == "funds":
        row, column = ROW_CATEGORIES["funds"], parts[-1]
        form = ("crossfoot",) if column in CROSSFOOT_COLUMNS else ()
        form += ("total", "grade") if column == "score" else ("weights",) if column == "weight" else ()
        if parts[1] == "total" and column in ("full_year_budget", "executed", "execution_rate"):
            form += ("total", "grade")  # the execution score follows the rate
    elif parts[0] == "indicators":
        kind = parts[-1] if parts[-1] in ("score", "weight") else "value"
        row = ROW_CATEGORIES[kind]
        form = ("total", "grade") if kind == "score" else ("weights",) if kind == "weight" else ()
    else:
        row, form = (), ("total", "grade") if field == "total_score" else ("weights",)
    if restores is not None:  # OC002: the sums its reading makes hold
        form = tuple(c for c in form if c in restores or (c == "grade" and "total" in restores))
        row = tuple(c for c in row if c in restores or c not in ("execution_rate", "execution_score"))
    return row, form


def _cell(finding: Finding) -> dict[str, Any] | None:
    actual = finding.actual
    if finding.category == "ocr" and isinstance(actual, dict) and isinstance(actual.get("field"), str):
        return actual
    return None


def fold_ocr(findings: list[Finding]) -> list[Finding]:
    """The findings with those a doubtful OCR cell explains merged into its OC finding (the first
    such OCR finding of the form takes each); unchanged when there is none."""
    doubtful = [(f, cell) for f in findings if (cell := _cell(f)) is not None]
    if not doubtful:
        return findings
    taken: dict[int, list[Finding]] = defaultdict(list)
    folded: set[int] = set()
    for finding in findings:
        if finding.category == "ocr":
            continue
        form = (finding.source, finding.form.kind, finding.form.index)
        line = finding.location.get("line_start")
        for ocr, cell in doubtful:
            if (ocr.source, ocr.form.kind, ocr.form.index) != form:
                continue
            row, whole = _explains(cell["field"], cell.get("restores"), cell.get("printed") == "")
            if finding.category in whole or (finding.category in row and line is not None
                                              and line == ocr.location.get("line_start")):
                taken[id(ocr)].append(finding)
                folded.add(id(finding))
                break
    result: list[Finding] = []
    for finding in findings:
        if id(finding) in folded:
            continue
        merged = taken.get(id(finding))
        if merged:
            codes = "、".join(dict.fromkeys(f.code for f in merged))
            finding = finding.model_copy(update={
                "merged": [*finding.merged, *(f"{f.code}：{f.message}" for f in merged)],
                "message": f"{finding.message}（{codes}据此并入本条，不作单位差错）"})
        result.append(finding)
    return result
