"""What each page shows, as plain dicts (the page renders it, ``/api/…`` returns it as JSON).

Everything is read through :mod:`jixiao.store.queries` and filtered by what the user may see
(:meth:`Principal.can_see`); something the user may not see is reported as not found (404), the
same answer as for something that does not exist.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, case, func, select

from jixiao.store import queries
from jixiao.store.queries import SEVERITIES, D, F, Filters, U, X
from jixiao.web.deps import not_found
from jixiao.web.users import Principal

LIST_LIMIT = 1000


def unit_map(conn: Connection) -> dict[str, int]:
    return {name: uid for uid, name in conn.execute(select(U.c.id, U.c.name))}


def _visible(rows: list[dict[str, Any]], user: Principal, ids: dict[str, int]) -> list[dict[str, Any]]:
    if user.all_units:
        return rows
    return [r for r in rows if user.can_see(ids.get(r.get("unit") or ""))]


def visible_forms(conn: Connection, user: Principal, filters: Filters = queries.NO_FILTERS) -> list[dict[str, Any]]:
    return _visible(queries.forms(conn, filters), user, unit_map(conn))


def visible_findings(conn: Connection, user: Principal, filters: Filters = queries.NO_FILTERS) -> list[dict[str, Any]]:
    return queries.findings_page(conn, filters, user.units)[1]


def units(conn: Connection, user: Principal) -> dict[str, Any]:
    """Every unit the user may see with its forms and error findings (current documents). The
    counts of all units are kept until the store changes; each user gets copies of their own rows."""
    from jixiao.web.dashboard import remember, shared_cache

    def every_unit() -> list[dict[str, Any]]:
        errors = queries.errors_by_unit(conn)
        return [{**u, "errors": errors.get(u["id"], 0)} for u in queries.units(conn)]

    rows = remember(shared_cache(conn), conn, "units", every_unit)
    return {"units": [dict(u) for u in rows if user.can_see(u["id"])]}


def unit(conn: Connection, user: Principal, unit_id: int) -> dict[str, Any]:
    if not user.can_see(unit_id):
        raise not_found()
    row = conn.execute(select(U.c.id, U.c.name, U.c.code, U.c.region).where(U.c.id == unit_id)).first()
    if row is None:
        raise not_found()
    name = row.name
    forms = [f for f in queries.forms(conn, Filters(unit=name)) if f["unit"] == name]
    total, findings = queries.findings_page(conn, queries.NO_FILTERS, frozenset([unit_id]), 0, LIST_LIMIT)
    doc_ids = {f["document_id"] for f in forms}
    documents = [d for d in queries.documents(conn, Filters(unit=name)) if d["id"] in doc_ids]
    return {"unit": dict(row._mapping), "documents": documents, "forms": forms, "findings": findings,
            "finding_total": total}


def _document_forms(conn: Connection, document_id: int) -> list[dict[str, Any]]:
    """The forms of one document, with the columns and counts of :func:`queries.forms`."""
    counts = (select(X.c.form_id, *(func.count(case((X.c.severity == s, 1))).label(s + "s") for s in SEVERITIES))
              .where(X.c.document_id == document_id).group_by(X.c.form_id).subquery())
    query = (select(F.c.id, F.c.document_id, F.c.kind, F.c.idx.label("index"), F.c.name, U.c.name.label("unit"),
                    F.c.unit_id, F.c.year, *(F.c[c] for c in queries.FORM_COLUMNS), F.c.row_count.label("rows"),
                    *(func.coalesce(counts.c[s + "s"], 0).label(s + "s") for s in SEVERITIES))
             .outerjoin(U, U.c.id == F.c.unit_id).outerjoin(counts, counts.c.form_id == F.c.id)
             .where(F.c.document_id == document_id).order_by(F.c.id))
    return [dict(r._mapping) for r in conn.execute(query)]


def document(conn: Connection, user: Principal, document_id: int) -> dict[str, Any]:
    docs = queries.documents(conn, Filters(all_versions=True), document_id=document_id)
    if not docs:
        raise not_found()
    forms = _document_forms(conn, document_id)
    seen = [f for f in forms if user.can_see(f.pop("unit_id"))]
    if not user.all_units and not seen:
        raise not_found()
    # a restricted user gets the findings of the forms of their units, admin and reviewer all of them
    found = queries.findings_page(conn, Filters(all_versions=True), user.units, document_id=document_id)[1]
    return {"document": docs[0], "forms": seen, "findings": found}


def form(conn: Connection, user: Principal, form_id: int, rows: bool = True) -> dict[str, Any]:
    """One form the user may see (``rows=False``: without its child rows, which a self-evaluation's
    page lays out from the form's own JSON)."""
    data = queries.show_visible(conn, form_id, user.units, with_rows=rows)
    if data is None or not user.can_see(data["unit_id"]):
        raise not_found()
    from jixiao.web.reviews import attach

    attach(conn, data)
    return data


def findings(conn: Connection, user: Principal, filters: Filters, offset: int = 0,
             limit: int = LIST_LIMIT) -> dict[str, Any]:
    """One page of the findings the user may see (``offset``, at most ``limit``; ``total`` counts all)."""
    from jixiao.web.dashboard import remember, shared_cache

    offset, limit = max(offset, 0), min(max(limit, 1), LIST_LIMIT)
    count = remember(shared_cache(conn), conn, ("findings", filters, user.units),
                     lambda: queries.count_findings(conn, filters, user.units))
    total, page = queries.findings_page(conn, filters, user.units, offset, limit, total=count)
    return {"filters": {k: v for k, v in vars(filters).items() if v not in (None, False)},
            "total": total, "offset": offset, "limit": limit, "findings": page,
            "truncated": offset + len(page) < total}


def dashboard(conn: Connection, user: Principal, cache: dict[Any, Any] | None = None,
              year: int | None = None) -> dict[str, Any]:
    """The dashboard's figures (of one ``year``, or all), with the years there are to choose from."""
    from jixiao.web.dashboard import dashboard as figures
    from jixiao.web.dashboard import remember, shared_cache, years

    choices = remember(shared_cache(conn), conn, ("years", user.units), lambda: years(conn, user))
    return {**figures(conn, user, cache, year), "year": year, "year_choices": list(choices)}


def current_document_ids(conn: Connection) -> list[int]:
    return list(conn.execute(select(D.c.id).where(D.c.current.is_(True))).scalars())
