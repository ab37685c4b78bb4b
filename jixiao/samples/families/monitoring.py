"""Template families of the 绩效运行监控表 (DESIGN §1 stage 3), with their truth in the shape of
DESIGN §5.1 ``MR``: the national 项目支出绩效目标执行监控表 (deviation causes and the likelihood of
meeting a target as checkbox columns ticked "√", 1-7月) and a provincial variant (项目编码, 预算单位,
the funds columns in another order, causes and likelihood written as text, "1—6月")."""

from __future__ import annotations

import random
from decimal import Decimal

from jixiao.samples.families import data as d
from jixiao.samples.families.cells import Json, amount, h, json_number, json_rate, pct, t, text_or_none
from jixiao.samples.families.layout import Cell, Form, table

CAUSES = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")
LIKELIHOODS = ("确定能", "有可能", "完全不可能")
TICK = "√"
LAGGING = "受施工季节影响，部分工程进度滞后，已督促施工单位增加作业面，确保年底前完成。"
SECTION = "monitoring_reports"


class MonitoredIndicator:
    """One indicator row of a monitoring form: the declared target, the value so far, the forecast."""

    def __init__(self, ind: d.Indicator, share: Decimal, rng: random.Random, lagging: bool = False) -> None:
        s = ind.spec
        self.spec = s
        self.target = ind.target
        if s.nature == "定性":
            self.actual, self.forecast = "推进中", s.value
        else:
            value = Decimal(s.value)
            so_far = value if s.level2 in ("质量指标", "满意度指标", "服务对象满意度指标") or s.nature == "≤" else (
                value * share)
            exponent = value.as_tuple().exponent
            places = max(0, -exponent) if isinstance(exponent, int) else 0
            so_far = so_far.quantize(Decimal(1).scaleb(-places))
            self.actual = f"{so_far}{s.unit}"
            self.forecast = f"{s.actual}{s.unit}"
        behind = ind.note != "" or lagging
        self.cause = rng.choice(("经费保障", "其他", "硬件条件保障")) if behind else None
        self.likelihood = "有可能" if behind else "确定能"
        self.note = LAGGING if behind else ""

    def truth(self) -> dict[str, Json]:
        s = self.spec
        return {"level1": s.level1, "level2": s.level2, "level3": s.level3, "target": self.target,
                "actual_to_date": self.actual, "forecast": self.forecast, "deviation_cause": self.cause,
                "likelihood": self.likelihood, "note": text_or_none(self.note)}


def _funds(p: d.Project, share: Decimal, forecast_share: Decimal) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    total = p.funds[0]
    full = total.full_year or Decimal(0)
    executed = d.q2(full * share)
    forecast = d.q2(full * forecast_share)
    return total.initial or full, full, executed, forecast


def _level_cells(inds: list[MonitoredIndicator]) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    n = len(inds)
    for i, ind in enumerate(inds):
        row: list[Cell] = []
        s = ind.spec
        if i == 0 or inds[i - 1].spec.level1 != s.level1:
            run = 1
            while i + run < n and inds[i + run].spec.level1 == s.level1:
                run += 1
            row.append(t(s.level1, rs=run))
        if i == 0 or inds[i - 1].spec.level1 != s.level1 or inds[i - 1].spec.level2 != s.level2:
            run = 1
            while i + run < n and inds[i + run].spec.level1 == s.level1 and inds[i + run].spec.level2 == s.level2:
                run += 1
            row.append(t(s.level2, rs=run))
        out.append(row)
    return out


def _funds_truth(cells: dict[str, Cell]) -> dict[str, Json]:
    return {k: (json_rate if k == "execution_rate" else json_number)(c.text) for k, c in cells.items()}


# ---------------------------------------------------------------- national

