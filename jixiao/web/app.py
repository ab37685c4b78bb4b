"""The web app: :func:`create_app` builds a FastAPI application on a store URL.

Pages (Jinja2, Chinese) live in :mod:`jixiao.web.pages`, their JSON twins under ``/api`` in
:mod:`jixiao.web.api`; both read the same dicts from :mod:`jixiao.web.views`.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from sqlalchemy.exc import DataError

from jixiao import __version__
from jixiao.store import connect
from jixiao.web.admin_users import api_router as admin_api_router
from jixiao.web.admin_users import page_router as admin_page_router
from jixiao.web.api import router as api_router
from jixiao.web.auth import CSRF_COOKIE, IDLE_TIMEOUT, LoginLimiter, NotLoggedIn, Signer
from jixiao.web.deps import (
    Db,
    PasswordChangeRequired,
    PostUser,
    User,
    dumps,
    engine_of,
    get_db,
    get_user,
    json_response,
    not_found,
    require_csrf,
)
from jixiao.web.downloads import router as download_router
from jixiao.web.editing import api_router as edit_api_router
from jixiao.web.editing import page_router as edit_page_router
from jixiao.web.formatting import FILTERS
from jixiao.web.formview import CATEGORY_NAMES, KIND_NAMES, SEVERITY_NAMES
from jixiao.web.i18n import l10n_filter, language, localize, t_filter
from jixiao.web.lists import FILTERS as LIST_FILTERS
from jixiao.web.lists import SORTS as LIST_SORTS
from jixiao.web.my_uploads import api_router as uploads_api_router
from jixiao.web.my_uploads import page_router as uploads_page_router
from jixiao.web.pages import router as page_router
from jixiao.web.prefill import router as prefill_router
from jixiao.web.projects import api_router as project_api_router
from jixiao.web.projects import router as project_router
from jixiao.web.reviewing import api_router as workflow_api_router
from jixiao.web.reviewing import page_router as workflow_page_router
from jixiao.web.schema import ROLE_NAMES
from jixiao.web.units_admin import api_router as units_api_router
from jixiao.web.units_admin import page_router as units_page_router

HERE = Path(__file__).resolve().parent
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UPLOAD_FILES = 20
PAGE_THREADS = 4  # threads per process for page and API handlers (``threads`` / JIXIAO_THREADS)
SLOW_THREADS = 4  # threads per process for uploads and downloads


def create_app(db_url: str | None = None, *, secret: str | None = None, login_attempts: int = 5,
               login_delay: float = 2.0, login_max_delay: float = 900.0, max_upload_bytes: int = MAX_UPLOAD_BYTES,
               max_upload_files: int = MAX_UPLOAD_FILES, secure_cookies: bool | None = None,
               threads: int | None = None, idle_timeout: float | None = None) -> FastAPI:
    """The app on the store at ``db_url`` (``None``: ``JIXIAO_DB`` or ``./jixiao.db``), created or
    upgraded on start. ``secret`` signs the login page's CSRF cookie (default ``JIXIAO_SECRET``, else
    random per process); sessions live in the store. After ``login_attempts`` failed logins of one
    account from one address, each further failure doubles a wait starting at ``login_delay`` seconds
    (at most ``login_max_delay``). ``idle_timeout`` (default ``JIXIAO_IDLE_TIMEOUT`` or 7200 s) ends an
    unused session. ``secure_cookies`` (default ``JIXIAO_BEHIND_HTTPS``, set by ``serve
    --behind-https``) marks cookies Secure and sends HSTS."""
    @asynccontextmanager
    async def lifespan(app_: FastAPI) -> AsyncIterator[None]:
        """Page handlers share a few threads (under load, 40 threads in one process fight over the
        GIL and stretch the slowest answers: p95 of a form page 198 ms with 40, 146–159 ms with 4 per
        worker); uploads and downloads get threads of their own, so they never hold the pages up."""
        import anyio
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = page_threads
        app_.state.slow_limiter = anyio.CapacityLimiter(SLOW_THREADS)
        yield

    page_threads = threads or int(os.environ.get("JIXIAO_THREADS") or PAGE_THREADS)

    app = FastAPI(title="jixiao 绩效", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url=None,  # served below, to admins only, with Swagger UI from /static
                  description="预算绩效表单审核 Web 应用：每个页面在 /api/… 下都有对应的 JSON 接口。")
    app.state.engine = connect(db_url, migrate=True)
    app.state.signer = Signer(secret or os.environ.get("JIXIAO_SECRET") or secrets.token_urlsafe(32))
    app.state.limiter = LoginLimiter(attempts=login_attempts, base_delay=login_delay, max_delay=login_max_delay)
    app.state.idle_timeout = idle_timeout or float(os.environ.get("JIXIAO_IDLE_TIMEOUT") or IDLE_TIMEOUT)
    if secure_cookies is None:
        secure_cookies = os.environ.get("JIXIAO_BEHIND_HTTPS", "") not in ("", "0")
    app.state.max_upload_bytes = max_upload_bytes
    app.state.max_upload_files = max_upload_files
    app.state.secure_cookies = secure_cookies
    app.state.dashboard_cache = {}
    templates = Jinja2Templates(env=DictEnvironment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                                                auto_reload=False))
    templates.env.globals.update(KIND_NAMES=KIND_NAMES, SEVERITY_NAMES=SEVERITY_NAMES, ROLE_NAMES=ROLE_NAMES,
                                 CATEGORY_NAMES=CATEGORY_NAMES,
                                 version=__version__)
    templates.env.policies["json.dumps_function"] = dumps
    templates.env.filters.update(FILTERS, t=t_filter, l10n=l10n_filter)  # jixiao.web.formatting, jixiao.web.i18n
    templates.env.filters.update(LIST_FILTERS)  # search, sort, year and batch of every list: jixiao.web.lists
    templates.env.globals["LIST_SORTS"] = LIST_SORTS
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api_router)
    app.include_router(page_router)
    app.include_router(download_router)
    app.include_router(edit_api_router)
    app.include_router(edit_page_router)
    app.include_router(uploads_api_router)  # 我的上传
    app.include_router(uploads_page_router)
    app.include_router(units_api_router)  # 单位名录
    app.include_router(units_page_router)
    app.include_router(workflow_api_router)  # 待办 and the workflow's steps
    app.include_router(workflow_page_router)
    app.include_router(admin_api_router)
    app.include_router(admin_page_router)
    app.include_router(project_api_router)  # a project across documents and years
    app.include_router(project_router)
    app.include_router(prefill_router)  # the self-evaluation filled online from the declaration

    app.add_middleware(BodyLimit, limit=max_upload_files * max_upload_bytes + 1024 * 1024)
    app.add_middleware(SecurityHeaders, secure=secure_cookies)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi_schema(user: User) -> Response:
        """The OpenAPI schema, for admins (others: 404, as for anything they may not see)."""
        if user.role != "admin":
            raise not_found()
        return json_response(app.openapi())

    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request, user: User) -> Response:
        """Swagger UI on the schema, from the vendored bundle (no CDN: it works on an offline intranet)."""
        if user.role != "admin":
            raise not_found()
        return Response(DOCS_PAGE.replace("{csrf}", request.state.csrf), media_type="text/html")

    @app.exception_handler(NotLoggedIn)
    async def not_logged_in(request: Request, _error: NotLoggedIn) -> Response:
        if request.url.path.startswith("/api/"):
            return json_response({"detail": localize("请先登录 / not logged in", language(request))}, 401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={_quote(target)}", status_code=303)

    @app.exception_handler(PasswordChangeRequired)
    async def password_first(request: Request, _error: PasswordChangeRequired) -> Response:
        if request.url.path.startswith("/api/"):
            return json_response({"detail": localize("请先修改初始密码 / change your password first",
                                                     language(request))}, 403)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/password?next={_quote(target)}", status_code=303)

    @app.exception_handler(Exception)
    async def server_error(request: Request, error: Exception) -> Response:
        """A localized 500 with a reference id; the traceback goes to the server's log only."""
        reference = secrets.token_hex(4)
        logging.getLogger("jixiao.web").error("500 reference %s: %s %s", reference, request.method,
                                              request.url.path, exc_info=error)
        message = localize("服务器内部错误 / internal server error", language(request))
        if request.url.path.startswith("/api/"):
            return json_response({"detail": message, "reference": reference}, 500)
        return templates.TemplateResponse(request, "error.html", {
            "user": getattr(request.state, "user", None), "message": message, "status": 500,
            "reference": reference, "csrf": getattr(request.state, "csrf", "")}, status_code=500)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            response = json_response({"detail": localize(error.detail, language(request))}, error.status_code)
            response.headers.update(error.headers or {})
            return response
        user = getattr(request.state, "user", None)
        return templates.TemplateResponse(request, "error.html", {"user": user,
                                                                  "message": localize(error.detail, language(request)),
                                                                  "status": error.status_code,
                                                                  "csrf": getattr(request.state, "csrf", "")},
                                          status_code=error.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        """An id in the path that is no id (``/forms/abc``, ``/forms/1e3``) names nothing: 404."""
        if any(e.get("loc", ("",))[0] == "path" for e in error.errors()):
            return await http_error(request, not_found())
        return await request_validation_exception_handler(request, error)

    @app.exception_handler(OverflowError)
    async def overflow(request: Request, _error: OverflowError) -> Response:
        """An integer too large for the database (SQLite: over 2⁶³ − 1) names nothing: 404."""
        return await http_error(request, not_found())

    @app.exception_handler(DataError)
    async def data_error(request: Request, error: DataError) -> Response:
        """PostgreSQL's 'out of range for type integer' (an id over 2³¹ − 1): 404."""
        if type(error.orig).__name__ == "NumericValueOutOfRange":
            return await http_error(request, not_found())
        raise error

    return app


DOCS_PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>jixiao 绩效 · API 文档</title>
<link rel="stylesheet" href="/static/swagger-ui.css">
<script src="/static/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</head>
<body data-csrf="{csrf}"><div id="swagger-ui"></div></body>
</html>
"""


class DictEnvironment(Environment):
    """The pages render plain dicts: ``f.severity`` looks the key up first. (Jinja tries the attribute
    first and, for a dict, pays for an AttributeError on every lookup; a findings page does thousands.)"""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


class BodyTooLarge(Exception):
    """The request body passed its cap while streaming in."""


UPLOAD_PATHS = ("/upload", "/api/upload")
MAX_BODY_BYTES = 2 * 1024 * 1024  # any request that is not an upload


def _too_large(scope: Any, cap: int) -> Response:
    """The 413 answer, in the reader's language (made only when a body is refused)."""
    said = f"请求内容超过 {cap} 字节上限 / request too large: over {cap} bytes"
    return json_response({"detail": localize(said, language(Request(scope)))}, 413)


class BodyLimit:
    """A cap on every request body: uploads ``limit`` bytes, anything else ``MAX_BODY_BYTES``. A
    declared Content-Length over the cap is refused before reading; a chunked body is counted as it
    streams in and refused (413) the moment it passes the cap: the rest is never read. A plain ASGI
    middleware: Starlette's ``BaseHTTPMiddleware`` costs every request a task and a queue."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.limit if scope["path"] in UPLOAD_PATHS else MAX_BODY_BYTES
        length = next((v for k, v in scope["headers"] if k == b"content-length"), b"")
        if length.isdigit() and int(length) > cap:
            await _too_large(scope, cap)(scope, receive, send)
            return
        seen, over, started = 0, False, False

        async def counted() -> Any:
            nonlocal seen, over
            if over:
                raise BodyTooLarge()
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    over = True
                    raise BodyTooLarge()
            return message

        async def guarded(message: Any) -> None:
            nonlocal started
            if over:  # whatever the app answers to the broken body (a 400 from the form parser): 413
                return
            started = True
            await send(message)

        with suppress(BodyTooLarge):
            await self.app(scope, counted, guarded)
        if over and not started:
            await _too_large(scope, cap)(scope, receive, send)


CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class SecurityHeaders:
    """Headers on every response: CSP (scripts and styles only from /static, never framed), nosniff,
    Referrer-Policy, ``Cache-Control: no-store`` on everything but /static (pages, API JSON and
    downloads carry a unit's data), and behind HTTPS (``secure``) HSTS."""

    def __init__(self, app: Any, secure: bool) -> None:
        self.app = app
        self.headers = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
        if secure:
            self.headers.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control" or static]
                headers += self.headers
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


__all__ = ["CSRF_COOKIE", "Db", "PostUser", "User", "create_app", "engine_of", "get_db", "get_user", "json_response",
           "require_csrf"]
