"""What becomes of an uploaded file, and the record of it behind 我的上传.

A unit's staff upload for their own unit, always: every form of the file is filed under the uploader's
unit. When the file prints another unit's name (as 单位 or as 主管部门 that is not above the uploader's
unit in the tree), its forms are stored *held* — filed under no unit, so no unit's list, page, download
or edit reaches them — and the upload waits (``pending``) until the uploader confirms (the forms go to
the uploader's unit) or a reviewer or admin reassigns it to a unit. A file in which nothing was
recognized (or an empty one) is not stored as a document at all; its record says why, in the words of
``jixiao inspect`` (:func:`jixiao.inspection.not_recognized_reason`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, cast

from fastapi import HTTPException
from sqlalchemy import Connection, Engine, Table, insert, select, update

from jixiao.errors import ReadError
from jixiao.store.pipeline import store_result
from jixiao.store.process import DocResult, process_bytes
from jixiao.store.schema import DocumentRow, FormRow, Unit
from jixiao.store.units import ancestors, resolve
from jixiao.web.deps import not_found
from jixiao.web.i18n import localize
from jixiao.web.upload_schema import Upload
from jixiao.web.users import USERS, Principal

UPLOADS, FORMS, DOCS, UNITS = (cast(Table, m.__table__) for m in (Upload, FormRow, DocumentRow, Unit))
OUTCOME_NAMES = {"recognized": "已识别", "partial": "部分识别", "unrecognized": "未识别",
                 "unchanged": "未变（已入库过）", "rejected": "已拒收"}
ASSIGNMENT_NAMES = {"pending": "待确认单位", "confirmed": "已确认，归入本单位", "reassigned": "已由审核人改归其他单位"}
ROLE_NAMES = {"unit": "单位", "department": "主管部门"}
LIST_LIMIT = 200


def _now() -> datetime:
    return datetime.now(UTC)


def printed_units(conn: Connection, result: DocResult, owner: int | None) -> list[dict[str, Any]]:
    """Each unit name the file prints (as the unit a form is filed under, and as its 主管部门), with
    the unit it matches and whether that is the uploader's (``same``). A 主管部门 matches when it is
    the uploader's unit, one above it in the tree, or no unit of the store at all."""
    seen: dict[tuple[str, str], None] = {}
    for form in result.forms:
        department = json.loads(form.data).get("department")
        for role, name in (("unit", form.unit), ("department", department)):
            if isinstance(name, str) and name.strip() and not (role == "department" and name == form.unit):
                seen.setdefault((role, name.strip()), None)
    matched = resolve(conn, {name for _, name in seen}, create=False)
    names = {uid: name for uid, name in conn.execute(select(UNITS.c.id, UNITS.c.name)
                                                     .where(UNITS.c.id.in_(sorted(set(matched.values())))))}
    above = set(ancestors(conn, owner)) if owner is not None else set()
    entries = []
    for role, name in seen:
        unit_id = matched.get(name)
        same = (owner is None or unit_id == owner
                or (role == "department" and (unit_id is None or unit_id in above)))
        entries.append({"role": role, "role_name": ROLE_NAMES[role], "name": name, "unit_id": unit_id,
                        "unit_name": names.get(unit_id) if unit_id is not None else None, "same": same})
    return entries


def _incomplete(result: DocResult) -> list[str]:
    """Why some forms were read only in part (a form's own warnings), one line per form."""
    lines = []
    for n, form in enumerate(result.forms, start=1):
        data = json.loads(form.data)
        if data.get("incomplete") and not data.get("blank"):
            why = "；".join(localize(w, "zh") for w in data.get("warnings") or []) or "不完整"
            lines.append(f"第{n}张（{form.name or '未命名'}）：{why}")
    return lines


def _why_nothing(result: DocResult, data: bytes, name: str) -> str:
    if result.error:
        return result.error
    from jixiao.inspection import inspect_bytes, not_recognized_reason

    try:
        return "未识别到任何表单：" + not_recognized_reason(inspect_bytes(data, name, show_rows=0))
    except (ReadError, ValueError) as error:
        return f"未识别到任何表单：{error}"


