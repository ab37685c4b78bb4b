"""Grouping the forms of one project: by project code where printed, else by unit and name (exact,
then fuzzy with rapidfuzz), across stages and years.

Deterministic and close to linear: forms are taken in a fixed order (those with a code first, then
by year, stage and reference), looked up in a code index and in per-unit name indexes; only the
fuzzy step compares a name with the names of its own unit. A link records how it was made
(``method``), the evidence, and a confidence: 1 for a code or the same name, the fuzzy score below.

Reviewers' decisions are inputs: a ``confirmed`` link is kept as it is, a ``broken`` one is never
made again (the form looks for another project, or starts its own).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from rapidfuzz import fuzz, process

from jixiao.link.keys import STAGES, Stage, code_key, display_name, name_key, unit_key

Method = Literal["code", "name", "fuzzy", "reviewer", "new"]
FUZZY_MIN = 85.0  # rapidfuzz ratio (0–100) a name must reach to join a project of its unit
CERTAIN = Decimal(1)


@dataclass(frozen=True)
class Candidate:
    """One form that belongs to a project: ``ref`` identifies it for the caller (a form id, or a
    (document, kind, index) triple in memory)."""

    ref: Hashable
    stage: Stage
    unit: str | None
    name: str | None
    code: str | None = None
    year: int | None = None

    @property
    def code_key(self) -> str | None:
        return code_key(self.code, self.name)


@dataclass
class Anchor:
    """A project forms are linked to: an existing one (``key`` its id) or a new one (``key`` None
    until stored). ``codes``/``names`` grow as forms join."""

    key: int | None
    unit: str  # unit_key
    name: str
    code: str | None = None
    codes: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    held: set[tuple[Stage, int | None]] = field(default_factory=set)  # (stage, year) already linked
    number: int = 0  # position among the anchors, for a stable order


@dataclass(frozen=True)
class Assignment:
    """Where one form goes: ``anchor`` (index into the anchors returned), how, and why."""

    ref: Hashable
    anchor: int
    method: Method
    confidence: Decimal
    evidence: dict[str, Any]


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on a link: ``confirmed`` keeps the form on the project, ``broken`` keeps
    it off."""

    ref: Hashable
    project: int
    state: Literal["confirmed", "broken"]


def _order(c: Candidate) -> tuple[int, int, int, str]:
    return (c.code_key is None, c.year or 0, STAGES.index(c.stage), repr(c.ref))


class _Index:
    def __init__(self) -> None:
        self.anchors: list[Anchor] = []
        self.by_code: dict[str, int] = {}
        self.by_name: dict[tuple[str, str], list[int]] = {}
        self.by_unit: dict[str, list[int]] = {}

    def add(self, given: Anchor) -> int:
        """A copy of ``given`` joins (the caller's anchors are never changed)."""
        anchor = Anchor(given.key, given.unit, given.name, given.code, number=len(self.anchors))
        self.anchors.append(anchor)
        self.by_unit.setdefault(anchor.unit, []).append(anchor.number)
        self.learn(anchor.number, anchor.code, anchor.name)
        return anchor.number

    def learn(self, number: int, code: str | None, name: str) -> None:
        anchor = self.anchors[number]
        if code:
            anchor.codes.add(code)
            anchor.code = anchor.code or code
            self.by_code.setdefault(code, number)
        if name and name not in anchor.names:
            anchor.names.add(name)
            self.by_name.setdefault((anchor.unit, name), []).append(number)


def _compatible(anchor: Anchor, code: str | None) -> bool:
    """Two different printed codes are two projects, whatever their names."""
    return code is None or not anchor.codes or code in anchor.codes


def assign(candidates: Iterable[Candidate], anchors: Iterable[Anchor] = (),
           decisions: Iterable[Decision] = ()) -> tuple[list[Anchor], list[Assignment]]:
    """Link every candidate to an anchor (existing, or new). Returns all anchors (the given ones
    first, in their order) and one assignment per candidate, in the candidates' processing order."""
    index = _Index()
    by_key: dict[int, int] = {}
    for anchor in anchors:
        number = index.add(anchor)
        if anchor.key is not None:
            by_key[anchor.key] = number
    fixed: dict[Hashable, int] = {}
    banned: set[tuple[Hashable, int]] = set()
    for d in decisions:
        if d.project in by_key:
            if d.state == "confirmed":
                fixed[d.ref] = by_key[d.project]
            else:
                banned.add((d.ref, by_key[d.project]))
    result: list[Assignment] = []
    pending = sorted(candidates, key=_order)
    for c in pending:  # reviewers' links first: they anchor the others
        if c.ref in fixed:
            number = fixed[c.ref]
            index.learn(number, c.code_key, name_key(c.name))
            index.anchors[number].held.add((c.stage, c.year))
            result.append(Assignment(c.ref, number, "reviewer", CERTAIN, {"decided": "confirmed"}))
    for c in pending:
        if c.ref in fixed:
            continue
        found = _find(index, c, banned)
        if found is None:
            unit = unit_key(c.unit)
            number = index.add(Anchor(None, unit, name_key(c.name) or display_name(c.name), c.code_key))
            found = Assignment(c.ref, number, "new", CERTAIN, {"unit": c.unit, "name": c.name, "code": c.code_key})
        else:
            index.learn(found.anchor, c.code_key, name_key(c.name))
        index.anchors[found.anchor].held.add((c.stage, c.year))
        result.append(found)
    return index.anchors, result


def _find(index: _Index, c: Candidate, banned: set[tuple[Hashable, int]]) -> Assignment | None:
    code = c.code_key
    if code is not None and code in index.by_code and (c.ref, index.by_code[code]) not in banned:
        return Assignment(c.ref, index.by_code[code], "code", CERTAIN, {"code": code})
    unit, name = unit_key(c.unit), name_key(c.name)
    if not name:
        return None
    units = [unit] if unit else sorted(index.by_unit)  # a form that prints no unit: any unit, if one matches
    exact = [n for u in units for n in index.by_name.get((u, name), [])
             if (c.ref, n) not in banned and _compatible(index.anchors[n], code)]
    if not unit:  # a project of a known unit before another form that printed none
        exact = [n for n in exact if index.anchors[n].unit] or exact
    if len(exact) >= 1 and (unit or len(exact) == 1):
        return Assignment(c.ref, exact[0], "name", CERTAIN, {"unit": c.unit, "name": c.name})
    if not unit:
        return None
    choices: dict[tuple[int, str], str] = {}
    for number in index.by_unit.get(unit, []):
        anchor = index.anchors[number]
        if (c.ref, number) in banned or not _compatible(anchor, code) or (c.stage, c.year) in anchor.held:
            continue  # a project has one form of a stage a year: another one is another project
        for known in sorted(anchor.names):
            choices[(number, known)] = known
    if not choices:
        return None
    best = process.extractOne(name, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
    if best is None:
        return None
    _, score, (number, matched) = best
    confidence = (Decimal(str(score)) / 100).quantize(Decimal("0.0001"))
    return Assignment(c.ref, number, "fuzzy", confidence,
                      {"unit": c.unit, "name": c.name, "matched": matched, "score": round(score, 2)})


__all__ = ["CERTAIN", "FUZZY_MIN", "Anchor", "Assignment", "Candidate", "Decision", "Method", "assign"]
