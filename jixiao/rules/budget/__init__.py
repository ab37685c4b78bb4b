"""Checks over budget disclosures (BT) and target declarations (TD).

One module per check (``btNNN_*`` over the tables and the narrative, ``tdNNN_*`` over the 绩效目标
申报表), each with ``CODE``/``NAME``/``SEVERITY``/``CATEGORY`` and a docstring giving a bad and a good
example. The numbers they use live in the ``[budget]`` table of the rule profile.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pydantic import ValidationError

from jixiao.rules.base import Rule, discover
from jixiao.rules.budget.context import BudgetContext, BudgetSettings
from jixiao.rules.finding import Finding
from jixiao.rules.profile import Profile, ProfileError

if TYPE_CHECKING:
    from jixiao.model.document import Document

MODULES = discover(__name__)  # btNNN_*.py then tdNNN_*.py
RULES: tuple[Rule, ...] = tuple(Rule.from_module(m) for m in MODULES)


def settings_of(profile: Profile) -> BudgetSettings:
    try:
        return BudgetSettings.model_validate(profile.budget)
    except ValidationError as error:
        raise ProfileError(f"规则配置 [budget] 无效 / invalid [budget] in profile {profile.name}: {error}") from error


def check_budget(doc: Document, profile: Profile) -> list[Finding]:
    """All findings on the budget tables and target declarations of ``doc``, in document order."""
    if not doc.budget_tables and not doc.target_declarations:
        return []
    ctx = BudgetContext(source=doc.source, doc=doc, profile=profile, settings=settings_of(profile))
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule.check(replace(ctx, rule=rule)))
    findings.sort(key=lambda f: f.location.get("line_start", 0))
    return findings
