"""The HTML pages (Chinese UI). Each reads the same dict as its ``/api`` twin and renders it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from jixiao.link.keys import STAGE_LABELS
from jixiao.model.selfeval import SELF_EVALUATION_KINDS
from jixiao.rules.finding import CATEGORIES
from jixiao.store import queries
from jixiao.store.queries import FINDING_SORTS, KINDS, SEVERITIES, F, Filters, X
from jixiao.store.workflow import unit_lock
from jixiao.web import views
from jixiao.web.api import login_or_raise, session_response
from jixiao.web.audit_log import address_of, log_review, log_uploads, record_action
from jixiao.web.auth import CSRF_COOKIE, SESSION_COOKIE, check_csrf, end_session
from jixiao.web.deps import Db, PostUser, User, engine_of, not_found
from jixiao.web.edits import edit_counts, may_edit
from jixiao.web.formview import layout
from jixiao.web.reviews import FINDING_STATUS, FORM_STATUS, review_finding, review_form
from jixiao.web.upload import STATUS_NAMES, ingest_uploads
from jixiao.web.users import USERS, Principal
from jixiao.web.workflow import form_steps

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 100  # findings per HTML page (the API gives up to views.LIST_LIMIT)


def render(request: Request, template: str, user: Principal | None, status_code: int = 200,
           **context: Any) -> HTMLResponse:
    context.update(user=user, csrf=getattr(request.state, "csrf", ""))
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, template, context,
                                                                          status_code=status_code)
    return response


def _safe_next(target: str | None) -> str:
    """Only a path on this site (no ``//host`` or ``http:`` redirects)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _login_page(request: Request, next_: str, error: str | None = None, status_code: int = 200,
                username: str = "") -> HTMLResponse:
    value, token = request.app.state.signer.anonymous()
    request.state.csrf = token
    with engine_of(request).connect() as conn:
        no_users = conn.execute(select(USERS.c.id).limit(1)).first() is None
    response = render(request, "login.html", None, status_code, next=_safe_next(next_), error=error,
                      username=username, no_users=no_users)
    response.set_cookie(CSRF_COOKIE, value, httponly=True, samesite="lax", secure=request.app.state.secure_cookies)
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return _login_page(request, next)


@router.post("/login")
def login(request: Request, username: Annotated[str, Form()], password: Annotated[str, Form()],
          csrf_token: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/") -> Response:
    check_csrf(request.app.state.signer.read_anonymous(request.cookies.get(CSRF_COOKIE)), csrf_token)
    try:
        user = login_or_raise(request, username, password)
    except HTTPException as error:
        response = _login_page(request, next, str(error.detail), error.status_code, username)
        if error.headers:
            response.headers.update(error.headers)
        return response
    redirect = session_response(request, user, RedirectResponse(_safe_next(next), status_code=303))
    redirect.delete_cookie(CSRF_COOKIE)
    return redirect


@router.post("/logout")
def logout(request: Request, user: PostUser) -> Response:
    end_session(engine_of(request), request.cookies.get(SESSION_COOKIE))
    record_action(engine_of(request), user, "logout", f"user:{user.username}", "", address_of(request))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, user: User, conn: Db, year: str = "") -> HTMLResponse:
    chosen = int(year) if year.isdigit() and len(year) == 4 else None  # the year selector; anything else: all years
    return render(request, "dashboard.html", user,
                  data=views.dashboard(conn, user, request.app.state.dashboard_cache, chosen))


@router.get("/units", response_class=HTMLResponse)
def units(request: Request, user: User, conn: Db) -> HTMLResponse:
    return render(request, "units.html", user, **views.units(conn, user))


@router.get("/units/{unit_id}", response_class=HTMLResponse)
def unit(request: Request, unit_id: int, user: User, conn: Db) -> HTMLResponse:
    from jixiao.web.projects import unit_cycle

    data = views.unit(conn, user, unit_id)  # 404 before anything of the unit is read
    return render(request, "unit.html", user, **data, cycle_years=unit_cycle(conn, user, unit_id),
                  stage_names=STAGE_LABELS)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document(request: Request, document_id: int, user: User, conn: Db) -> HTMLResponse:
    return render(request, "document.html", user, **views.document(conn, user, document_id))


