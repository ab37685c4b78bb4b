"""Reading projects across documents (the typed API of the web app's project and unit pages, and of
``jixiao ls projects`` / ``jixiao show project``), and a reviewer's decision on a link.

    from jixiao.store.projects import list_projects, project_detail, unit_completeness, confirm_link, break_link
    with engine.connect() as conn:
        for p in list_projects(conn, unit_id=3, year=2025): ...
    with engine.begin() as conn:                      # a decision writes: one transaction
        confirm_link(conn, link_id, user="reviewer1")

Only forms of current document versions count. Every function takes a ``Connection`` (the caller
owns the transaction); unit scoping is the caller's: each result carries the unit ids it touches.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Literal, cast, get_args

from sqlalchemy import Connection, Table, func, select

from jixiao.link.keys import STAGES, Stage
from jixiao.model.kinds import FORM_KINDS
from jixiao.rules.lifecycle.bundle import declared_text, evaluated_value, pair
from jixiao.store.schema import DocumentRow, FindingRow, FormRow, Project, ProjectForm, Unit

D, F, X, U, P, L = (cast(Table, m.__table__) for m in (DocumentRow, FormRow, FindingRow, Unit, Project, ProjectForm))
LinkState = Literal["linked", "uncertain", "confirmed", "broken"]
LINK_STATES: tuple[LinkState, ...] = get_args(LinkState)
ACTIVE: tuple[LinkState, ...] = ("linked", "uncertain", "confirmed")  # a broken link is history
CYCLE: tuple[Stage, ...] = ("declaration", "monitoring", "self_evaluation")  # what a unit's year should have


@dataclass(frozen=True)
class FormLink:
    """One form's link to a project: what the form is, how the link was made and its state."""

    link_id: int
    project_id: int
    form_id: int
    kind: str
    stage: Stage
    year: int | None
    name: str | None
    unit_id: int | None
    document_id: int
    source: str
    method: str  # code | name | fuzzy | reviewer | new
    confidence: Decimal  # 1 for a code or the same name; the fuzzy score (a fraction) below
    evidence: dict[str, Any]
    state: LinkState
    decided_by: str | None = None
    decided_at: datetime | None = None

    @property
    def uncertain(self) -> bool:
        """Made by the machine on a fuzzy match: for a reviewer to confirm or break."""
        return self.state == "uncertain"


@dataclass(frozen=True)
class ProjectSummary:
    """One project in one year (a project spans years: one summary per year it has forms in)."""

    id: int
    unit_id: int | None
    unit: str | None
    code: str | None
    name: str
    year: int | None
    forms: dict[Stage, int | None]  # the stage's form id (the latest stored), or None
    uncertain_links: int = 0
    findings: int = 0  # lifecycle findings about this project (all years)
    unit_ids: frozenset[int] = frozenset()  # every unit its forms are filed under (for scoping)

    def to_json(self) -> dict[str, Any]:
        """The object of ``jixiao ls projects --format json`` (DESIGN §5.4)."""
        return {"id": self.id, "unit": self.unit, "code": self.code, "name": self.name, "year": self.year,
                "forms": {stage: self.forms.get(stage) for stage in STAGES},
                "uncertain_links": self.uncertain_links, "findings": self.findings}


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator through the year: declared vs monitored vs achieved, and whether it drifted."""

    level1: str | None
    level2: str | None
    level3: str | None
    declared: str | None  # the declared target as printed ("≥20处")
    monitored_target: str | None  # the monitoring form's 年度指标值
    monitored: str | None  # 1–N月完成值
    forecast: str | None  # 全年预计完成值
    target: str | None  # the self-evaluation's 年度指标值
    achieved: str | None  # 实际完成值
    drift: bool = False  # the self-evaluation's target is not the declared one
    dropped: bool = False  # declared, not self-evaluated
    added: bool = False  # self-evaluated, never declared


@dataclass(frozen=True)
class LifecycleFinding:
    """A cross-document finding about the project (category ``lifecycle``), citing its forms."""

    id: int
    code: str
    severity: str
    category: str
    message: str
    form_id: int | None
    document_id: int
    source: str
    location: dict[str, int]
    related: list[dict[str, Any]]
    expected: Any
    actual: Any


@dataclass(frozen=True)
class ProjectYear:
    """The project's forms of one year, per stage (latest first), and its indicators side by side."""

    year: int | None
    forms: dict[Stage, list[FormLink]]
    indicators: list[IndicatorLine]
    amounts: dict[str, Decimal | None]  # declared, monitored_budget, monitored_executed, budget, executed


