"""The season's workflow as the store keeps it: every step of a form, who took it and when.

A form goes 草稿 → 已提交 → 审核中 → 退回 / 通过; a returned form is edited and submitted again. Each
step is one row of ``form_reviews`` (the web app's table, model ``FormReview`` in
``jixiao/web/schema.py``: ``status`` is the state the step led to, ``comment``, ``user_id``,
``created_at``); the newest row is the form's state. The reviewer's decisions (通过 / 退回) are
steps like the others, so the decision history and the state history are one table.

A form without a step was filed by the bureau itself (``jixiao ingest``, ``jixiao demo``, an upload
by an admin or a reviewer): it is 已提交 — the bureau holds it, so it waits in the reviewers' 待办.
A unit's own upload records a 草稿 step for each form: it counts once the unit submits it.

The store reads these tables by name (``sqlalchemy.table``), so exports carry the states without
importing the web app.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, DateTime, Integer, String, Text, column, func, insert, select, table

STATES = {"draft": "草稿", "submitted": "已提交", "in_review": "审核中", "returned": "退回", "approved": "通过"}
INITIAL = "submitted"  # a form with no step: filed by the bureau
DECISIONS = ("approved", "returned")
FINDING_STATES = {"confirmed": "已确认", "dismissed": "已驳回"}
UNIT_EDITABLE = ("draft", "returned")
ACTIONS = {  # action: (the states it may leave, the state it leads to)
    "submit": (("draft", "returned"), "submitted"),
    "withdraw": (("submitted",), "draft"),
    "start": (("submitted",), "in_review"),
    "approve": (("submitted", "in_review", "returned"), "approved"),
    "return": (("submitted", "in_review", "approved", "returned"), "returned"),  # again: one more comment
}
ACTION_NAMES = {"submit": "提交", "withdraw": "撤回", "start": "开始审核", "approve": "通过", "return": "退回"}

STEPS = table("form_reviews", column("id", Integer), column("form_id", Integer), column("status", String),
              column("comment", Text), column("user_id", Integer), column("created_at", DateTime))
FINDING_STEPS = table("finding_reviews", column("id", Integer), column("finding_id", Integer),
                      column("status", String), column("reason", Text), column("user_id", Integer),
                      column("created_at", DateTime))
ACCOUNTS = table("users", column("id", Integer), column("username", String))


def newest_step(decisions_only: bool = False) -> Any:
    """A subquery: per form, its newest step (or newest decision) — form_id, status, comment,
    user_id, created_at."""
    latest = select(STEPS.c.form_id, func.max(STEPS.c.id).label("id")).group_by(STEPS.c.form_id)
    if decisions_only:
        latest = latest.where(STEPS.c.status.in_(DECISIONS))
    newest = latest.subquery()
    return (select(STEPS.c.form_id, STEPS.c.status, STEPS.c.comment, STEPS.c.user_id, STEPS.c.created_at)
            .join(newest, newest.c.id == STEPS.c.id).subquery())


def current_state(conn: Connection, form_id: int) -> str:
    status = conn.execute(select(STEPS.c.status).where(STEPS.c.form_id == form_id)
                          .order_by(STEPS.c.id.desc()).limit(1)).scalar()
    return str(status) if status else INITIAL


def record_step(conn: Connection, form_ids: list[int], status: str, comment: str, user_id: int | None,
                when: datetime) -> None:
    if form_ids:
        conn.execute(insert(STEPS), [{"form_id": f, "status": status, "comment": comment, "user_id": user_id,
                                      "created_at": when} for f in form_ids])


def refusal(action: str, state: str) -> str | None:
    """Why ``action`` does not apply to a form in ``state`` (``None``: it does)."""
    sources, _ = ACTIONS[action]
    if state in sources:
        return None
    return (f"表单当前为「{STATES.get(state, state)}」，不能{ACTION_NAMES[action]} / "
            f"cannot {action} a form that is {state}")


def unit_lock(state: str, role: str) -> str | None:
    """Why the form's state keeps this role from editing it (``None``: it does not)."""
    if state == "approved":
        return "表单已审核通过，不能再修改 / the form was approved and is locked"
    if role == "unit" and state not in UNIT_EDITABLE:
        return (f"表单{STATES.get(state, state)}，等待财政局审核，不能修改；被退回后才能再改 / "
                "a submitted form is read-only until it is returned")
    return None


def _stamp(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else None


def form_decisions(conn: Connection) -> dict[int, dict[str, Any]]:
    """Per form with any step: ``review_state`` (its state), and its newest decision's
    ``review_comment``, ``reviewer`` and ``reviewed_at`` (empty when none was made yet)."""
    state, decision = newest_step(), newest_step(decisions_only=True)
    query = (select(state.c.form_id, state.c.status, decision.c.comment, ACCOUNTS.c.username,
                    decision.c.created_at)
             .outerjoin(decision, decision.c.form_id == state.c.form_id)
             .outerjoin(ACCOUNTS, ACCOUNTS.c.id == decision.c.user_id))
    return {int(r.form_id): {"review_state": r.status, "review_comment": r.comment, "reviewer": r.username,
                             "reviewed_at": _stamp(r.created_at)} for r in conn.execute(query)}


def finding_decisions(conn: Connection) -> dict[int, dict[str, Any]]:
    """Per finding with a decision: the newest one (``review_state`` confirmed / dismissed, the
    reason as ``review_comment``, ``reviewer``, ``reviewed_at``)."""
    newest = (select(func.max(FINDING_STEPS.c.id).label("id")).group_by(FINDING_STEPS.c.finding_id).subquery())
    query = (select(FINDING_STEPS.c.finding_id, FINDING_STEPS.c.status, FINDING_STEPS.c.reason,
                    ACCOUNTS.c.username, FINDING_STEPS.c.created_at)
             .join(newest, newest.c.id == FINDING_STEPS.c.id)
             .outerjoin(ACCOUNTS, ACCOUNTS.c.id == FINDING_STEPS.c.user_id))
    return {int(r.finding_id): {"review_state": r.status, "review_comment": r.reason, "reviewer": r.username,
                                "reviewed_at": _stamp(r.created_at)} for r in conn.execute(query)}


def with_decisions(conn: Connection, forms: list[dict[str, Any]], findings: list[dict[str, Any]]) -> None:
    """Add the four review keys to every form (a form without a step: 已提交) and every finding."""
    empty = {"review_comment": None, "reviewer": None, "reviewed_at": None}
    states = form_decisions(conn)
    for form in forms:
        form.update(states.get(int(form["id"]), {"review_state": INITIAL, **empty}))
    decided = finding_decisions(conn)
    for finding in findings:
        finding.update(decided.get(int(finding["id"]), {"review_state": None, **empty}))
