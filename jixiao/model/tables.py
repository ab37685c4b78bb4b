"""Budget and accounts tables as data (DESIGN §5.1, key ``BT``).

One ``BudgetTable`` per printed table: 预算01表 … 预算12表 of a budget disclosure, the 决算表 and
项目预算执行情况表 attached to an evaluation report. Values are kept exactly as printed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from jixiao.model.selfeval import Location
from jixiao.model.sparse import Sparse

# How a message names a role's table when the document prints neither code nor title.
ROLE_NAMES = {
    "summary": "收支总表", "income": "收入总表", "spending": "支出总表", "projects": "项目支出表",
    "fiscal_summary": "财政拨款收支总表", "general_spending": "一般公共预算支出表",
    "general_basic": "一般公共预算基本支出表", "government_fund": "政府性基金预算支出表",
    "state_capital": "国有资本经营预算支出表", "three_public": "“三公”经费支出表",
    "purchase_services": "政府购买服务预算表", "transfers": "转移支付表", "procurement": "政府采购预算表",
    "basic_spending": "基本支出表", "project_targets": "项目支出绩效目标表",
    "department_targets": "部门整体支出绩效目标表",
}
# The codes of the tables an evaluation report attaches (``Evaluation.tables``), where it prints none.
ACCOUNTS_CODE = "final_accounts"  # 决算表 (资产负债、收入支出)
EXECUTION_CODE = "project_budget_execution"  # 项目预算执行情况表
GOAL_FUNDS_CODE = "goal_completion_funds"  # 目标完成情况 with its funds


class TableRow(Sparse):
    """One printed row: its classification code (where printed), its item label and its values.

    ``code`` is the row's main classification code (the function code 2010301 of a 支出功能分类
    column, else the first code printed); ``codes`` holds every code printed in the row by column
    label (经济分类 30101, 部门代码 275001 …) and ``fields`` every other text cell by column label.
    On a two-sided table (收支总表: 收入 | 支出 on one printed line) each side is its own row and
    ``side`` says which ("收入" | "支出").
    """

    SPARSE = ("block", "block_index", "row_no", "span_to", "section", "section_columns")

    code: str | None = None
    item: str = ""
    values: list[Decimal | None] = Field(default_factory=list)  # aligned with BudgetTable.columns
    printed: list[str] = Field(default_factory=list)  # the raw cell text of every value
    codes: dict[str, str] = Field(default_factory=dict)
    fields: dict[str, str] = Field(default_factory=dict)
    side: str | None = None
    line: int | None = None
    # Set by the evaluation-report recognizers (printed only where set, see ``Sparse``):
    block: str | None = None  # 决算表: the block the row belongs to (资产负债表 …)
    block_index: int | None = None  # … and its position among the table's blocks
    row_no: str | None = None  # the row's printed number (行次), what formulas refer to
    span_to: int | None = None  # 决算表: a row printed across into the block of this index
    section: str | None = None  # 目标完成情况: the section (资金 / 产出 …) the row sits in
    section_columns: list[str] | None = None  # … and that section's column labels

    def value(self, index: int) -> Decimal | None:
        return self.values[index] if 0 <= index < len(self.values) else None

    @property
    def is_total(self) -> bool:
        """A 合计 / 总计 row (the whole table's or a side's total)."""
        text = self.item.replace(" ", "")
        return text in ("合计", "总计", "收入总计", "支出总计", "本年收入合计", "本年支出合计", "收支总计")


class BudgetTable(Sparse):
    SPARSE = ("blocks", "formulas", "goal_content", "goal_adjustment", "goal_actual", "goal_line")

    kind: Literal["budget_table"] = "budget_table"
    code: str = ""  # "预算01表", "表1", or a stable English slug where the document prints no code
    role: str | None = None  # what the table is, by its title: "summary", "income" … (recognize/budget/roles.py)
    title: str = ""
    money_unit: str = "万元"
    columns: list[str] = Field(default_factory=list)
    # A two-sided table whose sides have different value columns: each side's labels ("收入" → [预算数],
    # "支出" → [合计, 一般公共预算 …]); ``columns`` are then the first side's.
    side_columns: dict[str, list[str]] = Field(default_factory=dict)
    rows: list[TableRow] = Field(default_factory=list)
    location: Location = Field(default_factory=Location)
    warnings: list[str] = Field(default_factory=list)
    # Set by the evaluation-report recognizers (printed only where set, see ``Sparse``):
    blocks: list[dict[str, Any]] | None = None  # 决算表: its blocks (name, columns, column numbers)
    formulas: list[dict[str, Any]] | None = None  # 项目预算执行情况表: the formulas its notes print
    goal_content: str | None = None  # 目标完成情况: the goal as planned,
    goal_adjustment: str | None = None  # … as adjusted,
    goal_actual: str | None = None  # … as achieved
    goal_line: int | None = None  # … and the line that prints them

    @property
    def printed_code(self) -> str | None:
        """The number the document prints ("预算01表", "表1"); ``None`` for a slug given to a table
        printed without one (slugs are ASCII, printed codes are not)."""
        return self.code if self.code and not self.code.isascii() else None

    def column(self, *words: str) -> int | None:
        """Index of the first column whose label contains every word (labels compared without
        spaces), or ``None``."""
        for index, label in enumerate(self.columns):
            flat = label.replace(" ", "")
            if all(w in flat for w in words):
                return index
        return None

    def total_row(self, side: str | None = None) -> TableRow | None:
        """The last 合计/总计 row (of one side of a two-sided table)."""
        found = None
        for row in self.rows:
            if row.is_total and (side is None or row.side == side):
                found = row
        return found
