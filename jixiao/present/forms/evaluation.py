"""An evaluation report's score table (指标体系及打分情况表) → :class:`Sheet`, with the 结论一览表
parts and the total and grade below it."""

from __future__ import annotations

from jixiao.model.evaluation import Evaluation
from jixiao.present.forms.layout import Sheet, number_text

HEADERS = ("一级指标", "二级指标", "三级指标", "四级指标", "分值", "得分", "扣分原因")
WIDTHS = [1.0, 1.2, 1.4, 2.0, 0.6, 0.6, 2.4]


def evaluation_sheet(form: Evaluation, index: int = 0) -> Sheet:
    year = f"（{form.year}年度）" if form.year else ""
    sheet = Sheet(title=f"{form.subject}绩效评价指标体系及打分情况表", subtitle=year, widths=list(WIDTHS),
                  name=f"评价{index + 1}")
    sheet.new_row()
    for n, text in enumerate(HEADERS):
        sheet.label(n, text)
    for ind in form.indicators:
        sheet.new_row()
        for n, level in enumerate((ind.level1, ind.level2, ind.level3, ind.level4)):
            sheet.add(n, level)
        sheet.add(4, number_text(ind.weight), align="right")
        sheet.add(5, number_text(ind.score), align="right")
        sheet.add(6, ind.deduction_reason)
    for part in form.parts:
        sheet.new_row()
        sheet.label(0, part.name, colspan=4)
        sheet.add(4, number_text(part.max), align="right")
        sheet.add(5, number_text(part.score), align="right")
        sheet.add(6, "")
    sheet.new_row()
    sheet.label(0, "综合得分", colspan=4)
    sheet.add(4, "100" if form.parts or form.indicators else "", align="right")
    sheet.add(5, number_text(form.total_score), align="right")
    sheet.add(6, f"绩效等级：{form.grade}" if form.grade else "")
    return sheet
