"""The season's workflow in the web app: who may take which step, on one form or many at once.

Unit staff (and admin) 提交 their drafts and returned forms and may 撤回 a submitted one before a
reviewer starts on it; reviewers (admin, reviewer, evaluator for their units) 开始审核, 通过 or 退回
(with a comment). Steps are kept in ``form_reviews`` (:mod:`jixiao.store.workflow`). A bulk step
names forms by id: one the user may not see makes the whole request a 404 (nothing is done); one the
step does not fit (a draft cannot be approved) is skipped with the reason.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import HTTPException
from sqlalchemy import Connection, Engine, func, insert, select

from jixiao.store.queries import D, F, X
from jixiao.store.workflow import ACTIONS, INITIAL, STEPS, record_step, refusal
from jixiao.web.deps import not_found
from jixiao.web.reviews import FINDING_REVIEWS, FINDING_STATUS, _text
from jixiao.web.users import Principal

UNIT_ACTIONS = ("submit", "withdraw")
REVIEW_ACTIONS = ("start", "approve", "return")
REVIEWER_ROLES = ("admin", "reviewer", "evaluator")
MAX_BULK = 1000


def may(user: Principal, action: str) -> bool:
    if action in UNIT_ACTIONS:
        return user.role in ("unit", "admin")
    return action in REVIEW_ACTIONS and user.role in REVIEWER_ROLES


def _ids(ids: list[int]) -> list[int]:
    unique = sorted(set(ids))
    if not unique:
        raise HTTPException(status_code=422, detail="请至少选择一项 / nothing selected")
    if len(unique) > MAX_BULK:
        raise HTTPException(status_code=422, detail=f"一次最多 {MAX_BULK} 项 / at most {MAX_BULK} at once")
    return unique


def states(conn: Connection, form_ids: list[int]) -> dict[int, str]:
    """The current state of each form."""
    newest = (select(func.max(STEPS.c.id)).where(STEPS.c.form_id.in_(form_ids)).group_by(STEPS.c.form_id))
    found = {int(r.form_id): str(r.status)
             for r in conn.execute(select(STEPS.c.form_id, STEPS.c.status).where(STEPS.c.id.in_(newest)))}
    return {f: found.get(f, INITIAL) for f in form_ids}


def step_forms(engine: Engine, user: Principal, form_ids: list[int], action: str,
               comment: str | None) -> dict[str, Any]:
    """Take ``action`` on every form it fits, with one comment; ``{"done": [ids], "skipped": [{"id",
    "reason"}]}``. Refused: an unknown action (422), a role that may not take it (403), a return
    without a comment (422), any form the user may not see (404)."""
    if action not in ACTIONS:
        raise HTTPException(status_code=422, detail=f"未知操作 / unknown action: {action}")
    if not may(user, action):
        raise HTTPException(status_code=403, detail="无权进行此操作 / not allowed for your role")
    ids = _ids(form_ids)
    text = _text(comment, action == "return", "退回意见")
    done: list[int] = []
    skipped: list[dict[str, Any]] = []
    with engine.begin() as conn:
        rows = conn.execute(select(F.c.id, F.c.unit_id, D.c.current).join(D, D.c.id == F.c.document_id)
                            .where(F.c.id.in_(ids)).with_for_update(of=F)).all()
        if len(rows) != len(ids) or not all(user.can_see(r.unit_id) for r in rows):
            raise not_found()
        now_states = states(conn, ids)
        for row in sorted(rows, key=lambda r: int(r.id)):
            reason = (None if row.current else "这是文件的旧版本 / an older version of the file") or \
                refusal(action, now_states[int(row.id)])
            if reason:
                skipped.append({"id": int(row.id), "reason": reason})
            else:
                done.append(int(row.id))
        record_step(conn, done, ACTIONS[action][1], text, user.id, datetime.now(UTC))
    return {"action": action, "done": done, "skipped": skipped}


def review_findings(engine: Engine, user: Principal, finding_ids: list[int], status: str,
                    reason: str | None) -> dict[str, Any]:
    """One decision with one reason on many findings (all visible to the user, else 404); the
    submitted forms they belong to move to 审核中."""
    if user.role not in REVIEWER_ROLES:
        raise HTTPException(status_code=403, detail="预算单位用户不能审核 / unit staff cannot review")
    if status not in FINDING_STATUS:
        raise HTTPException(status_code=422, detail=f"未知状态 / unknown status: {status}")
    ids = _ids(finding_ids)
    text = _text(reason, status == "dismissed", "驳回理由")
    with engine.begin() as conn:
        rows = conn.execute(select(X.c.id, X.c.form_id, F.c.unit_id).outerjoin(F, F.c.id == X.c.form_id)
                            .where(X.c.id.in_(ids))).all()
        if len(rows) != len(ids) or not all(user.can_see(r.unit_id) for r in rows):
            raise not_found()
        now = datetime.now(UTC)
        conn.execute(insert(FINDING_REVIEWS), [{"finding_id": i, "status": status, "reason": text,
                                                "user_id": user.id, "created_at": now} for i in ids])
        forms = sorted({int(r.form_id) for r in rows if r.form_id is not None})
        started = [f for f, s in states(conn, forms).items() if s == "submitted"] if forms else []
        record_step(conn, started, "in_review", "", user.id, now)
    return {"status": status, "findings": ids, "started": started}


def open_findings(conn: Connection, form_ids: list[int]) -> list[int]:
    """The errors and warnings of these forms that no reviewer has decided on yet."""
    decided = select(FINDING_REVIEWS.c.finding_id)
    query = (select(X.c.id).where(X.c.form_id.in_(form_ids), X.c.severity.in_(("error", "warning")),
                                  X.c.id.not_in(decided)).order_by(X.c.id))
    return [int(i) for i in conn.execute(query).scalars()]


def mark_drafts(engine: Engine, user: Principal, document_id: int) -> int:
    """A unit's upload: each form of the stored document starts as a draft of the uploader (other
    roles' uploads are the bureau's own filing: 已提交, no step). The number of drafts."""
    if user.role != "unit":
        return 0
    with engine.begin() as conn:
        forms = [int(i) for i in conn.execute(select(F.c.id).where(F.c.document_id == document_id)).scalars()]
        record_step(conn, forms, "draft", "", user.id, datetime.now(UTC))
    return len(forms)


def form_steps(user: Principal, form: dict[str, Any]) -> list[tuple[str, str]]:
    """The steps the user may take on a form (``views.form`` with its ``state``) now: (action, name)."""
    from jixiao.store.workflow import ACTION_NAMES

    if not form.get("current"):
        return []
    return [(a, ACTION_NAMES[a]) for a in (*UNIT_ACTIONS, "start")
            if may(user, a) and refusal(a, form["state"]) is None]
