"""The one registry of form kinds: what each kind is called in Chinese, which model holds it, under
which key a DOC (DESIGN §5.1) lists it, and which official layout writes it (where one exists).

Every other place that names a kind — the CLI's tables, the web pages, the store's exports, the
rules' messages — reads it from here::

    >>> FORM_KINDS["project_target_declaration"].name
    '项目支出绩效目标申报表'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import BaseModel

from jixiao.model.declaration import TargetDeclaration
from jixiao.model.evaluation import Evaluation
from jixiao.model.monitoring import MonitoringReport
from jixiao.model.selfeval import SelfEvaluation
from jixiao.model.tables import BudgetTable

# The kinds of the forms a DOC lists (a declaration's "department_target_comparison" only lives inside a report).
FormKind = Literal["self_evaluation", "department_self_evaluation", "department_evaluation", "project_evaluation",
                   "project_target_declaration", "department_target_declaration", "budget_table", "monitoring"]
# The JSON keys of a DOC that list forms, in the order a DOC prints them.
FormKey = Literal["self_evaluations", "evaluations", "target_declarations", "budget_tables", "monitoring_reports"]
Layout = Literal["selfeval", "declaration", "evaluation", "monitoring"]


@dataclass(frozen=True)
class KindInfo:
    """One form kind: ``name`` the official Chinese name, ``short`` the label a table column has room
    for, ``key`` the DOC key that lists it, ``model`` its class, ``layout`` the official layout
    :mod:`jixiao.present.forms` writes it in (``None``: none), ``template`` the blank form
    ``jixiao template`` writes (``None``: none)."""

    kind: FormKind
    name: str
    short: str
    key: FormKey
    model: type[BaseModel]
    layout: Layout | None = None
    template: str | None = None

    @property
    def sheet_name(self) -> str:
        """The name as a worksheet title (Excel refuses ``/`` in one)."""
        return self.name.replace("/", "")


FORM_KINDS: dict[str, KindInfo] = {k.kind: k for k in (
    KindInfo("self_evaluation", "项目支出绩效自评表", "自评表", "self_evaluations", SelfEvaluation,
             "selfeval", "selfeval"),
    KindInfo("department_self_evaluation", "部门整体支出绩效自评表", "部门整体自评表", "self_evaluations",
             SelfEvaluation, "selfeval", "department"),
    KindInfo("department_evaluation", "部门整体支出绩效评价报告", "部门整体评价报告", "evaluations", Evaluation,
             "evaluation"),
    KindInfo("project_evaluation", "项目支出绩效评价报告", "项目评价报告", "evaluations", Evaluation, "evaluation"),
    KindInfo("project_target_declaration", "项目支出绩效目标申报表", "项目绩效目标申报表", "target_declarations",
             TargetDeclaration, "declaration", "declaration"),
    KindInfo("department_target_declaration", "部门整体支出绩效目标申报表", "部门整体绩效目标申报表",
             "target_declarations", TargetDeclaration, "declaration"),
    KindInfo("budget_table", "预算/决算表", "预算表", "budget_tables", BudgetTable),
    KindInfo("monitoring", "项目支出绩效运行监控表", "监控表", "monitoring_reports", MonitoringReport, "monitoring",
             "monitoring"),
)}
assert tuple(FORM_KINDS) == get_args(FormKind)
KINDS: tuple[FormKind, ...] = get_args(FormKind)


def kind_name(kind: str, default: str | None = None) -> str:
    """The official Chinese name of ``kind`` (``default``, else the kind itself, when unknown)."""
    info = FORM_KINDS.get(kind)
    return info.name if info else (kind if default is None else default)


def kind_label(kind: str) -> str:
    """The short label of ``kind`` (the kind itself when unknown)."""
    info = FORM_KINDS.get(kind)
    return info.short if info else kind


__all__ = ["FORM_KINDS", "KINDS", "FormKey", "FormKind", "KindInfo", "Layout", "kind_label", "kind_name"]
