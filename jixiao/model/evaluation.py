"""Evaluation reports as data (DESIGN §5.1, key ``EV``): 部门整体 / 项目支出绩效评价."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model.declaration import TargetDeclaration
from jixiao.model.selfeval import Location
from jixiao.model.tables import BudgetTable

EvaluationKind = Literal["department_evaluation", "project_evaluation"]


class EvaluationPart(BaseModel):
    """One row of the 结论一览表: a part (决策 / 管理 / 产出 / 效益 …), its maximum and score."""

    name: str
    max: Decimal | None = None
    score: Decimal | None = None
    printed: dict[str, str] = Field(default_factory=dict)  # "max", "score" as printed
    line: int | None = None


class EvaluationIndicator(BaseModel):
    """One row of the 指标体系及打分情况表 (merged cells carried down, no "(10分)" suffixes)."""

    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    level4: str | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    deduction_reason: str | None = None
    # The maximum printed inside a level label ("目标设定情况 (3分)" → 3), per level.
    level1_max: Decimal | None = None
    level2_max: Decimal | None = None
    level3_max: Decimal | None = None
    criteria: str | None = None  # project style: 指标解释 (spans several rows; carried down)
    explanation: str | None = None  # project style: 指标说明 / 评价要点 (carried down)
    printed: dict[str, str] = Field(default_factory=dict)  # "weight", "score" as printed
    line: int | None = None


class Figure(BaseModel):
    """A rate or an amount quoted in the text ("预算执行率为 97.17%"), as printed."""

    name: str  # canonical name ("预算执行率", "全年预算数" …)
    label: str  # the words printed before the number
    value: Decimal  # as printed: 97.17 for "97.17%", 17416.47 for "17,416.47 万元"
    unit: str  # "%" | "万元" | "元"
    printed: str
    line: int
    source: str = "narrative"  # "narrative" | "indicators" (a 扣分原因 cell)

    @property
    def fraction(self) -> Decimal:
        """A rate as a fraction (0.9717); amounts unchanged."""
        return self.value / 100 if self.unit == "%" else self.value


class Amount(BaseModel):
    """An amount printed in the text: its words, value and unit as printed."""

    label: str
    value: Decimal
    unit: str  # "万元" | "元"
    printed: str


class LedgerAmount(BaseModel):
    """An amount a report's own tables give, by meaning (``Evaluation.amounts``): the figures the
    text quotes are checked against these."""

    model_config = ConfigDict(frozen=True)

    value: Decimal
    printed: str
    where: str  # how a message names it: 「决算表“本年支出合计”决算数」
    line: int | None


class Breakdown(BaseModel):
    """「固定资产净值 651.87 万元，其中：土地… 221.63 万元，设备 296.52 万元…」: a total and its parts."""

    total: Amount
    parts: list[Amount] = Field(default_factory=list)
    line: int


class Statement(BaseModel):
    """A sentence about a part of the indicator system: 「产出指标（30 分）」, 「满分 10 分，评价得分为 7.83 分」."""

    part: str  # as printed ("产出", "部门决策")
    max: Decimal | None = None
    score: Decimal | None = None
    printed: str = ""
    line: int


class StatedResult(BaseModel):
    """The summary sentence: 「综合得分 85.26 分，其中部门决策 7.83 分 …，绩效评定结论为“良好”」."""

    total_score: Decimal | None = None
    grade: str | None = None
    parts: list[EvaluationPart] = Field(default_factory=list)
    line: int


class Evaluation(BaseModel):
    kind: EvaluationKind = "department_evaluation"
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
    # Provenance and the printed forms the checks compare against.
    summary_line: int | None = None  # the 结论一览表's header row
    total_printed: str | None = None
    total_max: Decimal | None = None
    grade_line: int | None = None
    total_line: int | None = None
    indicator_style: str | None = None  # "department" | "project"
    indicator_total_weight: Decimal | None = None
    indicator_total_score: Decimal | None = None
    indicator_total_printed: dict[str, str] = Field(default_factory=dict)
    indicator_total_line: int | None = None
    figure_details: list[Figure] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    stated_results: list[StatedResult] = Field(default_factory=list)
    breakdowns: list[Breakdown] = Field(default_factory=list)
    # The amounts the report's own tables give, by meaning (budget, executed, basic_* …, 万元), read
    # by the recognizer from the 决算表 / 项目预算执行情况表; derived from ``tables``, so not dumped.
    amounts: dict[str, LedgerAmount] = Field(default_factory=dict, exclude=True)


# Part families: the level-1 names of the indicator system (决策 / 管理 = 过程 / 产出 / 效益 = 绩效).
PART_FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("决策", ("决策",)),
    ("管理", ("管理", "过程", "实施")),
    ("产出", ("产出",)),
    ("效益", ("效益", "效果", "绩效")),
)


def family(name: str | None) -> str | None:
    """The family of a part name: 「项目管理」 and 「过程」 are both 管理; 「部门效益」 is 效益."""
    if not name:
        return None
    for key, words in PART_FAMILIES:
        if any(w in name for w in words):
            return key
    return None
