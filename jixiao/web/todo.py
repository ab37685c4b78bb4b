"""The 待办 list: the forms a user has to act on, filtered, sorted and acted on in bulk.

A reviewer's queues: 待审 (submitted or in review), 退回后又提交 (awaiting a decision again after a
return), 审核后又修改 (changed after the newest decision: cells edited in the web app, or a new
version of the file uploaded; a draft or a returned form is the unit's turn, not the reviewer's).
Unit staff see their own forms: 待提交 (drafts), 被退回. Filters: unit, state, grade, errors, year,
kind and batch; sorting by any column.

A batch (批次) is what the store records of an ingest: the day (Beijing time) and who filed the file
— ``某用户 上传`` for a web upload (``upload/<user>/…``), ``导入`` for ``jixiao ingest`` / ``demo``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, String, and_, case, exists, func, or_, select, true, type_coerce

from jixiao.store.queries import D, F, U, X
from jixiao.store.workflow import DECISIONS, INITIAL, STATES, STEPS
from jixiao.web.edits import EDITS
from jixiao.web.users import Principal

BEIJING = timezone(timedelta(hours=8))
REVIEW_QUEUES = {"todo": "全部待办", "pending": "待审", "resubmitted": "退回后又提交", "changed": "审核后又修改",
                 "all": "全部表单"}
UNIT_QUEUES = {"todo": "待提交与被退回", "draft": "待提交", "returned": "被退回", "waiting": "已提交待审",
               "all": "全部表单"}
SORTS = {"unit": "单位", "state": "状态", "grade": "等级", "errors": "错误", "year": "年度", "batch": "批次",
         "since": "时间", "name": "名称"}
AWAITING = ("submitted", "in_review")
PAGE = 200


@dataclass(frozen=True)
class TodoQuery:
    queue: str = "todo"
    unit: int | None = None
    state: str | None = None
    grade: str | None = None
    errors: str | None = None  # "yes" | "no"
    year: int | None = None
    kind: str | None = None
    batch: str | None = None
    sort: str = "since"
    order: str = "asc"

    def params(self) -> dict[str, str]:
        return {f.name: "" if getattr(self, f.name) is None else str(getattr(self, f.name)) for f in fields(self)}


def parse(values: dict[str, str]) -> TodoQuery:
    """A query from request parameters; anything unknown or malformed is left out, never a 500."""
    def number(key: str) -> int | None:
        text = (values.get(key) or "").strip()
        return int(text) if text.isdigit() and len(text) < 10 else None

    def choice(key: str, allowed: Any) -> str | None:
        text = values.get(key) or ""
        return text if text in allowed else None

    return TodoQuery(queue=choice("queue", set(REVIEW_QUEUES) | set(UNIT_QUEUES)) or "todo", unit=number("unit"),
                     state=choice("state", STATES), grade=(values.get("grade") or "").strip()[:20] or None,
                     errors=choice("errors", ("yes", "no")), year=number("year"),
                     kind=(values.get("kind") or "").strip()[:40] or None,
                     batch=(values.get("batch") or "").strip()[:200] or None,
                     sort=choice("sort", SORTS) or "since", order="desc" if values.get("order") == "desc" else "asc")


def batch_of(path: str, ingested_at: datetime | None) -> str:
    day = ""
    if ingested_at is not None:
        moment = ingested_at if ingested_at.tzinfo else ingested_at.replace(tzinfo=UTC)
        day = moment.astimezone(BEIJING).date().isoformat()
    parts = path.split("/")
    source = f"{parts[1]} 上传" if len(parts) > 2 and parts[0] == "upload" else "导入"
    return f"{day} · {source}"


def _forms(user: Principal, ids: list[int] | None = None) -> Any:
    """The current forms the user may see, one row each with its state, the time of it, its newest
    decision's comment, its error count and two flags (``touched``: edited after the newest decision
    or a new version of a decided form; ``returned_before``) — computed once per form by correlated
    lookups on the indexes of form_reviews, findings and form_edits, behind ``OFFSET 0`` so that
    neither SQLite nor PostgreSQL inlines them into every use (joins to grouped subqueries, or the
    inlined lookups, took seconds on 10,000 forms)."""
    def newest(column: Any, *where: Any) -> Any:
        return (select(column).where(STEPS.c.form_id == F.c.id, *where).order_by(STEPS.c.id.desc()).limit(1)
                .correlate(F).scalar_subquery())  # the outer form, also from inside an EXISTS

    decided_at = newest(STEPS.c.created_at, STEPS.c.status.in_(DECISIONS))
    edited_after = exists().where(EDITS.c.form_id == F.c.id, EDITS.c.created_at > decided_at)
    before, old_steps = F.alias("earlier"), STEPS.alias("earlier_steps")
    decided_earlier = exists().where(before.c.document_id == D.c.previous_id, before.c.kind == F.c.kind,
                                     before.c.idx == F.c.idx, old_steps.c.form_id == before.c.id,
                                     old_steps.c.status.in_(DECISIONS))
    errors = (select(func.count()).select_from(X).where(X.c.form_id == F.c.id, X.c.severity == "error")
              .scalar_subquery())
    query = (select(F.c.id, F.c.kind, F.c.name, F.c.year, F.c.unit_id, U.c.name.label("unit"), F.c.grade,
                    F.c.recomputed_grade, F.c.total_score, F.c.document_id, D.c.path, D.c.ingested_at,
                    func.coalesce(newest(STEPS.c.status), INITIAL).label("state"),
                    func.coalesce(newest(STEPS.c.created_at), D.c.ingested_at).label("since"),
                    newest(STEPS.c.comment, STEPS.c.status.in_(DECISIONS)).label("comment"), errors.label("errors"),
                    case((or_(edited_after, decided_earlier), 1), else_=0).label("touched"),
                    case((exists().where(STEPS.c.form_id == F.c.id, STEPS.c.status == "returned"), 1),
                         else_=0).label("returned_before"))
             .select_from(F).join(D, D.c.id == F.c.document_id).outerjoin(U, U.c.id == F.c.unit_id)
             .where(D.c.current.is_(True)))
    if user.units is not None:
        query = query.where(F.c.unit_id.in_(sorted(user.units)))
    if ids is not None:  # one page of forms
        return query.where(F.c.id.in_(ids)).subquery("todo_page")
    return query.offset(0).subquery("todo_forms")


def _queues(t: Any, unit_staff: bool) -> dict[str, Any]:
    awaiting = t.c.state.in_(AWAITING)
    if unit_staff:
        return {"todo": t.c.state.in_(("draft", "returned")), "draft": t.c.state == "draft",
                "returned": t.c.state == "returned", "waiting": awaiting, "all": true()}
    changed = and_(t.c.state.in_((*AWAITING, "approved")), t.c.touched == 1)  # draft, returned: the unit's turn
    return {"todo": or_(awaiting, changed), "pending": awaiting,
            "resubmitted": and_(awaiting, t.c.returned_before == 1), "changed": changed, "all": true()}


def _batches(conn: Connection, document_ids: list[int]) -> dict[str, list[int]]:
    """Each batch's label and its documents."""
    found: dict[str, list[int]] = {}
    for r in conn.execute(select(D.c.id, D.c.path, D.c.ingested_at).where(D.c.id.in_(document_ids))):
        found.setdefault(batch_of(r.path, r.ingested_at), []).append(int(r.id))
    return found


