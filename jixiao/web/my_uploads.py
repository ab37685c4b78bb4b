"""我的上传: each user's uploads with their outcome, one upload with what was read from it (each field
beside its source row and cell), and the decision on an upload that names another unit: the uploader
confirms it as their unit's, a reviewer or admin reassigns it. Pages and their ``/api`` twins."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from sqlalchemy import Connection

from jixiao.store.units import tree
from jixiao.web.audit_log import address_of, record_action
from jixiao.web.deps import Db, PostUser, User, engine_of, json_response
from jixiao.web.lists import ListQuery, sift_rows
from jixiao.web.pages import render
from jixiao.web.upload_preview import preview
from jixiao.web.upload_records import confirm, my_uploads, reassign, reviews_uploads, visible_upload
from jixiao.web.users import Principal

page_router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])


def upload_view(conn: Connection, user: Principal, upload_id: int) -> dict[str, Any]:
    """One upload the user may see, what was read from it, and what may be done with it."""
    upload = visible_upload(conn, user, upload_id)
    pending = upload["assignment"] == "pending"
    forms = preview(conn, upload["document_id"]) if upload["document_id"] is not None else []
    filed = upload["document_id"] is not None and not pending and (
        user.units is None or upload["assigned_unit_id"] in user.units or upload["unit_id"] in user.units)
    units = ([{"id": u["id"], "name": u["name"], "depth": u["depth"]} for u in tree(conn)]
             if pending and reviews_uploads(user) else [])
    return {"upload": upload, "forms": forms, "can_confirm": pending and upload["user_id"] == user.id
            and upload["unit_id"] is not None, "can_reassign": pending and reviews_uploads(user),
            "document_link": filed, "units": units}


def _log(request: Request, user: Principal, outcome: dict[str, Any]) -> dict[str, Any]:
    """操作日志: who filed an upload under which unit (confirmed by the uploader, or reassigned)."""
    record_action(engine_of(request), user, "upload_unit", f"upload:{outcome['upload_id']}",
                  f"{'确认' if outcome['assignment'] == 'confirmed' else '改归'}：unit:{outcome['unit_id']}",
                  address_of(request))
    return outcome


@page_router.get("/uploads", response_class=HTMLResponse)
def uploads_page(request: Request, user: User, conn: Db) -> HTMLResponse:
    return render(request, "my_uploads.html", user, **my_uploads(conn, user))


@page_router.get("/uploads/{upload_id}", response_class=HTMLResponse)
def upload_page(request: Request, upload_id: int, user: User, conn: Db) -> HTMLResponse:
    return render(request, "my_upload.html", user, **upload_view(conn, user, upload_id))


@page_router.post("/uploads/{upload_id}/confirm")
def confirm_page(request: Request, upload_id: int, user: PostUser) -> Response:
    _log(request, user, confirm(engine_of(request), user, upload_id))
    return RedirectResponse(f"/uploads/{upload_id}", status_code=303)


@page_router.post("/uploads/{upload_id}/assign")
def assign_page(request: Request, upload_id: int, user: PostUser, unit_id: Annotated[int, Form()]) -> Response:
    _log(request, user, reassign(engine_of(request), user, upload_id, unit_id))
    return RedirectResponse(f"/uploads/{upload_id}", status_code=303)


@api_router.get("/uploads", summary="我的上传：本人上传的文件及结果；审核人另见待确认单位的上传")
def api_uploads(request: Request, user: User, conn: Db) -> Response:
    """``q`` (words of the file name, time, unit, result or reason), ``sort`` (created_at, file_name,
    outcome_name, form_count) and ``order`` choose and order each list as on the page."""
    query = ListQuery.of(request.query_params)
    return json_response({key: sift_rows(rows, "uploads", query) for key, rows in my_uploads(conn, user).items()})


@api_router.get("/uploads/{upload_id}", summary="一次上传：结果、文件中的单位名称、读到的每个字段及其来源行")
def api_upload(upload_id: int, user: User, conn: Db) -> Response:
    return json_response(upload_view(conn, user, upload_id))


@api_router.post("/uploads/{upload_id}/confirm", summary="上传人确认：文件归本单位（表单归入上传人的单位）")
def api_confirm(request: Request, upload_id: int, user: PostUser) -> Response:
    return json_response(_log(request, user, confirm(engine_of(request), user, upload_id)))


class Assignment(BaseModel):
    unit_id: int


@api_router.post("/uploads/{upload_id}/assign", summary="审核人或管理员把待确认的上传归入某个单位")
def api_assign(request: Request, upload_id: int, body: Assignment, user: PostUser) -> Response:
    return json_response(_log(request, user, reassign(engine_of(request), user, upload_id, body.unit_id)))

