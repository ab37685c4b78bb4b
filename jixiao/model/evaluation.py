"""Evaluation reports as data (DESIGN §5.1, key ``EV``): 部门整体 / 项目支出绩效评价."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model.declaration import TargetDeclaration
from jixiao.model.selfeval import Location
from jixiao.model.tables import BudgetTable


class EvaluationPart(BaseModel):
    """One row of the 结论一览表: a part (决策 / 管理 / 产出 / 效益 …), its maximum and score."""

    model_config = ConfigDict(extra="allow")

    name: str
    max: Decimal | None = None
    score: Decimal | None = None


class EvaluationIndicator(BaseModel):
    """One row of the 指标体系及打分情况表 (merged cells carried down, no "(10分)" suffixes)."""

    model_config = ConfigDict(extra="allow")

    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    level4: str | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    deduction_reason: str | None = None
    line: int | None = None


class Evaluation(BaseModel):
    model_config = ConfigDict(extra="allow")

    kind: str = "department_evaluation"  # or "project_evaluation"
    subject: str = ""
    year: int | None = None
    total_score: Decimal | None = None
    grade: str | None = None
    parts: list[EvaluationPart] = Field(default_factory=list)
    indicators: list[EvaluationIndicator] = Field(default_factory=list)
    figures: dict[str, Decimal] = Field(default_factory=dict)
    tables: list[BudgetTable] = Field(default_factory=list)
    declarations: list[TargetDeclaration] = Field(default_factory=list)
    location: Location = Field(default_factory=Location)
    warnings: list[str] = Field(default_factory=list)