def _comparable(value: Any) -> Any:
    """Times as naive UTC (SQLite may hand back both kinds), everything else as it is."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _sort_column(t: Any, sort: str) -> Any:
    order = case(*((t.c.state == key, n) for n, key in enumerate(STATES)), else_=len(STATES))
    return {"unit": func.coalesce(t.c.unit, ""), "state": order,
            "grade": func.coalesce(t.c.recomputed_grade, t.c.grade, ""), "errors": t.c.errors,
            "year": func.coalesce(t.c.year, 0), "batch": type_coerce(t.c.ingested_at, String),
            "name": func.coalesce(t.c.name, ""),  # times as text: SQLite's ISO strings sort as they are, unparsed
            "since": type_coerce(t.c.since, String)}[sort]


def todo(conn: Connection, user: Principal, query: TodoQuery) -> dict[str, Any]:
    """The page's data: the queues with their counts, the filter choices, and up to ``PAGE`` rows.
    On PostgreSQL without JIT: the per-form lookups make the planner's cost estimate high enough to
    compile the query, which costs more than the query itself (about 140 ms on 10,000 forms)."""
    if conn.dialect.name != "postgresql":
        return _todo(conn, user, query)
    conn.exec_driver_sql("SET jit = off")
    try:
        return _todo(conn, user, query)
    finally:
        conn.exec_driver_sql("RESET jit")


def _todo(conn: Connection, user: Principal, query: TodoQuery) -> dict[str, Any]:
    t = _forms(user)
    queues = _queues(t, user.role == "unit")
    queue = query.queue if query.queue in queues else "todo"
    # one pass over the user's forms: the queue counts and the filter choices, per group of like forms
    keys = (t.c.unit_id, t.c.unit, t.c.grade, t.c.recomputed_grade, t.c.year, t.c.kind, t.c.document_id)
    groups = conn.execute(select(*keys, *(func.count(case((cond, 1))).label(q) for q, cond in queues.items()))
                          .group_by(*keys)).all()
    counts = {q: sum(int(g._mapping[q]) for g in groups) for q in queues}
    batches = _batches(conn, sorted({int(g.document_id) for g in groups}))
    choices = {"units": sorted({(g.unit_id, g.unit) for g in groups if g.unit_id is not None},
                               key=lambda u: u[1] or ""),
               "grades": sorted({x for g in groups for x in (g.recomputed_grade, g.grade) if x}),
               "years": sorted({g.year for g in groups if g.year}), "kinds": sorted({g.kind for g in groups}),
               "batches": sorted(batches, reverse=True)}
    conditions = [queues[queue]]
    if query.unit is not None:
        conditions.append(t.c.unit_id == query.unit)
    if query.state is not None:
        conditions.append(t.c.state == query.state)
    if query.grade is not None:
        conditions.append(or_(t.c.recomputed_grade == query.grade, t.c.grade == query.grade))
    if query.errors is not None:
        conditions.append(t.c.errors > 0 if query.errors == "yes" else t.c.errors == 0)
    if query.year is not None:
        conditions.append(t.c.year == query.year)
    if query.kind is not None:
        conditions.append(t.c.kind == query.kind)
    if query.batch is not None:
        conditions.append(t.c.document_id.in_(batches.get(query.batch, [])))
    # the sort key of every matching form, sorted here (SQLite plans ORDER BY over this query badly),
    # then one page of rows
    keyed = list(conn.execute(select(t.c.id, _sort_column(t, query.sort).label("key")).where(*conditions)))
    keyed.sort(key=lambda r: (_comparable(r.key), r.id), reverse=query.order == "desc")
    ids = [int(r.id) for r in keyed[:PAGE]]
    place = {form_id: n for n, form_id in enumerate(ids)}
    page = _forms(user, ids)
    found = sorted(conn.execute(select(page)), key=lambda r: place[int(r.id)])
    forms = []
    for r in found:
        row = {k: v for k, v in r._mapping.items() if k != "document_id"}
        row["batch"] = batch_of(row.pop("path"), row.pop("ingested_at"))
        row["resubmitted"] = bool(row.pop("returned_before")) and row["state"] in AWAITING
        row["changed"] = bool(row.pop("touched")) and row["state"] in (*AWAITING, "approved")
        row["state_name"] = STATES.get(row["state"], row["state"])
        since = row["since"]
        row["since"] = since.isoformat(timespec="seconds") if isinstance(since, datetime) else None
        forms.append(row)
    return {"queue": queue, "queues": REVIEW_QUEUES if user.role != "unit" else UNIT_QUEUES, "counts": counts,
            "choices": choices, "total": len(keyed), "forms": forms, "truncated": len(keyed) > len(forms),
            "query": query.params(), "reviewer": user.role != "unit"}
