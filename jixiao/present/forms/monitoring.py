"""绩效运行监控表 → :class:`Sheet`, in the layout of the national 项目支出绩效目标执行监控表: 项目名称,
主管部门 / 实施单位 (and 项目编码, 预算单位 where the form has them), the 项目资金 block (年初预算数, 全年预算数,
1–N月执行数, 执行率, 全年预计执行数), 年度总体目标 with its 1–N月执行情况, then the indicator table
with the deviation causes and the likelihood as checkbox columns ticked "√"."""

from __future__ import annotations

from jixiao.model.monitoring import (
    DEVIATION_CAUSES,
    LIKELIHOODS,
    MonitoringFunds,
    MonitoringFundsRow,
    MonitoringIndicator,
    MonitoringReport,
)
from jixiao.present.forms.layout import Sheet, number_text

TITLE = "项目支出绩效目标执行监控表"
TICK = "√"
WIDTHS = [1.0, 1.0, 1.1, 1.6, 1.0, 1.0, 1.0, 0.6, 0.6, 0.6, 0.7, 0.5, 0.6, 0.6, 0.7, 1.8]
WIDTH = len(WIDTHS)
FUND_COLUMNS = (("initial_budget", 4, 2), ("full_year_budget", 6, 2), ("executed_to_date", 8, 2),
                ("execution_rate", 10, 2), ("forecast_executed", 12, 4))
BLANK_INDICATOR_ROWS = 6


def monitoring_sheet(form: MonitoringReport | None, index: int = 0) -> Sheet:
    """The sheet of one monitoring form; ``None`` gives the blank template."""
    mr = form if form is not None else MonitoringReport()
    year = f"（{mr.year}年度）" if mr.year else "（    年度）"
    sheet = Sheet(title=TITLE, subtitle=year, widths=list(WIDTHS), name=f"监控表{index + 1}")
    period = mr.period or "1-  月"

    def pair_row(left: str, left_text: str | None, right: str | None = None, right_text: str | None = None) -> None:
        sheet.new_row()
        sheet.label(0, left, colspan=3)
        if right is None:
            sheet.add(3, left_text, colspan=WIDTH - 3)
            return
        sheet.add(3, left_text, colspan=6)
        sheet.label(9, right, colspan=3)
        sheet.add(12, right_text, colspan=WIDTH - 12)

    pair_row("项目名称", mr.project_name)
    if mr.project_code:
        pair_row("项目编码", mr.project_code)
    pair_row("主管部门", mr.department, "实施单位", mr.implementing_unit)
    if mr.unit and mr.unit != mr.implementing_unit:
        pair_row("预算单位", mr.unit)
    rows: list[MonitoringFundsRow] = list(mr.funds_rows)
    if not rows:
        rows = [MonitoringFundsRow(label="年度资金总额", role="total",
                                   **mr.funds.model_dump(include=set(MonitoringFunds.model_fields)))]
    head = sheet.new_row()
    sheet.label(0, "项目资金（万元）", rowspan=len(rows) + 1)
    sheet.add(1, "", colspan=3, row=head)
    for (_, col, span), text in zip(FUND_COLUMNS, ("年初预算数", "全年预算数", f"{period}执行数", "执行率",
                                                   "全年预计执行数"), strict=True):
        sheet.label(col, text, colspan=span)
    for entry in rows:
        sheet.new_row()
        sheet.add(1, entry.label, colspan=3)
        for attr, col, span in FUND_COLUMNS:
            sheet.add(col, _fund_text(entry, attr), colspan=span, align="right")
    if mr.goal or mr.goal_progress or form is None:
        sheet.new_row()
        sheet.label(0, "年度总体目标", rowspan=2)
        sheet.label(1, "年初设定目标", colspan=7)
        sheet.label(8, f"{period}执行情况", colspan=8)
        sheet.new_row()
        sheet.add(1, mr.goal, colspan=7)
        sheet.add(8, mr.goal_progress, colspan=8)
    indicators = mr.indicators if form is not None else [MonitoringIndicator() for _ in range(BLANK_INDICATOR_ROWS)]
    sheet.new_row()
    sheet.label(0, "绩效指标", rowspan=len(indicators) + 2)
    for col, text in enumerate(("一级指标", "二级指标", "三级指标", "年度指标值", f"{period}实际完成值",
                                "全年预计完成值"), start=1):
        sheet.label(col, text, rowspan=2)
    sheet.label(7, "偏差原因分析", colspan=len(DEVIATION_CAUSES))
    sheet.label(12, "完成目标可能性", colspan=len(LIKELIHOODS))
    sheet.label(15, "原因说明", rowspan=2)
    sheet.new_row()
    for col, text in enumerate((*DEVIATION_CAUSES, *LIKELIHOODS), start=7):
        sheet.label(col, text)
    for ind in indicators:
        sheet.new_row()
        for col, cell in enumerate((ind.level1, ind.level2, ind.level3, ind.target, ind.actual_to_date,
                                    ind.forecast), start=1):
            sheet.add(col, cell, align="left" if col == 3 else "center")
        for col, cause in enumerate(DEVIATION_CAUSES, start=7):
            sheet.add(col, TICK if ind.deviation_cause == cause else "", align="center")
        for col, likely in enumerate(LIKELIHOODS, start=12):
            sheet.add(col, TICK if ind.likelihood == likely else "", align="center")
        sheet.add(15, ind.note)
    return sheet


def _fund_text(entry: MonitoringFunds, attr: str) -> str:
    printed = entry.printed.get(attr)
    if attr == "execution_rate" and printed is None and entry.execution_rate is not None:
        return f"{(entry.execution_rate * 100).normalize():f}%"
    return number_text(getattr(entry, attr), printed)
