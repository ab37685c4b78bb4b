"""Checks over budget disclosures (BT) and target declarations (TD).

One module per check (``btNNN_*`` over the tables and the narrative, ``tdNNN_*`` over the 绩效目标
申报表), each with ``CODE``/``NAME``/``SEVERITY``/``CATEGORY`` and a docstring giving a bad and a good
example. The numbers they use live in the ``[budget]`` table of the rule profile.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pydantic import ValidationError

from jixiao.rules.base import Rule
from jixiao.rules.budget import (
    bt001_balance,
    bt002_row_sums,
    bt003_double_counted,
    bt004_cross_totals,
    bt005_fund_tables,
    bt006_projects_vs_04,
    bt007_narrative_amounts,
    bt008_narrative_claims,
    bt009_narrative_years,
    bt010_narrative_arithmetic,
    td001_amount_sum,
    td002_cost_vs_amount,
    td003_contact_swapped,
    td004_qualitative_number,
    td005_control_qualitative,
    td006_cost_misfiled,
    td007_direction,
    td008_goal,
    td009_department_duplicates,
    td010_placeholder_value,
    td011_unmeasurable,
)
from jixiao.rules.budget.context import BudgetContext, BudgetSettings
from jixiao.rules.finding import Finding
from jixiao.rules.profile import Profile, ProfileError

if TYPE_CHECKING:
    from jixiao.extract import Document

MODULES = (bt001_balance, bt002_row_sums, bt003_double_counted, bt004_cross_totals, bt005_fund_tables,
           bt006_projects_vs_04, bt007_narrative_amounts, bt008_narrative_claims, bt009_narrative_years,
           bt010_narrative_arithmetic,
           td001_amount_sum, td002_cost_vs_amount, td003_contact_swapped, td004_qualitative_number,
           td005_control_qualitative, td006_cost_misfiled, td007_direction, td008_goal, td009_department_duplicates,
           td010_placeholder_value, td011_unmeasurable)
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
