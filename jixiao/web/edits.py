"""Editing a stored self-evaluation: change cells, re-score and re-check at once, keep the history.

One edit is one transaction: the form's JSON, its key columns, its indicator rows and its findings
are rewritten together with the history rows, or nothing is. A finding that is still there after
the re-check (same rule, place and sentence) keeps its id and so its review decisions; the others
go, and new ones are added. Unit staff edit their own unit's drafts and returned forms, admin any
form; a form already approved (通过), a form of an older file version and a stale page (someone
else saved first) are refused with the reason.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any, cast

from fastapi import HTTPException
from sqlalchemy import Connection, Engine, Table, case, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from jixiao.model.selfeval import SELF_EVALUATION_KINDS, SelfEvaluation
from jixiao.model.values import plain
from jixiao.recognize.edit import CellEdit, EditError, apply_edit, current, editable_paths
from jixiao.rules import load_profile, score_form
from jixiao.rules.engine import check_form
from jixiao.store.process import ROW_KEYS, finding_record, self_evaluation_record
from jixiao.store.queries import D, F, R, X
from jixiao.store.workflow import DECISIONS, current_state, unit_lock
from jixiao.store.writer import RETRIES, retryable
from jixiao.web.deps import not_found
from jixiao.web.ocrmarks import ocr_paths
from jixiao.web.reviews import FORM_REVIEWS
from jixiao.web.schema import FormEdit, User
from jixiao.web.users import Principal

EDITS, USERS = (cast(Table, m.__table__) for m in (FormEdit, User))
EDIT_ROLES = ("admin", "unit")
STALE = ("本页打开后表单又被修改过（别的窗口或他人），已显示最新内容，请重新输入 / "
         "the form changed since your page was loaded")


def may_edit(user: Principal) -> bool:
    """Unit staff fix their own forms; admin may fix any. Reviewers and evaluators judge, not edit."""
    return user.role in EDIT_ROLES


def _locked(conn: Connection, form_id: int, row: Any, user: Principal) -> str | None:
    """Why the form cannot be edited now (``None``: it can): unit staff edit drafts and returned
    forms only, nobody an approved one (:func:`jixiao.store.workflow.unit_lock`)."""
    if row.kind not in SELF_EVALUATION_KINDS:
        return "只有项目支出绩效自评表可以在线修改 / only self-evaluations can be edited"
    if not row.current:
        return "这是文件的旧版本，只能查看 / an older version of the file cannot be edited"
    return unit_lock(current_state(conn, form_id), user.role)


def _form_row(conn: Connection, form_id: int, lock: bool = False) -> Any:
    query = (select(F.c.id, F.c.kind, F.c.idx, F.c.unit_id, F.c.data, F.c.document_id, D.c.path, D.c.profile,
                    D.c.current).join(D, D.c.id == F.c.document_id).where(F.c.id == form_id))
    return conn.execute(query.with_for_update(of=F) if lock else query).first()


def edit_count(conn: Connection, form_id: int) -> int:
    return int(conn.execute(select(func.count()).select_from(EDITS).where(EDITS.c.form_id == form_id)).scalar() or 0)


def edit_counts(conn: Connection, form_id: int) -> tuple[int, int]:
    """(changes in all, changes since the newest review decision) in one query."""
    reviewed = (select(func.max(FORM_REVIEWS.c.created_at))
                .where(FORM_REVIEWS.c.form_id == form_id, FORM_REVIEWS.c.status.in_(DECISIONS)).scalar_subquery())
    since = func.count(case(((EDITS.c.created_at > reviewed) | reviewed.is_(None), 1)))
    total, after = conn.execute(select(func.count(), since).select_from(EDITS).where(EDITS.c.form_id == form_id)).one()
    return int(total), int(after)


def edit_state(conn: Connection, user: Principal, form_id: int) -> dict[str, Any]:
    """What the edit page and ``GET /api/forms/ID/edits`` show: whether the user may edit and why
    not, the version (``base``: edits so far), every editable cell's text and the history."""
    row = _form_row(conn, form_id)
    if row is None or not user.can_see(row.unit_id):
        raise not_found()
    doubtful = ocr_paths(conn, form_id)  # cells read uncertainly from a scan: a reviewer may correct these
    ocr_only = not may_edit(user) and user.role == "reviewer" and bool(doubtful)
    reason = None if may_edit(user) or ocr_only else \
        "只有本单位用户和管理员可以修改 / only the unit's staff and admin can edit"
    reason = reason or _locked(conn, form_id, row, user)
    cells: dict[str, str] = {}
    summary: dict[str, Any] | None = None
    if row.kind in SELF_EVALUATION_KINDS:
        form = SelfEvaluation.model_validate_json(row.data)
        cells = {path: current(form, path) for path in editable_paths(form) if not ocr_only or path in doubtful}
        summary = _summary(conn, form_id, form, row.profile)
    base, since_review = edit_counts(conn, form_id)
    return {"form_id": form_id, "editable": reason is None, "reason": reason, "base": base,
            "since_review": since_review, "summary": summary, "cells": cells,
            "history": history(conn, form_id), "ocr_doubtful": sorted(doubtful)}


