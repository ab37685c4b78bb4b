"""项目支出绩效自评表 → :class:`Sheet` in the layout of the 财预〔2020〕10号 annex (9 columns)."""

from __future__ import annotations

from jixiao.model.selfeval import FUND_COLUMNS, FUND_ROWS, FundRow, Indicator, SelfEvaluation
from jixiao.present.forms.layout import Sheet, number_text

TITLE = "项目支出绩效自评表"
DEPARTMENT_TITLE = "部门整体支出绩效自评表"
FUND_LABELS = {"total": "年度资金总额", "current_year_appropriation": "其中：当年财政拨款",
               "prior_year_carryover": "上年结转资金", "other": "其他资金"}
FUND_HEADERS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
INDICATOR_HEADERS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                     "偏差原因分析及改进措施")
WIDTHS = [1.1, 1.3, 1.3, 1.6, 1.5, 1.5, 0.9, 0.9, 1.5]
BLANK_INDICATOR_ROWS = 9


def selfeval_sheet(form: SelfEvaluation | None, index: int = 0, kind: str = "self_evaluation") -> Sheet:
    """The sheet of one form; ``None`` gives the blank template a unit fills in (of ``kind``: a
    project's, or the department-wide one)."""
    blank = form is None
    se = form if form is not None else SelfEvaluation(kind=kind)
    year = f"（{se.year}年度）" if se.year else ("（    年度）" if blank else "")
    if se.kind == "department_self_evaluation":  # opens on the unit, no project fields
        sheet = Sheet(title=DEPARTMENT_TITLE, subtitle=year, note="", widths=list(WIDTHS), name=f"部门整体{index + 1}")
        sheet.new_row()
        sheet.label(0, "部门（单位）名称")
        sheet.add(1, se.department, colspan=8)
    else:
        sheet = Sheet(title=TITLE, subtitle=year, note="", widths=list(WIDTHS), name=f"自评表{index + 1}")
        sheet.new_row()
        sheet.label(0, "项目名称")
        sheet.add(1, se.project_name, colspan=8)
        sheet.new_row()
        sheet.label(0, "主管部门")
        sheet.add(1, se.department, colspan=3)
        sheet.label(4, "实施单位")
        sheet.add(5, se.implementing_unit, colspan=4)
    if se.project_lead or se.phone or se.kind == "self_evaluation":
        sheet.new_row()
        sheet.label(0, "项目负责人")
        sheet.add(1, se.project_lead, colspan=3)
        sheet.label(4, "联系电话")
        sheet.add(5, se.phone, colspan=4, align="left")
    _funds(sheet, se)
    _goals(sheet, se)
    _indicators(sheet, se.indicators, blank)
    sheet.new_row()
    sheet.label(0, "总分", colspan=6)
    sheet.add(6, number_text(se.total_weight, se.total_printed.get("total_weight")), align="right")
    sheet.add(7, number_text(se.total_score, se.total_printed.get("total_score")), align="right")
    grade = se.total_printed.get("grade")
    sheet.add(8, f"自评等级：{grade}" if grade else "")
    return sheet


def _funds(sheet: Sheet, se: SelfEvaluation) -> None:
    sheet.new_row()
    # the funds rows as the form printed them (基本支出, 财政专户管理资金 …), else the four canonical rows
    rows: list[tuple[str, FundRow]] = [(r.label, r) for r in se.funds_rows] or [
        (FUND_LABELS[name], getattr(se.funds, name)) for name in FUND_ROWS]
    sheet.label(0, "项目资金（万元）", rowspan=1 + len(rows))
    sheet.add(1, "")
    for n, header in enumerate(FUND_HEADERS):
        sheet.label(2 + n, header, colspan=2 if n == len(FUND_HEADERS) - 1 else 1)
    for label, row in rows:
        sheet.new_row()
        sheet.add(1, label)
        for n, column in enumerate(FUND_COLUMNS):
            value = getattr(row, column)
            if column == "execution_rate" and value is not None:
                value = f"{value.scaleb(2).normalize():f}%"
            text = number_text(value, row.printed.get(column))
            sheet.add(2 + n, text, colspan=2 if n == len(FUND_COLUMNS) - 1 else 1, align="right")


def _goals(sheet: Sheet, se: SelfEvaluation) -> None:
    sheet.new_row()
    sheet.label(0, "年度总体目标", rowspan=2)
    sheet.label(1, "预期目标", colspan=4)
    sheet.label(5, "实际完成情况", colspan=4)
    sheet.new_row()
    sheet.add(1, se.goal_expected, colspan=4, align="left")
    sheet.add(5, se.goal_actual, colspan=4, align="left")


def _indicators(sheet: Sheet, indicators: list[Indicator], blank: bool) -> None:
    header = sheet.new_row()
    rows = indicators if not blank else [Indicator() for _ in range(BLANK_INDICATOR_ROWS)]
    sheet.label(0, "绩效指标", rowspan=1 + len(rows))
    for n, text in enumerate(INDICATOR_HEADERS):
        sheet.label(1 + n, text)
    start = header + 1
    for ind in rows:
        sheet.new_row()
        sheet.add(3, ind.level3, align="left")
        sheet.add(4, ind.target, align="left")
        sheet.add(5, ind.actual, align="left")
        sheet.add(6, number_text(ind.weight, ind.printed.get("weight")), align="right")
        sheet.add(7, number_text(ind.score, ind.printed.get("score")), align="right")
        sheet.add(8, ind.deviation_note, align="left")
    for level, col in (("level1", 1), ("level2", 2)):
        for first, count in _groups(rows, level):
            sheet.add(col, getattr(rows[first], level), rowspan=count, align="center", row=start + first)


def _groups(rows: list[Indicator], level: str) -> list[tuple[int, int]]:
    """Runs of consecutive rows with the same value at ``level`` (and the same level1 above it)."""
    groups: list[tuple[int, int]] = []
    for n, ind in enumerate(rows):
        key = (ind.level1, getattr(ind, level))
        if groups and key[1] and n > 0 and (rows[n - 1].level1, getattr(rows[n - 1], level)) == key:
            first, count = groups[-1]
            groups[-1] = (first, count + 1)
        else:
            groups.append((n, 1))
    return groups
