"""Synthetic self-evaluation forms of a sample district, with a known set of deliberate errors.

Deterministic for a given seed; used by ``jixiao demo``, the tests and the benchmarks. Names are
invented (``示例街道``), never taken from real documents. Forms without a deliberate error are
consistent (targets met, amounts, rates and scores agree); each deliberate error is listed in
``deliberate_errors.json`` beside the documents with the rule code that must find it.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

from jixiao.model.selfeval import FundRow, Funds, Indicator, SelfEvaluation
from jixiao.samples.cycle import write_cycle
from jixiao.samples.disclosure import disclosure_text
from jixiao.samples.layouts import render

UNITS = ("示例街道办事处", "样板街道办事处", "演示镇人民政府", "测试街道办事处", "模拟社区服务中心")
PROJECTS = ("社区绿化养护经费", "老旧小区综合整治", "居家养老服务补贴", "垃圾分类运行服务", "社区文化活动经费",
            "安全生产检查经费", "困难群众临时救助", "公共设施维修维护", "便民服务中心运行", "防汛物资储备")
ROWS = (
    ("产出指标", "数量指标", "服务人次", "≥{n}人次", "{m}人次"),
    ("产出指标", "质量指标", "验收合格率", "≥95%", "{p}%"),
    ("产出指标", "时效指标", "完成时间", "≤12月", "{mo}月"),
    ("产出指标", "成本指标", "项目总成本", "≤{b}万元", "{e}万元"),
    ("效益指标", "社会效益指标", "居民生活环境改善", "优良中差", "优"),
    ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "{s}%"),
)
WEIGHTS = (20, 10, 10, 10, 30, 10)
ERRORS = ("total_off", "rate_wrong", "full_marks_missed", "malformed_rate", "score_over_weight")
ERROR_CODES = {"total_off": "SE003", "rate_wrong": "SE001", "full_marks_missed": "SE007", "malformed_rate": "SE015",
               "score_over_weight": "SE006"}  # the check that must report each deliberate error
# a missed target given full marks also has no deviation note: SE010, told inside SE007's finding of the row
ALSO: dict[str, tuple[str, ...]] = {}
MANIFEST = "deliberate_errors.json"
# The disclosure's deliberate errors: (form kind, index among forms of that kind, error, code, also).
# The 13表 projects sum to less than 项目支出 by exactly 上年结转结余: reported as info (BT006).
DISCLOSURE_ERRORS = (
    ("budget_table", 7, "three_public_double_counted", "BT003", ()),  # the narrative states the right sum
    ("project_target_declaration", 0, "contact_swapped", "TD003", ("BT006",)),
)


def _fmt(value: Decimal) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def make_form(rng: random.Random, unit: str, project: str, year: int, error: str | None) -> SelfEvaluation:
    budget = Decimal(rng.randint(50, 5000)) / 10
    share = Decimal(rng.randint(70, 100)) / 100
    executed = budget if rng.random() < 0.6 else (budget * share).quantize(Decimal("0.01"))
    if error == "rate_wrong":
        executed = (budget * Decimal(rng.randint(70, 95)) / 100).quantize(Decimal("0.01"))
    rate = executed / budget
    rate_text = f"{rate * 100:.2f}%"
    if error == "rate_wrong":
        rate_text = "100.00%"
    if error == "malformed_rate":
        rate_text = f"{rate * 100:.0f}%%"
    exec_score = (rate * 10).quantize(Decimal("0.01"))
    n, s = rng.randint(100, 900), rng.randint(90, 99)
    m = n + rng.randint(0, 80) if error != "full_marks_missed" else n * rng.randint(50, 80) // 100
    values: dict[str, object] = {"n": n, "m": m, "p": rng.randint(95, 100), "mo": rng.randint(6, 12),
                                 "b": _fmt(budget), "e": _fmt(executed), "s": s}
    indicators = []
    for (l1, l2, l3, target, actual), weight in zip(ROWS, WEIGHTS, strict=True):
        t, a = target.format(**values), actual.format(**values)
        score = Decimal(weight)
        if l3 == "服务人次" and m < n and error != "full_marks_missed":
            score = (Decimal(weight) * m / n).quantize(Decimal("0.01"))
        if l3 == "居民生活环境改善":
            score = Decimal(weight - rng.randint(0, 3))
        if l3 == "验收合格率" and error == "score_over_weight":
            score = Decimal(weight + 5)
        if l3 == "居民满意度" and s < 90:
            score = (Decimal(weight) * s / 90).quantize(Decimal("0.01"))
        note = "部分服务对象未按期参与，下年度加强宣传动员。" if score < weight and l3 != "居民生活环境改善" else None
        indicators.append(Indicator(level1=l1, level2=l2, level3=l3, target=t, actual=a, weight=Decimal(weight),
                                    score=score, deviation_note=note,
                                    printed={"weight": str(weight), "score": _fmt(score)}))
    total = exec_score + sum((i.score or Decimal(0)) for i in indicators)
    if error == "total_off":
        total -= 10
    fund = FundRow(printed={"initial_budget": _fmt(budget), "full_year_budget": _fmt(budget),
                            "executed": _fmt(executed), "weight": "10", "execution_rate": rate_text,
                            "score": f"{exec_score:.2f}"})
    current = FundRow(printed={"initial_budget": _fmt(budget), "full_year_budget": _fmt(budget),
                               "executed": _fmt(executed), "weight": "—", "score": "—"})
    blank = FundRow(printed={"weight": "—", "score": "—"})
    return SelfEvaluation(
        year=year, project_name=f"{year}年{project}", department=unit, implementing_unit=unit,
        project_lead=None, phone=None, funds=Funds(total=fund, current_year_appropriation=current,
                                                  prior_year_carryover=blank, other=blank.model_copy()),
        goal_expected=f"按计划完成{project}各项任务，保障辖区居民需求。",
        goal_actual=f"已完成{project}年度任务，执行情况良好。", indicators=indicators,
        total_weight=Decimal(100), total_score=total, total_printed={"total_weight": "100", "total_score": _fmt(total)})


def generate_district(folder: Path, units: int = 5, projects: int = 8, year: int = 2024, seed: int = 7,
                      disclosure: bool = False, cycle: bool = False) -> list[Path]:
    """Write one text document per unit (layouts rotate), optionally the next year's budget
    disclosure (预算01–14表 with its project target declarations), optionally the cycle of its two
    projects in ``year`` (:mod:`jixiao.samples.cycle`: declarations, monitoring, self-evaluations, an
    evaluation report; implies ``disclosure``), and the manifest of deliberate errors (:data:`MANIFEST`);
    return the documents' paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    layouts = ("tabs", "docx_lines", "pipes", "tabs", "docx_lines")
    paths: list[Path] = []
    manifest: list[dict[str, object]] = []
    for u in range(units):
        unit = UNITS[u % len(UNITS)] if u < len(UNITS) else f"示例单位{u + 1}"
        forms = []
        path = folder / f"{u + 1:02d}_{unit}_{year}年项目支出绩效自评表.txt"
        for p in range(projects):
            error = ERRORS[(u + p) % len(ERRORS)] if rng.random() < 0.35 else None
            forms.append(make_form(rng, unit, PROJECTS[p % len(PROJECTS)], year, error))
            if error:
                manifest.append({"file": path.name, "form_index": p, "project_name": forms[-1].project_name,
                                 "error": error, "code": ERROR_CODES[error], "also": list(ALSO.get(error, ()))})
        layout = layouts[u % len(layouts)]
        encoding = "gb18030" if u % 3 == 2 else "utf-8"
        path.write_bytes(render(forms, layout, preamble=f"{unit}{year}年度项目支出绩效自评结果\n\n").encode(encoding))
        paths.append(path)
    if disclosure or cycle:
        paths.append(_write_disclosure(folder, year + 1, manifest))
    if cycle:
        paths.extend(write_cycle(folder, year, paths[-1].name, manifest))
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return paths


def _write_disclosure(folder: Path, year: int, manifest: list[dict[str, object]]) -> Path:
    """A budget disclosure with three deliberate errors: the 「其中」 rows of 预算10表 counted twice
    into its total (which the narrative then contradicts) and the first project's 项目责任人 and 电话
    swapped in 预算13表."""
    path = folder / f"00_示例街道办事处_{year}年部门预算公开.txt"
    path.write_text(disclosure_text(year=year, prior_year_in_project_sentence=year - 1, three_public_total="5",
                                    lead="83170000", phone="张三", second_benefit=True), encoding="utf-8")
    for kind, index, error, code, also in DISCLOSURE_ERRORS:
        manifest.append({"file": path.name, "kind": kind, "form_index": index, "project_name": None,
                         "error": error, "code": code, "also": list(also)})
    return path


def deliberate_errors(folder: Path) -> list[dict[str, object]]:
    """The manifest written by :func:`generate_district` into ``folder``."""
    result: list[dict[str, object]] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return result
