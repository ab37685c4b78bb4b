"""Linking stored forms into projects (``projects``, ``project_forms``) and running the lifecycle
checks over each project touched (findings with ``project_id``, replaced on every run).

``ingest`` calls :func:`relink_results` after storing its documents; a reviewer's decision calls
:func:`relink_forms`. Both work on buckets: the units (as compared, :func:`jixiao.link.unit_key`)
and project codes of the forms concerned, with every project and form of those buckets, so a run
is idempotent and independent of the order documents arrived in. Runs in the caller's transaction;
on PostgreSQL one linker at a time (an advisory lock), SQLite has one writer anyway.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, delete, func, select, text, update

from jixiao.link import STAGE_OF_KIND, Anchor, Candidate, Decision, assign, code_key, display_name, name_key, unit_key
from jixiao.store.lifecycle_run import recheck
from jixiao.store.schema import DocumentRow, FormRow, Project, ProjectForm, Unit

D, F, U, P, L = (cast(Table, m.__table__) for m in (DocumentRow, FormRow, Unit, Project, ProjectForm))
PROJECT_KINDS = tuple(STAGE_OF_KIND)
AUTO = ("linked", "uncertain")
_LOCK = 0x6A69_786C  # advisory lock key of the linker


@dataclass(frozen=True)
class _Form:
    id: int
    kind: str
    name: str | None
    unit_id: int | None
    unit: str | None
    year: int | None
    code: str | None


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK})


def _units(conn: Connection) -> dict[int, str]:
    return {i: n for i, n in conn.execute(select(U.c.id, U.c.name))}


def _forms(conn: Connection, where: Any, units: dict[int, str]) -> dict[int, _Form]:
    query = (select(F.c.id, F.c.kind, F.c.name, F.c.unit_id, F.c.year, F.c.data).join(D, D.c.id == F.c.document_id)
             .where(D.c.current.is_(True), D.c.status == "ok", F.c.kind.in_(PROJECT_KINDS), where))
    found: dict[int, _Form] = {}
    for r in conn.execute(query):
        data = json.loads(r.data)
        code = data.get("project_code") if isinstance(data, dict) else None
        found[r.id] = _Form(r.id, r.kind, r.name, r.unit_id, units.get(r.unit_id) if r.unit_id else None, r.year,
                            code_key(code, r.name))
    return found


def relink_results(conn: Connection, units: Iterable[str | None], codes: Iterable[str | None]) -> list[int]:
    """Relink the buckets of freshly stored forms (their unit names and codes) and re-check every
    project in them; the ids of the projects that remain."""
    return relink(conn, {unit_key(u) for u in units}, {c for c in codes if c})


def relink_forms(conn: Connection, form_ids: Iterable[int]) -> list[int]:
    """Relink the buckets of these forms (after a reviewer's decision on one of them)."""
    units = _units(conn)
    ids = sorted(set(form_ids))
    if not ids:
        return []
    forms = _forms(conn, F.c.id.in_(ids), units)
    keys = {unit_key(f.unit) for f in forms.values()}
    keys |= {r.unit_key for r in conn.execute(select(P.c.unit_key).join(L, L.c.project_id == P.c.id)
                                              .where(L.c.form_id.in_(ids)))}
    return relink(conn, keys, {f.code for f in forms.values() if f.code})


def relink_all(conn: Connection) -> list[int]:
    """Relink every stored form (``jixiao db relink``; after a change of the matching rules)."""
    units = _units(conn)
    keys = {unit_key(n) for n in units.values()} | {""}
    keys |= set(conn.execute(select(P.c.unit_key)).scalars())
    return relink(conn, keys, set())


def relink(conn: Connection, keys: set[str], codes: set[str]) -> list[int]:
    """Link every current form of the buckets ``keys`` (unit keys; "" for forms with no unit) and
    ``codes`` to projects, keep reviewers' decisions, drop emptied projects, re-run the lifecycle
    checks of every project of the buckets. Returns the ids of those projects."""
    if not keys and not codes:
        return []
    _lock(conn)
    units = _units(conn)
    # forms filed under no unit (a third party's 评价报告) are always in: they join a project of
    # any unit by its name, so the units whose projects bear their names are relinked with them
    unfiled = _forms(conn, F.c.unit_id.is_(None), units)
    names = sorted({name_key(f.name) for f in unfiled.values()} - {""})
    keys = keys | {""} | (set(conn.execute(select(P.c.unit_key).where(P.c.name_key.in_(names))).scalars())
                          if names else set())
    unit_ids = [i for i, n in units.items() if unit_key(n) in keys]
    forms = unfiled | _forms(conn, F.c.unit_id.in_(unit_ids), units)
    codes = codes | {f.code for f in forms.values() if f.code}
    projects = {r.id: r for r in conn.execute(select(P).where(P.c.unit_key.in_(sorted(keys)) | P.c.code.in_(
        sorted(codes))).order_by(P.c.id))}
    linked = set(conn.execute(select(L.c.form_id).where(L.c.project_id.in_(list(projects)))).scalars())
    forms |= _forms(conn, F.c.id.in_(sorted(linked - set(forms))), units) if linked - set(forms) else {}
    decisions = [Decision(r.form_id, r.project_id, r.state) for r in conn.execute(
        select(L.c.form_id, L.c.project_id, L.c.state).where(L.c.form_id.in_(list(forms)),
                                                              L.c.state.in_(("confirmed", "broken"))))]
    anchors = [Anchor(p.id, p.unit_key, p.name_key, p.code) for p in projects.values()]
    candidates = [Candidate(f.id, STAGE_OF_KIND[f.kind], f.unit, f.name, f.code, f.year) for f in forms.values()]
    result_anchors, assignments = assign(candidates, anchors, decisions)
    ids: dict[int, int] = {}  # anchor number → project id
    members: dict[int, list[_Form]] = {}
    for a in assignments:
        members.setdefault(a.anchor, []).append(forms[cast(int, a.ref)])
    for number, anchor in enumerate(result_anchors):
        if anchor.key is not None:
            ids[number] = anchor.key
        elif number in members:
            first = members[number][0]
            ids[number] = int(conn.execute(P.insert().returning(P.c.id), {
                "unit_id": first.unit_id, "code": anchor.code, "name": display_name(first.name) or anchor.name,
                "unit_key": anchor.unit, "name_key": anchor.name}).scalar_one())
    existing = {r.form_id: r for r in conn.execute(select(L).where(L.c.form_id.in_(list(forms)),
                                                                   L.c.state.in_(AUTO)))}
    for a in assignments:
        form = forms[cast(int, a.ref)]
        if a.method == "reviewer":  # a confirmed link: the form's machine-made link elsewhere goes
            old = existing.get(form.id)
            if old is not None:
                conn.execute(delete(L).where(L.c.id == old.id))
            continue
        values = {"project_id": ids[a.anchor], "form_id": form.id, "stage": STAGE_OF_KIND[form.kind],
                  "year": form.year, "method": "name" if a.method == "new" else a.method,
                  "confidence": a.confidence, "evidence": json.dumps(a.evidence, ensure_ascii=False, sort_keys=True),
                  "state": "uncertain" if a.method == "fuzzy" else "linked"}
        old = existing.get(form.id)
        if old is not None and old.project_id == values["project_id"]:
            if any(getattr(old, k) != v for k, v in values.items()):
                conn.execute(update(L).where(L.c.id == old.id).values(values))
            continue
        if old is not None:
            conn.execute(delete(L).where(L.c.id == old.id))
        conn.execute(L.insert(), values)
    touched = sorted(set(ids.values()) | set(projects))
    # links of forms that are no longer current (a newer version of their document) go
    conn.execute(delete(L).where(L.c.project_id.in_(touched), L.c.state.in_(AUTO), L.c.form_id.not_in(list(forms))))
    _tidy(conn, members, ids)
    alive = sorted(set(conn.execute(select(L.c.project_id).where(L.c.project_id.in_(touched),
                                                                  L.c.state.in_((*AUTO, "confirmed")))).scalars()))
    gone = sorted(set(touched) - set(alive))
    if gone:
        conn.execute(delete(P).where(P.c.id.in_(gone)))
    recheck(conn, alive)
    return alive


def _tidy(conn: Connection, members: dict[int, list[_Form]], ids: dict[int, int]) -> None:
    """A project's name, code and unit from its forms: the earliest declaration's, else its first form's."""
    order = {"project_target_declaration": 0, "self_evaluation": 1, "monitoring": 2, "project_evaluation": 3}
    for number, forms in members.items():
        project_id = ids[number]
        head = min(forms, key=lambda f: (order.get(f.kind, 9), f.year or 0, f.id))
        code = next((f.code for f in sorted(forms, key=lambda f: f.id) if f.code), None)
        with_unit = next((f for f in sorted(forms, key=lambda f: (order.get(f.kind, 9), f.id)) if f.unit_id), None)
        values = {"name": display_name(head.name) or name_key(head.name) or "（未命名项目）", "code": code,
                  "unit_id": with_unit.unit_id if with_unit else None,
                  "unit_key": unit_key(with_unit.unit if with_unit else None), "name_key": name_key(head.name)}
        conn.execute(update(P).where(P.c.id == project_id).values(values))


def link_counts(conn: Connection) -> dict[str, int]:
    """Projects and links by state (for summaries and tests)."""
    counts = {"projects": int(conn.execute(select(func.count()).select_from(P)).scalar() or 0)}
    for state, n in conn.execute(select(L.c.state, func.count()).group_by(L.c.state)):
        counts[state] = int(n)
    return counts




def result_keys(forms: Iterable[Any]) -> tuple[set[str], set[str]]:
    """The buckets (unit keys, project codes) of a stored document's forms (``FormRecord``s)."""
    units: set[str] = set()
    codes: set[str] = set()
    for record in forms:
        if record.kind not in STAGE_OF_KIND:
            continue
        units.add(unit_key(record.unit))
        data = json.loads(record.data)
        code = code_key(data.get("project_code") if isinstance(data, dict) else None, record.name)
        if code:
            codes.add(code)
    return units, codes


def link_stored(engine: Engine, units: set[str], codes: set[str]) -> list[int]:
    """Relink the buckets in one transaction of its own (after an ingest or an upload); the ids of
    the projects of those buckets."""
    if not units and not codes:
        return []
    with engine.begin() as conn:
        return relink(conn, units, codes)


__all__ = ["PROJECT_KINDS", "link_counts", "link_stored", "relink", "relink_all", "relink_forms", "relink_results",
           "result_keys"]
