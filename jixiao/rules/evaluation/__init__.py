"""Checks over evaluation reports (EV): scores, grades, attached tables, narrative figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.rules.base import Rule
from jixiao.rules.finding import Finding
from jixiao.rules.profile import Profile

if TYPE_CHECKING:
    from jixiao.extract import Document

RULES: tuple[Rule, ...] = ()


def check_evaluations(doc: Document, profile: Profile) -> list[Finding]:
    """All findings on every evaluation report of ``doc``, in document order."""
    return []
