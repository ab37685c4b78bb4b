"""Reading the store: the lists behind ``jixiao ls`` / ``export`` and one form for ``jixiao show``.

Every list is a list of plain dicts with an ``id``, ordered by id, values as stored (Decimals exact),
so SQLite and PostgreSQL give the same output for the same inputs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Select, Table, and_, case, func, or_, select

from jixiao.model.kinds import KINDS as FORM_KIND_NAMES
from jixiao.store.schema import DocumentRow, FindingRow, FormChildRow, FormRow, Unit

D, F, R, X, U = (cast(Table, m.__table__) for m in (DocumentRow, FormRow, FormChildRow, FindingRow, Unit))
KINDS: tuple[str, ...] = FORM_KIND_NAMES  # every form kind, in the registry's order
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Filters:
    """Filters of ``jixiao ls`` (all optional). ``unit`` matches a part of the unit name."""

    unit: str | None = None
    year: int | None = None
    kind: str | None = None
    severity: str | None = None
    category: str | None = None
    rule: str | None = None
    status: str | None = None
    all_versions: bool = False
    text: str | None = None  # findings whose message, rule or form name contains it
    sort: str | None = None  # findings ordered by a column of FINDING_SORTS (else by id)
    descending: bool = False


NO_FILTERS = Filters()


def _forms_where(query: Select[Any], filters: Filters) -> Select[Any]:
    if not filters.all_versions:
        query = query.where(D.c.current.is_(True))
    if filters.unit:
        query = query.where(U.c.name.contains(filters.unit, autoescape=True))
    if filters.year is not None:
        query = query.where(F.c.year == filters.year)
    if filters.kind:
        query = query.where(F.c.kind == filters.kind)
    return query


def _severity_counts() -> list[Any]:
    return [func.count(case((X.c.severity == s, 1))).label(s) for s in SEVERITIES]


def units(conn: Connection, filters: Filters = NO_FILTERS) -> list[dict[str, Any]]:
    forms = (select(F.c.unit_id, func.count().label("forms")).join(D, D.c.id == F.c.document_id)
             .where(D.c.current.is_(True)).group_by(F.c.unit_id).subquery())
    query = (select(U.c.id, U.c.name, U.c.code, U.c.region, func.coalesce(forms.c.forms, 0).label("forms"))
             .outerjoin(forms, forms.c.unit_id == U.c.id).order_by(U.c.id))
    if filters.unit:
        query = query.where(U.c.name.contains(filters.unit, autoescape=True))
    return [dict(r._mapping) for r in conn.execute(query)]


def documents(conn: Connection, filters: Filters = NO_FILTERS, document_id: int | None = None) -> list[dict[str, Any]]:
    """The documents that pass ``filters`` (only the one with ``document_id`` when given)."""
    query = select(D.c.id, D.c.path, D.c.file_name, D.c.format, D.c.size, D.c.sha256, D.c.version, D.c.current,
                   D.c.status, D.c.error, D.c.form_count.label("forms"), D.c.finding_count.label("findings"),
                   D.c.profile, D.c.jixiao_version, D.c.ingested_at).order_by(D.c.id)
    if not filters.all_versions:
        query = query.where(D.c.current.is_(True))
    if filters.status:
        query = query.where(D.c.status == filters.status)
    if document_id is not None:
        query = query.where(D.c.id == document_id)
    if filters.unit or filters.year is not None or filters.kind:
        inner = _forms_where(select(F.c.document_id).join(D, D.c.id == F.c.document_id)
                             .outerjoin(U, U.c.id == F.c.unit_id), filters)
        query = query.where(D.c.id.in_(inner))
    rows = [dict(r._mapping) for r in conn.execute(query)]
    for row in rows:
        row["ingested_at"] = row["ingested_at"].isoformat(timespec="seconds") if row["ingested_at"] else None
    return rows


FORM_COLUMNS = ("total_score", "total_weight", "grade", "recomputed_grade", "amount", "executed", "execution_rate")


def forms(conn: Connection, filters: Filters = NO_FILTERS) -> list[dict[str, Any]]:
    counts = (select(X.c.form_id, *_severity_counts()).group_by(X.c.form_id).subquery())
    query: Select[Any] = (
        select(F.c.id, F.c.document_id, F.c.kind, F.c.idx.label("index"), F.c.name, U.c.name.label("unit"), F.c.year,
               *(F.c[c] for c in FORM_COLUMNS), F.c.row_count.label("rows"),
                    *(func.coalesce(counts.c[s], 0).label(s + "s") for s in SEVERITIES),
                    D.c.path.label("source"), F.c.line_start)
             .join(D, D.c.id == F.c.document_id).outerjoin(U, U.c.id == F.c.unit_id)
             .outerjoin(counts, counts.c.form_id == F.c.id).order_by(F.c.id))
    query = _forms_where(query, filters)
    if filters.severity or filters.category or filters.rule:
        query = query.where(F.c.id.in_(_findings_where(select(X.c.form_id), filters)))
    return [dict(r._mapping) for r in conn.execute(query)]


def _findings_where(query: Select[Any], filters: Filters) -> Select[Any]:
    if filters.severity:
        query = query.where(X.c.severity == filters.severity)
    if filters.category:
        query = query.where(X.c.category == filters.category)
    if filters.rule:
        query = query.where(X.c.code == filters.rule.upper())
    if filters.text:
        text = filters.text.strip()
        query = query.where(or_(X.c.message.contains(text, autoescape=True), X.c.code == text.upper(),
                                F.c.name.contains(text, autoescape=True)))
    return query


# How the findings list may be ordered (the web app's 排序); the id keeps equal rows in a stable order.
FINDING_SORTS: dict[str, Any] = {
    "severity": case((X.c.severity == "error", 0), (X.c.severity == "warning", 1), else_=2),
    "code": X.c.code, "unit": U.c.name, "year": F.c.year, "category": X.c.category,
}


def _findings_order(query: Select[Any], filters: Filters) -> Select[Any]:
    column = FINDING_SORTS.get(filters.sort or "")
    if column is None:
        return query.order_by(X.c.id)
    return query.order_by(column.desc().nulls_last() if filters.descending else column.asc().nulls_last(), X.c.id)


def _findings_from(query: Select[Any]) -> Select[Any]:
    return (query.join(D, D.c.id == X.c.document_id).outerjoin(F, F.c.id == X.c.form_id)
            .outerjoin(U, U.c.id == F.c.unit_id))


FINDING_COLUMNS = (X.c.id, X.c.form_id, X.c.document_id, X.c.code, X.c.severity, X.c.category, F.c.kind, F.c.name,
                   U.c.name.label("unit"), F.c.year, D.c.path.label("source"), X.c.line_start, X.c.message,
                   X.c.expected, X.c.actual, X.c.profile, X.c.project_id, X.c.related)


def _finding_rows(conn: Connection, query: Select[Any]) -> list[dict[str, Any]]:
    rows = [dict(r._mapping) for r in conn.execute(query)]
    for row in rows:
        row["expected"] = json.loads(row["expected"]) if row["expected"] is not None else None
        row["actual"] = json.loads(row["actual"]) if row["actual"] is not None else None
        row["related"] = json.loads(row["related"]) if row["related"] else []  # forms a lifecycle finding cites
    return rows


def findings(conn: Connection, filters: Filters = NO_FILTERS, form_id: int | None = None) -> list[dict[str, Any]]:
    query = _findings_from(select(*FINDING_COLUMNS).select_from(X)).order_by(X.c.id)
    query = _findings_where(_forms_where(query, filters), filters)
    if form_id is not None:
        query = query.where(X.c.form_id == form_id)
    return _finding_rows(conn, query)


def _findings_scope(query: Select[Any], filters: Filters, unit_ids: frozenset[int] | None,
                    document_id: int | None) -> Select[Any]:
    query = _findings_where(_forms_where(_findings_from(query), filters), filters)
    if unit_ids is not None:
        query = query.where(F.c.unit_id.in_(sorted(unit_ids)))
    if document_id is not None:
        query = query.where(X.c.document_id == document_id)
    return query


def count_findings(conn: Connection, filters: Filters = NO_FILTERS, unit_ids: frozenset[int] | None = None,
                   document_id: int | None = None) -> int:
    """How many findings :func:`findings_page` pages through."""
    query = _findings_scope(select(func.count()).select_from(X), filters, unit_ids, document_id)
    return int(conn.execute(query).scalar() or 0)


def findings_page(conn: Connection, filters: Filters = NO_FILTERS, unit_ids: frozenset[int] | None = None,
                  offset: int = 0, limit: int | None = None, document_id: int | None = None,
                  total: int | None = None) -> tuple[int, list[dict[str, Any]]]:
    """For the web app: the number of findings that pass ``filters`` and one page of them (``offset``,
    at most ``limit``; rows as :func:`findings`, ordered by id), counted and cut in the database.
    ``unit_ids`` (not ``None``) keeps the findings of forms of those units only, so a finding
    without a form or a form without a unit is left out; ``document_id`` keeps one document's.
    ``total``: the count when the caller already knows it (from :func:`count_findings`)."""
    if total is None:
        total = count_findings(conn, filters, unit_ids, document_id)
    query = _findings_scope(select(*FINDING_COLUMNS).select_from(X), filters, unit_ids, document_id)
    query = _findings_order(query, filters).offset(max(offset, 0))
    if limit is not None:
        query = query.limit(max(limit, 0))
    return total, (_finding_rows(conn, query) if total > offset else [])


def errors_by_unit(conn: Connection, unit_ids: frozenset[int] | None = None) -> dict[int, int]:
    """Error findings of current documents per unit id (only ``unit_ids`` when given)."""
    query = (select(F.c.unit_id, func.count()).select_from(X).join(F, F.c.id == X.c.form_id)
             .join(D, D.c.id == X.c.document_id)
             .where(D.c.current.is_(True), X.c.severity == "error", F.c.unit_id.is_not(None)).group_by(F.c.unit_id))
    if unit_ids is not None:
        query = query.where(F.c.unit_id.in_(sorted(unit_ids)))
    return {int(unit_id): int(n) for unit_id, n in conn.execute(query)}


def form_rows(conn: Connection, form_id: int) -> list[dict[str, Any]]:
    query = select(R).where(R.c.form_id == form_id).order_by(R.c.id)
    rows = []
    for r in conn.execute(query):
        row = {k: v for k, v in r._mapping.items() if v is not None and k not in ("id", "form_id")}
        if "values" in row:
            row["values"] = json.loads(row["values"])
        rows.append(row)
    return rows


def show(conn: Connection, form_id: int) -> dict[str, Any] | None:
    """One form: its key columns, its rows, its findings and the full extracted JSON."""
    found = show_visible(conn, form_id, None)
    if found is None:
        return None
    found.pop("unit_id", None)
    return found


def show_visible(conn: Connection, form_id: int, unit_ids: frozenset[int] | None,
                 with_rows: bool = True) -> dict[str, Any] | None:
    """For the web app: :func:`show` plus ``unit_id``, or ``None`` when there is no such form or
    (``unit_ids`` not ``None``) its unit is not among ``unit_ids`` — decided before anything else
    is read."""
    query = (select(F, U.c.name.label("unit"), D.c.path.label("source"), D.c.version, D.c.current)
             .join(D, D.c.id == F.c.document_id).outerjoin(U, U.c.id == F.c.unit_id).where(F.c.id == form_id))
    row = conn.execute(query).first()
    if row is None or (unit_ids is not None and row.unit_id not in unit_ids):
        return None
    data = dict(row._mapping)
    data["index"] = data.pop("idx")
    data["data"] = json.loads(data["data"])
    if with_rows:
        data["rows"] = form_rows(conn, form_id)
    data["findings"] = findings(conn, Filters(all_versions=True), form_id=form_id)
    return data


def review_summary(conn: Connection, document_ids: list[int] | None = None) -> dict[str, Any]:
    """Counts a reviewer starts from: documents, forms by kind, findings by severity and rule."""
    cond = D.c.current.is_(True) if document_ids is None else D.c.id.in_(document_ids)
    docs = conn.execute(select(D.c.status, func.count()).where(cond).group_by(D.c.status)).all()
    kinds = conn.execute(select(F.c.kind, func.count()).join(D, D.c.id == F.c.document_id).where(cond)
                         .group_by(F.c.kind).order_by(F.c.kind)).all()
    sev = conn.execute(select(X.c.severity, func.count()).join(D, D.c.id == X.c.document_id).where(cond)
                       .group_by(X.c.severity)).all()
    codes = conn.execute(select(X.c.code, func.count()).join(D, D.c.id == X.c.document_id).where(cond)
                         .group_by(X.c.code).order_by(X.c.code)).all()
    with_errors = conn.execute(select(func.count(func.distinct(X.c.form_id))).join(D, D.c.id == X.c.document_id)
                               .where(and_(cond, X.c.severity == "error"))).scalar()
    status: dict[str, int] = {s: n for s, n in docs}
    by_sev: dict[str, int] = {s: n for s, n in sev}
    return {"documents": sum(status.values()), "failed": status.get("failed", 0),
            "forms": {k: n for k, n in kinds}, "findings": {s: by_sev.get(s, 0) for s in SEVERITIES},
            "forms_with_errors": with_errors or 0, "by_code": {c: n for c, n in codes}}
