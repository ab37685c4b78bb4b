"""Routes for editing a self-evaluation: the edit page (htmx: each changed cell is saved, re-scored
and re-checked at once, and the page part is swapped) and its JSON twin ``/api/forms/ID/edits``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from jixiao.model.selfeval import SELF_EVALUATION_KINDS
from jixiao.web import views
from jixiao.web.audit_log import log_edit
from jixiao.web.deps import Db, PostUser, User, engine_of, json_response
from jixiao.web.edits import edit_form, edit_state
from jixiao.web.editview import edit_layout
from jixiao.web.formatting import fixed
from jixiao.web.i18n import language, localize
from jixiao.web.pages import render
from jixiao.web.reviews import FINDING_STATUS
from jixiao.web.users import Principal
from jixiao.web.workflow import form_steps

page_router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])
CELL_PREFIXES = ("indicators.", "funds.")
CELL_NAMES = ("total_score", "goal_actual")


def _page(request: Request, user: Principal, form_id: int, status_code: int = 200, **context: Any) -> HTMLResponse:
    with engine_of(request).connect() as conn:
        form = views.form(conn, user, form_id)
        state = edit_state(conn, user, form_id)
    if form["kind"] not in SELF_EVALUATION_KINDS:
        raise HTTPException(status_code=404, detail="只有项目支出绩效自评表可以在线修改 / only self-evaluations "
                                                    "can be edited")
    edited = frozenset(h["path"] for h in state["history"])
    if state.get("reason"):  # why the form cannot be edited, in the page's language
        state["reason"] = localize(state["reason"], language(request))
    template = "_form_edit.html" if request.headers.get("hx-request") else "form_edit.html"
    return render(request, template, user, status_code, form=form, state=state,
                  view=edit_layout(form, state["cells"], edited), can_review=False, finding_status=FINDING_STATUS,
                  steps=form_steps(user, form), **context)


@page_router.get("/forms/{form_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, form_id: int, user: User) -> HTMLResponse:
    return _page(request, user, form_id)


def _said(outcome: dict[str, Any]) -> str:
    if not outcome["changed"]:
        return "没有改动。"
    parts = [f"{c['label']}「{c['old'] or '空'}」→「{c['new'] or '空'}」" + ("（随之更新）" if c["derived"] else "")
             for c in outcome["changed"]]
    found = outcome["findings"]
    return (f"已保存：{'；'.join(parts)}。重新审核后：错误 {found['error']}，警告 {found['warning']}，"
            f"提示 {found['info']}。")


@page_router.post("/forms/{form_id}/edit", response_class=HTMLResponse)
async def edit_submit(request: Request, form_id: int, user: PostUser) -> Response:
    posted = await request.form()
    changes = {k: v for k, v in posted.items() if isinstance(v, str) and (k.startswith(CELL_PREFIXES)
                                                                           or k in CELL_NAMES)}
    base_text = posted.get("base")
    base = int(base_text) if isinstance(base_text, str) and base_text.isdigit() else None
    htmx = bool(request.headers.get("hx-request"))
    try:
        outcome = edit_form(engine_of(request), user, form_id, changes, base)
    except HTTPException as error:
        if error.status_code not in (409, 422):
            raise
        # the refusal in the page's language, and beside the cell that caused it (one cell is sent per change)
        return _page(request, user, form_id, 200 if htmx else error.status_code,
                     error=localize(str(error.detail), language(request)),
                     error_path=next(iter(changes)) if len(changes) == 1 else None)
    log_edit(request, user, form_id, outcome)
    if not htmx:
        return RedirectResponse(f"/forms/{form_id}/edit", status_code=303)
    return _page(request, user, form_id, message=_said(outcome))


class Edit(BaseModel):
    changes: dict[str, str] = Field(description="格子路径 → 新的文字，如 {\"indicators.3.score\": \"8\"}")
    base: int | None = Field(None, description="页面所基于的修改次数（GET 返回的 base）；不一致则 409")


@api_router.get("/forms/{form_id}/edits", summary="自评表的可改格子、当前内容与修改记录")
def api_edit_state(form_id: int, user: User, conn: Db) -> Response:
    state = edit_state(conn, user, form_id)
    if state.get("summary"):  # the recomputed total as the page shows it (2 decimals), beside the exact number
        state["summary"]["recomputed_total_text"] = fixed(state["summary"].get("recomputed_total"))
    return json_response(state)


@api_router.post("/forms/{form_id}/edits",
                 summary="修改自评表的格子：立即重新评分、重新审核并记录（仅本单位用户与管理员）")
def api_edit(request: Request, form_id: int, body: Edit, user: PostUser) -> Response:
    outcome = edit_form(engine_of(request), user, form_id, body.changes, body.base)
    log_edit(request, user, form_id, outcome)
    return json_response(outcome)