@dataclass(frozen=True)
class ProjectDetail:
    id: int
    unit_id: int | None
    unit: str | None
    code: str | None
    name: str
    timeline: list[ProjectYear]  # by year
    links: list[FormLink]  # every link, broken ones too (a reviewer's history)
    findings: list[LifecycleFinding]
    unit_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Completeness:
    """One project of a unit in a year: its forms per stage and the stages of the cycle it lacks."""

    project_id: int
    name: str
    code: str | None
    year: int
    forms: dict[Stage, int | None]
    missing: list[Stage] = field(default_factory=list)  # of declaration, monitoring, self_evaluation


def _links(conn: Connection, where: Any, active_only: bool = True) -> list[FormLink]:
    query = (select(L, F.c.kind, F.c.name, F.c.unit_id, F.c.document_id, D.c.path)
             .join(F, F.c.id == L.c.form_id).join(D, D.c.id == F.c.document_id)
             .where(D.c.current.is_(True), where).order_by(L.c.project_id, L.c.year, L.c.form_id))
    if active_only:
        query = query.where(L.c.state.in_(ACTIVE))
    return [FormLink(link_id=r.id, project_id=r.project_id, form_id=r.form_id, kind=r.kind,
                     stage=cast(Stage, r.stage), year=r.year, name=r.name, unit_id=r.unit_id,
                     document_id=r.document_id, source=r.path, method=r.method, confidence=r.confidence,
                     evidence=json.loads(r.evidence), state=cast(LinkState, r.state), decided_by=r.decided_by,
                     decided_at=r.decided_at) for r in conn.execute(query)]


def _latest(links: list[FormLink]) -> dict[Stage, int | None]:
    forms: dict[Stage, int | None] = dict.fromkeys(STAGES)
    for link in links:  # ordered by form id: the latest stored wins
        forms[link.stage] = link.form_id
    return forms


