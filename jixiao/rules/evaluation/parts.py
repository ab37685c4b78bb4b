"""Pairing the 结论一览表's parts with the level-1 groups of the indicator table."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model.evaluation import Evaluation, EvaluationIndicator, EvaluationPart, family
from jixiao.model.text import nf


@dataclass
class Group:
    """The indicator rows under one level-1 label."""

    name: str
    max: Decimal | None
    rows: list[EvaluationIndicator] = field(default_factory=list)

    def weights(self) -> list[Decimal]:
        return [r.weight for r in self.rows if r.weight is not None]

    def scores(self) -> list[Decimal]:
        return [r.score for r in self.rows if r.score is not None]


def groups(rows: list[EvaluationIndicator], level: str = "level1") -> list[Group]:
    """Consecutive rows sharing a label at ``level`` ("level1" … "level3"), in table order."""
    found: list[Group] = []
    for row in rows:
        name = getattr(row, level)
        if name is None:
            continue
        if not found or found[-1].name != name or _parents(found[-1].rows[-1], level) != _parents(row, level):
            found.append(Group(name=name, max=getattr(row, f"{level}_max", None)))
        group = found[-1]
        if group.max is None:
            group.max = getattr(row, f"{level}_max", None)
        group.rows.append(row)
    return found


def _above(level: str) -> list[str]:
    return [f"level{n}" for n in range(1, int(level[-1]))]


def _parents(row: EvaluationIndicator, level: str) -> list[str | None]:
    return [getattr(row, lv) for lv in _above(level)]


def pair(ev: Evaluation) -> list[tuple[EvaluationPart, Group]]:
    """Each part with its group: same name, else same family (决策/管理=过程/产出/效益), else same position."""
    gs = groups(ev.indicators)
    pairs: list[tuple[EvaluationPart, Group]] = []
    used: set[int] = set()
    for part in ev.parts:
        match = next((n for n, g in enumerate(gs) if n not in used and nf(g.name) == nf(part.name)), None)
        if match is None:
            fam = family(part.name)
            match = next((n for n, g in enumerate(gs) if n not in used and fam and family(g.name) == fam), None)
        if match is not None:
            used.add(match)
            pairs.append((part, gs[match]))
    if not pairs and len(gs) == len(ev.parts):
        pairs = list(zip(ev.parts, gs, strict=True))
    return pairs
