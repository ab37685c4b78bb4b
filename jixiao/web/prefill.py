"""The 项目支出绩效自评表 filled online from the project's declaration (Chinese UI).

The page prints the declared targets read-only (the 年度指标值 of every indicator, the goal, the declared
amount as 年初预算数) and asks for what only the year end knows: 全年预算数 and 全年执行数, each indicator's
实际完成值, 分值 and 得分 with the reason of a deviation, and the goal as achieved. The targets are taken
from the stored declaration, never from the request, so a submitted form cannot lower them. The filled
form is written as the official XLSX and stored like an upload (read, recognised, audited, linked to the
project, the lifecycle checks run again), so what is stored is what a download gives back.

Who fills it: the unit's staff and admins (the unit isolation of the project page applies).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import anyio.to_thread
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection, select

from jixiao.model.declaration import DeclaredIndicator, TargetDeclaration
from jixiao.model.selfeval import FundRow, Funds, Indicator, SelfEvaluation
from jixiao.present.forms import write_form
from jixiao.rules.lifecycle.bundle import declared_text
from jixiao.store.pipeline import store_result
from jixiao.store.process import process_bytes
from jixiao.store.queries import D, F
from jixiao.web.audit_log import address_of, record_action
from jixiao.web.deps import Db, PostUser, User, engine_of, not_found
from jixiao.web.projects import FILLERS, visible_detail
from jixiao.web.users import Principal

router = APIRouter(include_in_schema=False)
FUND_WEIGHT = Decimal(10)  # the national scheme: 预算执行率 10 points, the indicators 90
INDICATOR_POINTS = 90
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
MAX_TEXT = 2000


@dataclass(frozen=True)
class Declared:
    """What the form is filled from: the project, its unit and year, and the stored declaration."""

    project_id: int
    unit: str
    year: int
    declaration: TargetDeclaration
    existing: tuple[int, ...] = ()  # the year's self-evaluations already stored (latest first)


def _may_fill(user: Principal) -> None:
    if user.role not in FILLERS:
        raise HTTPException(status_code=403, detail="只有本单位用户和管理员可以填写自评表 / the unit's staff only")


def declared(conn: Connection, user: Principal, project_id: int, year: int) -> Declared:
    """The project's declaration of ``year`` (404 when the user may not see the project or there is none)."""
    detail = visible_detail(conn, user, project_id)
    forms = next((y.forms for y in detail.timeline if y.year == year), {})
    links = forms.get("declaration", [])
    if not links:
        raise not_found()
    data = conn.execute(select(F.c.data).where(F.c.id == links[0].form_id)).scalar()
    if data is None:
        raise not_found()
    existing = tuple(link.form_id for link in forms.get("self_evaluation", []))
    return Declared(project_id, detail.unit or "", year, TargetDeclaration.model_validate_json(data), existing)


def default_weights(count: int) -> list[int]:
    """The indicators' 90 points spread evenly, the rest to the first (a unit changes them as it scores)."""
    if count == 0:
        return []
    base, rest = divmod(INDICATOR_POINTS, count)
    return [base + (rest if k == 0 else 0) for k in range(count)]


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _number(form: dict[str, str], key: str, label: str, errors: list[str], required: bool = True) -> Decimal | None:
    text = form.get(key, "").strip().replace(",", "")
    if not text:
        if required:
            errors.append(f"请填写{label}")
        return None
    if not _NUMBER.match(text):
        errors.append(f"{label}「{text[:20]}」不是数字")
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        errors.append(f"{label}「{text[:20]}」不是数字")
        return None


def _text(form: dict[str, str], key: str) -> str | None:
    text = " ".join(form.get(key, "").split())[:MAX_TEXT]
    return text or None


def build(source: Declared, form: dict[str, str]) -> tuple[SelfEvaluation | None, list[str]]:
    """The self-evaluation from the declaration and the submitted fields, or the reasons it cannot be."""
    td = source.declaration
    errors: list[str] = []
    budget = _number(form, "full_year_budget", "全年预算数", errors)
    executed = _number(form, "executed", "全年执行数", errors)
    if budget is not None and budget == 0:
        errors.append("全年预算数不能为0")
    indicators: list[Indicator] = []
    for n, ind in enumerate(td.indicators):
        label = ind.level3 or f"第{n + 1}个指标"
        actual = _text(form, f"actual_{n}")
        weight = _number(form, f"weight_{n}", f"「{label}」的分值", errors)
        score = _number(form, f"score_{n}", f"「{label}」的得分", errors)
        if actual is None:
            errors.append(f"请填写「{label}」的实际完成值")
        if weight is not None and score is not None and score > weight:
            errors.append(f"「{label}」的得分{_fmt(score)}超过分值{_fmt(weight)}")
        indicators.append(_indicator(ind, actual, weight, score, _text(form, f"note_{n}")))
    if errors or budget is None or executed is None:
        return None, errors
    rate = executed / budget
    fund_score = (min(rate, Decimal(1)) * FUND_WEIGHT).quantize(Decimal("0.01"), ROUND_HALF_UP)
    initial = td.total_amount
    total = FundRow(initial_budget=initial, full_year_budget=budget, executed=executed, weight=FUND_WEIGHT,
                    execution_rate=rate, score=fund_score,
                    printed={"initial_budget": _fmt(initial) if initial is not None else "",
                             "full_year_budget": _fmt(budget), "executed": _fmt(executed), "weight": "10",
                             "execution_rate": f"{rate * 100:.2f}%", "score": f"{fund_score:.2f}"})
    current = FundRow(initial_budget=initial, full_year_budget=budget, executed=executed,
                      printed={"initial_budget": total.printed["initial_budget"], "full_year_budget": _fmt(budget),
                               "executed": _fmt(executed), "weight": "—", "score": "—"})
    blank = FundRow(printed={"weight": "—", "score": "—"})
    weights = FUND_WEIGHT + sum((i.weight or Decimal(0) for i in indicators), Decimal(0))
    scores = fund_score + sum((i.score or Decimal(0) for i in indicators), Decimal(0))
    name: str | None = f"{td.project_code}-{td.project_name}" if td.project_code else td.project_name
    return SelfEvaluation(
        year=source.year, project_name=name, department=source.unit, implementing_unit=source.unit,
        project_lead=_text(form, "project_lead") or td.project_lead, phone=_text(form, "phone") or td.phone,
        funds=Funds(total=total, current_year_appropriation=current, prior_year_carryover=blank,
                    other=blank.model_copy()),
        goal_expected=td.goal or None, goal_actual=_text(form, "goal_actual"), indicators=indicators,
        total_weight=weights, total_score=scores,
        total_printed={"total_weight": _fmt(weights), "total_score": _fmt(scores)}), []


