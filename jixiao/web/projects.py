"""A project across documents and years (Chinese UI): its timeline over the stages of the cycle (申报 → 监控
→ 自评 → 评价), every indicator declared vs monitored vs achieved with the drift marked, its amounts, its
lifecycle findings and its links, which a reviewer confirms or breaks; and, for a unit page, the
completeness of the unit's cycle (which projects lack a declaration, a monitoring report or a
self-evaluation).

Unit isolation: a user who sees only some units sees a project only when every form of it that is filed
under a unit is filed under one of theirs (a project joined to another unit's form is not theirs to read);
otherwise 404. A form filed under no unit (a third party's report) stays out of their view of the project.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from decimal import Decimal
from pathlib import PurePath
from typing import Any, cast

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection, Table, select

from jixiao.link.keys import STAGE_LABELS, STAGES
from jixiao.store.projects import (
    CYCLE,
    FormLink,
    ProjectDetail,
    ProjectSummary,
    break_link,
    confirm_link,
    list_projects,
    project_detail,
    unit_completeness,
)
from jixiao.store.schema import FormRow, Unit
from jixiao.web.audit_log import address_of, record_action
from jixiao.web.deps import Db, PostUser, User, engine_of, json_response, not_found
from jixiao.web.lists import ListQuery, sift_rows
from jixiao.web.users import Principal

FORMS, UNITS = cast(Table, FormRow.__table__), cast(Table, Unit.__table__)
_DIGITS = re.compile(r"[0-9]{1,18}")  # an id the database can hold
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api")

DECIDERS = ("admin", "reviewer")  # who confirms or breaks a link
FILLERS = ("admin", "unit")  # who fills a self-evaluation in online (jixiao.web.prefill)
STATE_NAMES = {"linked": "已关联", "uncertain": "待确认", "confirmed": "已确认", "broken": "已拆开"}
METHOD_NAMES = {"code": "项目编码相同", "name": "单位与名称相同", "fuzzy": "名称相近", "reviewer": "审核人指定",
                "new": "新项目"}
AMOUNT_NAMES = (("declared", "申报 项目总额"), ("monitored_budget", "监控 全年预算数"),
                ("monitored_executed", "监控 1–N月执行数"), ("budget", "自评 年初预算数"),
                ("full_year_budget", "自评 全年预算数"), ("executed", "自评 全年执行数"))


def may_see(user: Principal, unit_ids: frozenset[int]) -> bool:
    """Admin and reviewer see every project; anyone else one whose forms are all filed under their units."""
    if user.units is None:
        return True
    return bool(unit_ids) and unit_ids <= user.units


def visible_detail(conn: Connection, user: Principal, project_id: int) -> ProjectDetail:
    detail = project_detail(conn, project_id)
    if detail is None or not may_see(user, detail.unit_ids):
        raise not_found()
    return detail


def visible_projects(conn: Connection, user: Principal, unit_id: int | None = None,
                     year: int | None = None) -> list[ProjectSummary]:
    return [p for p in list_projects(conn, unit_id=unit_id, year=year) if may_see(user, p.unit_ids)]


def unit_cycle(conn: Connection, user: Principal, unit_id: int) -> list[dict[str, Any]]:
    """The unit page's section: per year (latest first) the unit's projects and the stages each lacks.
    The caller has checked that ``user`` sees the unit."""
    mine = list_projects(conn, unit_id=unit_id)
    shown = {p.id for p in mine if may_see(user, p.unit_ids)}
    years = sorted({p.year for p in mine if p.year is not None}, reverse=True)
    out = []
    for year in years:
        rows = unit_completeness(conn, unit_id, year)
        out.append({"year": year, "complete": sum(1 for r in rows if not r.missing), "rows": [
            {**asdict(r), "visible": r.project_id in shown,
             # a declared year without a self-evaluation: the unit fills it in online
             "fill": (r.project_id in shown and user.role in FILLERS and r.forms.get("declaration") is not None
                      and r.forms.get("self_evaluation") is None)} for r in rows]})
    return out


def _base(path: str) -> str:
    return PurePath(path).name if path else ""


def _link_json(link: FormLink) -> dict[str, Any]:
    data = asdict(link)
    data.update(file_name=_base(link.source), state_name=STATE_NAMES.get(link.state, link.state),
                method_name=METHOD_NAMES.get(link.method, link.method), stage_name=STAGE_LABELS[link.stage])
    data.pop("source")  # a server path: the file name is enough
    return data


def detail_json(conn: Connection, user: Principal, detail: ProjectDetail) -> dict[str, Any]:
    """The project page's data (and ``GET /api/projects/{id}``): plain values, links by stage and year. A
    form the user may not open (one filed under no unit, like a third party's report, is for reviewers) is
    left out of the timeline and the links, and a finding cites it without a link."""
    units = {link.form_id: link.unit_id for link in detail.links}
    cited = {r["form_id"] for f in detail.findings for r in f.related
             if isinstance(r, dict) and isinstance(r.get("form_id"), int) and r["form_id"] not in units}
    if cited:
        query = select(FORMS.c.id, FORMS.c.unit_id).where(FORMS.c.id.in_(sorted(cited)))
        units.update({row.id: row.unit_id for row in conn.execute(query)})

    def seen(form_id: int | None) -> bool:
        return form_id is None or user.can_see(units.get(form_id))

    facts = _facts(conn, sorted({link.form_id for link in detail.links if seen(link.form_id)}))

    timeline = []
    for year in detail.timeline:
        timeline.append({
            "year": year.year,
            "forms": {stage: [{**_link_json(link), "facts": facts.get(link.form_id, "")}
                              for link in year.forms.get(stage, []) if seen(link.form_id)] for stage in STAGES},
            "indicators": [asdict(line) for line in year.indicators],
            "amounts": dict(year.amounts),
            "budget_differs": _differs(year.amounts.get("declared"), year.amounts.get("budget")),
        })
    findings = []
    for f in detail.findings:
        if not seen(f.form_id):
            continue
        item = asdict(f)
        item.pop("source")
        item["file_name"] = _base(f.source)
        item["related"] = [_cited(r, seen(r.get("form_id"))) for r in f.related if isinstance(r, dict)]
        findings.append(item)
    links = [link for link in detail.links if seen(link.form_id)]
    return {"id": detail.id, "unit_id": detail.unit_id, "unit": detail.unit, "code": detail.code,
            "name": detail.name, "timeline": timeline, "links": [_link_json(link) for link in links],
            "findings": findings, "uncertain": sum(1 for link in links if link.state == "uncertain")}


def _facts(conn: Connection, form_ids: list[int]) -> dict[int, str]:
    """Each form's headline as the timeline shows it: the declared amount, the execution rate so far, the
    total score and grade (as printed, else recomputed)."""
    if not form_ids:
        return {}
    query = select(FORMS.c.id, FORMS.c.kind, FORMS.c.amount, FORMS.c.execution_rate, FORMS.c.total_score,
                   FORMS.c.grade, FORMS.c.recomputed_grade).where(FORMS.c.id.in_(form_ids))
    out: dict[int, str] = {}
    for row in conn.execute(query):
        parts = []
        if row.kind == "project_target_declaration" and row.amount is not None:
            parts.append(f"{_number(row.amount)} 万元")
        if row.kind == "monitoring" and row.execution_rate is not None:
            parts.append(f"执行率 {row.execution_rate * 100:.2f}%")
        if row.total_score is not None:
            parts.append(f"{_number(row.total_score)} 分")
        if row.grade or row.recomputed_grade:
            parts.append(str(row.grade or row.recomputed_grade))
        out[row.id] = " · ".join(parts)
    return out


def _number(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


def _cited(related: dict[str, Any], seen: bool) -> dict[str, Any]:
    """A form a finding cites: its file name (never a server path), and no id when the user may not open it."""
    out = {k: (_base(v) if k == "source" and isinstance(v, str) else v) for k, v in related.items()}
    if not seen:
        out.pop("form_id", None)
    return out


def _differs(a: Any, b: Any) -> bool:
    return a is not None and b is not None and a != b


def _render(request: Request, template: str, user: Principal, **context: Any) -> HTMLResponse:
    """As :func:`jixiao.web.pages.render` (which imports this module for the unit page: no cycle)."""
    context.update(user=user, csrf=getattr(request.state, "csrf", ""))
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, template, context)
    return response


def _filters(conn: Connection, user: Principal, unit: str | None, year: str | None) -> tuple[int | None, int | None]:
    """The list's unit and year: a unit the user may not see, or that does not exist, is a 404 (as on every
    page); a year that is no year lists every year."""
    unit_id = None
    if unit:
        if not _DIGITS.fullmatch(unit.strip()):
            raise not_found()
        unit_id = int(unit.strip())
        if not user.can_see(unit_id) or conn.execute(select(UNITS.c.id).where(UNITS.c.id == unit_id)).first() is None:
            raise not_found()
    year_number = int(year.strip()) if year and _YEAR.fullmatch(year.strip()) else None
    return unit_id, year_number


@router.get("/projects", response_class=HTMLResponse)
def projects_page(request: Request, user: User, conn: Db, unit: str | None = None,
                  year: str | None = None) -> HTMLResponse:
    unit_id, year_number = _filters(conn, user, unit, year)
    rows = [p.to_json() for p in visible_projects(conn, user, unit_id, year_number)]  # sifted by the page
    return _render(request, "projects.html", user, projects=rows, stages=STAGES, stage_names=STAGE_LABELS,
                   query={"unit": unit or "", "year": year or ""})


@router.get("/projects/{project_id}", response_class=HTMLResponse)
def project_page(request: Request, project_id: int, user: User, conn: Db) -> HTMLResponse:
    detail = visible_detail(conn, user, project_id)
    return _render(request, "project.html", user, project=detail_json(conn, user, detail), stages=STAGES,
                   stage_names=STAGE_LABELS, amount_names=AMOUNT_NAMES, cycle=CYCLE,
                   can_decide=user.role in DECIDERS, can_fill=user.role in FILLERS)


def _decide(request: Request, user: Principal, link_id: int, confirm: bool) -> Response:
    if user.role not in DECIDERS:
        raise HTTPException(status_code=403, detail="只有审核人员可以确认或拆开关联 / reviewers only")
    with engine_of(request).begin() as conn:
        link = (confirm_link if confirm else break_link)(conn, link_id, user=user.username)
        if link is None:
            raise not_found()
        record_action(conn, user, "link_decision", f"project:{link.project_id}",  # stands or falls with it
                      f"{'确认' if confirm else '拆开'}关联 {link_id}（表单 {link.form_id}）", address_of(request))
    return RedirectResponse(f"/projects/{link.project_id}#links", status_code=303)


@router.post("/projects/links/{link_id}/confirm")
def confirm_page(request: Request, link_id: int, user: PostUser) -> Response:
    return _decide(request, user, link_id, confirm=True)


@router.post("/projects/links/{link_id}/break")
def break_page(request: Request, link_id: int, user: PostUser) -> Response:
    return _decide(request, user, link_id, confirm=False)


@api_router.get("/projects")
def projects_api(request: Request, user: User, conn: Db, unit: str | None = None, year: str | None = None) -> Response:
    """``unit`` and ``year`` choose the projects; ``q`` (words of the name, code, unit or year), ``sort``
    and ``order`` search and order them as on the page, within the projects the user may see."""
    unit_id, year_number = _filters(conn, user, unit, year)
    rows = [p.to_json() for p in visible_projects(conn, user, unit_id, year_number)]
    return json_response(sift_rows(rows, "projects", ListQuery.of(request.query_params)))


@api_router.get("/projects/{project_id}")
def project_api(project_id: int, user: User, conn: Db) -> Response:
    return json_response(detail_json(conn, user, visible_detail(conn, user, project_id)))


__all__ = ["api_router", "may_see", "router", "unit_cycle"]
