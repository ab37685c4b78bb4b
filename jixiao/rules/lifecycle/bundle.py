"""One project's forms across documents and years, as the lifecycle checks see them, and the pairing
of its indicators from stage to stage (the declared one, the monitored one, the self-evaluated one).

Built by whoever linked the forms — the store from stored forms, ``jixiao check`` in memory — from
model objects only: the checks never see a file or a database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

from rapidfuzz import fuzz, process

from jixiao.model.declaration import DeclaredIndicator, TargetDeclaration
from jixiao.model.evaluation import Evaluation
from jixiao.model.monitoring import MonitoringIndicator, MonitoringReport
from jixiao.model.selfeval import Indicator, Location, SelfEvaluation
from jixiao.model.tables import BudgetTable, TableRow
from jixiao.model.values import Value, parse_value

F = TypeVar("F", SelfEvaluation, TargetDeclaration, MonitoringReport, Evaluation, BudgetTable)
PAIR_MIN = 85.0  # rapidfuzz ratio two level-3 names must reach to be one indicator


@dataclass(frozen=True)
class Placed(Generic[F]):
    """A form and where it stands: its document (``source``), kind, index among the forms of its kind
    in that document (DESIGN §5.2), and its store id when it has one."""

    form: F
    source: str
    kind: str
    index: int
    year: int | None = None
    form_id: int | None = None

    @property
    def location(self) -> Location:
        return self.form.location

    def ref(self, line: int | None = None) -> dict[str, Any]:
        """The form as a finding's ``related`` entry cites it: source, form, location (line, page)."""
        loc = self.form.location
        location: dict[str, int] = {}
        start = line if line is not None else loc.line_start
        if start is not None:
            location = {"line_start": start, "line_end": line if line is not None else (loc.line_end or start)}
        if loc.page_start is not None:
            location |= {"page_start": loc.page_start, "page_end": loc.page_end or loc.page_start}
        ref: dict[str, Any] = {"source": self.source, "form": {"kind": self.kind, "project_name": _name(self.form),
                                                                 "index": self.index}, "location": location}
        if self.form_id is not None:
            ref["form_id"] = self.form_id
        return ref


def _name(form: Any) -> str | None:
    """The project a form is about (a budget table is about none)."""
    name = getattr(form, "project_name", None) or getattr(form, "subject", None)
    return str(name) if name else None


@dataclass(frozen=True)
class BudgetLine:
    """The project's row in a budget table (预算04表 项目支出表 …) beside its declaration."""

    table: Placed[BudgetTable]
    row: TableRow

    @property
    def amounts(self) -> list[Decimal]:
        """The row's amounts in 万元 (合计, 本年拨款, 结转 …: a budget may be any of them)."""
        scale = Decimal(10000) if self.table.form.money_unit == "元" else Decimal(1)
        return [v / scale for v in self.row.values if v is not None]


@dataclass
class ProjectBundle:
    """The linked forms of one project, every stage and year."""

    name: str
    unit: str | None = None
    code: str | None = None
    project_id: int | None = None
    declarations: list[Placed[TargetDeclaration]] = field(default_factory=list)
    monitoring: list[Placed[MonitoringReport]] = field(default_factory=list)
    self_evaluations: list[Placed[SelfEvaluation]] = field(default_factory=list)
    evaluations: list[Placed[Evaluation]] = field(default_factory=list)
    budget_lines: list[BudgetLine] = field(default_factory=list)

    def years(self) -> list[int]:
        found = {p.year for group in (self.declarations, self.monitoring, self.self_evaluations, self.evaluations)
                 for p in group if p.year is not None}
        return sorted(found)

    def declared(self, year: int | None) -> list[Placed[TargetDeclaration]]:
        return [p for p in self.declarations if p.year == year]

    def evaluated(self, year: int | None) -> list[Placed[SelfEvaluation]]:
        return [p for p in self.self_evaluations if p.year == year]

    def monitored(self, year: int | None) -> list[Placed[MonitoringReport]]:
        return [p for p in self.monitoring if p.year == year]


