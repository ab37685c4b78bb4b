"""Template families: sample data → the printed layout of one form, with the reading a careful
human makes of it (the truth, in the shape of DESIGN §5.1, only keys the form prints).

Each builder makes the cells once and takes the truth from those same cells, so the truth is what
the page shows (a rate stored as 0.89696… but displayed "89.70%" is 0.897 in the truth)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.samples.families import data as d
from jixiao.samples.families import monitoring
from jixiao.samples.families.cells import (
    Json,
    amount,
    h,
    json_number,
    json_rate,
    number,
    pct,
    t,
    text_or_none,
    value_json,
)
from jixiao.samples.families.layout import Cell, Form, table

CANONICAL = ("total", "current_year_appropriation", "prior_year_carryover", "other")
MONITORING = monitoring.SECTION


@dataclass
class Sample:
    form: Form
    truth: dict[str, Json]
    section: str = "self_evaluations"  # or "target_declarations", "monitoring_reports"


@dataclass(frozen=True)
class Family:
    name: str
    description: str
    build: Callable[[], list[Sample]]


def norm(text: str) -> str:
    out = text_or_none(text)
    return out or ""


def fund_truth(rows: list[tuple[str, str, dict[str, Cell]]]) -> tuple[dict[str, Json], list[Json]]:
    """``funds`` (the canonical rows) and ``funds_rows`` (every row, in order) from the printed cells."""
    funds: dict[str, Json] = {}
    funds_rows: list[Json] = []
    for label, role, cells in rows:
        values = {k: (json_rate if k == "execution_rate" else json_number)(c.text) for k, c in cells.items()}
        funds_rows.append({"label": norm(label), "role": role, **values})
        if role in CANONICAL:
            funds[role] = values
    return funds, funds_rows


def level_rows(inds: list[d.Indicator], level1: Callable[[str], str] = lambda s: s,
               with_level2: bool = True) -> list[list[Cell]]:
    """The level cells of each indicator row: 一级 and 二级 merged down over their runs."""
    out: list[list[Cell]] = []
    n = len(inds)
    for i, ind in enumerate(inds):
        row: list[Cell] = []
        s = ind.spec
        if i == 0 or inds[i - 1].spec.level1 != s.level1:
            run = 1
            while i + run < n and inds[i + run].spec.level1 == s.level1:
                run += 1
            row.append(t(level1(s.level1), rs=run))
        if with_level2 and (i == 0 or inds[i - 1].spec.level1 != s.level1 or inds[i - 1].spec.level2 != s.level2):
            run = 1
            while (i + run < n and inds[i + run].spec.level1 == s.level1
                   and inds[i + run].spec.level2 == s.level2):
                run += 1
            row.append(t(s.level2, rs=run))
        out.append(row)
    return out


def level1_points(inds: list[d.Indicator]) -> Callable[[str], str]:
    totals: dict[str, Decimal] = {}
    for ind in inds:
        totals[ind.spec.level1] = totals.get(ind.spec.level1, Decimal(0)) + ind.weight
    return lambda name: f"{name}({number(totals[name]).text}分)"


def level_truth(ind: d.Indicator, with_level2: bool = True) -> dict[str, Json]:
    out: dict[str, Json] = {"level1": ind.spec.level1}
    if with_level2:
        out["level2"] = ind.spec.level2
    out["level3"] = ind.spec.level3
    return out


def project_truth(p: d.Project, frows: list[tuple[str, str, dict[str, Cell]]], inds: list[Json],
                  *head: str, total_weight: bool = True) -> dict[str, Json]:
    """A project self-evaluation's truth: ``head`` names the printed header fields beyond the
    project name, department and implementing unit (``project_code``, ``project_lead``, ``phone``)."""
    funds, funds_rows = fund_truth(frows)
    values = {"project_code": p.code, "project_lead": p.lead, "phone": p.phone}
    truth: dict[str, Json] = {"year": p.year, "project_name": p.name, "department": p.department,
                              "implementing_unit": p.unit, **{k: values[k] for k in head},
                              "funds": funds, "funds_rows": funds_rows, "goal_expected": norm(p.goal_expected),
                              "goal_actual": norm(p.goal_actual), "indicators": inds}
    if total_weight:
        truth["total_weight"] = json_number(number(p.total_weight).text)
    truth["total_score"] = json_number(number(p.total_score).text)
    return truth


# ---------------------------------------------------------------- a. central / national

def central_form(p: d.Project, colon: bool = False, letters: bool = False, blank: bool = False) -> Sample:
    """The 财政部 项目支出绩效自评表; ``colon``/``letters`` give the Sichuan county variant
    ("年度资金总额：", "全年预算数（A）", "执行率（B/A）"); ``blank`` prints the empty template."""
    c = "：" if colon else ""
    year_line = "（    年度）" if blank else f"（{p.year}年度）"
    heads = ["年初预算数", "全年预算数（A）" if letters else "全年预算数",
             "全年执行数（B）" if letters else "全年执行数", "分值", "执行率（B/A）" if letters else "执行率", "得分"]
    keys = ["initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score"]
    rows: list[list[Cell]] = [
        [h(f"项目名称{c}", cs=2), t("" if blank else p.name, left=True)],
        [h(f"主管部门{c}", cs=2), t("" if blank else p.department, cs=3), h(f"实施单位{c}", cs=2),
         t("" if blank else p.unit)],
    ]
    if not blank:
        rows.append([h(f"项目负责人{c}", cs=2), t(p.lead, cs=3), h(f"联系电话{c}", cs=2), t(p.phone)])
    rows.append([h("项目资金（万元）", cs=2, rs=5), t("", cs=2), *(h(x) for x in heads)])
    labels = [("年度资金总额" + c, "total"), ("其中：当年财政拨款", "current_year_appropriation"),
              ("上年结转资金", "prior_year_carryover"), ("其他资金", "other")]
    frows: list[tuple[str, str, dict[str, Cell]]] = []
    for (label, role), f in zip(labels, p.funds, strict=True):
        if blank:
            vals = {k: Cell() for k in keys}
        else:
            rate = f.executed / f.full_year if f.executed is not None and f.full_year else None
            vals = {"initial_budget": amount(f.initial), "full_year_budget": amount(f.full_year),
                    "executed": amount(f.executed),
                    "weight": number(p.fund_weight) if role == "total" else Cell(),
                    "execution_rate": pct(rate, places=2 if role == "total" else 0) if rate is not None else Cell(),
                    "score": number(p.fund_score) if role == "total" else Cell()}
        rows.append([t(label, cs=2), *(vals[k] for k in keys)])
        frows.append((label, role, vals))
    rows.append([h("年度总体目标", cs=2, rs=2), h("预期目标", cs=4), h("实际完成情况", cs=4)])
    rows.append([t("" if blank else p.goal_expected, cs=4, left=True),
                 t("" if blank else p.goal_actual, cs=4, left=True)])
    inds = [] if blank else p.indicators
    rows.append([h("绩效指标", rs=len(inds) + 1 if inds else 4), h("一级指标"), h("二级指标"), h("三级指标"),
                 h("年度指标值"), h("实际完成值"), h("分值"), h("得分"), h("偏差原因分析及改进措施", cs=2)])
    truth_inds: list[Json] = []
    if blank:
        rows += [[t("产出指标"), t("数量指标"), t("……"), t(""), t(""), t(""), t(""), t("", cs=2)],
                 [t("效益指标"), t("社会效益指标"), t("……"), t(""), t(""), t(""), t(""), t("", cs=2)],
                 [t("满意度指标"), t("服务对象满意度指标"), t("……"), t(""), t(""), t(""), t(""), t("", cs=2)]]
    for ind, lead in zip(inds, level_rows(inds), strict=True):
        rows.append([*lead, t(ind.spec.level3, left=True), t(ind.target), t(ind.actual), number(ind.weight),
                     number(ind.score), t(ind.note, cs=2, left=True)])
        truth_inds.append({**level_truth(ind), "target": ind.target, "actual": ind.actual,
                           "weight": json_number(number(ind.weight).text), "score": json_number(number(ind.score).text),
                           "deviation_note": text_or_none(ind.note)})
    total_w, total_s = (Cell(), Cell()) if blank else (number(p.total_weight), number(p.total_score))
    rows.append([h("总分", cs=6), total_w, total_s, t("", cs=2)])
    form = Form(["项目支出绩效自评表", year_line], [table(10, rows, [1, 1, 1.3, 2, 1.3, 1.3, 1, 1, 1, 1])])
    if blank:
        return Sample(form, {"project_name": None, "total_score": None, "indicators": []})
    return Sample(form, project_truth(p, frows, truth_inds, "project_lead", "phone"))


def central() -> list[Sample]:
    return [central_form(p) for p in d.projects(11, 3, year=2023, county_code="110105", other=True)]


def sichuan_county() -> list[Sample]:
    samples = [central_form(p, colon=True, letters=True) for p in d.projects(23, 3, year=2023, county_code="510923")]
    for s in samples:  # the county prints the year in the title line itself
        s.form.before = [f"{s.truth['year']}年度项目支出绩效自评表"]
    return samples


def blank_central() -> list[Sample]:
    return [central_form(d.projects(5, 1)[0], blank=True)]


# ---------------------------------------------------------------- b. Sichuan 510000

def sichuan_510000_form(p: d.Project) -> Sample:
    total, current, prior, other = p.funds
    zero = Decimal("0.00")

    def add(*xs: Decimal | None) -> Decimal:
        return sum((x or zero for x in xs), zero)

    fiscal = d.FundLine("fiscal", add(current.initial, prior.initial), add(current.full_year, prior.full_year),
                        add(current.executed, prior.executed))
    lines = [("总额", "total", total), ("其中：财政资金", "fiscal", fiscal),
             ("财政专户管理资金", "special_account", d.FundLine("special_account", zero, zero, zero)),
             ("单位资金", "own_funds", d.FundLine("own_funds", zero, zero, zero)),
             ("其他资金", "other", other)]
    keys = ["initial_budget", "full_year_budget", "executed", "execution_rate", "weight", "score"]
    rows: list[list[Cell]] = [
        [h("项目名称", cs=2), t(f"{p.code}-{p.name}", left=True)],
        [h("主管部门", cs=2), t(p.department, cs=4), h("实施单位", cs=2), t(p.unit)],
        [h("项目基本情况", cs=2, rs=2), h("项目年度目标", cs=4), h("年度目标完成情况")],
        [t(p.goal_expected, cs=4, left=True), t(p.goal_actual, left=True)],
        [h("预算执行情况（10分）", cs=2, rs=6), h("年度预算数（万元）"), h("年初预算"), h("调整后预算数"),
         h("预算执行数"), h("预算执行率"), h("权重"), h("得分"), h("原因", cs=2)],
    ]
    frows: list[tuple[str, str, dict[str, Cell]]] = []
    for k, (label, role, f) in enumerate(lines):
        if f.full_year is None:
            vals = {"initial_budget": Cell(), "full_year_budget": Cell(), "executed": Cell(), "execution_rate": Cell(),
                    "weight": t("/"), "score": t("/")}
        else:
            rate = f.executed / f.full_year if f.executed is not None and f.full_year else Decimal(0)
            vals = {"initial_budget": amount(f.initial if f.initial is not None else zero),
                    "full_year_budget": amount(f.full_year), "executed": amount(f.executed),
                    "execution_rate": pct(rate),
                    "weight": number(p.fund_weight) if k == 0 else t("/"),
                    "score": number(p.fund_score) if k == 0 else t("/")}
        row = [t(label), *(vals[x] for x in keys)]
        if k == 0:
            row.append(t("预算执行率=预算执行数/调整后预算数，执行率未达到90%的需说明原因。", cs=2, rs=5, left=True))
        rows.append(row)
        frows.append((label, role, vals))
    inds = p.indicators
    rows.append([h("绩效指标（90分）", cs=2, rs=len(inds) + 1), h("一级指标"), h("二级指标"), h("三级指标"),
                 h("指标性质"), h("指标值"), h("度量单位"), h("完成值"), h("权重"), h("得分"), h("未完成原因分析")])
    truth_inds: list[Json] = []
    for ind, lead in zip(inds, level_rows(inds), strict=True):
        s = ind.spec
        rows.append([*lead, t(s.level3, left=True), t(s.nature), t(s.value), t(s.unit), t(s.actual),
                     number(ind.weight), number(ind.score), t(ind.note, left=True)])
        truth_inds.append({**level_truth(ind), "target": ind.target, "nature": s.nature, "value": value_json(s.value),
                           "unit": s.unit or None, "actual": s.actual,
                           "weight": json_number(number(ind.weight).text), "score": json_number(number(ind.score).text),
                           "deviation_note": text_or_none(ind.note)})
    rows.append([h("合计", cs=9), number(p.total_weight), number(p.total_score), t("")])
    rows.append([h("评价结论", cs=2), t("项目按计划实施，资金使用规范，年度绩效目标基本完成。", left=True)])
    rows.append([h("存在问题", cs=2), t("个别指标完成进度偏慢。", left=True)])
    rows.append([h("改进措施", cs=2), t("加强项目进度调度和资金支出管理。", left=True)])
    form = Form([f"部门预算项目支出绩效自评表（{p.year}年度）"],
                [table(12, rows, [0.8, 0.8, 1.2, 1.2, 2, 1, 1.1, 1, 1, 0.8, 0.8, 1.6])],
                [f"项目负责人：{p.lead}        财务负责人：{d.NAMES[(len(p.name)) % len(d.NAMES)]}"])
    return Sample(form, project_truth(p, frows, truth_inds, "project_code", "project_lead"))


def sichuan_510000() -> list[Sample]:
    return [sichuan_510000_form(p) for p in d.projects(51, 3, year=2023, county_code="510923")]


# ---------------------------------------------------------------- c. Anhui 绩效目标自评表

ASCII_NATURE = {"≥": ">=", "≤": "<=", "=": "="}


def anhui_form(p: d.Project) -> Sample:
    total, current, _prior, other = p.funds
    lines = [("年度资金总额：", "total", total), ("其中：本年财政拨款", "current_year_appropriation", current),
             ("其他资金", "other", other)]
    keys = ["full_year_budget", "executed", "weight", "execution_rate", "score"]
    rows: list[list[Cell]] = [
        [h("项目名称", cs=2), t(p.name, left=True)],
        [h("主管部门", cs=2), t(p.department, cs=3), h("实施单位"), t(p.unit)],
        [h("资金情况（万元）", cs=2, rs=4), t("", cs=2), h("全年预算数（A）"), h("全年执行数（B）"), h("分值"),
         h("执行率（B/A）"), h("得分")],
    ]
    frows: list[tuple[str, str, dict[str, Cell]]] = []
    for k, (label, role, f) in enumerate(lines):
        rate = f.executed / f.full_year if f.executed is not None and f.full_year else None
        vals = {"full_year_budget": amount(f.full_year), "executed": amount(f.executed),
                "weight": number(p.fund_weight) if k < 2 and rate is not None else Cell(),
                "execution_rate": pct(rate, places=0) if rate is not None else Cell(),
                "score": number(d.q2(min(rate, Decimal(1)) * p.fund_weight)) if k < 2 and rate is not None
                else Cell()}
        rows.append([t(label, cs=2, left=True), *(vals[x] for x in keys)])
        frows.append((label, role, vals))
    rows.append([h("年度总体目标", cs=2, rs=2), h("年初设定目标", cs=3), h("年度总体目标完成情况综述", cs=4)])
    rows.append([t(p.goal_expected, cs=3, left=True), t(p.goal_actual, cs=4, left=True)])
    inds = p.indicators
    rows.append([h("绩效指标", rs=len(inds) + 1), h("一级指标"), h("二级指标"), h("三级指标"), h("分值"),
                 h("年度指标值"), h("全年实际值"), h("得分"), h("未完成原因及拟采取的改进措施")])
    truth_inds: list[Json] = []
    points = level1_points(inds)
    for ind, lead in zip(inds, level_rows(inds, points), strict=True):
        s = ind.spec
        target = s.value if s.nature == "定性" else f"{ASCII_NATURE[s.nature]}{s.value}{s.unit}"
        rows.append([*lead, t(s.level3, left=True), number(ind.weight), t(target), t(ind.actual), number(ind.score),
                     t(ind.note, left=True)])
        truth_inds.append({**level_truth(ind), "weight": json_number(number(ind.weight).text), "target": target,
                           "actual": ind.actual, "score": json_number(number(ind.score).text),
                           "deviation_note": text_or_none(ind.note)})
    rows.append([h("总分", cs=4), number(p.total_weight), t(""), t(""), number(p.total_score), t("")])
    form = Form(["绩效目标自评表", f"（{p.year}年度）"], [table(9, rows, [1, 1.2, 1.4, 2.2, 0.8, 1.3, 1.3, 0.8, 1.8])])
    return Sample(form, project_truth(p, frows, truth_inds))


def anhui() -> list[Sample]:
    return [anhui_form(p) for p in d.projects(34, 3, year=2023, county_code="340621", carryover=False, other=True)]


# ---------------------------------------------------------------- d. Yunnan older (Hubei-like)

YUNNAN_OLD = {"产出指标": 40, "效益指标": 30, "满意度指标": 10}


def yunnan_old_form(p: d.Project) -> Sample:
    f = p.total
    rate = p.rate
    rows: list[list[Cell]] = [
        [h("项目名称", cs=2), t(p.name, left=True)],
        [h("主管部门", cs=2), t(p.department, cs=2), h("项目实施单位"), t(p.unit)],
        [h("预算执行情况（万元）（20分）", rs=2), t(""), h("预算数（A）"), h("执行数（B）"), h("执行率（B/A）"),
         h("得分（20分*执行率）", cs=2)],
    ]
    vals = {"full_year_budget": amount(f.full_year), "executed": amount(f.executed), "execution_rate": pct(rate),
            "score": number(p.fund_score, cs=2)}
    rows.append([t("年度资金总额"), *(vals[k] for k in ("full_year_budget", "executed", "execution_rate", "score"))])
    inds = p.indicators
    rows.append([h("年度绩效目标1（80分）", rs=len(inds) + 1), h("一级指标"), h("二级指标"), h("三级指标"),
                 h("年初目标值（A）"), h("实际完成值（B）"), h("得分")])
    truth_inds: list[Json] = []
    for ind, lead in zip(inds, level_rows(inds), strict=True):
        rows.append([*lead, t(ind.spec.level3, left=True), t(ind.target), t(ind.actual), number(ind.score)])
        truth_inds.append({**level_truth(ind), "target": ind.target, "actual": ind.actual,
                           "score": json_number(number(ind.score).text)})
    rows.append([h("总分", cs=6), number(p.total_score)])
    missed = [i.spec.level3 for i in inds if i.note]
    cause = f"{'、'.join(missed)}未达到年初目标值，主要受项目实施进度影响。" if missed else "无"
    rows.append([h("偏差大或目标未完成原因分析", cs=2), t(cause, left=True)])
    plan = "加强项目前期论证和过程监控，评价结果作为下年度预算安排的参考。" if missed else "无"
    rows.append([h("改进措施及结果应用方案", cs=2), t(plan, left=True)])
    form = Form([f"{p.year}年度项目绩效自评表", f"单位名称：{p.unit}        填报日期：{p.year + 1}年2月20日"],
                [table(7, rows, [1.2, 1.2, 1.5, 2.2, 1.4, 1.4, 1])],
                ["备注：1.预算执行情况口径：预算数为调整后财政资金总额（包括上年结转结余），执行数为资金使用单位财政资金实际支出数。",
                 "2.定量指标计分原则：正向指标得分=权重×B/A，反向指标得分=权重×A/B，得分不得突破权重。"])
    fvals = {k: (json_rate if k == "execution_rate" else json_number)(c.text) for k, c in vals.items()}
    fvals["weight"] = 20  # printed in the block label 预算执行情况（万元）（20分）
    truth: dict[str, Json] = {
        "year": p.year, "project_name": p.name, "department": p.department, "implementing_unit": p.unit,
        "funds": {"total": fvals}, "funds_rows": [{"label": "年度资金总额", "role": "total", **fvals}],
        "indicators": truth_inds, "total_score": json_number(number(p.total_score).text)}
    return Sample(form, truth)


def yunnan_old() -> list[Sample]:
    return [yunnan_old_form(p) for p in d.projects(53, 3, year=2022, county_code="530702", fund_weight=20,
                                                   totals=YUNNAN_OLD)]


# ---------------------------------------------------------------- e. Yunnan current (split 年度指标值)

def yunnan_form(p: d.Project) -> Sample:
    heads = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    keys = ["initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score"]
    rows: list[list[Cell]] = [
        [h("项目名称", cs=3), t(p.name, left=True)],
        [h("主管部门", cs=3), t(p.department, cs=2), h("实施单位", cs=2), t(p.unit)],
        [h("项目资金（万元）", cs=2, rs=5), t("", cs=2), *(h(x) for x in heads)],
    ]
    labels = [("年度资金总额", "total"), ("其中：当年财政拨款", "current_year_appropriation"),
              ("上年结转资金", "prior_year_carryover"), ("其他资金", "other")]
    frows: list[tuple[str, str, dict[str, Cell]]] = []
    for (label, role), f in zip(labels, p.funds, strict=True):
        rate = f.executed / f.full_year if f.executed is not None and f.full_year else None
        vals = {"initial_budget": amount(f.initial), "full_year_budget": amount(f.full_year),
                "executed": amount(f.executed), "weight": number(p.fund_weight) if role == "total" else Cell(),
                "execution_rate": pct(rate, places=0) if rate is not None and role != "other" else Cell(),
                "score": number(p.fund_score) if role == "total" else Cell()}
        if role != "total" and rate is None:
            vals["execution_rate"] = Cell()
        rows.append([t(label, cs=2), *(vals[k] for k in keys)])
        frows.append((label, role, vals))
    rows.append([h("年度总体目标", cs=2, rs=2), h("预期目标", cs=4), h("实际完成情况", cs=4)])
    rows.append([t(p.goal_expected, cs=4, left=True), t(p.goal_actual, cs=4, left=True)])
    inds = p.indicators
    rows.append([h("绩效指标", cs=3), h("年度指标值", cs=3), h("实际完成值", rs=2), h("分值", rs=2), h("得分", rs=2),
                 h("偏差原因分析及改进措施", rs=2)])
    rows.append([h("一级指标"), h("二级指标"), h("三级指标"), h("指标性质"), h("指标值"), h("度量单位")])
    truth_inds: list[Json] = []
    for ind, lead in zip(inds, level_rows(inds), strict=True):
        s = ind.spec
        shown = "＝" if s.nature == "=" else s.nature  # full-width, as offices print it
        rows.append([*lead, t(s.level3, left=True), t(shown), t(s.value), t(s.unit), t(s.actual), number(ind.weight),
                     number(ind.score), t(ind.note, left=True)])
        truth_inds.append({**level_truth(ind), "target": ind.target, "nature": s.nature, "value": value_json(s.value),
                           "unit": s.unit or None, "actual": s.actual,
                           "weight": json_number(number(ind.weight).text), "score": json_number(number(ind.score).text),
                           "deviation_note": text_or_none(ind.note)})
    rows.append([h("总分", cs=7), number(p.total_weight), number(p.total_score), t("")])
    form = Form([f"{p.year}年度项目支出绩效自评表"], [table(10, rows, [1, 1.2, 1.8, 0.8, 1, 0.9, 1, 0.8, 0.8, 1.6])])
    return Sample(form, project_truth(p, frows, truth_inds))


def yunnan() -> list[Sample]:
    return [yunnan_form(p) for p in d.projects(530, 3, year=2023, county_code="530702")]


# ---------------------------------------------------------------- f. department-wide

def guizhou_dept_form(dep: d.Department) -> Sample:
    rows: list[list[Cell]] = [
        [h("部门（单位）名称", cs=2), t(dep.name, left=True)],
        [h("部门（单位）总体资金（万元）", cs=2, rs=5), h("资金来源"), h("年初预算数（A）"), h("全年执行数（B）"),
         h("分值（10分）"), h("得分"), h("得分计算方法", cs=2)],
    ]
    labels = ["年度资金总额：", "基本支出", "项目支出", "其他"]
    score = d.q2(min(dep.rate, Decimal(1)) * dep.fund_weight)
    frows: list[tuple[str, str, dict[str, Cell]]] = []
    for k, (label, f) in enumerate(zip(labels, dep.funds, strict=True)):
        vals = {"initial_budget": amount(f.initial), "executed": amount(f.executed),
                "weight": number(dep.fund_weight) if k == 0 else Cell(), "score": number(score) if k == 0 else Cell()}
        row = [t(label, left=True), *(vals[x] for x in ("initial_budget", "executed", "weight", "score"))]
        if k == 0:
            row.append(t("执行率×该指标分值，最高不得超过分值上限。", cs=2, rs=4, left=True))
        rows.append(row)
        frows.append((label, f.role, vals))
    rows.append([h("年度总体目标", cs=2, rs=2), h("年初设定目标", cs=3), h("年度总体目标完成情况", cs=4)])
    rows.append([t(dep.goal_expected, cs=3, left=True), t(dep.goal_actual, cs=4, left=True)])
    inds = dep.indicators
    rows.append([h("绩效指标", rs=len(inds) + 1), h("一级指标"), h("二级指标"), h("三级指标"), h("年度指标值（A）"),
                 h("全年实际值（B）"), h("分值"), h("得分"), h("偏差原因分析及改进措施")])
    truth_inds: list[Json] = []
    for ind, lead in zip(inds, level_rows(inds), strict=True):
        rows.append([*lead, t(ind.spec.level3, left=True), t(ind.target), t(ind.actual), number(ind.weight),
                     number(ind.score), t(ind.note, left=True)])
        truth_inds.append({**level_truth(ind), "target": ind.target, "actual": ind.actual,
                           "weight": json_number(number(ind.weight).text), "score": json_number(number(ind.score).text),
                           "deviation_note": text_or_none(ind.note)})
    total_w = dep.fund_weight + sum((i.weight for i in inds), Decimal(0))
    total_s = score + sum((i.score for i in inds), Decimal(0))
    rows.append([h("总分", cs=6), number(total_w), number(total_s), t("")])
    form = Form(["部门整体支出绩效自评表", f"（{dep.year}年度）"],
                [table(9, rows, [1, 1.2, 1.5, 1.4, 1.3, 1.3, 0.9, 0.9, 1.8])],
                [f"填报人：{dep.contact}    联系电话：{dep.phone}"])
    funds, funds_rows = fund_truth(frows)
    truth: dict[str, Json] = {
        "kind": "department_self_evaluation", "year": dep.year, "department": dep.name, "funds": funds,
        "funds_rows": funds_rows, "goal_expected": norm(dep.goal_expected), "goal_actual": norm(dep.goal_actual),
        "indicators": truth_inds, "total_weight": json_number(number(total_w).text),
        "total_score": json_number(number(total_s).text)}
    return Sample(form, truth)


def guizhou_dept() -> list[Sample]:
    return [guizhou_dept_form(x) for x in d.departments(52, year=2023)]


def chongqing_dept_form(dep: d.Department) -> Sample:
    total = dep.funds[0]
    rate = dep.rate
    score = d.q2(min(rate, Decimal(1)) * dep.fund_weight)
    inds = dep.indicators
    total_s = score + sum((i.score for i in inds), Decimal(0))
    rows: list[list[Cell]] = [
        [h("主管部门", cs=2), t(dep.name, cs=2), h("部门联系人"), t(dep.contact), h("联系电话"), t(dep.phone, cs=2)],
        [h("自评总分（分）", cs=2), number(total_s)],
        [t("", cs=3), h("年初预算数"), h("全年（调整）预算数"), h("全年执行数"), h("执行率"), h("执行率权重"),
         h("执行率得分")],
    ]
    lines = [("年度总金额", "total", total), ("其中：财政拨款", "current_year_appropriation", total),
             ("其他资金", "other", d.FundLine("other", None, None, None))]
    frows: list[tuple[str, str, dict[str, Cell]]] = []
    for k, (label, role, f) in enumerate(lines):
        r = f.executed / f.full_year if f.executed is not None and f.full_year else None
        vals = {"initial_budget": amount(f.initial), "full_year_budget": amount(f.full_year),
                "executed": amount(f.executed), "execution_rate": pct(r) if r is not None else Cell(),
                "weight": number(dep.fund_weight) if k == 0 else Cell(), "score": number(score) if k == 0 else Cell()}
        rows.append([t(label, cs=3, left=True),
                     *(vals[x] for x in ("initial_budget", "full_year_budget", "executed", "execution_rate", "weight",
                                         "score"))])
        frows.append((label, role, vals))
    rows.append([h("年初绩效目标", cs=3), h("全年（调整）绩效目标", cs=3), h("全年目标实际完成情况", cs=3)])
    rows.append([t(dep.goal_expected, cs=3, left=True), t(dep.goal_expected, cs=3, left=True),
                 t(dep.goal_actual, cs=3, left=True)])
    rows.append([h("绩效指标", rs=len(inds) + 1), h("指标名称"), h("计量单位"), h("指标性质"), h("指标值"),
                 h("指标权重（分）"), h("全年完成值"), h("指标得分（分）"), h("说明")])
    truth_inds: list[Json] = []
    for ind in inds:
        s = ind.spec
        rows.append([t(s.level3, left=True), t(s.unit), t(s.nature), t(s.value), number(ind.weight), t(s.actual),
                     number(ind.score), t(ind.note, left=True)])
        truth_inds.append({"level3": s.level3, "unit": s.unit or None, "nature": s.nature, "value": value_json(s.value),
                           "target": ind.target, "weight": json_number(number(ind.weight).text), "actual": s.actual,
                           "score": json_number(number(ind.score).text), "deviation_note": text_or_none(ind.note)})
    form = Form([f"{dep.name}{dep.year}年度部门整体绩效自评表"],
                [table(9, rows, [0.8, 2, 0.9, 0.9, 1.2, 1, 1.1, 1, 1.6])])
    funds, funds_rows = fund_truth(frows)
    truth: dict[str, Json] = {
        "kind": "department_self_evaluation", "year": dep.year, "department": dep.name, "funds": funds,
        "funds_rows": funds_rows, "goal_expected": norm(dep.goal_expected), "goal_actual": norm(dep.goal_actual),
        "indicators": truth_inds, "total_score": json_number(number(total_s).text)}
    return Sample(form, truth)


def chongqing_dept() -> list[Sample]:
    return [chongqing_dept_form(x) for x in d.departments(50, year=2023, totals={"产出指标": 50, "效益指标": 30,
                                                                                   "满意度指标": 10})]


# ---------------------------------------------------------------- g. target declarations

def _td_indicator(ind: d.Indicator) -> dict[str, Json]:
    s = ind.spec
    out: dict[str, Json] = {**level_truth(ind), "nature": s.nature, "value": value_json(s.value)}
    if s.unit:
        out["unit"] = s.unit
    out["cell"] = ind.target
    return out


def national_td_form(p: d.Project) -> Sample:
    total, current, prior, other = p.funds
    fiscal = (current.full_year or Decimal(0)) + (prior.full_year or Decimal(0))
    others = other.full_year or Decimal("0.00")
    inds = p.indicators
    rows: list[list[Cell]] = [
        [h("项目名称", cs=2), t(p.name, left=True)],
        [h("主管部门", cs=2), t(p.department, cs=2), h("实施单位"), t(p.unit)],
        [h("项目资金（万元）", cs=2, rs=3), t("年度资金总额", cs=2), amount(total.full_year)],
        [t("其中：财政拨款", cs=2), amount(fiscal)],
        [t("其他资金", cs=2), amount(others)],
        [h("年度绩效目标", cs=2), t(p.goal_expected, left=True)],
        [h("年度绩效指标", rs=len(inds) + 1), h("一级指标"), h("二级指标"), h("三级指标", cs=2), h("指标值")],
    ]
    for ind, lead in zip(inds, level_rows(inds), strict=True):
        rows.append([*lead, t(ind.spec.level3, cs=2, left=True), t(ind.target)])
    form = Form(["项目支出绩效目标申报表", f"（{p.year}年度）"], [table(7, rows, [1, 1.2, 1.6, 1.5, 1, 1.6, 1.6])],
                [f"填报单位（盖章）：{p.unit}    联系人：{p.lead}    联系电话：{p.phone}"])
    truth: dict[str, Json] = {
        "kind": "project_target_declaration", "project_name": p.name, "department": p.department,
        "implementing_unit": p.unit, "total_amount": json_number(amount(total.full_year).text),
        "fiscal_amount": json_number(amount(fiscal).text), "other_amount": json_number(amount(others).text),
        "goal": norm(p.goal_expected), "indicators": [_td_indicator(i) for i in inds]}
    return Sample(form, truth, "target_declarations")


def national_td() -> list[Sample]:
    return [national_td_form(p) for p in d.projects(71, 3, year=2024, county_code="110105", other=True)]


CHONGQING_TD = {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
RANGES = {"产出指标": "（40-50分）", "效益指标": "（20-30分）", "满意度指标": "（5-10分）"}


def chongqing_td_form(p: d.Project) -> Sample:
    total, current, prior, other = p.funds
    annual = total.full_year or Decimal(0)
    fiscal = (current.full_year or Decimal(0)) + (prior.full_year or Decimal(0))
    others = other.full_year or Decimal("0.00")
    project_total = d.q2(annual * Decimal(2)) if p.category == "项目建设类" else annual
    inds = p.indicators
    rows: list[list[Cell]] = [
        [h("项目名称"), t(p.name, cs=4, left=True), h("项目分类"), t(p.category)],
        [h("业务主管部门"), t(p.department, cs=4), h("实施单位"), t(p.unit)],
        [h("项目负责人"), t(p.lead, cs=4), h("联系电话"), t(p.phone)],
        [h("项目总体概况"), t(f"{p.goal_expected}项目实施后将进一步提升公共服务水平。", left=True)],
        [h("年度主要目标和成果"), t(p.goal_expected, left=True)],
        [h("项目资金预算执行（10分）", rs=5), t("项目总预算", cs=2), amount(project_total, cs=4)],
        [t("当年年度预算", cs=2), amount(annual, cs=4)],
        [t("其中：财政资金", cs=2), amount(fiscal, cs=4)],
        [t("其中：其它资金", cs=2), amount(others, cs=4)],
        [t("年度预算执行率", cs=2), t("100%", cs=2), h("分值"), t("10分")],
        [h("年度绩效目标（90分）", rs=len(inds) + 1), h("一级指标"), h("二级指标"), h("三级指标"), h("指标值"),
         h("分值"), h("指标解释")],
    ]
    truth_inds: list[Json] = []
    for ind, lead in zip(inds, level_rows(inds, lambda s: s + RANGES[s]), strict=True):
        rows.append([*lead, t(ind.spec.level3, left=True), t(ind.target), number(ind.weight),
                     t(f"反映{ind.spec.level3}情况。", left=True)])
        truth_inds.append({**_td_indicator(ind), "weight": json_number(number(ind.weight).text)})
    form = Form(["项目支出绩效目标审批表", f"预算单位：{p.unit}", "金额单位：万元"],
                [table(7, rows, [1.3, 1.2, 1.5, 1.8, 1.4, 0.8, 1.8])], title_lines=1)
    truth: dict[str, Json] = {
        "kind": "project_target_declaration", "project_name": p.name, "category": p.category,
        "department": p.department, "implementing_unit": p.unit, "project_lead": p.lead, "phone": p.phone,
        "total_amount": json_number(amount(annual).text), "fiscal_amount": json_number(amount(fiscal).text),
        "other_amount": json_number(amount(others).text), "goal": norm(p.goal_expected), "indicators": truth_inds}
    return Sample(form, truth, "target_declarations")


def chongqing_td() -> list[Sample]:
    return [chongqing_td_form(p) for p in d.projects(50, 3, year=2024, county_code="500236", totals=CHONGQING_TD)]


def _monitoring() -> list[Sample]:
    return [Sample(form, truth, MONITORING) for form, truth in monitoring.national_pairs()]


def _monitoring_provincial() -> list[Sample]:
    return [Sample(form, truth, MONITORING) for form, truth in monitoring.provincial_pairs()]


FAMILIES: dict[str, Family] = {f.name: f for f in (
    Family("central", "a. 财政部 项目支出绩效自评表", central),
    Family("sichuan_county", "b. 四川县级 项目支出绩效自评表 (colons, (A)/(B)/(B/A))", sichuan_county),
    Family("sichuan_510000", "b. 四川 部门预算项目支出绩效自评表 (510000)", sichuan_510000),
    Family("anhui", "c. 安徽 绩效目标自评表 (分值 before values)", anhui),
    Family("yunnan_old", "d. 云南旧版/湖北式 项目绩效自评表 (20分 execution, no 分值 column)", yunnan_old),
    Family("yunnan", "e. 云南 项目支出绩效自评表 (年度指标值 split, two-row header)", yunnan),
    Family("guizhou_dept", "f. 贵州 部门整体支出绩效自评表", guizhou_dept),
    Family("chongqing_dept", "f. 重庆 部门整体绩效自评表", chongqing_dept),
    Family("national_td", "g. 项目支出绩效目标申报表 (national, one project per form)", national_td),
    Family("chongqing_td", "g. 重庆 项目支出绩效目标审批表 (per-indicator 分值)", chongqing_td),
    Family("blank_central", "blank 项目支出绩效自评表 template (no digits)", blank_central),
    Family("monitoring", "h. 项目支出绩效目标执行监控表 (national, checkbox causes, 1-7月)", _monitoring),
    Family("monitoring_provincial", "h. 项目绩效运行监控表 (provincial: 项目编码, causes as text, 1—6月)",
           _monitoring_provincial),
)}


def family_truth(samples: list[Sample]) -> dict[str, list[Json]]:
    out: dict[str, list[Json]] = {"self_evaluations": [], "target_declarations": []}
    for s in samples:
        out.setdefault(s.section, []).append(s.truth)
    return out