def _indicator(ind: DeclaredIndicator, actual: str | None, weight: Decimal | None, score: Decimal | None,
               note: str | None) -> Indicator:
    printed = {k: _fmt(v) for k, v in (("weight", weight), ("score", score)) if v is not None}
    return Indicator(level1=ind.level1, level2=ind.level2, level3=ind.level3, target=declared_text(ind),
                     actual=actual, weight=weight, score=score, deviation_note=note, printed=printed)


def _xlsx(form: SelfEvaluation) -> bytes:
    with tempfile.TemporaryDirectory(prefix="jixiao-fill-") as folder:
        path = Path(folder) / "selfeval.xlsx"
        write_form(form, "xlsx", path)
        return path.read_bytes()


def store(request: Request, user: Principal, source: Declared, form: SelfEvaluation) -> int | None:
    """Write the filled form as XLSX and store it like an upload; the stored self-evaluation's id."""
    td = source.declaration
    label = re.sub(r"[\\/\x00-\x1f]", "", td.project_code or td.project_name or "项目")[:80]
    path = f"online/{user.username}/{label}_{source.year}年项目支出绩效自评表（在线填报）.xlsx"
    _, document_id = store_result(engine_of(request), process_bytes(path, _xlsx(form)))
    with engine_of(request).connect() as conn:
        if document_id is None:  # the same form submitted again: the document stored the first time
            document_id = conn.execute(select(D.c.id).where(D.c.path == path, D.c.current.is_(True))).scalar()
        found = conn.execute(select(F.c.id).where(F.c.document_id == document_id, F.c.kind == "self_evaluation")
                             .order_by(F.c.idx)).scalar()
    return int(found) if found is not None else None


def _page(request: Request, user: Principal, source: Declared, values: dict[str, str], errors: list[str],
          status_code: int = 200) -> HTMLResponse:
    from jixiao.web.pages import render

    td = source.declaration
    weights = default_weights(len(td.indicators))
    rows = [{"n": n, "level1": i.level1 or "", "level2": i.level2 or "", "level3": i.level3 or "",
             "target": declared_text(i), "weight": values.get(f"weight_{n}", str(weights[n]))}
            for n, i in enumerate(td.indicators)]
    return render(request, "selfeval_fill.html", user, status_code, source=source, td=td, rows=rows,
                  values=values, errors=errors,
                  initial=_fmt(td.total_amount) if td.total_amount is not None else "")


@router.get("/projects/{project_id}/self-evaluation/{year}", response_class=HTMLResponse)
def fill_page(request: Request, project_id: int, year: int, user: User, conn: Db) -> HTMLResponse:
    source = declared(conn, user, project_id, year)
    _may_fill(user)
    return _page(request, user, source, {}, [])


@router.post("/projects/{project_id}/self-evaluation/{year}", response_class=HTMLResponse)
async def fill_submit(request: Request, project_id: int, year: int, user: PostUser) -> Response:
    with engine_of(request).connect() as conn:
        source = declared(conn, user, project_id, year)
    _may_fill(user)
    values = {k: v for k, v in (await request.form()).items() if isinstance(v, str) and k != "csrf_token"}
    form, errors = build(source, values)
    if form is None:
        return _page(request, user, source, values, errors, status_code=400)
    form_id = await anyio.to_thread.run_sync(store, request, user, source, form)
    if form_id is None:
        return _page(request, user, source, values, ["填写的自评表未能入库，请检查后重试"], status_code=400)
    record_action(engine_of(request), user, "fill_self_evaluation", f"form:{form_id}",
                  f"项目 {project_id} {year}年度", address_of(request))
    return RedirectResponse(f"/forms/{form_id}", status_code=303)


__all__ = ["FILLERS", "build", "declared", "default_weights", "router"]
