"""绩效目标申报表 → :class:`Sheet`.

* a project's declaration in the layout of the budget disclosure's 项目支出绩效表 (Beijing 预算13表):
  one row per indicator, the project's own fields merged down over its indicator rows;
* the department-wide one (部门整体支出绩效目标申报表, 预算14表) as a form: 部门（单位）名称, the
  总体资金情况 block (预算支出总额; 财政拨款 and 其他资金, each 合计 / 基本支出 / 项目支出),
  整体绩效目标, then the indicator rows.

The table code and the year, where the declaration was printed with them, head the sheet.
"""

from __future__ import annotations

from jixiao.model.declaration import DeclaredIndicator, TargetDeclaration
from jixiao.present.forms.layout import Sheet, number_text

TITLE = "项目支出绩效目标申报表"
DEPARTMENT_TITLE = "部门整体支出绩效目标申报表"
PROJECT_HEADERS = ("单位名称", "项目名称", "项目类别", "项目责任人", "项目责任人电话", "项目总额")
INDICATOR_HEADERS = ("一级指标", "二级指标", "三级指标", "绩效指标性质", "本年绩效指标值", "绩效度量单位", "指标方向性")
WIDTHS = [1.4, 1.5, 0.8, 0.7, 0.9, 0.8, 0.8, 0.8, 4.0, 0.9, 0.9, 1.3, 0.6, 0.8, 0.6, 0.6]
DEPARTMENT_WIDTHS = [1.0, 1.0, 1.0, 2.4, 0.8, 0.9, 0.8, 0.8]
BLANK_INDICATOR_ROWS = 9
FUND_ATTRS = ("total_amount", "fiscal_amount", "fiscal_basic", "fiscal_project", "other_amount", "other_basic",
              "other_project")


def declaration_sheet(form: TargetDeclaration | None, index: int = 0) -> Sheet:
    """The sheet of one declaration; ``None`` gives the blank project template."""
    if form is not None and form.kind == "department_target_declaration":
        return department_sheet(form, index)
    td = form if form is not None else TargetDeclaration()
    sheet = Sheet(title=_title(td, TITLE), subtitle=_year(td, form is None), note="金额单位：万元",
                  widths=list(WIDTHS), name=f"申报表{index + 1}")
    sheet.new_row()
    for n, header in enumerate(PROJECT_HEADERS):
        sheet.label(n, header, rowspan=2)
    sheet.label(6, "其中：", colspan=2)
    sheet.label(8, "绩效目标", rowspan=2)
    for n, header in enumerate(INDICATOR_HEADERS):
        sheet.label(9 + n, header, rowspan=2)
    sheet.new_row()
    sheet.label(6, "财政资金")
    sheet.label(7, "其他资金")
    indicators = td.indicators if form is not None else [DeclaredIndicator() for _ in range(BLANK_INDICATOR_ROWS)]
    rows = max(1, len(indicators))
    first = sheet.new_row()
    project = (td.unit, _code_name(td.project_code, td.project_name), td.category, td.project_lead, td.phone)
    for n, field_text in enumerate(project):
        sheet.add(n, field_text, rowspan=rows, row=first)
    for n, attr in enumerate(("total_amount", "fiscal_amount", "other_amount")):
        sheet.add(5 + n, _amount(td, attr), rowspan=rows, align="right", row=first)
    sheet.add(8, td.goal, rowspan=rows, row=first)
    for n, ind in enumerate(indicators):
        if n:
            sheet.new_row()
        _indicator_cells(sheet, ind, 9)
    return sheet


def department_sheet(td: TargetDeclaration, index: int = 0) -> Sheet:
    sheet = Sheet(title=_title(td, DEPARTMENT_TITLE), subtitle=_year(td, False),
                  widths=list(DEPARTMENT_WIDTHS), name=f"部门整体{index + 1}")
    last = len(DEPARTMENT_WIDTHS) - 1
    sheet.new_row()
    sheet.label(0, "部门（单位）名称", colspan=2)
    sheet.add(2, td.unit, colspan=last - 1)
    sheet.new_row()  # one header row with whole labels: each column's label stands in its own cell
    sheet.label(0, "预算支出总额", colspan=2)
    headers = ("财政拨款合计", "财政拨款基本支出", "财政拨款项目支出",
               "其他资金合计", "其他资金基本支出", "其他资金项目支出")
    for n, header in enumerate(headers):
        sheet.label(2 + n, header)
    sheet.new_row()
    sheet.add(0, "金额单位：万元", colspan=last + 1, align="right")
    sheet.new_row()
    sheet.add(0, _amount(td, FUND_ATTRS[0]), colspan=2, align="right")
    for n, attr in enumerate(FUND_ATTRS[1:]):
        sheet.add(2 + n, _amount(td, attr), align="right")
    sheet.new_row()
    sheet.label(0, "整体绩效目标", colspan=2)
    sheet.add(2, td.goal, colspan=last - 1)
    sheet.new_row()
    for n, header in enumerate(("活动", *INDICATOR_HEADERS)):
        sheet.label(n, header)
    for ind in td.indicators:
        sheet.new_row()
        sheet.add(0, ind.activity)
        _indicator_cells(sheet, ind, 1)
    return sheet


def _indicator_cells(sheet: Sheet, ind: DeclaredIndicator, col: int) -> None:
    sheet.add(col, ind.level1)
    sheet.add(col + 1, ind.level2)
    sheet.add(col + 2, ind.level3)
    sheet.add(col + 3, ind.nature, align="center")
    value = ind.printed_value if ind.printed_value is not None else number_text(ind.value)
    sheet.add(col + 4, value, align="left" if isinstance(ind.value, str) else "right")
    sheet.add(col + 5, ind.unit, align="center")
    sheet.add(col + 6, ind.direction, align="center")


def _amount(td: TargetDeclaration, attr: str) -> str:
    return number_text(getattr(td, attr), td.printed.get(attr))


def _title(td: TargetDeclaration, title: str) -> str:
    return f"{td.table} {title}" if td.table else title


def _year(td: TargetDeclaration, blank: bool) -> str:
    if td.year:
        return f"（{td.year}年度预算）"
    return "（    年度）" if blank else ""


def _code_name(code: str | None, name: str | None) -> str:
    if code and name:
        return f"{code}-{name}"
    return code or name or ""
