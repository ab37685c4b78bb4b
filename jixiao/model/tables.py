"""Budget and accounts tables as data (DESIGN §5.1, key ``BT``).

One ``BudgetTable`` per printed table: 预算01表 … 预算12表 of a budget disclosure, the 决算表 and
项目预算执行情况表 attached to an evaluation report. Values are kept exactly as printed.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model.selfeval import Location


class TableRow(BaseModel):
    """One printed row: its classification code (where printed), its item label and its values."""

    model_config = ConfigDict(extra="allow")

    code: str | None = None
    item: str = ""
    values: list[Decimal | None] = Field(default_factory=list)  # aligned with BudgetTable.columns
    printed: list[str] = Field(default_factory=list)  # the raw cell text of every value
    line: int | None = None


class BudgetTable(BaseModel):
    model_config = ConfigDict(extra="allow")

    kind: str = "budget_table"
    code: str = ""  # "预算01表", or a stable English slug where the document prints no code
    title: str = ""
    money_unit: str = "万元"
    columns: list[str] = Field(default_factory=list)
    rows: list[TableRow] = Field(default_factory=list)
    location: Location = Field(default_factory=Location)
    warnings: list[str] = Field(default_factory=list)