def receive(engine: Engine, user: Principal, name: str, path: str, data: bytes) -> tuple[DocResult, int | None,
                                                                                           dict[str, Any]]:
    """Process one uploaded file, store it when something was recognized (held when it names another
    unit), record the upload; the result, the new document's id (None: not stored or unchanged) and
    what the upload's answer adds (``upload_id``, ``outcome``, ``units``, ``assignment`` …)."""
    if user.role == "unit" and user.unit_id is None:  # never filed by the names in the file instead
        raise HTTPException(status_code=403, detail="您的账户没有所属单位，不能上传；请管理员指定单位")
    result = process_bytes(path, data)
    owner = user.unit_id if user.role == "unit" else None
    record: dict[str, Any] = {"user_id": user.id, "unit_id": owner, "file_name": name, "size": len(data),
                              "sha256": result.sha256 or None, "created_at": _now(), "form_count": len(result.forms),
                              "document_id": None, "printed_units": "[]", "assignment": None, "reason": None}
    units: list[dict[str, Any]] = []
    document_id: int | None = None
    if result.status == "failed" or not result.forms:
        record.update(outcome="unrecognized", reason=_why_nothing(result, data, name), form_count=0)
    else:
        with engine.connect() as conn:
            units = printed_units(conn, result, owner)
        if owner is not None:
            result.owner_unit, result.held = owner, not all(u["same"] for u in units)
        result, document_id = store_result(engine, result)
        if result.status == "failed":  # the database refused its content
            record.update(outcome="unrecognized", reason=result.error, form_count=0)
        else:
            incomplete = _incomplete(result)
            outcome = "unchanged" if document_id is None else "partial" if incomplete else "recognized"
            stored = document_id if document_id is not None else _current(engine, path, result.sha256)
            record.update(outcome=outcome, reason="；".join(incomplete) or None, document_id=stored,
                          printed_units=json.dumps(units, ensure_ascii=False),
                          assignment="pending" if result.held and document_id is not None else None)
    with engine.begin() as conn:
        upload_id = conn.execute(insert(UPLOADS).returning(UPLOADS.c.id), record).scalar_one()
    return result, document_id, {"upload_id": upload_id, "outcome": record["outcome"],
                                 "outcome_name": OUTCOME_NAMES[record["outcome"]], "units": units,
                                 "assignment": record["assignment"], "reason": record["reason"]}


def _current(engine: Engine, path: str, sha256: str) -> int | None:
    with engine.connect() as conn:
        found = conn.execute(select(DOCS.c.id).where(DOCS.c.path == path, DOCS.c.sha256 == sha256,
                                                     DOCS.c.current.is_(True))).scalar()
    return int(found) if found is not None else None


def record_rejected(engine: Engine, user: Principal, results: list[dict[str, Any]]) -> None:
    """Record the files refused before reading (type, size, count) and give each its ``upload_id``."""
    owner = user.unit_id if user.role == "unit" else None
    with engine.begin() as conn:
        for result in results:
            result["upload_id"] = conn.execute(insert(UPLOADS).returning(UPLOADS.c.id), {
                "user_id": user.id, "unit_id": owner, "file_name": result["file"], "size": None, "sha256": None,
                "created_at": _now(), "outcome": "rejected", "reason": result["reason"], "form_count": 0,
                "document_id": None, "printed_units": "[]", "assignment": None}).scalar_one()
            result.update(outcome="rejected", outcome_name=OUTCOME_NAMES["rejected"], units=[], assignment=None)


def _query(user_id: int | None = None, pending: bool = False, upload_id: int | None = None) -> Any:
    owner_unit = UNITS.alias("owner_unit")
    assigned = UNITS.alias("assigned_unit")
    query = (select(UPLOADS, USERS.c.username, owner_unit.c.name.label("unit_name"),
                    assigned.c.name.label("assigned_name"))
             .outerjoin(USERS, USERS.c.id == UPLOADS.c.user_id)
             .outerjoin(owner_unit, owner_unit.c.id == UPLOADS.c.unit_id)
             .outerjoin(assigned, assigned.c.id == UPLOADS.c.assigned_unit_id)
             .order_by(UPLOADS.c.id.desc()))
    if user_id is not None:
        query = query.where(UPLOADS.c.user_id == user_id)
    if pending:
        query = query.where(UPLOADS.c.assignment == "pending")
    if upload_id is not None:
        query = query.where(UPLOADS.c.id == upload_id)
    return query


