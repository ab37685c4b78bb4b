"""The figures behind the dashboard's charts, aggregated in the database over current documents and
the units the user may see (one pass per chart; money columns are read, never compared, in SQL
because SQLite keeps them as decimal text)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, Select, func, select

from jixiao.model.selfeval import SELF_EVALUATION_KINDS
from jixiao.store.queries import SEVERITIES, D, F, U, X
from jixiao.store.schema import Base, UnitAlias
from jixiao.web.formview import CATEGORY_NAMES
from jixiao.web.reviews import FINDING_REVIEWS
from jixiao.web.upload_schema import Upload
from jixiao.web.users import Principal

T = TypeVar("T")
UPLOADS, ALIASES = Upload.__table__, UnitAlias.__table__
EDITS = Base.metadata.tables.get("form_edits")  # the edit history (jixiao.web.schema, imported above)
_CACHES: WeakKeyDictionary[Engine, dict[Any, Any]] = WeakKeyDictionary()

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


def _scope(query: Select[Any], user: Principal, year: int | None = None) -> Select[Any]:
    """Current documents only, and the user's units (a restricted user never sees unit-less forms);
    with ``year``, the forms of that year only."""
    query = query.join(D, D.c.id == F.c.document_id).where(D.c.current.is_(True))
    if user.units is not None:
        query = query.where(F.c.unit_id.in_(sorted(user.units)))
    if year is not None:
        query = query.where(F.c.year == year)
    return query


def years(conn: Connection, user: Principal) -> list[int]:
    """The years of the forms the user may see, newest first (the dashboard's year selector)."""
    query = _scope(select(F.c.year).select_from(F).distinct(), user).where(F.c.year.is_not(None))
    return sorted((int(y) for y in conn.execute(query).scalars()), reverse=True)


def _open_errors(conn: Connection, user: Principal, year: int | None = None) -> list[tuple[str, int]]:
    newest = (select(func.max(FINDING_REVIEWS.c.id).label("id")).group_by(FINDING_REVIEWS.c.finding_id).subquery())
    closed = (select(FINDING_REVIEWS.c.finding_id).where(FINDING_REVIEWS.c.id.in_(select(newest.c.id)),
                                                        FINDING_REVIEWS.c.status == "dismissed"))
    query = _scope(select(U.c.name, func.count()).select_from(X).join(F, F.c.id == X.c.form_id)
                   .outerjoin(U, U.c.id == F.c.unit_id), user, year)
    query = query.where(X.c.severity == "error", X.c.id.not_in(closed)).group_by(U.c.name)
    counts = Counter({name or NO_UNIT: int(n) for name, n in conn.execute(query)})
    return counts.most_common()


def generation(conn: Connection) -> tuple[Any, ...]:
    """One cheap query whose answer changes whenever what the pages aggregate may have changed: a
    document stored (ingest, upload, a new version: ids only grow), a review decision recorded, a
    form edited (an edit rewrites the form and its findings and always adds a history row)."""
    parts: list[Any] = [select(func.max(D.c.id)).scalar_subquery(), select(func.count(D.c.id)).scalar_subquery(),
                        select(func.max(FINDING_REVIEWS.c.id)).scalar_subquery()]
    if EDITS is not None:
        parts.append(select(func.max(EDITS.c.id)).scalar_subquery())
    # forms filed under another unit: an upload confirmed or reassigned, units merged by an alias
    parts += [select(func.count(UPLOADS.c.decided_at)).scalar_subquery(),
              select(func.count(U.c.id)).scalar_subquery(), select(func.max(ALIASES.c.id)).scalar_subquery()]
    return tuple(conn.execute(select(*parts)).one())


def remember(cache: dict[Any, Any], conn: Connection, key: Any, compute: Callable[[], T]) -> T:
    """``compute()``, kept in ``cache`` under ``key`` until the store's :func:`generation` changes.
    Only what any user of the same ``key`` may see goes in: keys carry the visible unit set, or the
    value is filtered per user after it is taken out. Each entry carries the generation read before
    it was computed, so a slow computation that overlaps a change is never served as newer than it
    is; threads may compute the same entry twice, never read a half-made one."""
    now = generation(conn)
    entry = cache.get(key)
    if entry is not None and entry[0] == now:
        kept: T = entry[1]
        return kept
    value = compute()
    if len(cache) >= 256:
        cache.clear()
    cache[key] = (now, value)
    return value


def shared_cache(conn: Connection) -> dict[Any, Any]:
    """The cache of the store ``conn`` belongs to (one per engine, gone with it)."""
    return _CACHES.setdefault(conn.engine, {})


def dashboard(conn: Connection, user: Principal, cache: dict[Any, Any] | None = None,
              year: int | None = None) -> dict[str, Any]:
    """The figures (of one ``year``'s forms, or of all); with ``cache`` (one per app) they are computed
    again only when the store's :func:`generation` changed, or for another set of visible units or year."""
    if cache is None:
        return _figures(conn, user, year)
    key = ("dashboard", None if user.units is None else tuple(sorted(user.units)), year)
    return remember(cache, conn, key, lambda: _figures(conn, user, year))


def _figures(conn: Connection, user: Principal, year: int | None = None) -> dict[str, Any]:
    forms = conn.execute(_scope(select(U.c.name, F.c.kind, F.c.grade, F.c.recomputed_grade, F.c.execution_rate,
                                       F.c.year, F.c.total_score, F.c.document_id)
                                .select_from(F).outerjoin(U, U.c.id == F.c.unit_id), user, year)).all()
    grades: dict[str, Counter[str]] = {}
    rates: Counter[str] = Counter()
    years: dict[int, list[Decimal]] = {}
    for unit, kind, grade, recomputed, rate, form_year, score, _ in forms:
        if unit:
            grades.setdefault(unit, Counter())
            if recomputed or grade:
                grades[unit][recomputed or grade] += 1
        if kind in SELF_EVALUATION_KINDS:
            if rate is not None:
                rates[rate_bin(rate)] += 1
            if form_year is not None and score is not None:
                years.setdefault(form_year, []).append(score)
    found = conn.execute(_scope(select(X.c.category, X.c.severity, func.count()).select_from(X)
                                .join(F, F.c.id == X.c.form_id), user, year).group_by(X.c.category, X.c.severity)).all()
    categories = sorted({c for c, _, _ in found})
    table = {(c, s): int(n) for c, s, n in found}
    ranked = _open_errors(conn, user, year)
    units = sorted(grades)
    labels = list(GRADES) + sorted({g for c in grades.values() for g in c} - set(GRADES))
    return {
        "summary": {"units": len(units), "forms": len(forms),
                    "self_evaluations": sum(1 for f in forms if f.kind in SELF_EVALUATION_KINDS),
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
