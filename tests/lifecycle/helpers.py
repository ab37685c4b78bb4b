"""Documents of one project across stages: the sample budget disclosure (its 预算13表 declares
环境整治 and 保洁服务) and a self-evaluation of 环境整治 published on its own, its targets as given."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model.selfeval import FundRow, Funds, Indicator, SelfEvaluation
from jixiao.samples.disclosure import disclosure_text
from jixiao.samples.layouts import render

# (level1, level2, level3, target, actual, weight) as the declaration of 环境整治 has them, met
ROWS = (("产出指标", "数量指标", "整治点位数", "≥20处", "22处", 20),
        ("产出指标", "质量指标", "整治验收合格", "优", "优", 10),
        ("成本指标", "经济成本指标", "项目预算控制数", "≤30万元", "30万元", 10),
        ("效益指标", "社会效益指标", "人居环境改善", "优", "优", 20),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "95%", 30))


def self_evaluation(targets: dict[str, str] | None = None, drop: tuple[str, ...] = (), initial: str = "30",
                    note: str | None = None, year: int = 2025, name: str = "环境整治",
                    unit: str = "示例街道办事处") -> SelfEvaluation:
    """A consistent self-evaluation of 环境整治 (every target met, full marks), with ``targets``
    replacing printed targets by level-3 name and the ``drop`` rows left out."""
    targets = targets or {}
    indicators = [Indicator(level1=l1, level2=l2, level3=l3, target=targets.get(l3, t), actual=a, weight=Decimal(w),
                            score=Decimal(w), deviation_note=note, printed={"weight": str(w), "score": str(w)})
                  for l1, l2, l3, t, a, w in ROWS if l3 not in drop]
    total = sum((i.weight or Decimal(0)) for i in indicators) + 10
    money = Decimal(initial)
    fund = FundRow(initial_budget=money, full_year_budget=money, executed=money, weight=Decimal(10),
                   execution_rate=Decimal(1), score=Decimal(10),
                   printed={"initial_budget": initial, "full_year_budget": initial, "executed": initial,
                            "weight": "10", "execution_rate": "100.00%", "score": "10"})
    current = FundRow(initial_budget=money, full_year_budget=money, executed=money,
                      printed={"initial_budget": initial, "full_year_budget": initial, "executed": initial,
                               "weight": "—", "score": "—"})
    blank = FundRow(printed={"weight": "—", "score": "—"})
    return SelfEvaluation(year=year, project_name=name, department=unit, implementing_unit=unit,
                          funds=Funds(total=fund, current_year_appropriation=current, prior_year_carryover=blank,
                                      other=blank.model_copy()),
                          goal_expected="完成辖区环境整治，改善人居环境。", goal_actual="已完成年度整治任务。",
                          indicators=indicators, total_weight=Decimal(100), total_score=total,
                          total_printed={"total_weight": "100", "total_score": str(total)})


def write_pair(folder: Path, **changes: object) -> tuple[Path, Path]:
    """The 2025 disclosure and a separately published 2025 self-evaluation of 环境整治."""
    folder.mkdir(parents=True, exist_ok=True)
    disclosure = folder / "2025年示例街道办事处部门预算公开.txt"
    disclosure.write_text(disclosure_text(year=2025), encoding="utf-8")
    selfeval = folder / "2025年环境整治项目支出绩效自评表.txt"
    form = self_evaluation(**changes)  # type: ignore[arg-type]
    selfeval.write_text(render([form], "tabs", preamble="示例街道办事处2025年度项目支出绩效自评结果\n\n"),
                        encoding="utf-8")
    return disclosure, selfeval