@router.get("/forms/{form_id}", response_class=HTMLResponse)
def form(request: Request, form_id: int, user: User, conn: Db) -> HTMLResponse:
    data = views.form(conn, user, form_id, rows=False)
    self_evaluation = data["kind"] in SELF_EVALUATION_KINDS
    if not self_evaluation:  # other kinds are laid out from their stored rows
        data["rows"] = queries.form_rows(conn, form_id)
    locked = unit_lock(data["state"], user.role)  # drafts and returned forms for the unit, never an approved one
    editable = self_evaluation and may_edit(user) and bool(data.get("current")) and locked is None
    edits, since_review = edit_counts(conn, form_id) if self_evaluation else (0, 0)
    return render(request, "form.html", user, form=data, view=layout(data), finding_status=FINDING_STATUS,
                  form_status=FORM_STATUS, can_review=user.role in ("admin", "reviewer", "evaluator"),
                  can_edit=editable, edits=edits, since_review=since_review if data.get("review") else 0,
                  steps=form_steps(user, data))


@router.get("/findings", response_class=HTMLResponse)
def findings(request: Request, user: User, conn: Db, unit: str | None = None, year: str | None = None,
             kind: str | None = None, severity: str | None = None, category: str | None = None,
             rule: str | None = None, q: str = "", sort: str = "", order: str = "",
             offset: int = 0) -> HTMLResponse:
    year_number = int(year) if year and year.strip().isdigit() else None
    filters = Filters(unit=unit or None, year=year_number, kind=kind or None, severity=severity or None,
                      category=category or None, rule=rule or None, text=q.strip()[:100] or None,
                      sort=sort if sort in FINDING_SORTS else None, descending=order == "desc")
    data = views.findings(conn, user, filters, offset, PAGE_SIZE)
    template = "_findings.html" if request.headers.get("hx-request") else "findings.html"
    return render(request, template, user, **data, kinds=KINDS, severities=SEVERITIES, categories=CATEGORIES,
                  query={"unit": unit or "", "year": year or "", "kind": kind or "", "severity": severity or "",
                         "category": category or "", "rule": rule or "", "q": q, "sort": sort, "order": order})


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, user: User) -> HTMLResponse:
    return render(request, "upload.html", user, results=None, status_names=STATUS_NAMES)


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request, user: PostUser,
                 files: Annotated[list[UploadFile], File()]) -> HTMLResponse:
    if not user.can_upload:
        raise HTTPException(status_code=403, detail="第三方评价机构不能上传 / evaluators cannot upload")
    state = request.app.state
    results = await ingest_uploads(engine_of(request), user, files, state.max_upload_bytes, state.max_upload_files,
                                   getattr(state, "slow_limiter", None))
    log_uploads(request, user, results)
    template = "_upload_results.html" if request.headers.get("hx-request") else "upload.html"
    return render(request, template, user, results=results, status_names=STATUS_NAMES)


@router.post("/findings/{finding_id}/review")
def review_finding_page(request: Request, finding_id: int, user: PostUser, status: Annotated[str, Form()],
                        reason: Annotated[str, Form()] = "") -> Response:
    try:
        form_id = review_finding(engine_of(request), user, finding_id, status, reason)
    except HTTPException as error:  # a dismissal without a reason: back to the finding, the error beside it
        if error.status_code != 422 or status not in FINDING_STATUS:
            raise
        with engine_of(request).connect() as conn:
            row = conn.execute(select(X.c.form_id, F.c.unit_id).join(F, F.c.id == X.c.form_id)
                               .where(X.c.id == finding_id)).first()
        if row is None or not user.can_see(row.unit_id):  # nothing about a finding the user may not see
            raise not_found() from None
        form_id = int(row.form_id)
        return RedirectResponse(f"/forms/{form_id}?review_error=finding-{finding_id}#finding-{finding_id}",
                                status_code=303)
    log_review(request, user, "review_finding", f"finding:{finding_id}", status, reason)
    target = f"/forms/{form_id}#finding-{finding_id}" if form_id else "/findings"
    return RedirectResponse(target, status_code=303)


@router.post("/forms/{form_id}/review")
def review_form_page(request: Request, form_id: int, user: PostUser, status: Annotated[str, Form()],
                     comment: Annotated[str, Form()] = "") -> Response:
    try:
        review_form(engine_of(request), user, form_id, status, comment)
    except HTTPException as error:  # a return without a comment: back to the form, the error beside the field
        if error.status_code != 422 or status not in FORM_STATUS:
            raise
        return RedirectResponse(f"/forms/{form_id}?review_error=form#form-review", status_code=303)
    log_review(request, user, "review_form", f"form:{form_id}", status, comment)
    return RedirectResponse(f"/forms/{form_id}", status_code=303)