def history(conn: Connection, form_id: int) -> list[dict[str, Any]]:
    """Every change to the form, newest first."""
    query = (select(EDITS.c.id, EDITS.c.path, EDITS.c.label, EDITS.c.old_value.label("old"),
                    EDITS.c.new_value.label("new"), EDITS.c.derived, EDITS.c.kind, EDITS.c.result,
                    USERS.c.username.label("user"),
                    EDITS.c.created_at).outerjoin(USERS, USERS.c.id == EDITS.c.user_id)
             .where(EDITS.c.form_id == form_id).order_by(EDITS.c.id.desc()))
    items = []
    for r in conn.execute(query):
        item = dict(r._mapping)
        item["result"] = json.loads(item["result"])
        item["created_at"] = item["created_at"].isoformat(timespec="seconds") if item["created_at"] else None
        items.append(item)
    return items


def edit_form(engine: Engine, user: Principal, form_id: int, changes: dict[str, str],
              base: int | None = None) -> dict[str, Any]:
    """Apply ``changes`` (cell path → new text) to a stored self-evaluation, re-score and re-check
    it, store the result and the history. ``base``: the number of edits the user's page was built
    on; another number means someone else saved in between (409, nothing applied). A transaction
    that loses a race with a concurrent edit (a lock, a finding number taken) is run again."""
    for attempt in range(RETRIES):
        try:
            return _edit(engine, user, form_id, changes, base)
        except (IntegrityError, OperationalError) as error:
            race = retryable(error) or "seq" in str(error.orig)
            if attempt == RETRIES - 1 or not race:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _edit(engine: Engine, user: Principal, form_id: int, changes: dict[str, str],
          base: int | None) -> dict[str, Any]:
    with engine.begin() as conn:
        row = _form_row(conn, form_id, lock=True)
        if row is None or not user.can_see(row.unit_id):
            raise not_found()
        doubtful = ocr_paths(conn, form_id)
        if not may_edit(user) and not (user.role == "reviewer" and doubtful):
            raise HTTPException(status_code=403, detail="只有本单位用户和管理员可以修改 / only the unit's staff "
                                                        "and admin can edit")
        reason = _locked(conn, form_id, row, user)
        if reason:
            raise HTTPException(status_code=409, detail=reason)
        count = edit_count(conn, form_id)
        if base is not None and base != count:
            raise HTTPException(status_code=409, detail=STALE)
        form = SelfEvaluation.model_validate_json(row.data)
        edits: list[CellEdit] = []
        try:  # what differs from the form as the page showed it (a whole posted form repeats the rest)
            wanted = {path: text for path, text in changes.items()
                      if text.replace("\r\n", "\n").strip() != current(form, path).strip()}
            if not may_edit(user) and set(wanted) - doubtful:
                raise HTTPException(status_code=403, detail="审核人只能更正识别存疑的格子 / a reviewer corrects only "
                                                            "cells read uncertainly from a scan")
            for path, text in wanted.items():
                edits += apply_edit(form, path, text)
        except EditError as error:
            raise HTTPException(status_code=422, detail=str(error)) from error
        if not edits:
            return {"form_id": form_id, "changed": [], "base": count, **_summary(conn, form_id, form, row.profile)}
        _store(conn, row, form)
        summary = _summary(conn, form_id, form, row.profile)
        now = datetime.now(UTC)
        result = json.dumps(plain(summary), ensure_ascii=False)
        conn.execute(insert(EDITS), [{"form_id": form_id, "path": e.path, "label": e.label, "old_value": e.old,
                                      "new_value": e.new, "derived": e.derived, "result": result,
                                      "kind": "ocr" if e.path in doubtful else "edit",
                                      "user_id": user.id, "created_at": now} for e in edits])
    changed = [{"path": e.path, "label": e.label, "old": e.old, "new": e.new, "derived": e.derived,
                "kind": "ocr" if e.path in doubtful else "edit"} for e in edits]
    return {"form_id": form_id, "changed": changed, "base": count + len(edits), **summary}


