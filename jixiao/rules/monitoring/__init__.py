"""Checks over 绩效运行监控表 (MR): execution behind the time schedule, "确定能" with no progress, forecasts
that cannot add up.

One module per check (``mrNNN_*.py``) with ``CODE``/``NAME``/``SEVERITY``/``CATEGORY``, a docstring
with a bad and a good example, and ``check(ctx: MrContext)``. Numbers come from the profile's
``[monitoring]`` table (:class:`MonitoringSettings`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from jixiao.rules.base import Rule, discover
from jixiao.rules.finding import Finding
from jixiao.rules.monitoring.context import MonitoringSettings, MrContext, settings_of
from jixiao.rules.profile import Profile

if TYPE_CHECKING:
    from jixiao.model.document import Document

MODULES = discover(__name__)  # mrNNN_*.py
RULES: tuple[Rule, ...] = tuple(Rule.from_module(m) for m in MODULES)

__all__ = ["RULES", "MonitoringSettings", "MrContext", "check_monitoring"]


def check_monitoring(doc: Document, profile: Profile) -> list[Finding]:
    """All findings on every monitoring form of ``doc``, in document order (blank templates skipped)."""
    settings = settings_of(profile)
    findings: list[Finding] = []
    for index, form in enumerate(doc.monitoring_reports):
        if form.blank:
            continue
        ctx = MrContext(source=doc.source, index=index, form=form, profile=profile, settings=settings)
        for rule in RULES:
            findings.extend(rule.check(replace(ctx, rule=rule)))
    return findings
