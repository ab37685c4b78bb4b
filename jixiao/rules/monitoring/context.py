"""What a monitoring check sees: one 绩效运行监控表 under one profile, and the profile's ``[monitoring]``
numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ValidationError

from jixiao.model.monitoring import MonitoringReport
from jixiao.model.values import is_blank
from jixiao.rules.base import Rule
from jixiao.rules.finding import Category, Finding, FormRef, Severity, locate
from jixiao.rules.profile import Profile, ProfileError

_FIRST_NUMBER = re.compile(r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?")


class MonitoringSettings(BaseModel):
    behind_threshold: Decimal = Decimal("0.15")  # MR001: rate < months/12 − this, with no measure
    money_tolerance: Decimal = Decimal("0.005")  # 万元: amounts that differ by at most this are rounding
    no_progress_words: list[str] = ["未开展", "尚未开展", "未启动", "尚未启动", "暂无", "无进展", "未完成"]


def settings_of(profile: Profile) -> MonitoringSettings:
    """The profile's ``[monitoring]`` table, validated."""
    try:
        return MonitoringSettings.model_validate(profile.monitoring)
    except ValidationError as error:
        raise ProfileError(f"规则配置无效 / invalid profile {profile.name} [monitoring]: {error}") from error


def first_number(text: str | None) -> Decimal | None:
    """The first number a cell prints ("≥12处" → 12, "1100人次" → 1100), or ``None``."""
    if not text:
        return None
    m = _FIRST_NUMBER.search(text)
    if m is None:
        return None
    try:
        return Decimal(m.group(0).replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None


def no_progress(text: str | None, words: list[str]) -> bool:
    """An 1–N月完成值 that says nothing has been done: empty, a dash, zero, or "未开展"."""
    if text is None or is_blank(text):
        return True
    t = "".join(text.split())
    if any(t.startswith(w) for w in words):
        return True
    value = first_number(t)
    return value is not None and value == 0  # "0", "0人次", "0%"


@dataclass
class MrContext:
    source: str
    index: int  # position among the monitoring forms of the document
    form: MonitoringReport
    profile: Profile
    settings: MonitoringSettings
    rule: Rule | None = None

    @property
    def name(self) -> str:
        return f"「{self.form.project_name}」监控表" if self.form.project_name else f"第{self.index + 1}张监控表"

    def finding(self, message: str, *, expected: Any = None, actual: Any = None, line: int | None = None,
                severity: Severity | None = None, category: Category | None = None) -> Finding:
        assert self.rule is not None
        return Finding(code=self.rule.code, category=category or self.rule.category,
                       severity=severity or self.rule.severity, source=self.source,
                       form=FormRef(kind=self.form.kind, project_name=self.form.project_name, index=self.index),
                       location=locate(line, self.form.location), message=message, expected=expected, actual=actual,
                       profile=self.profile.name, rule=self.rule.name)