def _summary(conn: Connection, form_id: int, form: SelfEvaluation, profile: str) -> dict[str, Any]:
    score = score_form(form, load_profile(profile))
    counts: dict[str, int] = dict(conn.execute(select(X.c.severity, func.count()).where(X.c.form_id == form_id)
                               .group_by(X.c.severity)).all())
    return {"total_score": form.total_score, "recomputed_total": score.recomputed_total,
            "printed_parts_sum": score.printed_parts_sum, "recomputed_grade": score.recomputed_grade,
            "findings": {s: int(counts.get(s, 0)) for s in ("error", "warning", "info")}}


def _store(conn: Connection, row: Any, form: SelfEvaluation) -> None:
    """Write the re-scored, re-checked form over the stored one (same transaction)."""
    profile = load_profile(row.profile)
    record = self_evaluation_record(form, row.idx, score_form(form, profile).recomputed_grade)
    conn.execute(update(F).where(F.c.id == row.id).values(**record.columns, data=record.data,
                                                          row_count=len(record.rows)))
    conn.execute(delete(R).where(R.c.form_id == row.id))
    if record.rows:
        conn.execute(insert(R), [{"form_id": row.id, **{k: r[k] for k in ROW_KEYS}} for r in record.rows])
    found = [finding_record(f) for f in check_form(form, row.idx, row.path, profile)]
    _rewrite_findings(conn, row.document_id, row.id, found)


def _key(code: str, location: str, message: str) -> tuple[str, str, str]:
    return (code, location, message)


def _rewrite_findings(conn: Connection, document_id: int, form_id: int, found: list[dict[str, Any]]) -> None:
    """Keep the findings that are still there (ids and reviews survive), drop the gone, add the new."""
    old = {_key(r.code, r.location, r.message): r.id
           for r in conn.execute(select(X.c.id, X.c.code, X.c.location, X.c.message).where(X.c.form_id == form_id))}
    fresh = []
    for finding in found:
        kept = old.pop(_key(finding["code"], finding["location"], finding["message"]), None)
        if kept is None:
            fresh.append(finding)
    if old:
        conn.execute(delete(X).where(X.c.id.in_(list(old.values()))))
    if fresh:
        seq = int(conn.execute(select(func.coalesce(func.max(X.c.seq), -1)).where(X.c.document_id == document_id))
                  .scalar() or 0)
        conn.execute(insert(X), [{"document_id": document_id, "form_id": form_id, "seq": seq + 1 + n,
                                  **{k: v for k, v in f.items() if k not in ("kind", "idx")}}
                                 for n, f in enumerate(fresh)])
    total = conn.execute(select(func.count()).select_from(X).where(X.c.document_id == document_id)).scalar()
    conn.execute(update(D).where(D.c.id == document_id).values(finding_count=total))