def declared_money(declaration: TargetDeclaration) -> Decimal | None:
    """The declared 项目总额 in 万元."""
    amount = declaration.total_amount
    if amount is None:
        return None
    return amount / 10000 if declaration.money_unit == "元" else amount


# --- indicators -------------------------------------------------------------------------------------

_PUNCT = re.compile(r"[\s:：、，,。.（）()\[\]【】“”\"'‘’《》\-—_/／]+")
_ORDINAL = re.compile(r"^(?:指标)?\d+[:：、.．]?")


def indicator_key(level3: str | None) -> str:
    """A level-3 name as compared: NFKC, no ordinal ("指标1："), no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", level3 or "")
    text = _PUNCT.sub("", text)
    return _ORDINAL.sub("", text)


def declared_value(ind: DeclaredIndicator) -> Value | None:
    """The declared target as one parsed value: "≥" + 20 + "处" → ≥20处; 定性 values as their text."""
    if ind.cell:
        return parse_value(ind.cell)
    if ind.value is None:
        return None
    value = format(ind.value, "f") if isinstance(ind.value, Decimal) else str(ind.value)
    nature = ind.nature if ind.nature and ind.nature != "定性" else ""
    return parse_value(f"{nature}{value}{ind.unit or ''}")


def declared_text(ind: DeclaredIndicator) -> str:
    """The declared target as a reviewer reads it ("≥20处", "优")."""
    if ind.cell:
        return ind.cell
    value = "" if ind.value is None else format(ind.value, "f") if isinstance(ind.value, Decimal) else str(ind.value)
    nature = ind.nature if ind.nature and ind.nature != "定性" else ""
    return f"{nature}{value}{ind.unit or ''}"


def evaluated_value(ind: Indicator) -> Value | None:
    """The self-evaluation's 年度指标值 parsed (split 性质 | 指标值 | 单位 columns joined first)."""
    if ind.value is not None and ind.nature:
        return parse_value(f"{ind.nature if ind.nature != '定性' else ''}{ind.value}{ind.unit or ''}")
    return ind.target_value or parse_value(ind.target)


T = TypeVar("T", DeclaredIndicator, Indicator, MonitoringIndicator)
U = TypeVar("U", DeclaredIndicator, Indicator, MonitoringIndicator)


def pair(left: Iterable[T], right: Iterable[U]) -> Iterator[tuple[T | None, U | None]]:
    """Pairs of one indicator in two forms: the same level-3 name, else the closest name within the
    same level 1 (rapidfuzz ratio ≥ ``PAIR_MIN``); what is left is paired with ``None`` (left's
    unpaired first, in order, then right's)."""
    lefts, rights = list(left), list(right)
    used: set[int] = set()
    matched: dict[int, int] = {}
    keys = [indicator_key(r.level3) for r in rights]
    for n, ind in enumerate(lefts):
        key = indicator_key(ind.level3)
        for m, known in enumerate(keys):
            if m not in used and key and key == known:
                matched[n] = m
                used.add(m)
                break
    for n, ind in enumerate(lefts):
        if n in matched:
            continue
        key = indicator_key(ind.level3)
        choices = {m: keys[m] for m in range(len(rights)) if m not in used and keys[m]
                   and _same_level1(ind.level1, rights[m].level1)}
        if not key or not choices:
            continue
        best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=PAIR_MIN)
        if best is not None:
            matched[n] = int(best[2])
            used.add(int(best[2]))
    for n, ind in enumerate(lefts):
        yield ind, (rights[matched[n]] if n in matched else None)
    for m, unpaired in enumerate(rights):
        if m not in used:
            yield None, unpaired


def _same_level1(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    return indicator_key(a)[:2] == indicator_key(b)[:2]  # "产出指标" and "产出" alike


def indicator_label(ind: DeclaredIndicator | Indicator | MonitoringIndicator) -> str:
    """How a message names an indicator: 「产出指标/数量指标/整治点位数」."""
    parts = [ind.level1, ind.level2, ind.level3]
    return "「" + "/".join(p for p in parts if p) + "」"


__all__ = ["PAIR_MIN", "BudgetLine", "Placed", "ProjectBundle", "declared_money", "declared_text",
           "declared_value", "evaluated_value", "indicator_key", "indicator_label", "pair"]
