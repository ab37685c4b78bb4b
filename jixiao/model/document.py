"""One input file's recognized forms: the object every stage after ``recognize`` receives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import cast

from pydantic import BaseModel, Field

from jixiao.model.declaration import TargetDeclaration
from jixiao.model.disclosure import Disclosure
from jixiao.model.evaluation import Evaluation
from jixiao.model.kinds import FormKind
from jixiao.model.monitoring import MonitoringReport
from jixiao.model.selfeval import SelfEvaluation
from jixiao.model.tables import BudgetTable

Form = SelfEvaluation | Evaluation | TargetDeclaration | BudgetTable | MonitoringReport


class Document(BaseModel):
    """Everything recognized in one input file."""

    source: str
    format: str = "text"
    encoding: str | None = None
    self_evaluations: list[SelfEvaluation] = Field(default_factory=list)
    evaluations: list[Evaluation] = Field(default_factory=list)
    target_declarations: list[TargetDeclaration] = Field(default_factory=list)
    budget_tables: list[BudgetTable] = Field(default_factory=list)
    monitoring_reports: list[MonitoringReport] = Field(default_factory=list)  # 绩效运行监控表
    budget_disclosure: Disclosure | None = None  # a budget disclosure's narrative figures
    warnings: list[str] = Field(default_factory=list)

    def form_count(self) -> int:
        return (len(self.self_evaluations) + len(self.evaluations) + len(self.target_declarations)
                + len(self.budget_tables) + len(self.monitoring_reports))

    def forms(self) -> Iterator[tuple[FormKind, int, Form]]:
        """Every form as ``(kind, index, form)``, ``index`` counting within the kind (DESIGN §5.2's
        ``form.index``): self-evaluations, evaluation reports, target declarations, budget tables,
        monitoring forms, each in document order."""
        seen: Counter[str] = Counter()
        lists: tuple[list[SelfEvaluation] | list[Evaluation] | list[TargetDeclaration] | list[BudgetTable]
                     | list[MonitoringReport], ...] = (
            self.self_evaluations, self.evaluations, self.target_declarations, self.budget_tables,
            self.monitoring_reports)
        for forms in lists:
            for form in forms:
                yield cast(FormKind, form.kind), seen[form.kind], form
                seen[form.kind] += 1


__all__ = ["Document", "Form"]
