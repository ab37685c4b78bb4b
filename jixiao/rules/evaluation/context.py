"""What an evaluation-report check sees: one report under one profile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jixiao.model.evaluation import Evaluation
from jixiao.model.kinds import FORM_KINDS
from jixiao.rules.base import Rule
from jixiao.rules.evaluation.settings import EvaluationSettings
from jixiao.rules.finding import Category, Finding, FormRef, Severity, locate
from jixiao.rules.profile import Profile

KIND_NAMES = {kind: FORM_KINDS[kind].name for kind in ("department_evaluation", "project_evaluation")}


@dataclass
class EvContext:
    source: str
    index: int  # position among the reports of the same kind
    form: Evaluation
    profile: Profile
    settings: EvaluationSettings
    rule: Rule | None = None

    @property
    def name(self) -> str:
        kind = KIND_NAMES.get(self.form.kind, "绩效评价报告")
        return f"「{self.form.subject}」{kind}" if self.form.subject else kind

    def finding(self, message: str, *, expected: Any = None, actual: Any = None, line: int | None = None,
                severity: Severity | None = None, category: Category | None = None) -> Finding:
        assert self.rule is not None
        return Finding(code=self.rule.code, category=category or self.rule.category,
                       severity=severity or self.rule.severity, source=self.source,
                       form=FormRef(kind=self.form.kind, project_name=self.form.subject or None, index=self.index),
                       location=locate(line, self.form.location), message=message, expected=expected, actual=actual,
                       profile=self.profile.name, rule=self.rule.name)
