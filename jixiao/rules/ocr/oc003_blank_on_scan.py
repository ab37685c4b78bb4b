"""识别存疑（扫描件上未读出）：on a form read from a scan, a cell the form's arithmetic needs (the
年度资金总额 row's 全年预算数, 全年执行数, 执行率 and 得分, an indicator's 得分 beside its 分值, the 总分)
came out empty while the cells around it were read. The paper may be blank there, or a seal, a blot or
a fold hid it from the OCR: check it against the paper. The 必填单元格为空 finding (SE016) on that row is
merged into this one, not the unit's error.

Bad::

    a scanned 自评表 whose 总分 cell, under an ink blot, reads as empty

Good::

    the same cell read as 「99」, or a form with a text layer whose 总分 is really empty (SE016)
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.rules.base import REQUIRED_FUND_COLUMNS, Context, is_blank, row_name
from jixiao.rules.finding import Finding
from jixiao.rules.scoring import is_scored_row

CODE = "OC003"
NAME = "ocr-blank-on-scan"
SEVERITY = "warning"
CATEGORY = "ocr"


def check(ctx: Context) -> Iterator[Finding]:
    form = ctx.form
    row = form.funds.total
    if not (row.confidence or form.total_confidence or any(i.confidence for i in form.indicators)):
        return  # not read from a scan
    cells: list[tuple[str, str, int | None]] = []
    if row.confidence:
        columns = set(form.funds_columns) or set(REQUIRED_FUND_COLUMNS)
        cells += [(f"funds.total.{col}", f"年度资金总额{label}", row.line)
                  for col, label in REQUIRED_FUND_COLUMNS.items()
                  if col in columns and is_blank(row.printed, col, getattr(row, col))]
    scores = set(form.indicator_columns) or {"score"}
    for n, ind in enumerate(form.indicators):
        if ind.confidence and "score" in scores and is_scored_row(ind) and is_blank(ind.printed, "score", ind.score):
            cells.append((f"indicators.{n}.score", f"指标{row_name(ind)}得分", ind.line))
    if form.total_line is not None and form.indicators and is_blank(form.total_printed, "total_score",
                                                                     form.total_score):
        cells.append(("total_score", "总分", form.total_line))
    for path, label, line in cells:
        yield ctx.finding(f"{ctx.name}{label}在扫描件上未读出内容（可能未填，也可能被印章、污迹遮挡），"
                          "请对照原件核对。", actual={"field": path, "printed": "", "confidence": None},
                          line=line)
