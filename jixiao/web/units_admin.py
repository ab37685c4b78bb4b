"""单位名录 in the browser: the 主管部门 → 下属单位 tree with codes and aliases. Admins add units, edit
their name, code and 主管部门, and add or remove aliases; reviewers see the whole tree, unit staff and
evaluators the branches of their own units (with form counts of their own units only), read-only.
Pages and their ``/api`` twins."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from sqlalchemy import Connection

from jixiao.store.units import UnitError, add_alias, add_unit, remove_alias, tree, update_unit
from jixiao.web.audit_log import address_of, record_action
from jixiao.web.deps import Db, PostUser, User, engine_of, json_response, not_found
from jixiao.web.lists import ListQuery, sift_rows
from jixiao.web.pages import render
from jixiao.web.users import Principal

page_router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])


def directory(conn: Connection, user: Principal) -> dict[str, Any]:
    """The tree the user may see; ``editable`` for admins."""
    rows = tree(conn, user.units)
    if user.units is not None:  # the branch around one's units: other units' figures are not one's to see
        rows = [{**r, "forms": r["forms"] if r["id"] in user.units else None} for r in rows]
    return {"units": rows, "editable": user.role == "admin",
            "unlisted": sum(1 for r in rows if not r["listed"])}


def _admin(user: Principal) -> None:
    if user.role != "admin":
        raise not_found()


def _parent(parent_id: int | None) -> str | None:
    return f"#{parent_id}" if parent_id else None


def _refused(error: UnitError) -> HTTPException:
    return HTTPException(status_code=400, detail=str(error))


@page_router.get("/directory", response_class=HTMLResponse)
def directory_page(request: Request, user: User, conn: Db) -> HTMLResponse:
    return render(request, "directory.html", user, **directory(conn, user), error=None)


def _log(request: Request, user: Principal, target: str, detail: str) -> None:
    record_action(engine_of(request), user, "unit_change", target, detail, address_of(request))


def _back(request: Request, user: Principal, error: UnitError | None, done: str) -> Response:
    """After a change: back to the page, or the page again with the reason (400) next to the forms."""
    if error is None:
        return RedirectResponse(f"/directory#{done}", status_code=303)
    with engine_of(request).connect() as conn:
        return render(request, "directory.html", user, 400, **directory(conn, user), error=str(error))


@page_router.post("/directory/units")
def add_unit_page(request: Request, user: PostUser, name: Annotated[str, Form()], code: Annotated[str, Form()] = "",
                  parent_id: Annotated[str, Form()] = "", aliases: Annotated[str, Form()] = "") -> Response:
    _admin(user)
    try:
        unit_id = add_unit(engine_of(request), name, code, _parent(int(parent_id) if parent_id.isdigit() else None),
                           [a.strip() for a in aliases.replace("，", ",").split(",") if a.strip()])
    except UnitError as error:
        return _back(request, user, error, "")
    _log(request, user, f"unit:{unit_id}", f"加入名录：{name}")
    return _back(request, user, None, f"unit-{unit_id}")


@page_router.post("/directory/units/{unit_id}")
def edit_unit_page(request: Request, unit_id: int, user: PostUser, name: Annotated[str, Form()],
                   code: Annotated[str, Form()] = "", parent_id: Annotated[str, Form()] = "") -> Response:
    _admin(user)
    try:
        update_unit(engine_of(request), unit_id, name, code, _parent(int(parent_id) if parent_id.isdigit() else None))
    except UnitError as error:
        return _back(request, user, error, "")
    _log(request, user, f"unit:{unit_id}", f"修改：{name}，代码 {code or '—'}，主管部门 {parent_id or '—'}")
    return _back(request, user, None, f"unit-{unit_id}")


@page_router.post("/directory/units/{unit_id}/aliases")
def add_alias_page(request: Request, unit_id: int, user: PostUser, alias: Annotated[str, Form()]) -> Response:
    _admin(user)
    try:
        moved = add_alias(engine_of(request), f"#{unit_id}", alias)
    except UnitError as error:
        return _back(request, user, error, "")
    _log(request, user, f"unit:{unit_id}", f"加别名：{alias}" + (f"（并入 {moved} 张表单）" if moved else ""))
    return _back(request, user, None, f"unit-{unit_id}")


@page_router.post("/directory/units/{unit_id}/aliases/{alias_id}/delete")
def remove_alias_page(request: Request, unit_id: int, alias_id: int, user: PostUser) -> Response:
    _admin(user)
    remove_alias(engine_of(request), unit_id, alias_id)
    _log(request, user, f"unit:{unit_id}", f"删除别名 alias:{alias_id}")
    return _back(request, user, None, f"unit-{unit_id}")


class NewUnit(BaseModel):
    name: str
    code: str | None = None
    parent_id: int | None = None
    aliases: list[str] = []


class UnitChange(BaseModel):
    name: str
    code: str | None = None
    parent_id: int | None = None


class NewAlias(BaseModel):
    alias: str


@api_router.get("/directory", summary="单位名录：主管部门 → 下属单位、代码、别名（单位用户只见本单位所在分支）")
def api_directory(request: Request, user: User, conn: Db) -> Response:
    """``q`` (words of the name, code or an alias), ``sort`` (name, code, forms) and ``order`` as on the
    page: within the units the user may see."""
    data = directory(conn, user)
    return json_response({**data, "units": sift_rows(data["units"], "directory", ListQuery.of(request.query_params))})


@api_router.post("/directory/units", summary="把单位加入名录（管理员）")
def api_add_unit(request: Request, body: NewUnit, user: PostUser) -> Response:
    _admin(user)
    try:
        unit_id = add_unit(engine_of(request), body.name, body.code, _parent(body.parent_id), body.aliases)
    except UnitError as error:
        raise _refused(error) from error
    _log(request, user, f"unit:{unit_id}", f"加入名录：{body.name}")
    return json_response({"id": unit_id})


@api_router.post("/directory/units/{unit_id}", summary="修改单位的名称、代码、主管部门（管理员）")
def api_edit_unit(request: Request, unit_id: int, body: UnitChange, user: PostUser) -> Response:
    _admin(user)
    try:
        update_unit(engine_of(request), unit_id, body.name, body.code, _parent(body.parent_id))
    except UnitError as error:
        raise _refused(error) from error
    _log(request, user, f"unit:{unit_id}",
         f"修改：{body.name}，代码 {body.code or '—'}，主管部门 {body.parent_id or '—'}")
    return json_response({"id": unit_id})


@api_router.post("/directory/units/{unit_id}/aliases", summary="给单位加别名；以此名入库的单位并入（管理员）")
def api_add_alias(request: Request, unit_id: int, body: NewAlias, user: PostUser) -> Response:
    _admin(user)
    try:
        moved = add_alias(engine_of(request), f"#{unit_id}", body.alias)
    except UnitError as error:
        raise _refused(error) from error
    _log(request, user, f"unit:{unit_id}", f"加别名：{body.alias}" + (f"（并入 {moved} 张表单）" if moved else ""))
    return json_response({"id": unit_id, "alias": body.alias, "forms_moved": moved})


@api_router.post("/directory/units/{unit_id}/aliases/{alias_id}/delete", summary="删除一个别名（管理员）")
def api_remove_alias(request: Request, unit_id: int, alias_id: int, user: PostUser) -> Response:
    _admin(user)
    remove_alias(engine_of(request), unit_id, alias_id)
    _log(request, user, f"unit:{unit_id}", f"删除别名 alias:{alias_id}")
    return json_response({"id": unit_id, "removed": alias_id})
