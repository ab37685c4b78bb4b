"""Downloads: one form in the official layout (DOCX / XLSX / PDF), for whoever may see the form."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import anyio.to_thread
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import Connection

from jixiao.present.formats import media_type
from jixiao.present.forms import FORMATS, LAYOUTS, form_model, write_form
from jixiao.web import views
from jixiao.web.audit_log import address_of, record_action
from jixiao.web.deps import Db, User, engine_of
from jixiao.web.users import Principal

router = APIRouter()


async def _slow(request: Request, work: Callable[[], Response]) -> Response:
    """Run ``work`` on the threads kept for uploads and downloads (see ``create_app``)."""
    return await anyio.to_thread.run_sync(work, limiter=getattr(request.app.state, "slow_limiter", None))


@router.get("/api/forms/{form_id}/download.{fmt}", summary="表单按官方格式下载 / a form in the official layout")
@router.get("/forms/{form_id}/download.{fmt}", include_in_schema=False)  # (DESIGN §5.4's address)
async def download_form(request: Request, form_id: int, fmt: str, user: User, conn: Db) -> Response:
    response = await _slow(request, lambda: _form_file(form_id, fmt, user, conn))
    record_action(engine_of(request), user, "download", f"form:{form_id}", fmt, address_of(request))
    return response


def _form_file(form_id: int, fmt: str, user: Principal, conn: Connection) -> Response:
    if fmt not in FORMATS:
        raise HTTPException(404, "未知格式 / unknown format")
    data = views.form(conn, user, form_id)  # 404 unless the user may see this form
    kind = str(data["kind"])
    if kind not in LAYOUTS:
        raise HTTPException(404, "该表单没有官方版式 / no official layout for this form")
    form = form_model(kind, data["data"])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"form.{fmt}"
        write_form(form, fmt, path)
        content = path.read_bytes()
    name = f"{data.get('name') or '表单'}-{form_id}.{fmt}"
    return Response(content, media_type=media_type(fmt),
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})



@router.get("/api/export.xlsx", summary="审核工作簿 / the reviewer's workbook")
async def download_workbook(request: Request, user: User, conn: Db) -> Response:
    """Every unit's forms and findings in one workbook: for the roles that see every unit."""
    if user.role not in ("admin", "reviewer"):
        raise HTTPException(403, "仅财政局审核人员可下载全部单位的工作簿 / reviewers only")
    response = await _slow(request, lambda: _workbook(conn))
    record_action(engine_of(request), user, "export", "workbook", "审核工作簿（全部单位）", address_of(request))
    return response


def _workbook(conn: Connection) -> Response:
    from jixiao.store.export import export_xlsx

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "jixiao.xlsx"
        export_xlsx(conn, path)
        content = path.read_bytes()
    return Response(content, media_type=media_type("xlsx"),
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote('审核工作簿.xlsx')}"})
