"""Checks across one project's documents and years (category ``lifecycle``, rules ``LCnnn``): the
self-evaluated targets and amounts against the declared ones and the budget table, this year's
targets against last year's results, the year end against the mid-year monitoring, a poor grade
against next year's budget.

One module per check (``lcNNN_*.py``) with ``CODE``/``NAME``/``SEVERITY``/``CATEGORY``, a docstring
with a bad and a good example, and ``check(ctx: LcContext)``. Numbers and words come from the
profile's ``[lifecycle]`` table. Every finding cites the other forms in ``related``.
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.rules.base import Rule, discover
from jixiao.rules.finding import Finding
from jixiao.rules.lifecycle.bundle import BudgetLine, Placed, ProjectBundle
from jixiao.rules.lifecycle.context import LcContext, LifecycleSettings, settings_of
from jixiao.rules.profile import Profile

MODULES = discover(__name__)  # lcNNN_*.py
RULES: tuple[Rule, ...] = tuple(Rule.from_module(m) for m in MODULES)

__all__ = ["RULES", "BudgetLine", "LcContext", "LifecycleSettings", "Placed", "ProjectBundle", "check_lifecycle"]


def check_lifecycle(bundle: ProjectBundle, profile: Profile) -> list[Finding]:
    """All lifecycle findings on one project's linked forms, in rule order."""
    ctx = LcContext(bundle=bundle, profile=profile, settings=settings_of(profile))
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule.check(replace(ctx, rule=rule)))
    return findings