def _row(row: Any) -> dict[str, Any]:
    data = dict(row._mapping)
    data["units"] = json.loads(data.pop("printed_units") or "[]")
    data["outcome_name"] = OUTCOME_NAMES.get(data["outcome"], data["outcome"])
    data["assignment_name"] = ASSIGNMENT_NAMES.get(data["assignment"] or "", "")
    data["created_at"] = data["created_at"].isoformat(timespec="seconds") if data["created_at"] else None
    data["decided_at"] = data["decided_at"].isoformat(timespec="seconds") if data["decided_at"] else None
    return data


def reviews_uploads(user: Principal) -> bool:
    return user.role in ("admin", "reviewer")


def my_uploads(conn: Connection, user: Principal) -> dict[str, Any]:
    """The user's own uploads, newest first; for reviewers and admins also every upload that waits
    for a decision on its unit."""
    mine = [_row(r) for r in conn.execute(_query(user_id=user.id).limit(LIST_LIMIT))]
    waiting = [_row(r) for r in conn.execute(_query(pending=True).limit(LIST_LIMIT))] if reviews_uploads(user) else []
    return {"uploads": mine, "pending": [u for u in mine if u["assignment"] == "pending"], "waiting": waiting}


def visible_upload(conn: Connection, user: Principal, upload_id: int) -> dict[str, Any]:
    """One upload: the uploader's own, or any for reviewers and admins; else 404."""
    row = conn.execute(_query(upload_id=upload_id)).first()
    if row is None or not (row.user_id == user.id or reviews_uploads(user)):
        raise not_found()
    return _row(row)


def _decide(engine: Engine, user: Principal, upload_id: int, unit_id: int, may: bool) -> dict[str, Any]:
    with engine.begin() as conn:
        row = conn.execute(select(UPLOADS).where(UPLOADS.c.id == upload_id)).first()
        if row is None or (not may and row.user_id != user.id):
            raise not_found()
        if row.assignment != "pending":
            raise HTTPException(status_code=409, detail="这次上传已经处理过，不必再确认")
        if conn.execute(select(UNITS.c.id).where(UNITS.c.id == unit_id)).first() is None:
            raise HTTPException(status_code=400, detail="没有这个单位")
        assignment = "confirmed" if unit_id == row.unit_id else "reassigned"
        done = conn.execute(update(UPLOADS).where(UPLOADS.c.id == upload_id, UPLOADS.c.assignment == "pending")
                            .values(assignment=assignment, assigned_unit_id=unit_id, decided_by=user.id,
                                    decided_at=_now())).rowcount
        if not done:  # another decision came first
            raise HTTPException(status_code=409, detail="这次上传已经处理过，不必再确认")
        if row.document_id is not None:
            conn.execute(update(FORMS).where(FORMS.c.document_id == row.document_id).values(unit_id=unit_id))
    return {"upload_id": upload_id, "assignment": assignment, "unit_id": unit_id}


def confirm(engine: Engine, user: Principal, upload_id: int) -> dict[str, Any]:
    """The uploader says the file is their unit's: its forms are filed under the uploader's unit."""
    with engine.connect() as conn:
        row = conn.execute(select(UPLOADS.c.user_id, UPLOADS.c.unit_id).where(UPLOADS.c.id == upload_id)).first()
    if row is None or row.user_id != user.id or row.unit_id is None:
        raise not_found()
    return _decide(engine, user, upload_id, int(row.unit_id), may=False)


def reassign(engine: Engine, user: Principal, upload_id: int, unit_id: int) -> dict[str, Any]:
    """A reviewer or admin files a waiting upload's forms under ``unit_id`` (the uploader's unit, or
    the unit the file names)."""
    if not reviews_uploads(user):
        raise not_found()
    return _decide(engine, user, upload_id, unit_id, may=True)
