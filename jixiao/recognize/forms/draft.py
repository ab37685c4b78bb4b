"""A self-evaluation being read (:class:`Draft`), what became of each candidate (:class:`FormTrace`)
and the reader's result (:class:`Recognition`), with the patterns and names the reading shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model.selfeval import FundsRowEntry, Indicator, SelfEvaluation
from jixiao.recognize.forms.header import ColumnMap
from jixiao.recognize.forms.rows import GCell, GRow

YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


FIELDS = ("project_name", "unit_name", "department", "implementing_unit", "project_lead", "phone")


SE_ONLY = frozenset({"executed", "actual", "score", "total", "execution_rate"})


FUND_VALUE_COLUMNS = ("initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score")


CODE_NAME = re.compile(r"^([0-9A-Za-z]{10,32})\s*[-－—_:：]\s*(\S.*)$")


# 一级指标 of a 部门整体 scoring table (投入 / 过程 / 决策 / 管理 beside 产出 / 效益): with no project named,
# a form scored on these is the unit's own


TAIL_ROWS = 120  # rows from a document's start within which a form's tail may open it


UNIT_WIDE_LEVELS = frozenset({"input", "process", "decision", "management", "output", "outcome"})


GRADE_AFTER = re.compile(r"^(?:自评|绩效|评价|考核)?(?:等级|结果)[:：]?")


@dataclass
class Draft:
    """A form being read, with what it has seen so far."""

    first_row: int
    kind: str | None = None  # from a title
    year: int | None = None
    fields: dict[str, str] = field(default_factory=dict)
    funds_map: ColumnMap | None = None
    funds_points: Decimal | None = None
    fund_rows: list[FundsRowEntry] = field(default_factory=list)
    goals: dict[str, str] = field(default_factory=dict)
    goal_columns: dict[str, int] = field(default_factory=dict)
    goal_header: GRow | None = None
    ind_map: ColumnMap | None = None
    indicators: list[Indicator] = field(default_factory=list)
    level_weights: dict[str, Decimal] = field(default_factory=dict)
    level1: str | None = None
    level2: str | None = None
    total: dict[str, str] = field(default_factory=dict)
    total_line: int | None = None
    top_total: str | None = None  # 自评总分 printed above the form's body
    last_row: int = 0
    concepts: set[str] = field(default_factory=set)
    light: bool = False  # a form another reader read: fields and funds only
    not_self_evaluation: bool = False  # its headers say it is another form (a declaration's table)
    pending_funds: list[tuple[GRow, GCell, str | None]] = field(default_factory=list)  # light: rows to read
    notes: list[str] = field(default_factory=list)

    def has_body(self) -> bool:
        return bool(self.fund_rows or self.indicators or self.total or self.ind_map is not None)


@dataclass
class FormTrace:
    """What the header reader saw of one candidate form, and what it made of it (``jixiao inspect``)."""

    line_start: int
    line_end: int
    status: str  # "taken" | "rejected" | "blank" | "partial" (funds only: another reader read the form)
    reason: str = ""
    kind: str | None = None
    headers: list[ColumnMap] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    empty: list[str] = field(default_factory=list)  # what the form has no cell for, and why


@dataclass
class Recognition:
    forms: list[SelfEvaluation] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # (line_start, line_end) of each form
    rejected: list[str] = field(default_factory=list)  # why a candidate was not taken (for inspect)
    blank: int = 0  # blank templates found (no digits at all)
    partial: list[SelfEvaluation] = field(default_factory=list)  # funds of forms another reader read
    trace: list[FormTrace] = field(default_factory=list)
