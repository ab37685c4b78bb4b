"""Checks over budget disclosures (BT) and target declarations (TD)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.rules.base import Rule
from jixiao.rules.finding import Finding
from jixiao.rules.profile import Profile

if TYPE_CHECKING:
    from jixiao.extract import Document

RULES: tuple[Rule, ...] = ()


def check_budget(doc: Document, profile: Profile) -> list[Finding]:
    """All findings on the budget tables and target declarations of ``doc``, in document order."""
    return []
