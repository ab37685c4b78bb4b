"""绩效目标申报表 as data (DESIGN §5.1, key ``TD``): a project's, or the department-wide one."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from jixiao.model.selfeval import Location
from jixiao.model.sparse import Sparse

# The comparison kind is a 目标完成情况对比表 inside an evaluation report (``Evaluation.declarations``).
DeclarationKind = Literal["project_target_declaration", "department_target_declaration", "department_target_comparison"]


class DeclaredIndicator(Sparse):
    SPARSE = ("actual", "weight", "confidence")

    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    nature: str | None = None  # "≥" | "≤" | "=" | "<" | ">" | "定性" … as printed (NFKC)
    value: Decimal | str | None = None  # a number where the cell is one, else the text as printed
    unit: str | None = None
    direction: str | None = None  # "正向" | "反向" | None
    printed_value: str | None = None  # the value exactly as printed
    cell: str | None = None  # the whole cell where value, sign and unit share one ("≥20处")
    activity: str | None = None  # 部门整体: the 活动 the indicator belongs to
    line: int | None = None
    actual: str | None = None  # a 目标完成情况对比表's 实际完成值 (printed only where set)
    weight: Decimal | None = None  # a template's per-indicator 分值 (审批表; printed only where set)
    confidence: dict[str, float] = Field(default_factory=dict)  # read from a scan: OCR confidence by field


class TargetDeclaration(Sparse):
    SPARSE = ("title", "basic_amount", "project_amount", "functions", "amount_line", "goal_actual", "confidence")

    kind: DeclarationKind = "project_target_declaration"
    unit: str = ""
    project_code: str | None = None
    project_name: str | None = None
    category: str | None = None
    department: str | None = None  # 主管部门, where the form prints it
    implementing_unit: str | None = None  # 实施单位
    period: str | None = None  # 项目期
    money_unit: str = "万元"
    layout: str = "grid"  # "grid": a row of a disclosure's table (预算13表); "form": one project per form
    project_lead: str | None = None
    phone: str | None = None
    total_amount: Decimal | None = None
    fiscal_amount: Decimal | None = None
    other_amount: Decimal | None = None
    # 部门整体 (预算14表): the 基本支出 / 项目支出 split of the 财政拨款 and 其他资金 columns
    fiscal_basic: Decimal | None = None
    fiscal_project: Decimal | None = None
    other_basic: Decimal | None = None
    other_project: Decimal | None = None
    year: int | None = None
    table: str | None = None  # the table it was printed in ("预算13表"), where printed
    goal: str = ""
    indicators: list[DeclaredIndicator] = Field(default_factory=list)
    columns: list[str] = Field(default_factory=list)  # the indicator table's column labels, as printed
    printed: dict[str, str] = Field(default_factory=dict)  # amount cells as printed
    location: Location = Field(default_factory=Location)
    warnings: list[str] = Field(default_factory=list)
    # Set by the evaluation-report recognizer (printed only where set, see ``Sparse``):
    title: str | None = None  # the title line as printed
    basic_amount: Decimal | None = None  # 部门整体: 基本支出 of the 资金总额
    project_amount: Decimal | None = None  # … and 项目支出
    functions: str | None = None  # 部门职能概述
    amount_line: int | None = None  # the line that prints 资金总额
    goal_actual: str | None = None  # 目标完成情况对比表: the goal as achieved
    # Read from a scan: the OCR confidence (0–1) of each amount cell, keyed like ``printed``
    confidence: dict[str, float] = Field(default_factory=dict)
