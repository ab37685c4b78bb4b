"""The figures behind the dashboard's charts, aggregated in the database over current documents and
the units the user may see (one pass per chart; money columns are read, never compared, in SQL
because SQLite keeps them as decimal text)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Select, func, select

from jixiao.store.queries import SEVERITIES, D, F, U, X
from jixiao.web.formview import CATEGORY_NAMES
from jixiao.web.reviews import FINDING_REVIEWS
from jixiao.web.users import Principal

RATE_BINS: tuple[tuple[str, Decimal | None], ...] = (
    ("<50%", Decimal("0.5")), ("50–70%", Decimal("0.7")), ("70–80%", Decimal("0.8")), ("80–90%", Decimal("0.9")),
    ("90–95%", Decimal("0.95")), ("95–<100%", Decimal("1")), ("100%", Decimal("1.0000001")), (">100%", None))
GRADES = ("优", "良", "中", "差")
NO_UNIT = "（未识别单位）"


def rate_bin(rate: Decimal) -> str:
    for label, upper in RATE_BINS:
        if upper is None or rate < upper:
            return label
    return RATE_BINS[-1][0]


def _scope(query: Select[Any], user: Principal) -> Select[Any]:
    """Current documents only, and the user's units (a restricted user never sees unit-less forms)."""
    query = query.join(D, D.c.id == F.c.document_id).where(D.c.current.is_(True))
    if user.units is not None:
        query = query.where(F.c.unit_id.in_(sorted(user.units)))
    return query


def _open_errors(conn: Connection, user: Principal) -> list[tuple[str, int]]:
    newest = (select(func.max(FINDING_REVIEWS.c.id).label("id")).group_by(FINDING_REVIEWS.c.finding_id).subquery())
    closed = (select(FINDING_REVIEWS.c.finding_id).where(FINDING_REVIEWS.c.id.in_(select(newest.c.id)),
                                                        FINDING_REVIEWS.c.status == "dismissed"))
    query = _scope(select(U.c.name, func.count()).select_from(X).join(F, F.c.id == X.c.form_id)
                   .outerjoin(U, U.c.id == F.c.unit_id), user)
    query = query.where(X.c.severity == "error", X.c.id.not_in(closed)).group_by(U.c.name)
    counts = Counter({name or NO_UNIT: int(n) for name, n in conn.execute(query)})
    return counts.most_common()


def dashboard(conn: Connection, user: Principal, cache: dict[Any, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The figures; with ``cache`` (one per app) they are computed again only when a document or a
    review decision was added since, or for another set of visible units."""
    if cache is None:
        return _figures(conn, user)
    documents = tuple(conn.execute(select(func.max(D.c.id), func.count(D.c.id))).one())
    reviews = conn.execute(select(func.max(FINDING_REVIEWS.c.id))).scalar()
    key = (None if user.units is None else tuple(sorted(user.units)), documents, reviews)
    if key not in cache:
        if len(cache) >= 256:
            cache.clear()
        cache[key] = _figures(conn, user)
    return cache[key]


def _figures(conn: Connection, user: Principal) -> dict[str, Any]:
    forms = conn.execute(_scope(select(U.c.name, F.c.kind, F.c.grade, F.c.recomputed_grade, F.c.execution_rate,
                                       F.c.year, F.c.total_score, F.c.document_id)
                                .select_from(F).outerjoin(U, U.c.id == F.c.unit_id), user)).all()
    grades: dict[str, Counter[str]] = {}
    rates: Counter[str] = Counter()
    years: dict[int, list[Decimal]] = {}
    for unit, kind, grade, recomputed, rate, year, score, _ in forms:
        if unit:
            grades.setdefault(unit, Counter())
            if recomputed or grade:
                grades[unit][recomputed or grade] += 1
        if kind == "self_evaluation":
            if rate is not None:
                rates[rate_bin(rate)] += 1
            if year is not None and score is not None:
                years.setdefault(year, []).append(score)
    found = conn.execute(_scope(select(X.c.category, X.c.severity, func.count()).select_from(X)
                                .join(F, F.c.id == X.c.form_id), user).group_by(X.c.category, X.c.severity)).all()
    categories = sorted({c for c, _, _ in found})
    table = {(c, s): int(n) for c, s, n in found}
    ranked = _open_errors(conn, user)
    units = sorted(grades)
    labels = list(GRADES) + sorted({g for c in grades.values() for g in c} - set(GRADES))
    return {
        "summary": {"units": len(units), "forms": len(forms),
                    "self_evaluations": sum(1 for f in forms if f.kind == "self_evaluation"),
                    "findings": {s: sum(n for (_, sev), n in table.items() if sev == s) for s in SEVERITIES},
                    "documents": len({f.document_id for f in forms}), "open_errors": sum(n for _, n in ranked)},
        "grade_by_unit": {"units": units, "grades": labels,
                          "counts": {g: [grades[u][g] for u in units] for g in labels}},
        "execution_rate": {"bins": [b for b, _ in RATE_BINS], "counts": [rates[b] for b, _ in RATE_BINS]},
        "findings_by_category": {"categories": categories, "labels": [CATEGORY_NAMES.get(c, c) for c in categories],
                                 "counts": {s: [table.get((c, s), 0) for c in categories] for s in SEVERITIES}},
        "units_by_errors": {"units": [u for u, _ in ranked[:20]], "errors": [n for _, n in ranked[:20]]},
        "years": {"years": sorted(years), "forms": [len(years[y]) for y in sorted(years)],
                  "average_score": [sum(years[y]) / len(years[y]) for y in sorted(years)]},
    }
