"""Checks over evaluation reports (EV): scores, grades, attached tables, narrative figures.

One module per check (``evNNN_*.py``) with ``CODE``/``NAME``/``SEVERITY``/``CATEGORY``, a docstring
with a bad and a good example, and ``check(ctx: EvContext)``. Numbers come from the profile's
``[evaluation]`` table (:mod:`jixiao.rules.evaluation.settings`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from jixiao.rules.base import Rule, discover
from jixiao.rules.evaluation.context import EvContext
from jixiao.rules.evaluation.settings import settings_of
from jixiao.rules.finding import Finding
from jixiao.rules.profile import Profile

if TYPE_CHECKING:
    from jixiao.model.document import Document

MODULES = discover(__name__)  # evNNN_*.py
RULES: tuple[Rule, ...] = tuple(Rule.from_module(m) for m in MODULES)


def check_evaluations(doc: Document, profile: Profile) -> list[Finding]:
    """All findings on every evaluation report of ``doc``, in document order."""
    settings = settings_of(profile)
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for ev in doc.evaluations:
        index = seen.get(ev.kind, 0)
        seen[ev.kind] = index + 1
        ctx = EvContext(source=doc.source, index=index, form=ev, profile=profile, settings=settings)
        for rule in RULES:
            findings.extend(rule.check(replace(ctx, rule=rule)))
    return findings
