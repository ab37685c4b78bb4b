"""Scoring and checks over the model, driven by rule profiles (DESIGN §3, §5.2).

Public API::

    from jixiao.rules import check_document, score_form, load_profile, RULES

Each check lives in ``jixiao.rules.checks.seNNN_*`` with a stable code; its docstring is its
documentation. Every number a check uses comes from a profile (``profiles/*.toml``).
"""

from jixiao.rules.base import Context, Rule
from jixiao.rules.engine import ALL_RULES, RULES, check_document, check_form, summarize
from jixiao.rules.finding import CATEGORIES, Finding, FormRef
from jixiao.rules.profile import Profile, ProfileError, available_profiles, load_profile
from jixiao.rules.scoring import ExecutionScore, FormScore, IndicatorScore, score_form

__all__ = [
    "ALL_RULES", "CATEGORIES", "RULES", "Context", "ExecutionScore", "Finding", "FormRef", "FormScore",
    "IndicatorScore", "Profile", "ProfileError", "Rule", "available_profiles", "check_document", "check_form",
    "load_profile", "score_form", "summarize",
]
