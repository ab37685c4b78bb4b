"""What a lifecycle check sees: one project's linked forms (:class:`ProjectBundle`) under one
profile, the profile's ``[lifecycle]`` numbers and words, and how a finding cites the other forms."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel, ValidationError

from jixiao.rules.base import Rule
from jixiao.rules.finding import Category, Finding, FormRef, Severity, locate
from jixiao.rules.lifecycle.bundle import Placed, ProjectBundle
from jixiao.rules.profile import Profile, ProfileError


class LifecycleSettings(BaseModel):
    money_tolerance: Decimal = Decimal("0.005")  # 万元: amounts that differ by at most this are rounding
    # a target change is recorded when the row's deviation note or the goal says one of these
    adjustment_words: list[str] = ["调整", "调减", "调增", "变更", "修改目标", "追加", "追减"]
    # LC005: indicators whose level names hold one of these are standards, not targets set each year
    below_actual_skip_words: list[str] = ["满意度"]
    behind_threshold: Decimal = Decimal("0.15")  # LC006: mid-year rate below N/12 minus this
    full_execution: Decimal = Decimal("0.995")  # LC006: a year-end rate at or above this is "100%"
    poor_grades: list[str] = ["差", "较差", "不合格"]  # LC007: grades that should not see the budget grow
    growth_tolerance: Decimal = Decimal("0")  # LC007: growth (a fraction) allowed after a poor grade


def settings_of(profile: Profile) -> LifecycleSettings:
    """The profile's ``[lifecycle]`` table, validated."""
    try:
        return LifecycleSettings.model_validate(profile.lifecycle)
    except ValidationError as error:
        raise ProfileError(f"规则配置无效 / invalid profile {profile.name} [lifecycle]: {error}") from error


def cite(placed: Placed[Any], line: int | None = None) -> str:
    """A form as a message cites it: its file's name and where in it ("disc.txt 第414行", "第3页")."""
    name = PurePath(placed.source).name or placed.source
    loc = placed.form.location
    at = line if line is not None else loc.line_start
    if loc.page_start is not None:
        return f"{name}第{loc.page_start}页"
    return f"{name}第{at}行" if at is not None else name


@dataclass
class LcContext:
    bundle: ProjectBundle
    profile: Profile
    settings: LifecycleSettings
    rule: Rule | None = None

    @property
    def name(self) -> str:
        return f"「{self.bundle.name}」"

    def finding(self, subject: Placed[Any], message: str, *, related: list[dict[str, Any]],
                line: int | None = None, expected: Any = None, actual: Any = None,
                severity: Severity | None = None, category: Category | None = None) -> Finding:
        """A finding on ``subject`` (the form the reviewer should correct) citing the ``related``
        forms (:meth:`Placed.ref`)."""
        assert self.rule is not None
        name = getattr(subject.form, "project_name", None) or getattr(subject.form, "subject", None) or None
        return Finding(code=self.rule.code, category=category or self.rule.category,
                       severity=severity or self.rule.severity, source=subject.source,
                       form=FormRef(kind=subject.kind, project_name=name, index=subject.index),
                       location=locate(line, subject.form.location), message=message, expected=expected,
                       actual=actual, profile=self.profile.name, rule=self.rule.name, related=related)


__all__ = ["LcContext", "LifecycleSettings", "cite", "settings_of"]