def national_form(p: d.Project, months: int, rng: random.Random) -> tuple[Form, dict[str, Json]]:
    share = Decimal(months) / 12 + Decimal(rng.choice(("-0.12", "-0.05", "0.02", "0.08")))
    inds = [MonitoredIndicator(i, share, rng, k % 3 == 1) for k, i in enumerate(p.indicators)]
    initial, full, executed, forecast = _funds(p, share, Decimal(1))
    period = f"1-{months}月"
    current = p.funds[1]
    rows: list[list[Cell]] = [
        [h("项目名称", cs=3), t(p.name, left=True)],
        [h("主管部门", cs=3), t(p.department, cs=6), h("实施单位", cs=3), t(p.unit)],
        [h("项目资金（万元）", rs=4), t("", cs=3), h("年初预算数", cs=2), h("全年预算数", cs=2),
         h(f"{period}执行数", cs=2), h("执行率", cs=2), h("全年预计执行数", cs=4)],
    ]
    frows: list[Json] = []
    fund_lines = [("年度资金总额", "total", initial, full, executed, forecast)]
    cur_full = current.full_year or Decimal(0)
    other_full = full - cur_full
    cur_ex = min(executed, cur_full)
    fund_lines.append(("其中：财政拨款", "current_year_appropriation", current.initial or cur_full, cur_full, cur_ex,
                       cur_full))
    other_initial = full - (current.initial or cur_full) if initial == full else Decimal("0.00")
    fund_lines.append(("其他资金", "other", other_initial, other_full, executed - cur_ex, forecast - cur_full))
    truth_funds: dict[str, Json] = {}
    for label, role, ini, fy, ex, fc in fund_lines:
        rate = ex / fy if fy else None
        cells = {"initial_budget": amount(ini, cs=2), "full_year_budget": amount(fy, cs=2),
                 "executed_to_date": amount(ex, cs=2), "execution_rate": pct(rate, cs=2),
                 "forecast_executed": amount(fc, cs=4)}
        rows.append([t(label, cs=3), *cells.values()])
        values = _funds_truth(cells)
        frows.append({"label": label, "role": role, **values})
        if role == "total":
            truth_funds = values
    progress = f"截至{months}月底，项目按计划推进，资金执行{pct(executed / full).text}。"
    rows.append([h("年度总体目标", rs=2), h("年初设定目标", cs=7), h(f"{period}执行情况", cs=8)])
    rows.append([t(p.goal_expected, cs=7, left=True), t(progress, cs=8, left=True)])
    rows.append([h("绩效指标", rs=len(inds) + 2), h("一级指标", rs=2), h("二级指标", rs=2), h("三级指标", rs=2),
                 h("年度指标值", rs=2), h(f"{period}实际完成值", rs=2), h("全年预计完成值", rs=2),
                 h("偏差原因分析", cs=5), h("完成目标可能性", cs=3), h("原因说明", rs=2)])
    rows.append([h(x) for x in (*CAUSES, *LIKELIHOODS)])
    for ind, lead in zip(inds, _level_cells(inds), strict=True):
        ticks = [t(TICK if ind.cause == c else "") for c in CAUSES]
        ticks += [t(TICK if ind.likelihood == x else "") for x in LIKELIHOODS]
        rows.append([*lead, t(ind.spec.level3, left=True), t(ind.target), t(ind.actual), t(ind.forecast), *ticks,
                     t(ind.note, left=True)])
    widths = [1.0, 1.0, 1.1, 1.6, 1.0, 1.0, 1.0, 0.6, 0.6, 0.6, 0.7, 0.5, 0.6, 0.6, 0.7, 1.8]
    form = Form(["项目支出绩效目标执行监控表", f"（{p.year}年度）"], [table(16, rows, widths)],
                [f"填报人：{p.lead}    联系电话：{p.phone}"])
    truth: dict[str, Json] = {
        "kind": "monitoring", "unit": p.unit, "project_name": p.name, "department": p.department,
        "implementing_unit": p.unit, "year": p.year, "period": period, "funds": truth_funds, "funds_rows": frows,
        "goal": text_or_none(p.goal_expected), "goal_progress": text_or_none(progress),
        "indicators": [i.truth() for i in inds]}
    return form, truth


def national_pairs() -> list[tuple[Form, dict[str, Json]]]:
    """The family ``monitoring``: the national 项目支出绩效目标执行监控表, as (layout, truth)."""
    rng = random.Random(83)
    return [national_form(p, months, rng) for p, months in
            zip(d.projects(83, 3, year=2024, county_code="110105", other=True), (7, 7, 8), strict=True)]


# ---------------------------------------------------------------- a provincial variant

def provincial_form(p: d.Project, months: int, rng: random.Random) -> tuple[Form, dict[str, Json]]:
    share = Decimal(months) / 12 + Decimal(rng.choice(("-0.2", "-0.04", "0.05")))
    inds = [MonitoredIndicator(i, share, rng, k % 4 == 2) for k, i in enumerate(p.indicators)]
    initial, full, executed, forecast = _funds(p, share, Decimal(rng.choice(("1", "0.97"))))
    period = f"1—{months}月"
    rate = executed / full
    funds = {"full_year_budget": amount(full, cs=2), "initial_budget": amount(initial),
             "executed_to_date": amount(executed), "execution_rate": pct(rate),
             "forecast_executed": amount(forecast, cs=2)}
    rows: list[list[Cell]] = [
        [h("项目名称", cs=2), t(p.name, cs=4, left=True), h("项目编码", cs=1), t(p.code, cs=3)],
        [h("预算单位", cs=2), t(p.unit, cs=4), h("主管部门"), t(p.department, cs=3)],
        [h("项目资金情况", cs=2, rs=2), h("全年预算数", cs=2), h("年初预算数"), h(f"{period}执行数"), h("执行进度"),
         h("全年预计执行数", cs=2)],
        [*funds.values()],
        [h("年度绩效目标", cs=2), t(p.goal_expected, left=True)],
        [h("一级指标", cs=2), h("二级指标"), h("三级指标"), h("年度指标值"), h(f"{period}实际完成值"),
         h("全年预计完成值"), h("偏差原因"), h("完成目标可能性"), h("原因说明")],
    ]
    for ind, lead in zip(inds, _level_cells(inds), strict=True):
        if len(lead) == 2:
            lead = [Cell(lead[0].text, 2, lead[0].rowspan), lead[1]]
        cells = [*lead, t(ind.spec.level3, left=True), t(ind.target), t(ind.actual), t(ind.forecast),
                 t(ind.cause or ""), t(ind.likelihood), t(ind.note, left=True)]
        rows.append(cells)
    form = Form([f"{p.year}年项目绩效运行监控表", "单位：万元"], [table(10, rows)], title_lines=1)
    truth: dict[str, Json] = {
        "kind": "monitoring", "unit": p.unit, "project_code": p.code, "project_name": p.name,
        "department": p.department, "year": p.year, "period": f"1-{months}月", "funds": _funds_truth(funds),
        "goal": text_or_none(p.goal_expected), "indicators": [i.truth() for i in inds]}
    return form, truth


def provincial_pairs() -> list[tuple[Form, dict[str, Json]]]:
    """The family ``monitoring_provincial``: a provincial 项目绩效运行监控表, as (layout, truth)."""
    rng = random.Random(61)
    return [provincial_form(p, months, rng) for p, months in
            zip(d.projects(61, 2, year=2024, county_code="510923"), (6, 9), strict=True)]

