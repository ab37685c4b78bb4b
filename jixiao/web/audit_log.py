"""操作日志: who did what, when, from where — kept in the store (table ``audit_log``).

Other modules call :func:`record_action` at the moment something happens (a log-in, a failed
log-in, an upload, an edit, a review decision, an export, a change to a user). Admins read the log
page by page with filters (:func:`entries`) at ``/admin/log`` and ``/api/admin/log``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from fastapi import Request
from sqlalchemy import Connection, Engine, Table, func, insert, select

from jixiao.web.schema import AuditEntry
from jixiao.web.users import Principal

LOG = cast(Table, AuditEntry.__table__)
ACTION_NAMES = {
    "login": "登录", "login_failed": "登录失败", "logout": "退出", "password_change": "修改密码",
    "upload": "上传", "edit": "修改表单", "review_finding": "审核问题", "review_form": "审核表单",
    "form_step": "提交/撤回",
    "export": "导出", "download": "下载表单",
    "user_create": "新建用户", "user_update": "修改用户", "user_disable": "停用用户", "user_enable": "启用用户",
    "user_reset": "重置密码",
    "upload_unit": "上传归属单位", "unit_change": "修改单位名录",
    "link_decision": "确认/拆开项目关联", "fill_self_evaluation": "在线填写自评表",
}
ACTIONS = tuple(ACTION_NAMES)
LOG_PAGE = 50


def address_of(request: Request | None) -> str:
    """The client's address as the server sees it (behind a proxy: see FORWARDED_ALLOW_IPS)."""
    if request is None or request.client is None:
        return ""
    return request.client.host[:64]


def record_action(session: Engine | Connection, user: Principal | str | None, action: str, target: str = "",
                  detail: str = "", address: str = "") -> None:
    """Write one line of the log. ``session`` is an engine (its own short transaction) or a
    connection (the line joins the caller's transaction: an edit and its log line stand or fall
    together). ``user`` is the acting user, or the name typed at a failed log-in."""
    if action not in ACTION_NAMES:
        raise ValueError(f"unknown action: {action}")
    user_id = user.id if isinstance(user, Principal) else None
    name = user.username if isinstance(user, Principal) else (user or "")
    row = {"created_at": datetime.now(UTC), "user_id": user_id, "username": name[:64], "action": action,
           "target": target[:200], "detail": detail[:4000], "address": address[:64]}
    if isinstance(session, Engine):
        with session.begin() as conn:
            conn.execute(insert(LOG), row)
    else:
        session.execute(insert(LOG), row)


@dataclass(frozen=True)
class LogFilter:
    """What the log page shows: one user's name (exact), one action, days from ``since`` to ``until``."""

    username: str | None = None
    action: str | None = None
    since: date | None = None
    until: date | None = None


def parse_day(text: str | None) -> date | None:
    """``2026-12-04`` → a date; anything else (empty, malformed) → None."""
    try:
        return date.fromisoformat((text or "").strip()) if text and text.strip() else None
    except ValueError:
        return None


def entries(conn: Connection, where: LogFilter, offset: int = 0, limit: int = LOG_PAGE) -> dict[str, Any]:
    """One page of the log, newest first, and how many lines match in all."""
    conditions = []
    if where.username:
        conditions.append(LOG.c.username == where.username)
    if where.action:
        conditions.append(LOG.c.action == where.action)
    if where.since:
        conditions.append(LOG.c.created_at >= datetime.combine(where.since, time(), UTC))
    if where.until:
        conditions.append(LOG.c.created_at < datetime.combine(where.until + timedelta(days=1), time(), UTC))
    offset, limit = max(offset, 0), min(max(limit, 1), 500)
    total = int(conn.execute(select(func.count()).select_from(LOG).where(*conditions)).scalar() or 0)
    rows = conn.execute(select(LOG).where(*conditions).order_by(LOG.c.id.desc()).offset(offset).limit(limit))
    lines = []
    for row in rows:
        created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
        lines.append({"id": row.id, "created_at": created.isoformat(timespec="seconds"), "user_id": row.user_id,
                      "username": row.username, "action": row.action,
                      "action_name": ACTION_NAMES.get(row.action, row.action), "target": row.target,
                      "detail": row.detail, "address": row.address})
    return {"total": total, "offset": offset, "limit": limit, "entries": lines}


def usernames(conn: Connection) -> list[str]:
    """Every name that appears in the log (for the filter's choices)."""
    return [n for n in conn.execute(select(LOG.c.username).distinct().order_by(LOG.c.username)).scalars() if n]


def log_uploads(request: Request, user: Principal, results: list[dict[str, Any]]) -> None:
    """One line per uploaded file, with its outcome (the route calls it after the upload)."""
    engine = request.app.state.engine
    for result in results:
        status = str(result.get("status"))
        detail = f"{status}：{result.get('forms', 0)} 张表单"
        if result.get("reason"):
            detail += f"；{result['reason']}"
        if result.get("document_id"):
            detail += f"；文件 #{result['document_id']}"
        record_action(engine, user, "upload", f"file:{result.get('file', '')}", detail, address_of(request))


def log_review(request: Request, user: Principal, action: str, target: str, status: str, text: str | None) -> None:
    """A review decision that was recorded (the route calls it after the decision)."""
    record_action(request.app.state.engine, user, action, target, status + (f"：{text}" if text else ""),
                  address_of(request))


def log_edit(request: Request, user: Principal, form_id: int, outcome: dict[str, Any]) -> None:
    """An edit that changed cells: which cells, from what to what."""
    changed = outcome.get("changed") or []
    if not changed:
        return
    detail = "；".join(f"{c.get('label', c.get('path', ''))}「{c.get('old') or ''}」→「{c.get('new') or ''}」"
                      for c in changed)
    record_action(request.app.state.engine, user, "edit", f"form:{form_id}", detail, address_of(request))


STEP_NAMES = {"submit": "提交", "withdraw": "撤回", "start": "开始审核", "approve": "通过", "return": "退回"}


def log_steps(request: Request, user: Principal, outcome: dict[str, Any], comment: str | None) -> None:
    """Workflow steps taken (one form or a bulk action): one line per form done; 开始审核 / 通过 /
    退回 are review decisions, 提交 / 撤回 the unit's steps."""
    step = str(outcome.get("action"))
    action = "form_step" if step in ("submit", "withdraw") else "review_form"
    engine = request.app.state.engine
    for form_id in outcome.get("done") or []:
        record_action(engine, user, action, f"form:{form_id}",
                      STEP_NAMES.get(step, step) + (f"：{comment}" if comment else ""), address_of(request))


def log_finding_decisions(request: Request, user: Principal, outcome: dict[str, Any], reason: str | None) -> None:
    """A bulk decision on findings: one line per finding."""
    engine = request.app.state.engine
    for finding_id in outcome.get("findings") or []:
        record_action(engine, user, "review_finding", f"finding:{finding_id}",
                      str(outcome.get("status")) + (f"：{reason}" if reason else ""), address_of(request))
