"""The 绩效运行监控表 (项目支出绩效目标执行监控表) as data (DESIGN §5.1, key ``MR``).

A mid-year report on one project: the money spent in the first months (``period``, e.g. "1-7月")
against the year's budget and a forecast for the year, and per indicator the value reached so far,
the value forecast for the year, the cause of a deviation (a category the template prints as
checkbox columns or as text) and how likely the target is to be met. Numbers are kept exactly as
printed (``Decimal``); ``printed`` keeps the raw cell texts.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, get_args

from pydantic import BaseModel, Field

from jixiao.model.selfeval import Location

DeviationCause = Literal["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"]
Likelihood = Literal["确定能", "有可能", "完全不可能"]
DEVIATION_CAUSES: tuple[DeviationCause, ...] = get_args(DeviationCause)
LIKELIHOODS: tuple[Likelihood, ...] = get_args(Likelihood)
MONITORING_FUND_COLUMNS = ("initial_budget", "full_year_budget", "executed_to_date", "execution_rate",
                           "forecast_executed")


class MonitoringFunds(BaseModel):
    """One row of the funds block (年度资金总额, or a source of it): the money to date and forecast."""

    initial_budget: Decimal | None = None  # 年初预算数
    full_year_budget: Decimal | None = None  # 全年预算数
    executed_to_date: Decimal | None = None  # 1–N月执行数
    execution_rate: Decimal | None = None  # 执行率 (a fraction)
    forecast_executed: Decimal | None = None  # 全年预计执行数
    printed: dict[str, str] = Field(default_factory=dict)
    line: int | None = None


class MonitoringFundsRow(MonitoringFunds):
    """A funds row as printed, with its label and the role the lexicon gives it (``total``,
    ``current_year_appropriation``, ``other`` …; ``None`` for a label the lexicon does not know)."""

    label: str = ""
    role: str | None = None


class MonitoringIndicator(BaseModel):
    """One indicator row of a monitoring form."""

    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    target: str | None = None  # 年度指标值, as printed
    actual_to_date: str | None = None  # 1–N月实际完成值 (执行情况)
    forecast: str | None = None  # 全年预计完成值
    deviation_cause: DeviationCause | None = None  # 偏差原因分析: the category ticked or written
    likelihood: Likelihood | None = None  # 完成目标可能性
    note: str | None = None  # 原因说明
    line: int | None = None


class MonitoringReport(BaseModel):
    """One 绩效运行监控表."""

    kind: Literal["monitoring"] = "monitoring"
    unit: str | None = None  # the unit that reports (预算单位 / 填报单位; else the 实施单位)
    project_code: str | None = None
    project_name: str | None = None
    department: str | None = None  # 主管部门
    implementing_unit: str | None = None  # 实施单位
    year: int | None = None
    period: str | None = None  # the months reported on, as "1-7月"
    months: int | None = None  # the last month of the period (7 for "1-7月")
    funds: MonitoringFunds = Field(default_factory=MonitoringFunds)
    funds_rows: list[MonitoringFundsRow] = Field(default_factory=list)
    goal: str | None = None  # 年度总体目标 (年初设定目标)
    goal_progress: str | None = None  # 1–N月执行情况
    indicators: list[MonitoringIndicator] = Field(default_factory=list)
    funds_columns: list[str] = Field(default_factory=list)  # the columns the template prints
    indicator_columns: list[str] = Field(default_factory=list)
    location: Location = Field(default_factory=Location)
    blank: bool = False  # a template with no values at all: listed, never audited
    warnings: list[str] = Field(default_factory=list)

    @property
    def subject(self) -> str | None:
        return self.project_name


__all__ = ["DEVIATION_CAUSES", "LIKELIHOODS", "MONITORING_FUND_COLUMNS", "DeviationCause", "Likelihood",
           "MonitoringFunds", "MonitoringFundsRow", "MonitoringIndicator", "MonitoringReport"]
