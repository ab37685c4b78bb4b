"""What every route depends on: the request's connection, the logged-in user, JSON responses, 404.

The routers (:mod:`~jixiao.web.api`, :mod:`~jixiao.web.pages`, :mod:`~jixiao.web.downloads`,
:mod:`~jixiao.web.editing`) and the helpers they share import these from here, never from
:mod:`jixiao.web.app` (which imports the routers) or :mod:`jixiao.web.views` (which imports
:mod:`jixiao.web.reviews`): the web package has no import cycles.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import Connection, Engine

from jixiao.model.values import plain
from jixiao.web.auth import SESSION_COOKIE, NotLoggedIn, check_csrf, csrf_for, read_session
from jixiao.web.users import Principal, principal

NOT_FOUND = "未找到，或无权查看 / not found"


# What a user whose password was set by an admin may open before choosing their own.
PASSWORD_PATHS = frozenset({"/password", "/api/password", "/logout", "/api/logout", "/api/me", "/lang"})


class PasswordChangeRequired(Exception):
    """The user must change an initial or reset password first: pages redirect to /password, the API 403s."""


def not_found() -> HTTPException:
    return HTTPException(status_code=404, detail=NOT_FOUND)


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def dumps(value: Any, **options: Any) -> str:
    return json.dumps(plain(value), default=_default, **options)


def json_response(data: Any, status_code: int = 200) -> Response:
    """JSON with Decimals as numbers (as ``jixiao ls --format json`` prints them), Chinese unescaped."""
    body = json.dumps(plain(data), ensure_ascii=False, default=_default)
    return Response(body, status_code=status_code, media_type="application/json")


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_db(request: Request) -> Iterator[Connection]:
    """The request's one connection, for reading: autocommit, so no BEGIN and no ROLLBACK travel to
    the server (writes open their own transaction with ``engine.begin()``)."""
    with engine_of(request).connect() as conn:
        yield conn.execution_options(isolation_level="AUTOCOMMIT")


def get_user(request: Request, conn: Annotated[Connection, Depends(get_db)]) -> Principal:
    token = request.cookies.get(SESSION_COOKIE)
    user_id = read_session(conn, token, request.app.state.idle_timeout)
    if user_id is None or token is None:
        raise NotLoggedIn()
    user = principal(conn, user_id)
    if user is None:
        raise NotLoggedIn()
    request.state.csrf = csrf_for(token)
    request.state.user = user
    if user.must_change and request.url.path not in PASSWORD_PATHS:
        raise PasswordChangeRequired()
    return user


async def require_csrf(request: Request, user: Annotated[Principal, Depends(get_user)]) -> Principal:
    """The logged-in user, after checking the POST's CSRF token (form field or header)."""
    given = request.headers.get("x-csrf-token")
    if given is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get("csrf_token")
        given = value if isinstance(value, str) else None
    check_csrf(request.state.csrf, given)
    return user


User = Annotated[Principal, Depends(get_user)]
PostUser = Annotated[Principal, Depends(require_csrf)]
Db = Annotated[Connection, Depends(get_db)]


__all__ = ["NOT_FOUND", "PASSWORD_PATHS", "Db", "PasswordChangeRequired", "PostUser", "User", "dumps", "engine_of",
           "get_db", "get_user", "json_response", "not_found", "require_csrf"]
