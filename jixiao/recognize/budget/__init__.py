"""Budget disclosures (预算01表–14表) and 绩效目标申报表 → BT and TD of DESIGN §5.1."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.model.declaration import TargetDeclaration
from jixiao.model.tables import BudgetTable
from jixiao.read.text import TextDocument
from jixiao.recognize.stream import Tok


@dataclass
class BudgetRecognition:
    tables: list[BudgetTable] = field(default_factory=list)
    declarations: list[TargetDeclaration] = field(default_factory=list)


def recognize_budget(text: TextDocument, tokens: list[Tok], claimed: list[tuple[int, int]]) -> BudgetRecognition:
    """Every budget table and target declaration outside the ``claimed`` line spans (inclusive),
    which belong to forms already recognized (e.g. the tables attached to an evaluation report)."""
    return BudgetRecognition()
