"""The 项目支出绩效自评表 as data (DESIGN §5.1, key ``SE``).

Numbers are kept exactly as printed (``Decimal``); ``printed`` keeps the raw cell text of every
numeric cell so that rules can tell the printed precision and spot malformed cells.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal, get_args

from pydantic import BaseModel, Field

from jixiao.model.sparse import Sparse
from jixiao.model.values import Value

FUND_ROWS = ("total", "current_year_appropriation", "prior_year_carryover", "other")
FUND_COLUMNS = ("initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score")


class Location(BaseModel):
    """Where a form or row sits in its source: lines for text, pages for PDF."""

    line_start: int | None = None
    line_end: int | None = None
    page_start: int | None = None
    page_end: int | None = None


class FundRow(Sparse):
    """One row of the funds block (年度资金总额, 当年财政拨款, 上年结转资金, 其他资金). ``confidence``:
    for a row read from a scan, the OCR confidence (0–1) of each printed cell, keyed like ``printed``
    (printed only where set, see ``Sparse``)."""

    SPARSE: ClassVar[tuple[str, ...]] = ("confidence",)

    initial_budget: Decimal | None = None
    full_year_budget: Decimal | None = None
    executed: Decimal | None = None
    weight: Decimal | None = None
    execution_rate: Decimal | None = None
    score: Decimal | None = None
    printed: dict[str, str] = Field(default_factory=dict)
    line: int | None = None
    confidence: dict[str, float] = Field(default_factory=dict)


class FundsRowEntry(FundRow):
    """One funds row as the form prints it (DESIGN §5.1 ``funds_rows``): its label as printed and the
    canonical role the lexicon gives it (``total``, ``current_year_appropriation``, ``fiscal``,
    ``basic`` …; ``None`` for a label the lexicon does not know)."""

    label: str = ""
    role: str | None = None


class Funds(BaseModel):
    total: FundRow = Field(default_factory=FundRow)
    current_year_appropriation: FundRow = Field(default_factory=FundRow)
    prior_year_carryover: FundRow = Field(default_factory=FundRow)
    other: FundRow = Field(default_factory=FundRow)


class Indicator(Sparse):
    """One indicator row; ``target_value``/``actual_value`` are the structured parses; ``confidence``:
    read from a scan, the OCR confidence (0–1) of its cells (``weight``, ``score``, ``target``,
    ``actual`` …), printed only where set."""

    SPARSE: ClassVar[tuple[str, ...]] = ("confidence",)

    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    target: str | None = None
    actual: str | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    deviation_note: str | None = None
    nature: str | None = None
    value: str | None = None  # the 指标值 part where the form splits 年度指标值 into 性质 | 指标值 | 单位
    unit: str | None = None
    target_value: Value | None = None
    actual_value: Value | None = None
    printed: dict[str, str] = Field(default_factory=dict)
    line: int | None = None
    confidence: dict[str, float] = Field(default_factory=dict)


# A project's 项目支出绩效自评表, and the 部门整体支出绩效自评表 (the same form opened on the unit).
SelfEvaluationKind = Literal["self_evaluation", "department_self_evaluation"]
SELF_EVALUATION_KINDS: tuple[SelfEvaluationKind, ...] = get_args(SelfEvaluationKind)


class SelfEvaluation(Sparse):
    """One 项目支出绩效自评表 (or, with ``kind`` "department_self_evaluation", a 部门整体支出绩效自评表).
    ``total_confidence``: read from a scan, the OCR confidence of the total row's cells, keyed like
    ``total_printed`` (printed only where set)."""

    SPARSE: ClassVar[tuple[str, ...]] = ("total_confidence",)

    kind: SelfEvaluationKind = "self_evaluation"
    year: int | None = None
    project_name: str | None = None
    project_code: str | None = None  # where the name cell prints "code-name" (51092324T000010263357-…)
    department: str | None = None
    implementing_unit: str | None = None
    project_lead: str | None = None
    phone: str | None = None
    funds: Funds = Field(default_factory=Funds)
    funds_rows: list[FundsRowEntry] = Field(default_factory=list)
    goal_expected: str | None = None
    goal_actual: str | None = None
    indicators: list[Indicator] = Field(default_factory=list)
    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    total_printed: dict[str, str] = Field(default_factory=dict)
    total_line: int | None = None
    total_confidence: dict[str, float] = Field(default_factory=dict)
    level_weights: dict[str, Decimal] = Field(default_factory=dict)  # points printed in block labels
    # the columns the template prints (its scoring scheme: no 分值 column, no 年初预算数 …); empty: unknown
    funds_columns: list[str] = Field(default_factory=list)
    indicator_columns: list[str] = Field(default_factory=list)
    location: Location = Field(default_factory=Location)
    incomplete: bool = False
    blank: bool = False  # a template with no values at all: listed, never audited
    warnings: list[str] = Field(default_factory=list)

    @property
    def subject(self) -> str | None:
        """What the form evaluates: its project, or for a department-wide form its unit."""
        return self.department if self.kind == "department_self_evaluation" else self.project_name
