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

from sqlalchemy import Connection, and_, case, exists, func, select

from jixiao.store.queries import D, F, U, X
from jixiao.store.workflow import DECISIONS, INITIAL, STATES, STEPS, newest_step
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
PAGE = 500


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


def _rows(conn: Connection, user: Principal) -> list[dict[str, Any]]:
    """Every current form the user may see, with its state and the queue flags."""
    state, decision = newest_step(), newest_step(decisions_only=True)
    errors = (select(X.c.form_id, func.count().label("n")).where(X.c.severity == "error")
              .group_by(X.c.form_id).subquery())
    returned_before = exists().where(STEPS.c.form_id == F.c.id, STEPS.c.status == "returned")
    edited_after = exists().where(EDITS.c.form_id == F.c.id, EDITS.c.created_at > decision.c.created_at)
    before, old_steps = F.alias("earlier"), STEPS.alias("earlier_steps")
    decided_earlier = exists().where(before.c.document_id == D.c.previous_id, before.c.kind == F.c.kind,
                                     before.c.idx == F.c.idx, old_steps.c.form_id == before.c.id,
                                     old_steps.c.status.in_(DECISIONS))
    query = (select(F.c.id, F.c.kind, F.c.name, F.c.year, F.c.unit_id, U.c.name.label("unit"), F.c.grade,
                    F.c.recomputed_grade, F.c.total_score, func.coalesce(errors.c.n, 0).label("errors"),
                    state.c.status.label("state"), state.c.created_at.label("since"), D.c.path, D.c.ingested_at,
                    decision.c.comment.label("comment"), decision.c.status.label("decision"),
                    case((returned_before, True), else_=False).label("returned_before"),
                    case((and_(decision.c.form_id.is_not(None), edited_after), True),
                         (decided_earlier, True), else_=False).label("changed"))
             .join(D, D.c.id == F.c.document_id).outerjoin(U, U.c.id == F.c.unit_id)
             .outerjoin(errors, errors.c.form_id == F.c.id).outerjoin(state, state.c.form_id == F.c.id)
             .outerjoin(decision, decision.c.form_id == F.c.id).where(D.c.current.is_(True)))
    if user.units is not None:
        query = query.where(F.c.unit_id.in_(sorted(user.units)))
    rows = []
    for r in conn.execute(query):
        row = dict(r._mapping)
        row["state"] = row["state"] or INITIAL
        row["since"] = row["since"] or row["ingested_at"]
        row["batch"] = batch_of(row.pop("path"), row.pop("ingested_at"))
        row["resubmitted"] = bool(row["returned_before"]) and row["state"] in AWAITING
        row["changed"] = bool(row["changed"]) and row["state"] not in ("draft", "returned")  # not the unit's turn
        rows.append(row)
    return rows


def _in_queue(row: dict[str, Any], queue: str, reviewer: bool) -> bool:
    if queue == "all":
        return True
    if not reviewer:
        wanted = {"todo": ("draft", "returned"), "draft": ("draft",), "returned": ("returned",),
                  "waiting": AWAITING}.get(queue, ("draft", "returned"))
        return row["state"] in wanted
    awaiting = row["state"] in AWAITING
    flags: dict[str, bool] = {"pending": awaiting, "resubmitted": row["resubmitted"], "changed": row["changed"]}
    return flags.get(queue, awaiting or row["changed"])


def _key(sort: str) -> Any:
    order = list(STATES)

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        value: Any = {"unit": row["unit"] or "", "state": order.index(row["state"]) if row["state"] in order else 9,
                      "grade": row["recomputed_grade"] or row["grade"] or "", "errors": row["errors"],
                      "year": row["year"] or 0, "batch": row["batch"], "name": row["name"] or ""}.get(sort)
        since = row["since"]
        stamp = since.replace(tzinfo=None) if isinstance(since, datetime) else datetime.min
        return (value, stamp, row["id"]) if value is not None else (stamp, row["id"])
    return key


def todo(conn: Connection, user: Principal, query: TodoQuery) -> dict[str, Any]:
    """The page's data: the queues with their counts, the filter choices, and up to ``PAGE`` rows."""
    reviewer = user.role != "unit"
    queues = REVIEW_QUEUES if reviewer else UNIT_QUEUES
    queue = query.queue if query.queue in queues else "todo"
    rows = _rows(conn, user)
    counts = {q: sum(1 for r in rows if _in_queue(r, q, reviewer)) for q in queues}
    choices = {"units": sorted({(r["unit_id"], r["unit"]) for r in rows if r["unit_id"] is not None},
                               key=lambda u: u[1] or ""),
               "grades": sorted({g for r in rows for g in (r["recomputed_grade"], r["grade"]) if g}),
               "years": sorted({r["year"] for r in rows if r["year"]}), "kinds": sorted({r["kind"] for r in rows}),
               "batches": sorted({r["batch"] for r in rows}, reverse=True)}

    def passes(r: dict[str, Any]) -> bool:
        return (_in_queue(r, queue, reviewer) and (query.unit is None or r["unit_id"] == query.unit)
                and (query.state is None or r["state"] == query.state)
                and (query.grade is None or query.grade in (r["recomputed_grade"], r["grade"]))
                and (query.errors is None or (r["errors"] > 0) == (query.errors == "yes"))
                and (query.year is None or r["year"] == query.year)
                and (query.kind is None or r["kind"] == query.kind)
                and (query.batch is None or r["batch"] == query.batch))

    chosen = sorted((r for r in rows if passes(r)), key=_key(query.sort), reverse=query.order == "desc")
    for row in chosen[:PAGE]:
        row["state_name"] = STATES.get(row["state"], row["state"])
        since = row["since"]
        row["since"] = since.isoformat(timespec="seconds") if isinstance(since, datetime) else None
        row.pop("returned_before")
        row.pop("decision")
    return {"queue": queue, "queues": queues, "counts": counts, "choices": choices, "total": len(chosen),
            "forms": chosen[:PAGE], "truncated": len(chosen) > PAGE, "query": query.params(), "reviewer": reviewer}
