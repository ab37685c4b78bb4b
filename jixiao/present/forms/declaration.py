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
FORM_SPLIT = ("指标性质", "指标值", "度量单位", "指标方向")
FUND_ATTRS = ("total_amount", "fiscal_amount", "fiscal_basic", "fiscal_project", "other_amount", "other_basic",
              "other_project")


def declaration_sheet(form: TargetDeclaration | None, index: int = 0) -> Sheet:
    """The sheet of one declaration; ``None`` gives the blank project template."""
    if form is not None and form.kind == "department_target_declaration":
        return department_sheet(form, index)
    if form is not None and form.layout == "form":
        return project_form_sheet(form, index)
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


def project_form_sheet(td: TargetDeclaration, index: int = 0) -> Sheet:
    """One project's declaration as the national template prints it: label/value rows, the 项目资金
    block, 年度绩效目标, then the indicator table (with 指标性质/度量单位/指标方向 columns where the
    declaration has them, else the value printed whole: "≥20处")."""
    split = any((ind.nature and not ind.cell) or (ind.unit and not ind.cell) or ind.direction
                for ind in td.indicators)
    headers = ("一级指标", "二级指标", "三级指标", *(FORM_SPLIT if split else ("指标值",)))
    width = 1 + len(headers)
    sheet = Sheet(title=_title(td, TITLE), subtitle=_year(td, False).replace("预算", ""),
                  widths=[1.3] + [1.0] * (width - 2) + [1.8], name=f"申报表{index + 1}")
    middle = 1 + (width - 1) // 2

    def pair_row(left: str, left_text: str | None, right: str | None = None, right_text: str | None = None) -> None:
        sheet.new_row()
        sheet.label(0, left)
        if right is None:
            sheet.add(1, left_text, colspan=width - 1)
            return
        sheet.add(1, left_text, colspan=middle - 1)
        sheet.label(middle, right)
        sheet.add(middle + 1, right_text, colspan=width - middle - 1)

    pair_row("项目名称", _code_name(td.project_code, td.project_name))
    pair_row("主管部门及代码", td.department, "实施单位", td.implementing_unit or td.unit)
    if td.project_lead or td.phone:
        pair_row("项目负责人", td.project_lead, "联系电话", td.phone)
    if td.category or td.period:
        pair_row("项目属性", td.category, "项目期", td.period)
    unit = "元" if td.money_unit == "元" else "万元"
    for n, (label, attr) in enumerate((("年度资金总额", "total_amount"), ("其中：财政拨款", "fiscal_amount"),
                                       ("其他资金", "other_amount"))):
        row = sheet.new_row()
        if n == 0:
            sheet.label(0, f"项目资金（{unit}）", rowspan=3)
        sheet.add(1, label, colspan=middle - 1, row=row)
        sheet.add(middle, _amount(td, attr), colspan=width - middle, align="right", row=row)
    pair_row("年度绩效目标", td.goal)
    sheet.new_row()
    sheet.label(0, "绩效指标", rowspan=len(td.indicators) + 1)
    for n, header in enumerate(headers):
        sheet.label(1 + n, header)
    for ind in td.indicators:
        sheet.new_row()
        sheet.add(1, ind.level1)
        sheet.add(2, ind.level2)
        sheet.add(3, ind.level3)
        if split:
            _value_cells(sheet, ind, 4)
        else:
            sheet.add(4, ind.cell or _value_text(ind), align="left")
    return sheet


def _indicator_cells(sheet: Sheet, ind: DeclaredIndicator, col: int) -> None:
    sheet.add(col, ind.level1)
    sheet.add(col + 1, ind.level2)
    sheet.add(col + 2, ind.level3)
    _value_cells(sheet, ind, col + 3)


def _value_cells(sheet: Sheet, ind: DeclaredIndicator, col: int) -> None:
    """指标性质 | 指标值 | 度量单位 | 指标方向 from ``col`` on."""
    sheet.add(col, ind.nature, align="center")
    sheet.add(col + 1, _value_text(ind), align="left" if isinstance(ind.value, str) else "right")
    sheet.add(col + 2, ind.unit, align="center")
    sheet.add(col + 3, ind.direction, align="center")


def _value_text(ind: DeclaredIndicator) -> str:
    return ind.printed_value if ind.printed_value is not None else number_text(ind.value)


def _amount(td: TargetDeclaration, attr: str) -> str:
    return number_text(getattr(td, attr), td.printed.get(attr))


def _title(td: TargetDeclaration, title: str) -> str:
    return f"{td.table} {title}" if td.table and title not in td.table else title


def _year(td: TargetDeclaration, blank: bool) -> str:
    if td.year:
        return f"（{td.year}年度预算）"
    return "（    年度）" if blank else ""


def _code_name(code: str | None, name: str | None) -> str:
    if code and name:
        return f"{code}-{name}"
    return code or name or ""
