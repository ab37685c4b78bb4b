"""The review workflow: a finding is confirmed or dismissed (with a reason), a form is approved
(通过) or returned (退回, with a comment). Every decision is kept with who made it and when; the
newest one counts. Admin, reviewer and evaluator (for their units) decide; unit staff see the status.
A form decision is a step of the form's workflow (:mod:`jixiao.store.workflow`): a draft cannot be
decided on; judging a finding of a submitted form moves the form to 审核中.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from fastapi import HTTPException
from sqlalchemy import Connection, Engine, Table, func, insert, literal, select, union_all

from jixiao.store.queries import D, F, X
from jixiao.store.workflow import DECISIONS, INITIAL, STATES, current_state, record_step, refusal
from jixiao.web.deps import not_found
from jixiao.web.schema import FindingReview, FormReview, User
from jixiao.web.users import Principal

FINDING_REVIEWS, FORM_REVIEWS, USERS = (cast(Table, m.__table__) for m in (FindingReview, FormReview, User))
FINDING_STATUS = {"confirmed": "已确认", "dismissed": "已驳回（不是问题）"}
FORM_STATUS = {"approved": "通过", "returned": "退回"}
STATUS_ACTIONS = {"approved": "approve", "returned": "return"}  # a decision is a workflow step
MAX_TEXT = 2000


def _can_review(user: Principal) -> None:
    if user.role not in ("admin", "reviewer", "evaluator"):
        raise HTTPException(status_code=403, detail="预算单位用户不能审核 / unit staff cannot review")


def _text(value: str | None, required: bool, what: str) -> str:
    text = (value or "").strip()
    if required and not text:
        raise HTTPException(status_code=422, detail=f"请填写{what} / {what} required")
    if len(text) > MAX_TEXT:
        raise HTTPException(status_code=422, detail=f"{what}不能超过 {MAX_TEXT} 字 / too long")
    return text


def review_finding(engine: Engine, user: Principal, finding_id: int, status: str, reason: str | None) -> int:
    """Record a decision on a finding the user may see; returns the finding's form id."""
    _can_review(user)
    if status not in FINDING_STATUS:
        raise HTTPException(status_code=422, detail=f"未知状态 / unknown status: {status}")
    text = _text(reason, status == "dismissed", "驳回理由")
    with engine.begin() as conn:
        row = conn.execute(select(X.c.form_id, F.c.unit_id).outerjoin(F, F.c.id == X.c.form_id)
                           .where(X.c.id == finding_id)).first()
        if row is None or not user.can_see(row.unit_id):
            raise not_found()
        now = datetime.now(UTC)
        conn.execute(insert(FINDING_REVIEWS), {"finding_id": finding_id, "status": status, "reason": text,
                                               "user_id": user.id, "created_at": now})
        if row.form_id is not None and current_state(conn, row.form_id) == "submitted":
            record_step(conn, [row.form_id], "in_review", "", user.id, now)  # judging a finding starts the review
    return int(row.form_id) if row.form_id is not None else 0


def review_form(engine: Engine, user: Principal, form_id: int, status: str, comment: str | None) -> None:
    _can_review(user)
    if status not in FORM_STATUS:
        raise HTTPException(status_code=422, detail=f"未知状态 / unknown status: {status}")
    text = _text(comment, status == "returned", "退回意见")
    with engine.begin() as conn:
        row = conn.execute(select(F.c.unit_id, D.c.current).join(D, D.c.id == F.c.document_id)
                           .where(F.c.id == form_id).with_for_update(of=F)).first()
        if row is None or not user.can_see(row.unit_id):
            raise not_found()
        if not row.current:
            raise HTTPException(status_code=409, detail="这是文件的旧版本，不能审核 / an older version of the file")
        reason = refusal(STATUS_ACTIONS[status], current_state(conn, form_id))
        if reason:
            raise HTTPException(status_code=409, detail=reason)
        record_step(conn, [form_id], status, text, user.id, datetime.now(UTC))


def attach(conn: Connection, form: dict[str, Any]) -> None:
    """Add ``review`` (newest decision, or None) and ``reviews`` (all, newest first) to a form and
    to each of its findings — the decisions on the form and on its findings in one query."""
    def part(table: Table, key: Any, text: Any, kind: str, where: Any) -> Any:
        return (select(literal(kind).label("kind"), key.label("key"), table.c.id, table.c.status, text.label("text"),
                       USERS.c.username.label("user"), table.c.created_at)
                .outerjoin(USERS, USERS.c.id == table.c.user_id).where(where))

    query = union_all(
        part(FORM_REVIEWS, FORM_REVIEWS.c.form_id, FORM_REVIEWS.c.comment, "form",
             FORM_REVIEWS.c.form_id == form["id"]),
        part(FINDING_REVIEWS, FINDING_REVIEWS.c.finding_id, FINDING_REVIEWS.c.reason, "finding",
             FINDING_REVIEWS.c.finding_id.in_(select(X.c.id).where(X.c.form_id == form["id"]))))
    history: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in sorted(conn.execute(query), key=lambda r: -int(r.id)):
        created = row.created_at.isoformat(timespec="seconds") if row.created_at else None
        history.setdefault((row.kind, int(row.key)), []).append(
            {"status": row.status, "text": row.text, "user": row.user, "created_at": created})
    steps = history.get(("form", form["id"]), [])
    for step in steps:
        step["state_name"] = STATES.get(step["status"], step["status"])
    mine = [s for s in steps if s["status"] in DECISIONS]
    form["reviews"], form["review"] = mine, (mine[0] if mine else None)
    form["history"] = steps  # every workflow step, newest first
    form["state"] = steps[0]["status"] if steps else INITIAL
    form["state_name"] = STATES.get(form["state"], form["state"])
    for finding in form.get("findings") or []:
        items = history.get(("finding", finding["id"]), [])
        finding["reviews"], finding["review"] = items, (items[0] if items else None)


def dismissed(conn: Connection) -> set[int]:
    """Findings whose newest decision is a dismissal (no longer open)."""
    newest = (select(FINDING_REVIEWS.c.finding_id, func.max(FINDING_REVIEWS.c.id).label("id"))
              .group_by(FINDING_REVIEWS.c.finding_id).subquery())
    query = (select(FINDING_REVIEWS.c.finding_id).join(newest, newest.c.id == FINDING_REVIEWS.c.id)
             .where(FINDING_REVIEWS.c.status == "dismissed"))
    return set(conn.execute(query).scalars())
