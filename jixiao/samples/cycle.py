"""One budget-performance cycle of the sample district over two years (DESIGN §1): the same two projects of
示例街道办事处 declared with the year-N budget (预算13表), reported on mid-year (绩效运行监控表, 1-7月), scored
at year end (项目支出绩效自评表), one of them evaluated by a third party (项目支出绩效评价报告), and both
declared again with the year-N+1 budget (the district's disclosure, :mod:`jixiao.samples.generator`).

The documents agree with one another except for the deliberate cross-document errors of
:data:`CROSS_ERRORS`, each listed in the manifest with the two documents it sits between. Names are invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jixiao.model.selfeval import FundRow, Funds, Indicator, SelfEvaluation
from jixiao.samples.disclosure import UNIT as BUDGET_UNIT
from jixiao.samples.disclosure import disclosure_text
from jixiao.samples.families.cells import amount, h, pct, t
from jixiao.samples.families.layout import Cell, Form, table
from jixiao.samples.families.render import to_text
from jixiao.samples.layouts import render

UNIT = "示例街道办事处"
# The district's master list of units (单位名录) as an administrator keeps it: the name the self-evaluations
# print, and 预算13表's 「999001-示例街道办事处（本级）」 as an alias, so the cycle's forms are one unit's.
UNIT_ALIASES: dict[str, tuple[str, ...]] = {UNIT: (BUDGET_UNIT,)}
CODES = {"环境整治": "11010225T000000000001", "保洁服务": "11010225T000000000002"}  # as 预算13表 prints them
MONTHS = 7  # the monitoring reports cover 1-7月
# The deliberate cross-document errors: error → (the rule that must find it, other codes its documents also
# get). Each is planted between two documents (the manifest's "file"/"kind"/"form_index" and "other").
CROSS_ERRORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "target_lowered": ("LC001", ()),  # 保洁面积 declared ≥5万平方米, self-evaluated against ≥3万平方米
    "indicator_dropped": ("LC002", ()),  # 环境整治's 整治验收合格 declared, absent from its self-evaluation
    "initial_budget_differs": ("LC004", ()),  # 环境整治: 年初预算数 35 in the self-evaluation, 30 declared
    "target_below_last_actual": ("LC005", ()),  # 整治点位数 ≥20处 declared for N+1, 26处 achieved in N
    "behind_then_full": ("LC006", ()),  # 保洁服务 10% spent by July with no measure, 100% at year end
    "poor_grade_budget_grows": ("LC007", ()),  # 保洁服务 graded 差, its budget 8 → 10 the next year
}
PREFIX = "00_示例街道办事处"


def file_names(year: int) -> dict[str, str]:
    """The cycle's documents of year ``year`` by stage (the N+1 disclosure is the district's own)."""
    return {"declaration": f"{PREFIX}_{year}年部门预算公开.txt",
            "monitoring": f"{PREFIX}_{year}年1-{MONTHS}月项目绩效运行监控表.txt",
            "self_evaluation": f"{PREFIX}_{year}年项目支出绩效自评表（环境整治、保洁服务）.txt",
            "evaluation": f"{PREFIX}_{year}年保洁服务项目支出绩效评价报告.txt"}


# ---------------------------------------------------------------- the year-N declarations

def declarations_text(year: int) -> str:
    """The year-N disclosure: the N+1 one's tables and declarations, with 保洁服务 at 8 万元 instead of 10
    (every total that holds it follows), so the N+1 budget of the project graded 差 grows."""
    return disclosure_text(year=year, prior_year_in_project_sentence=year - 1, second_amount=8,
                           spending_total_01="108", total_03="108", income_change="8.00", narrative_project="48.00",
                           second_benefit=True)


# ---------------------------------------------------------------- mid-year monitoring

@dataclass(frozen=True)
class Monitored:
    level1: str
    level2: str
    level3: str
    target: str
    so_far: str
    forecast: str
    likelihood: str = "确定能"


def _monitoring_form(year: int, name: str, funds: tuple[str, str, str, str], rows: list[Monitored],
                     goal: str) -> Form:
    full, initial, executed, forecast = (Decimal(x) for x in funds)
    period = f"1-{MONTHS}月"
    cells: list[list[Cell]] = [
        [h("项目名称", cs=2), t(name, cs=4, left=True), h("项目编码", cs=1), t(CODES[name], cs=3)],
        [h("预算单位", cs=2), t(UNIT, cs=4), h("主管部门"), t(UNIT, cs=3)],
        [h("项目资金情况", cs=2, rs=2), h("全年预算数", cs=2), h("年初预算数"), h(f"{period}执行数"), h("执行进度"),
         h("全年预计执行数", cs=2)],
        [amount(full, cs=2), amount(initial), amount(executed), pct(executed / full), amount(forecast, cs=2)],
        [h("年度绩效目标", cs=2), t(goal, cs=8, left=True)],
        [h("一级指标", cs=2), h("二级指标"), h("三级指标"), h("年度指标值"), h(f"{period}实际完成值"),
         h("全年预计完成值"), h("偏差原因"), h("完成目标可能性"), h("原因说明")],
    ]
    for r in rows:
        cells.append([t(r.level1, cs=2), t(r.level2), t(r.level3, left=True), t(r.target), t(r.so_far),
                      t(r.forecast), t(""), t(r.likelihood), t("")])
    return Form([f"{year}年项目绩效运行监控表", "单位：万元"], [table(10, cells)], title_lines=1)


def monitoring_text(year: int) -> bytes:
    """环境整治 on schedule (60% spent by July); 保洁服务 far behind (10%) with no cause and no measure."""
    cleanup = _monitoring_form(year, "环境整治", ("30", "30", "18", "30"), [
        Monitored("产出指标", "数量指标", "整治点位数", "≥20处", "12处", "26处"),
        Monitored("产出指标", "质量指标", "整治验收合格", "优", "优", "优"),
        Monitored("成本指标", "经济成本指标", "项目预算控制数", "≤30万元", "18万元", "30万元"),
        Monitored("效益指标", "社会效益指标", "人居环境改善", "优", "良", "优"),
        Monitored("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "90%", "90%")],
        "完成辖区环境整治，改善人居环境，全年整治点位不少于20处。")
    cleaning = _monitoring_form(year, "保洁服务", ("8", "8", "0.8", "8"), [
        Monitored("产出指标", "数量指标", "保洁面积", "≥5万平方米", "1.5万平方米", "5万平方米"),
        Monitored("成本指标", "经济成本指标", "项目预算控制数", "≤8万元", "0.8万元", "8万元"),
        Monitored("效益指标", "社会效益指标", "道路整洁度", "优", "良", "优"),
        Monitored("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "90%", "90%")],
        "开展保洁服务，保持辖区道路整洁，全年按标准完成作业。")
    return f"{UNIT}{year}年1-{MONTHS}月项目绩效运行监控情况\n\n".encode() + to_text([cleanup, cleaning], "tabs")


# ---------------------------------------------------------------- year-end self-evaluations

def _indicator(l1: str, l2: str, l3: str, target: str, actual: str, weight: int) -> Indicator:
    return Indicator(level1=l1, level2=l2, level3=l3, target=target, actual=actual, weight=Decimal(weight),
                     score=Decimal(weight), printed={"weight": str(weight), "score": str(weight)})


def _self_evaluation(year: int, name: str, initial: str, budget: str, goal: str, achieved: str,
                     indicators: list[Indicator]) -> SelfEvaluation:
    fund = FundRow(printed={"initial_budget": initial, "full_year_budget": budget, "executed": budget,
                            "weight": "10", "execution_rate": "100.00%", "score": "10.00"})
    current = FundRow(printed={"initial_budget": initial, "full_year_budget": budget, "executed": budget,
                               "weight": "—", "score": "—"})
    blank = FundRow(printed={"weight": "—", "score": "—"})
    return SelfEvaluation(
        year=year, project_name=f"{CODES[name]}-{name}", department=UNIT, implementing_unit=UNIT,
        funds=Funds(total=fund, current_year_appropriation=current, prior_year_carryover=blank,
                    other=blank.model_copy()),
        goal_expected=goal, goal_actual=achieved, indicators=indicators, total_weight=Decimal(100),
        total_score=Decimal(100), total_printed={"total_weight": "100", "total_score": "100"})


def self_evaluation_text(year: int) -> str:
    """Both projects scored 100. 环境整治: 年初预算数 35 (30 declared; the year's budget 30), 整治验收合格
    left out, 26 points done (the N+1 target is ≥20). 保洁服务: 保洁面积 against ≥3万平方米 (≥5 declared,
    no adjustment recorded), all 8 万元 spent (10% by July)."""
    cleanup = _self_evaluation(year, "环境整治", "35", "30", "完成辖区环境整治，改善人居环境，全年整治点位不少于20处。",
                               "全年完成整治点位26处，辖区人居环境明显改善。", [
        _indicator("产出指标", "数量指标", "整治点位数", "≥20处", "26处", 30),
        _indicator("成本指标", "经济成本指标", "项目预算控制数", "≤30万元", "30万元", 20),
        _indicator("效益指标", "社会效益指标", "人居环境改善", "优", "优", 30),
        _indicator("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "90%", 10)])
    cleaning = _self_evaluation(year, "保洁服务", "8", "8", "开展保洁服务，保持辖区道路整洁，全年按标准完成作业。",
                                "全年完成保洁作业，辖区道路整洁。", [
        _indicator("产出指标", "数量指标", "保洁面积", "≥3万平方米", "3.2万平方米", 30),
        _indicator("成本指标", "经济成本指标", "项目预算控制数", "≤8万元", "8万元", 20),
        _indicator("效益指标", "社会效益指标", "道路整洁度", "优", "优", 20),
        _indicator("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "90%", 20)])
    return render([cleanup, cleaning], "tabs", preamble=f"{UNIT}{year}年度项目支出绩效自评结果\n\n")


# ---------------------------------------------------------------- the evaluation report

EVALUATION_PARTS = (("决策", "项目决策", "10", "6.00"), ("过程", "项目管理", "20", "12.00"),
                    ("产出", "项目产出", "40", "20.00"), ("效益", "项目效益", "30", "17.00"))


def evaluation_text(year: int) -> str:
    """A third party's 项目支出绩效评价报告 on 保洁服务: 55 points, graded 差."""
    subject = f"{year}年保洁服务"
    parts = "，".join(f"{n}{s}分" for n, _, _, s in EVALUATION_PARTS)
    lines = ["第四部分 绩效评价情况", "", "二、项目支出绩效评价报告", "",
             f"“{subject}”项目综合得分55.00分，其中，{parts}，绩效评定结论为“差”。", "",
             "指标体系及打分情况表", "", "一级指标\t二级指标\t三级指标\t四级指标\t分值\t专家打分\t扣分原因"]
    for _, l1, weight, score in EVALUATION_PARTS:
        half_w, half_s = Decimal(weight) / 2, Decimal(score) / 2
        for n in (1, 2):
            cells = (f"{l1} ({weight}分)" if n == 1 else "", f"{l1[-2:]}分项{n} ({half_w.normalize():f}分)",
                     f"{l1[-2:]}指标{n}", f"{l1[-2:]}要点{n}", f"{half_w.normalize():f}", f"{half_s:.2f}",
                     "保洁作业频次不足，巡查记录缺失")
            lines.append("\t".join(cells))
    lines += ["合计\t\t\t\t100.00\t55.00\t", "", f"“{subject}”项目", "", "绩效评价结论一览表", "",
              "评价内容\t分值\t评价得分", *(f"{n}\t{w}\t{s}" for n, _, w, s in EVALUATION_PARTS),
              "综合得分\t100\t55.00", "绩效评定级别\t差\t", "",
              "（一）绩效评价指标体系", "",
              "主要包括决策、管理、产出、效益四个方面，满分 100 分。一是决策指标（10 分），主要评价有关内容；"
              "二是管理指标（20 分），主要评价有关内容；三是产出指标（40 分），主要评价有关内容；"
              "四是效益指标（30 分），主要评价有关内容。", "",
              "（二）项目资金使用效益", "",
              f"批复项目资金 8.00 万元，截至 {year} 年 12 月 31 日支出 8.00 万元，预算执行率为 100.00%。", "",
              "三、项目支出绩效自评表", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- the whole cycle

def write_cycle(folder: Path, year: int, next_disclosure: str, manifest: list[dict[str, object]]) -> list[Path]:
    """Write the year-``year`` documents of the cycle into ``folder`` and list the cross-document errors
    in ``manifest`` (the N+1 declarations are in ``next_disclosure``, a file name in ``folder``)."""
    names = file_names(year)
    texts: dict[str, bytes] = {"declaration": declarations_text(year).encode("utf-8"),
                               "monitoring": monitoring_text(year),
                               "self_evaluation": self_evaluation_text(year).encode("utf-8"),
                               "evaluation": evaluation_text(year).encode("utf-8")}
    paths = []
    for stage, name in names.items():
        (folder / name).write_bytes(texts[stage])
        paths.append(folder / name)
    declared = {"file": names["declaration"], "kind": "project_target_declaration"}
    monitored = {"file": names["monitoring"], "kind": "monitoring"}
    evaluated = {"file": names["self_evaluation"], "kind": "self_evaluation"}
    graded = {"file": names["evaluation"], "kind": "project_evaluation", "form_index": 0}
    next_year = {"file": next_disclosure, "kind": "project_target_declaration"}
    planted = (  # (error, project, form index, the form it is found on, the other form)
        ("target_lowered", "保洁服务", 1, evaluated, declared),
        ("indicator_dropped", "环境整治", 0, evaluated, declared),
        ("initial_budget_differs", "环境整治", 0, evaluated, declared),
        ("target_below_last_actual", "环境整治", 0, next_year, evaluated),
        ("behind_then_full", "保洁服务", 1, evaluated, monitored),
        ("poor_grade_budget_grows", "保洁服务", 1, next_year, graded),
    )
    for error, project, index, on, other in planted:
        code, also = CROSS_ERRORS[error]
        manifest.append({**on, "form_index": index, "project_name": project, "error": error, "code": code,
                         "also": list(also), "other": {"form_index": index, **other}})
    # within the monitoring report itself: far behind the time schedule with no measure
    manifest.append({**monitored, "form_index": 1, "project_name": "保洁服务", "error": "behind_without_measure",
                     "code": "MR001", "also": []})
    return paths
