"""Routes of the season's workflow: the 待办 page and its bulk actions, one form's step (提交, 撤回,
开始审核, 通过, 退回) from its page, and their JSON twins under ``/api``. Every POST checks CSRF;
every form and finding named is checked against the user's units (404 when not theirs)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from jixiao.store.queries import F
from jixiao.store.workflow import ACTION_NAMES, ACTIONS, STATES
from jixiao.web.audit_log import log_finding_decisions, log_steps
from jixiao.web.deps import Db, PostUser, User, engine_of, json_response, not_found
from jixiao.web.i18n import STATE_NAMES_EN, STEP_NAMES_EN, language, localize, named
from jixiao.web.pages import render
from jixiao.web.todo import SORTS, parse, todo
from jixiao.web.users import Principal
from jixiao.web.workflow import open_findings, review_findings, step_forms

page_router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])
FINDING_ACTIONS = {"confirm": "confirmed", "dismiss": "dismissed"}
BULK_NAMES = {**ACTION_NAMES, "confirm": "确认所选表单的错误和警告", "dismiss": "驳回所选表单的错误和警告"}


def _page(request: Request, user: Principal, params: dict[str, str], status_code: int = 200,
          **context: Any) -> HTMLResponse:
    with engine_of(request).connect() as conn:
        data = todo(conn, user, parse(params))
    actions = (("start", "approve", "return", "confirm", "dismiss") if data["reviewer"]
               else ("submit", "withdraw"))
    lang = language(request)
    steps = named(BULK_NAMES, STEP_NAMES_EN, lang)
    return render(request, "todo.html", user, status_code, **data, states=named(STATES, STATE_NAMES_EN, lang),
                  sorts=SORTS, actions=[(a, steps[a]) for a in actions], **context)


@page_router.get("/todo", response_class=HTMLResponse)
def todo_page(request: Request, user: User) -> HTMLResponse:
    return _page(request, user, dict(request.query_params))


def _forms_findings(request: Request, user: Principal, form_ids: list[int], action: str,
                    comment: str | None) -> dict[str, Any]:
    """The bulk finding decision on the open errors and warnings of the chosen forms."""
    with engine_of(request).connect() as conn:
        rows = conn.execute(select(F.c.id, F.c.unit_id).where(F.c.id.in_(sorted(set(form_ids))))).all()
        if len(rows) != len(set(form_ids)) or not all(user.can_see(r.unit_id) for r in rows):
            raise not_found()
        ids = open_findings(conn, [int(r.id) for r in rows])
    if not ids:
        raise HTTPException(status_code=422, detail="所选表单没有待审核的错误或警告 / no open findings")
    return review_findings(engine_of(request), user, ids, FINDING_ACTIONS[action], comment)


def _said(action: str, outcome: dict[str, Any], lang: str) -> str:
    """What a bulk step did, in the page's language."""
    if action in FINDING_ACTIONS:
        found = len(outcome["findings"])
        done = "confirmed" if action == "confirm" else "dismissed"
        return localize(f"已{BULK_NAMES[action][:2]} {found} 个问题。 / {found} findings {done}.", lang)
    count, skipped = len(outcome["done"]), len(outcome["skipped"])
    said = localize(f"{ACTION_NAMES[action]}：{count} 张表单。 / {STEP_NAMES_EN[action]}: {count} forms.", lang)
    if skipped:
        why = ("；" if lang == "zh" else "; ").join(sorted({localize(s["reason"], lang) for s in outcome["skipped"]}))
        said += ("" if lang == "zh" else " ") + localize(f"跳过 {skipped} 张（{why}）。 / {skipped} skipped ({why}).",
                                                         lang)
    return said


@page_router.post("/todo", response_class=HTMLResponse)
async def todo_bulk(request: Request, user: PostUser) -> HTMLResponse:
    posted = await request.form()
    ids = [int(v) for v in posted.getlist("form") if isinstance(v, str) and v.isdigit() and len(v) < 19]
    action = str(posted.get("action") or "")
    comment = str(posted.get("comment") or "")
    params = {k: str(posted.get(k) or "") for k in ("queue", "unit", "state", "grade", "errors", "year", "kind",
                                                    "batch", "sort", "order")}
    try:
        if action in FINDING_ACTIONS:
            outcome = _forms_findings(request, user, ids, action, comment)
        else:
            outcome = step_forms(engine_of(request), user, ids, action, comment)
    except HTTPException as error:
        if error.status_code != 422:
            raise
        return _page(request, user, params, 422, error=str(error.detail), comment=comment)
    if action in FINDING_ACTIONS:
        log_finding_decisions(request, user, outcome, comment)
    else:
        log_steps(request, user, outcome, comment)
    return _page(request, user, params, message=_said(action, outcome, language(request)))


@page_router.post("/forms/{form_id}/step")
async def form_step(request: Request, form_id: int, user: PostUser) -> Response:
    """One step from the form page or the edit page; back to the page it came from."""
    posted = await request.form()
    action, comment = str(posted.get("action") or ""), str(posted.get("comment") or "")
    outcome = step_forms(engine_of(request), user, [form_id], action, comment)
    if outcome["skipped"]:
        raise HTTPException(status_code=409, detail=outcome["skipped"][0]["reason"])
    log_steps(request, user, outcome, comment)
    back = "/edit" if posted.get("back") == "edit" else ""
    return RedirectResponse(f"/forms/{form_id}{back}#workflow", status_code=303)


@api_router.get("/todo", summary="待办：待审、退回后又提交、审核后又修改（单位用户：待提交、被退回）；可筛选、排序")
def api_todo(request: Request, user: User, conn: Db) -> Response:
    return json_response(todo(conn, user, parse(dict(request.query_params))))


class Step(BaseModel):
    action: str = Field(description="submit 提交 | withdraw 撤回 | start 开始审核 | approve 通过 | "
                                    "return 退回（须填意见）")
    comment: str | None = None


class BulkStep(Step):
    ids: list[int] = Field(description="表单 ID")


class BulkFindings(BaseModel):
    ids: list[int] = Field(description="问题 ID")
    status: str = Field(description="confirmed 确认 | dismissed 驳回（须填理由）")
    reason: str | None = None


@api_router.post("/forms/{form_id}/step", summary="表单的一步流转：提交、撤回、开始审核、通过、退回")
def api_form_step(request: Request, form_id: int, body: Step, user: PostUser) -> Response:
    outcome = step_forms(engine_of(request), user, [form_id], body.action, body.comment)
    if outcome["skipped"]:
        raise HTTPException(status_code=409, detail=outcome["skipped"][0]["reason"])
    log_steps(request, user, outcome, body.comment)
    return json_response({"form_id": form_id, "action": body.action, "state": ACTIONS[body.action][1]})


@api_router.post("/todo/forms", summary="批量流转表单（同一意见）：返回已办与跳过（附原因）")
def api_bulk_forms(request: Request, body: BulkStep, user: PostUser) -> Response:
    outcome = step_forms(engine_of(request), user, body.ids, body.action, body.comment)
    log_steps(request, user, outcome, body.comment)
    return json_response(outcome)


@api_router.post("/todo/findings", summary="批量审核问题（同一理由）：confirmed 或 dismissed")
def api_bulk_findings(request: Request, body: BulkFindings, user: PostUser) -> Response:
    outcome = review_findings(engine_of(request), user, body.ids, body.status, body.reason)
    log_finding_decisions(request, user, outcome, body.reason)
    return json_response(outcome)
