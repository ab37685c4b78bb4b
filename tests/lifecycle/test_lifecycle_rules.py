"""Each lifecycle rule on one project's forms built in memory: one case that triggers it and one that
does not, with the cited form in ``related``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.model.declaration import DeclaredIndicator, TargetDeclaration
from jixiao.model.evaluation import Evaluation
from jixiao.model.monitoring import MonitoringFunds, MonitoringIndicator, MonitoringReport
from jixiao.model.selfeval import FundRow, Funds, Location
from jixiao.model.tables import BudgetTable, TableRow
from jixiao.rules import ALL_RULES, load_profile
from jixiao.rules.lifecycle import BudgetLine, Placed, ProjectBundle, check_lifecycle
from tests.lifecycle.helpers import self_evaluation

PROFILE = load_profile("national")


def declaration(year: int = 2025, amount: str = "30", **values: str) -> TargetDeclaration:
    rows = [("产出指标", "数量指标", "整治点位数", "≥", "20", "处"),
            ("产出指标", "质量指标", "整治验收合格", "定性", "优", None),
            ("成本指标", "经济成本指标", "项目预算控制数", "≤", "30", "万元"),
            ("效益指标", "社会效益指标", "人居环境改善", "定性", "优", None),
            ("满意度指标", "服务对象满意度指标", "居民满意度", "≥", "90", "%")]
    indicators = [DeclaredIndicator(level1=a, level2=b, level3=c, nature=n,
                                    value=Decimal(values.get(c, v)) if n != "定性" else values.get(c, v), unit=u,
                                    line=100 + k) for k, (a, b, c, n, v, u) in enumerate(rows)]
    return TargetDeclaration(unit="示例街道办事处", project_name="环境整治", total_amount=Decimal(amount), year=year,
                             indicators=indicators, location=Location(line_start=100, line_end=120))


def placed(form: Any, source: str, kind: str, year: int) -> Placed[Any]:
    return Placed(form, source, kind, 0, year)


def bundle(*forms: Placed[Any], lines: list[BudgetLine] | None = None) -> ProjectBundle:
    b = ProjectBundle(name="环境整治")
    groups: dict[str, list[Placed[Any]]] = {
        "project_target_declaration": b.declarations, "monitoring": b.monitoring,
        "self_evaluation": b.self_evaluations, "project_evaluation": b.evaluations}
    for p in forms:
        groups[p.kind].append(p)
    b.budget_lines = lines or []
    return b


def codes(b: ProjectBundle) -> list[str]:
    return [f.code for f in check_lifecycle(b, PROFILE)]


def decl(year: int = 2025, **kw: Any) -> Placed[Any]:
    return placed(declaration(year, **kw), f"/d/{year}年预算公开.txt", "project_target_declaration", year)


def se(year: int = 2025, **kw: Any) -> Placed[Any]:
    return placed(self_evaluation(year=year, **kw), f"/d/{year}年自评表.txt", "self_evaluation", year)


def test_every_lifecycle_rule_is_listed() -> None:
    assert [r.code for r in ALL_RULES if r.category == "lifecycle"] == [f"LC00{n}" for n in range(1, 8)]


def test_lc001_target_changed() -> None:
    assert codes(bundle(decl(), se())) == []
    found = check_lifecycle(bundle(decl(), se(targets={"整治点位数": "≥15处"})), PROFILE)
    assert [(f.code, f.expected, f.actual) for f in found] == [("LC001", "≥20处", "≥15处")]
    assert found[0].related[0]["source"] == "/d/2025年预算公开.txt" and "目标调低了" in found[0].message
    assert codes(bundle(decl(), se(targets={"居民满意度": "≤90%"}))) == ["LC001"]  # nature
    assert codes(bundle(decl(), se(targets={"整治点位数": "≥20个"}))) == ["LC001"]  # unit
    assert codes(bundle(decl(), se(targets={"整治点位数": "20处"}))) == []  # printed without its sign: no change


def test_lc001_not_when_the_adjustment_is_recorded() -> None:
    lowered = {"整治点位数": "≥15处"}
    assert codes(bundle(decl(), se(targets=lowered, note="经批准调整绩效目标"))) == []
    adjusted = placed(declaration(2025, "30", 整治点位数="15"), "/d/调整申报表.txt", "project_target_declaration", 2025)
    assert codes(bundle(decl(), adjusted, se(targets=lowered))) == []


def test_lc002_indicator_dropped() -> None:
    found = check_lifecycle(bundle(decl(), se(drop=("整治验收合格",))), PROFILE)
    assert [(f.code, f.expected) for f in found] == [("LC002", "优")]
    assert found[0].related[0]["location"] == {"line_start": 101, "line_end": 101}
    assert codes(bundle(decl(), se())) == []


def test_lc003_indicator_added() -> None:
    only_four = declaration()
    only_four.indicators = only_four.indicators[:4]
    found = check_lifecycle(bundle(placed(only_four, "/d/a.txt", "project_target_declaration", 2025), se()), PROFILE)
    assert [(f.code, f.severity, f.actual) for f in found] == [("LC003", "info", "≥90%")]
    assert codes(bundle(decl(), se())) == []


def _table(*values: str) -> BudgetLine:
    table = BudgetTable(code="预算04表", role="projects", title="项目支出表", columns=["合计", "本年拨款"],
                        rows=[TableRow(item="环境整治", values=[Decimal(v) for v in values], line=50)])
    return BudgetLine(Placed(table, "/d/2025年预算公开.txt", "budget_table", 3, 2025), table.rows[0])


def test_lc004_amounts() -> None:
    found = check_lifecycle(bundle(decl(), se(initial="35"), lines=[_table("40", "30")]), PROFILE)
    assert [(f.code, f.expected, f.actual) for f in found] == [("LC004", Decimal(30), Decimal(35))]
    assert [r["form"]["kind"] for r in found[0].related] == ["project_target_declaration", "budget_table"]
    assert codes(bundle(decl(), se(initial="40"), lines=[_table("40", "30")])) == []  # the table's 合计
    assert codes(bundle(decl(), se(initial="30"))) == []


def test_lc005_target_below_last_actual() -> None:
    last = se(year=2024)  # 整治点位数 achieved 22处, 居民满意度 95%
    found = check_lifecycle(bundle(last, decl(2025, **{"整治点位数": "20"})), PROFILE)  # 满意度 ≥90%: a standard
    assert [(f.code, f.form.kind, f.expected, f.actual) for f in found] == [
        ("LC005", "project_target_declaration", "22处", "≥20处")]
    assert found[0].related[0]["source"] == "/d/2024年自评表.txt"
    assert codes(bundle(last, decl(2025, **{"整治点位数": "22"}))) == []
    assert codes(bundle(last, decl(2026, **{"整治点位数": "10"}))) == []  # not the next year


def _monitoring(rate: str, note: str | None = None) -> Placed[Any]:
    form = MonitoringReport(project_name="环境整治", year=2025, period="1-7月", months=7,
                            funds=MonitoringFunds(initial_budget=Decimal(30), full_year_budget=Decimal(30),
                                                  execution_rate=Decimal(rate), line=7),
                            indicators=[MonitoringIndicator(level3="整治点位数", target="≥20处", actual_to_date="5处",
                                                            note=note)])
    return placed(form, "/d/监控表.txt", "monitoring", 2025)


def test_lc006_behind_mid_year_then_full() -> None:
    found = check_lifecycle(bundle(decl(), _monitoring("0.1"), se()), PROFILE)
    assert [f.code for f in found] == ["LC006"] and found[0].related[0]["source"] == "/d/监控表.txt"
    assert codes(bundle(decl(), _monitoring("0.1", note="工程款9月验收后支付"), se())) == []
    assert codes(bundle(decl(), _monitoring("0.55"), se())) == []


def test_lc007_poor_grade_and_a_growing_budget() -> None:
    graded = placed(Evaluation(kind="project_evaluation", subject="环境整治", year=2024, grade="差",
                               total_score=Decimal(55)), "/d/评价报告.txt", "project_evaluation", 2024)
    found = check_lifecycle(bundle(decl(2024, amount="30"), graded, decl(2025, amount="40")), PROFILE)
    assert [(f.code, f.form.kind, f.expected, f.actual) for f in found] == [
        ("LC007", "project_target_declaration", Decimal(30), Decimal(40))]
    assert codes(bundle(decl(2024, amount="30"), graded, decl(2025, amount="25"))) == []
    good = graded.form.model_copy(update={"grade": "良"})
    assert codes(bundle(decl(2024, amount="30"), placed(good, "/d/x.txt", "project_evaluation", 2024),
                        decl(2025, amount="40"))) == []


def test_funds_row_is_a_fund_row() -> None:  # the helper's self-evaluation reads as printed
    assert isinstance(se().form.funds, Funds) and isinstance(se().form.funds.total, FundRow)


def test_lc007_from_a_printed_self_evaluation_grade() -> None:
    poor = self_evaluation(year=2024)
    poor.total_printed["grade"] = "差"
    graded = placed(poor, "/d/2024年自评表.txt", "self_evaluation", 2024)
    found = check_lifecycle(bundle(decl(2024, amount="30"), graded, decl(2025, amount="40")), PROFILE)
    assert [(f.code, f.related[0]["form"]["kind"]) for f in found if f.code == "LC007"] == [
        ("LC007", "self_evaluation")]
    poor.total_printed["grade"] = "良"
    assert "LC007" not in codes(bundle(decl(2024, amount="30"), graded, decl(2025, amount="40")))


def test_lc006_judged_hopeless_mid_year_then_full_marks() -> None:
    def monitoring(likelihood: str, note: str | None = None) -> Placed[Any]:
        form = MonitoringReport(project_name="环境整治", year=2025, period="1-7月", months=7,
                                funds=MonitoringFunds(execution_rate=Decimal("0.6")),
                                indicators=[MonitoringIndicator(level1="产出指标", level3="整治点位数", target="≥20处",
                                                                actual_to_date="2处", likelihood=likelihood,
                                                                note=note, line=9)])
        return placed(form, "/d/监控表.txt", "monitoring", 2025)

    found = check_lifecycle(bundle(decl(), monitoring("完全不可能"), se()), PROFILE)
    assert [(f.code, f.expected, f.actual) for f in found] == [("LC006", "完全不可能", "22处")]
    assert found[0].related[0]["location"] == {"line_start": 9, "line_end": 9}
    assert codes(bundle(decl(), monitoring("完全不可能", note="拆迁延误，已调整实施计划"), se())) == []
    assert codes(bundle(decl(), monitoring("有可能"), se())) == []
