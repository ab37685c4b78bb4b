"""用户管理 and 操作日志 in the browser (admins only: anyone else gets 404, as for anything they may
not see), each with its JSON twin under ``/api/admin``; the user's own password change (``/password``)
and the language toggle (``/lang``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from jixiao.web.accounts import (
    FieldError,
    change_own_password,
    create_user,
    reset_password,
    set_disabled,
    unit_names,
    update_user,
    user_rows,
)
from jixiao.web.audit_log import ACTION_NAMES, LOG_PAGE, LogFilter, address_of, entries, parse_day, usernames
from jixiao.web.auth import SESSION_COOKIE
from jixiao.web.deps import Db, PostUser, User, engine_of, json_response, not_found
from jixiao.web.i18n import LANG_COOKIE, LANGS, language, localize
from jixiao.web.pages import _safe_next, render
from jixiao.web.schema import ROLES
from jixiao.web.users import Principal, UserError

page_router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])


def _admin(user: Principal) -> None:
    if user.role != "admin":
        raise not_found()


def _users_page(request: Request, user: Principal, status_code: int = 200, **context: Any) -> HTMLResponse:
    with engine_of(request).connect() as conn:
        rows, names = user_rows(conn), unit_names(conn)
    words = str(request.query_params.get("q") or "").lower().split()
    if words:  # the search box: every word in the name, the role or a unit
        rows = [r for r in rows if all(w in " ".join([r["username"], r["role_name"], *r["units"]]).lower()
                                       for w in words)]
    context.setdefault("errors", {})
    context.setdefault("values", {"username": "", "role": "unit", "units": []})
    return render(request, "admin_users.html", user, status_code, users=rows, unit_names=names, roles=ROLES,
                  **context)


@page_router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, user: User) -> HTMLResponse:
    _admin(user)
    return _users_page(request, user)


@page_router.post("/admin/users", response_class=HTMLResponse)
def create_page(request: Request, user: PostUser, username: Annotated[str, Form()] = "",
                role: Annotated[str, Form()] = "", units: Annotated[list[str] | None, Form()] = None,
                password: Annotated[str, Form()] = "") -> HTMLResponse:
    """Errors stay on the page, beside the field that caused them, with what was typed kept."""
    _admin(user)
    chosen = [u for u in units or [] if u]
    try:
        _, initial = create_user(engine_of(request), user, username, role, chosen, password, address_of(request))
    except FieldError as error:
        return _users_page(request, user, 422, errors={error.field: str(error)},
                           values={"username": username, "role": role, "units": chosen})
    return _users_page(request, user, created={"username": username.strip(), "password": initial})


def _act(request: Request, user: Principal, user_id: int, action: str, role: str = "",
         units: list[str] | None = None) -> dict[str, Any]:
    """One change to an existing user; the result is what the page says about it."""
    engine, address = engine_of(request), address_of(request)
    if action == "disable":
        set_disabled(engine, user, user_id, True, address)
        return {"message": "已停用，该用户的会话已结束 / disabled"}
    if action == "enable":
        set_disabled(engine, user, user_id, False, address)
        return {"message": "已启用 / enabled"}
    if action == "reset":
        return {"message": "已重置密码 / password reset", "password": reset_password(engine, user, user_id, address)}
    update_user(engine, user, user_id, role, [u for u in units or [] if u], address)
    return {"message": "已保存 / saved"}


@page_router.post("/admin/users/{user_id}/{action}", response_class=HTMLResponse)
def change_page(request: Request, user_id: int, action: str, user: PostUser, role: Annotated[str, Form()] = "",
                units: Annotated[list[str] | None, Form()] = None) -> HTMLResponse:
    _admin(user)
    if action not in ("disable", "enable", "reset", "update"):
        raise not_found()
    try:
        done = _act(request, user, user_id, action, role, units)
    except UserError as error:
        return _users_page(request, user, 422, row_errors={user_id: str(error)})
    return _users_page(request, user, row_done={user_id: done})


@page_router.get("/admin/log", response_class=HTMLResponse)
def log_page(request: Request, user: User, conn: Db, username: str = "", action: str = "", since: str = "",
             until: str = "", offset: int = 0) -> HTMLResponse:
    _admin(user)
    where = LogFilter(username=username.strip() or None, action=action if action in ACTION_NAMES else None,
                      since=parse_day(since), until=parse_day(until))
    data = entries(conn, where, offset, LOG_PAGE)
    query = {"username": username, "action": action, "since": since, "until": until}
    return render(request, "admin_log.html", user, **data, names=usernames(conn), actions=ACTION_NAMES, query=query,
                  errors={k: "日期格式应为 2026-01-31" for k in ("since", "until")
                          if query[k].strip() and parse_day(query[k]) is None})


@page_router.get("/password", response_class=HTMLResponse)
def password_page(request: Request, user: User, next: str = "/") -> HTMLResponse:
    return render(request, "password.html", user, errors={}, next=_safe_next(next), done=False)


@page_router.post("/password", response_class=HTMLResponse)
def password_change(request: Request, user: PostUser, old: Annotated[str, Form()] = "",
                    new: Annotated[str, Form()] = "", confirm: Annotated[str, Form()] = "",
                    next: Annotated[str, Form()] = "/") -> Response:
    try:
        change_own_password(engine_of(request), user, old, new, confirm, request.cookies.get(SESSION_COOKIE),
                            address_of(request))
    except FieldError as error:
        return render(request, "password.html", user, 422, errors={error.field: str(error)}, next=_safe_next(next),
                      done=False)
    if user.must_change:
        return RedirectResponse(_safe_next(next), status_code=303)
    return render(request, "password.html", user, errors={}, next=_safe_next(next), done=True)


@page_router.get("/lang")
def set_language(request: Request, to: str = "zh", next: str = "/") -> Response:
    """The 中文 / English toggle: a cookie for a year, then back to the page."""
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(LANG_COOKIE, to if to in LANGS else "zh", max_age=365 * 86400, samesite="lax",
                        secure=request.app.state.secure_cookies)
    return response


class NewUser(BaseModel):
    username: str
    role: str = Field(description="admin | reviewer | unit | evaluator")
    units: list[str] = Field(default_factory=list, description="单位名称：预算单位用户一个，第三方评价机构至少一个")
    password: str = Field("", description="初始密码；留空则生成。用户首次登录须修改")


class UserChange(BaseModel):
    role: str
    units: list[str] = Field(default_factory=list)


class PasswordChange(BaseModel):
    old: str
    new: str
    confirm: str


def _said(request: Request, text: str) -> str:
    return localize(text, language(request))


def _field_error(request: Request, error: FieldError) -> Response:
    return json_response({"detail": _said(request, str(error)), "field": error.field}, 422)


@api_router.get("/admin/users", summary="用户列表（管理员）")
def api_users(user: User, conn: Db) -> Response:
    _admin(user)
    return json_response({"users": user_rows(conn)})


@api_router.post("/admin/users", summary="新建用户（管理员）；返回初始密码，用户首次登录须修改")
def api_create(request: Request, body: NewUser, user: PostUser) -> Response:
    _admin(user)
    try:
        user_id, initial = create_user(engine_of(request), user, body.username, body.role, body.units, body.password,
                                       address_of(request))
    except FieldError as error:
        return _field_error(request, error)
    return json_response({"id": user_id, "username": body.username.strip(), "password": initial}, 201)


@api_router.post("/admin/users/{user_id}", summary="修改用户的角色与单位（管理员）")
def api_update(request: Request, user_id: int, body: UserChange, user: PostUser) -> Response:
    _admin(user)
    try:
        done = _act(request, user, user_id, "update", body.role, body.units)
        return json_response({**done, "message": _said(request, done["message"])})
    except FieldError as error:
        return _field_error(request, error)
    except UserError as error:
        return json_response({"detail": _said(request, str(error))}, 422)


@api_router.post("/admin/users/{user_id}/{action}", summary="停用 disable / 启用 enable / 重置密码 reset（管理员）")
def api_act(request: Request, user_id: int, action: str, user: PostUser) -> Response:
    _admin(user)
    if action not in ("disable", "enable", "reset"):
        raise not_found()
    try:
        done = _act(request, user, user_id, action)
        return json_response({**done, "message": _said(request, done["message"])})
    except UserError as error:
        return json_response({"detail": _said(request, str(error))}, 422)


@api_router.get("/admin/log", summary="操作日志（管理员）：按用户、操作、日期筛选，分页")
def api_log(user: User, conn: Db, username: str = "", action: str = "", since: str = "", until: str = "",
            offset: int = 0, limit: int = LOG_PAGE) -> Response:
    _admin(user)
    where = LogFilter(username=username.strip() or None, action=action or None, since=parse_day(since),
                      until=parse_day(until))
    return json_response(entries(conn, where, offset, limit))


@api_router.post("/password", summary="修改本人密码；本人其他会话随之结束")
def api_password(request: Request, body: PasswordChange, user: PostUser) -> Response:
    try:
        change_own_password(engine_of(request), user, body.old, body.new, body.confirm,
                            request.cookies.get(SESSION_COOKIE), address_of(request))
    except FieldError as error:
        return _field_error(request, error)
    return json_response({"ok": True})
