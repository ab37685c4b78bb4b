"""The JSON twin of every page, under ``/api`` (documented in FastAPI's OpenAPI schema at
``/openapi.json`` and ``/docs``). Same session cookie as the pages; POSTs need ``X-CSRF-Token``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel

from jixiao.store.queries import FINDING_SORTS, Filters
from jixiao.web import views
from jixiao.web.audit_log import address_of, log_review, log_uploads, record_action
from jixiao.web.auth import SESSION_AGE, SESSION_COOKIE, client_key, csrf_for, end_session, start_session
from jixiao.web.deps import Db, PostUser, User, engine_of, json_response
from jixiao.web.formatting import humane
from jixiao.web.lists import ListQuery, sift_rows, sift_unit
from jixiao.web.reviews import review_finding, review_form
from jixiao.web.upload import ingest_uploads
from jixiao.web.users import Principal, authenticate

router = APIRouter(prefix="/api", tags=["api"])


class Login(BaseModel):
    username: str
    password: str


def me_json(user: Principal, csrf: str) -> dict[str, object]:
    return {"id": user.id, "username": user.username, "role": user.role,
            "units": None if user.units is None else sorted(user.units), "csrf_token": csrf,
            "must_change_password": user.must_change}  # True: POST /api/password before anything else


def login_or_raise(request: Request, username: str, password: str) -> Principal:
    """The user, or 429 when throttled / 401 when the name or password is wrong."""
    limiter, engine = request.app.state.limiter, engine_of(request)
    key = client_key(request, username)
    wait = limiter.retry_after(engine, key)
    if wait:
        record_action(engine, username.strip(), "login_failed", f"user:{username.strip()}",
                      f"登录受限，须等 {wait} 秒", address_of(request))
        raise HTTPException(status_code=429, detail=f"登录失败次数过多，请 {wait} 秒后再试 / too many failed logins",
                            headers={"Retry-After": str(wait)})
    user = authenticate(engine, username, password)
    if user is None:
        limiter.failed(engine, key)
        record_action(engine, username.strip(), "login_failed", f"user:{username.strip()}", "用户名或密码错误",
                      address_of(request))
        raise HTTPException(status_code=401, detail="用户名或密码错误 / wrong user name or password")
    limiter.succeeded(engine, key)
    record_action(engine, user, "login", f"user:{user.username}", "", address_of(request))
    return user


def session_response(request: Request, user: Principal, response: Response | None = None) -> Response:
    """``response`` (default: the user as JSON) with a new session cookie for ``user``."""
    token = start_session(engine_of(request), user.id)
    response = response or json_response(me_json(user, csrf_for(token)))
    response.set_cookie(SESSION_COOKIE, token, max_age=SESSION_AGE, httponly=True, samesite="lax",
                        secure=request.app.state.secure_cookies)
    return response


@router.post("/login", summary="登录（JSON）；返回 csrf_token，用于之后的 POST")
def api_login(request: Request, body: Login) -> Response:
    return session_response(request, login_or_raise(request, body.username, body.password))


@router.post("/logout", summary="退出登录")
def api_logout(request: Request, user: PostUser) -> Response:
    end_session(engine_of(request), request.cookies.get(SESSION_COOKIE))
    record_action(engine_of(request), user, "logout", f"user:{user.username}", "", address_of(request))
    response = json_response({"ok": True})
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/me", summary="当前用户")
def api_me(request: Request, user: User) -> Response:
    return json_response(me_json(user, request.state.csrf))


@router.get("/dashboard", summary="总览图表数据")
def api_dashboard(request: Request, user: User, conn: Db, year: int | None = None) -> Response:
    return json_response(views.dashboard(conn, user, request.app.state.dashboard_cache, year))


def _for_people(data: dict[str, Any]) -> dict[str, Any]:
    """Each finding's printed and recomputed value also as the page shows it (``actual_text``,
    ``expected_text``: ``90.30``, not ``90.30008543357539``); the numbers themselves stay exact."""
    for finding in data.get("findings") or []:
        humane(finding)
    return data


@router.get("/units", summary="单位列表")
def api_units(request: Request, user: User, conn: Db) -> Response:
    """``q`` (words of the name or code), ``sort`` (name, forms, errors) and ``order`` as on the page."""
    data = views.units(conn, user)
    return json_response({**data, "units": sift_rows(data["units"], "units", ListQuery.of(request.query_params))})


@router.get("/units/{unit_id}", summary="单位的文件、表单与问题")
def api_unit(request: Request, unit_id: int, user: User, conn: Db) -> Response:
    """``q``, ``year``, ``batch``, ``sort`` and ``order`` choose and order the lists as on the page."""
    return json_response(_for_people(sift_unit(views.unit(conn, user, unit_id), request.query_params)))


@router.get("/documents/{document_id}", summary="一个文件的表单与问题")
def api_document(document_id: int, user: User, conn: Db) -> Response:
    return json_response(_for_people(views.document(conn, user, document_id)))


@router.get("/forms/{form_id}", summary="一张表单：字段、行、问题与原始 JSON")
def api_form(form_id: int, user: User, conn: Db) -> Response:
    return json_response(_for_people(views.form(conn, user, form_id)))


@router.get("/findings", summary="问题列表（可筛选）")
def api_findings(user: User, conn: Db, unit: str | None = None, year: int | None = None, kind: str | None = None,
                 severity: str | None = None, category: str | None = None, rule: str | None = None,
                 q: str = "", sort: str = "", order: str = "",
                 offset: int = 0, limit: int = views.LIST_LIMIT) -> Response:
    filters = Filters(unit=unit or None, year=year, kind=kind or None, severity=severity or None,
                      category=category or None, rule=rule or None, text=q.strip()[:100] or None,
                      sort=sort if sort in FINDING_SORTS else None, descending=order == "desc")
    return json_response(_for_people(views.findings(conn, user, filters, offset, limit)))


@router.post("/upload", summary="上传文件入库（multipart，字段 files，可多个）")
async def api_upload(request: Request, user: PostUser,
                     files: Annotated[list[UploadFile], File(description="文件")]) -> Response:
    if not user.can_upload:
        raise HTTPException(status_code=403, detail="第三方评价机构不能上传 / evaluators cannot upload")
    state = request.app.state
    results = await ingest_uploads(engine_of(request), user, files, state.max_upload_bytes, state.max_upload_files,
                                   getattr(state, "slow_limiter", None))
    log_uploads(request, user, results)
    return json_response({"results": results})


class FindingDecision(BaseModel):
    status: str  # confirmed | dismissed
    reason: str | None = None


class FormDecision(BaseModel):
    status: str  # approved | returned
    comment: str | None = None


@router.post("/findings/{finding_id}/review", summary="审核问题：confirmed（确认）或 dismissed（驳回，须填理由）")
def api_review_finding(request: Request, finding_id: int, body: FindingDecision, user: PostUser) -> Response:
    form_id = review_finding(engine_of(request), user, finding_id, body.status, body.reason)
    log_review(request, user, "review_finding", f"finding:{finding_id}", body.status, body.reason)
    return json_response({"finding_id": finding_id, "form_id": form_id or None, "status": body.status})


@router.post("/forms/{form_id}/review", summary="审核表单：approved（通过）或 returned（退回，须填意见）")
def api_review_form(request: Request, form_id: int, body: FormDecision, user: PostUser) -> Response:
    review_form(engine_of(request), user, form_id, body.status, body.comment)
    log_review(request, user, "review_form", f"form:{form_id}", body.status, body.comment)
    return json_response({"form_id": form_id, "status": body.status})