def _finding_counts(conn: Connection, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    query = (select(X.c.project_id, func.count()).join(D, D.c.id == X.c.document_id)
             .where(D.c.current.is_(True), X.c.project_id.in_(ids)).group_by(X.c.project_id))
    return {int(project_id): int(n) for project_id, n in conn.execute(query)}


def list_projects(session: Connection, unit_id: int | None = None, year: int | None = None) -> list[ProjectSummary]:
    """Every project with forms of current documents, one summary per (project, year), ordered by
    project id then year. ``unit_id``: projects filed under that unit, or with a form filed under it;
    ``year``: that year's summaries only."""
    conn = session
    projects = {r.id: r for r in conn.execute(select(P, U.c.name.label("unit")).outerjoin(U, U.c.id == P.c.unit_id))}
    where: Any = L.c.year == year if year is not None else L.c.project_id.is_not(None)
    if unit_id is not None:  # narrowed in the database; checked again below with the whole unit set
        filed = select(L.c.project_id).join(F, F.c.id == L.c.form_id).where(F.c.unit_id == unit_id)
        where = where & (L.c.project_id.in_(filed) | L.c.project_id.in_(select(P.c.id).where(P.c.unit_id == unit_id)))
    grouped: dict[tuple[int, int | None], list[FormLink]] = {}
    units: dict[int, set[int]] = {}
    for link in _links(conn, where):
        grouped.setdefault((link.project_id, link.year), []).append(link)
        if link.unit_id is not None:
            units.setdefault(link.project_id, set()).add(link.unit_id)
    counts = _finding_counts(conn, sorted({p for p, _ in grouped}))
    result: list[ProjectSummary] = []
    for (project_id, form_year), links in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        row = projects[project_id]
        unit_ids = frozenset(units.get(project_id, set()) | ({row.unit_id} if row.unit_id is not None else set()))
        if unit_id is not None and unit_id not in unit_ids:
            continue
        if year is not None and form_year != year:
            continue
        result.append(ProjectSummary(id=project_id, unit_id=row.unit_id, unit=row.unit, code=row.code, name=row.name,
                                     year=form_year, forms=_latest(links),
                                     uncertain_links=sum(link.uncertain for link in links),
                                     findings=counts.get(project_id, 0), unit_ids=unit_ids))
    return result


def _data(conn: Connection, form_ids: list[int]) -> dict[int, dict[str, Any]]:
    if not form_ids:
        return {}
    return {i: json.loads(d) for i, d in conn.execute(select(F.c.id, F.c.data).where(F.c.id.in_(form_ids)))}


def _indicators(forms: dict[Stage, list[FormLink]], data: dict[int, dict[str, Any]]) -> list[IndicatorLine]:
    """The latest declaration, monitoring form and self-evaluation of a year, indicator by indicator."""
    def model(stage: Stage) -> Any:
        if not forms[stage]:
            return None
        link = forms[stage][0]
        info = FORM_KINDS.get(link.kind)
        return info.model.model_validate(data[link.form_id]) if info and link.form_id in data else None

    declaration, monitoring, selfeval = model("declaration"), model("monitoring"), model("self_evaluation")
    declared = declaration.indicators if declaration is not None else []
    monitored = monitoring.indicators if monitoring is not None else []
    evaluated = selfeval.indicators if selfeval is not None else []
    watch = {id(d): m for d, m in pair(declared, monitored) if d is not None and m is not None}
    lines: list[IndicatorLine] = []
    for d, s in pair(declared, evaluated):
        m = watch.get(id(d)) if d is not None else None
        if d is None and s is not None:
            m = next((mm for ss, mm in pair([s], monitored) if ss is s and mm is not None), None)
        head = d if d is not None else s
        assert head is not None
        drift = False
        if d is not None and s is not None:
            from jixiao.rules.lifecycle.drift import target_change

            drift = target_change(d, evaluated_value(s)) is not None
        lines.append(IndicatorLine(
            level1=head.level1, level2=head.level2, level3=head.level3,
            declared=declared_text(d) if d is not None else None,
            monitored_target=m.target if m is not None else None,
            monitored=m.actual_to_date if m is not None else None, forecast=m.forecast if m is not None else None,
            target=s.target if s is not None else None, achieved=s.actual if s is not None else None, drift=drift,
            dropped=d is not None and s is None and selfeval is not None,
            added=d is None and declaration is not None))
    if not declared and not evaluated:
        lines = [IndicatorLine(level1=m.level1, level2=m.level2, level3=m.level3, declared=None,
                               monitored_target=m.target, monitored=m.actual_to_date, forecast=m.forecast,
                               target=None, achieved=None) for m in monitored]
    return lines


def _amounts(forms: dict[Stage, list[FormLink]], data: dict[int, dict[str, Any]]) -> dict[str, Decimal | None]:
    def first(stage: Stage) -> dict[str, Any]:
        return data.get(forms[stage][0].form_id, {}) if forms[stage] else {}

    def dec(value: Any) -> Decimal | None:
        return None if value is None else Decimal(str(value))

    declaration, monitoring, selfeval = first("declaration"), first("monitoring"), first("self_evaluation")
    total = (selfeval.get("funds") or {}).get("total") or {}
    funds = monitoring.get("funds") or {}
    return {"declared": dec(declaration.get("total_amount")),
            "monitored_budget": dec(funds.get("full_year_budget") or funds.get("initial_budget")),
            "monitored_executed": dec(funds.get("executed_to_date")),
            "budget": dec(total.get("initial_budget")), "full_year_budget": dec(total.get("full_year_budget")),
            "executed": dec(total.get("executed"))}


def _findings(conn: Connection, project_id: int) -> list[LifecycleFinding]:
    query = (select(X, D.c.path).join(D, D.c.id == X.c.document_id)
             .where(D.c.current.is_(True), X.c.project_id == project_id).order_by(X.c.id))
    return [LifecycleFinding(id=r.id, code=r.code, severity=r.severity, category=r.category, message=r.message,
                             form_id=r.form_id, document_id=r.document_id, source=r.path,
                             location=json.loads(r.location), related=json.loads(r.related or "[]"),
                             expected=json.loads(r.expected) if r.expected is not None else None,
                             actual=json.loads(r.actual) if r.actual is not None else None)
            for r in conn.execute(query)]


def project_detail(session: Connection, project_id: int) -> ProjectDetail | None:
    """One project: its timeline (forms per stage and year; per indicator declared vs monitored vs
    achieved with drift flags; the amounts), every link with its state, and its lifecycle findings.
    ``None`` when there is no such project."""
    conn = session
    row = conn.execute(select(P, U.c.name.label("unit")).outerjoin(U, U.c.id == P.c.unit_id)
                       .where(P.c.id == project_id)).first()
    if row is None:
        return None
    links = _links(conn, L.c.project_id == project_id, active_only=False)
    active = [link for link in links if link.state in ACTIVE]
    data = _data(conn, sorted({link.form_id for link in active}))
    timeline: list[ProjectYear] = []
    for year in sorted({link.year for link in active}, key=lambda y: (y is None, y or 0)):
        forms: dict[Stage, list[FormLink]] = {stage: [] for stage in STAGES}
        for link in active:
            if link.year == year:
                forms[link.stage].insert(0, link)  # latest first
        timeline.append(ProjectYear(year=year, forms=forms, indicators=_indicators(forms, data),
                                    amounts=_amounts(forms, data)))
    unit_ids = frozenset({link.unit_id for link in active if link.unit_id is not None}
                         | ({row.unit_id} if row.unit_id is not None else set()))
    return ProjectDetail(id=row.id, unit_id=row.unit_id, unit=row.unit, code=row.code, name=row.name,
                         timeline=timeline, links=links, findings=_findings(conn, project_id), unit_ids=unit_ids)


def unit_completeness(session: Connection, unit_id: int, year: int) -> list[Completeness]:
    """The unit's projects with any form in ``year`` and which stages of the cycle each lacks: a
    declaration, a monitoring form, a self-evaluation. Ordered by project name, then id."""
    rows = [Completeness(project_id=s.id, name=s.name, code=s.code, year=year, forms=s.forms,
                         missing=[stage for stage in CYCLE if s.forms.get(stage) is None])
            for s in list_projects(session, unit_id=unit_id, year=year)]
    return sorted(rows, key=lambda r: (r.name, r.project_id))


def get_link(session: Connection, link_id: int) -> FormLink | None:
    """One link, whatever its state (``None``: no such link, or its form's document is no longer
    current). The web app checks ``unit_id`` (the form's unit) before a decision."""
    found = _links(session, L.c.id == link_id, active_only=False)
    return found[0] if found else None


def _decide(conn: Connection, link_id: int, state: LinkState, user: str | None) -> FormLink | None:
    row = conn.execute(select(L.c.project_id, L.c.form_id).where(L.c.id == link_id)).first()
    if row is None:
        return None
    conn.execute(L.update().where(L.c.id == link_id).values(state=state, decided_by=user,
                                                            decided_at=datetime.now(UTC)))
    from jixiao.store.linking import relink_forms

    relink_forms(conn, [row.form_id])
    return get_link(conn, link_id)


def confirm_link(session: Connection, link_id: int, user: str | None = None) -> FormLink | None:
    """A reviewer confirms a link: it stays whatever later ingests find. ``None``: no such link.
    Runs in the caller's transaction (``engine.begin()``)."""
    return _decide(session, link_id, "confirmed", user)


def break_link(session: Connection, link_id: int, user: str | None = None) -> FormLink | None:
    """A reviewer breaks a link: the form leaves the project (it joins another project or starts its
    own; never this one again) and the lifecycle checks of both projects run again. ``None``: no
    such link. Runs in the caller's transaction."""
    return _decide(session, link_id, "broken", user)


__all__ = ["ACTIVE", "CYCLE", "LINK_STATES", "Completeness", "FormLink", "IndicatorLine", "LifecycleFinding",
           "LinkState", "ProjectDetail", "ProjectSummary", "ProjectYear", "break_link", "confirm_link",
           "get_link", "list_projects", "project_detail", "unit_completeness"]
