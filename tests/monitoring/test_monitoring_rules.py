"""The monitoring checks (MR001…): each fires on its bad example and stays silent on its good one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.extract import extract_bytes
from jixiao.model.document import Document
from jixiao.model.monitoring import MonitoringFunds, MonitoringIndicator, MonitoringReport
from jixiao.rules import ALL_RULES, check_document, load_profile
from jixiao.rules.finding import CATEGORIES
from jixiao.rules.monitoring import RULES


def form(rate: str | None = "0.20", executed: str = "40", budget: str = "200", forecast: str | None = "196",
         months: int | None = 7, indicators: list[MonitoringIndicator] | None = None) -> MonitoringReport:
    funds = MonitoringFunds(full_year_budget=Decimal(budget), executed_to_date=Decimal(executed),
                            execution_rate=Decimal(rate) if rate is not None else None,
                            forecast_executed=Decimal(forecast) if forecast is not None else None, line=5)
    inds = indicators if indicators is not None else [
        MonitoringIndicator(level1="产出指标", level2="数量指标", level3="新建集中供水工程", target="≥12处",
                            actual_to_date="7处", forecast="12处", likelihood="确定能", line=12)]
    return MonitoringReport(project_name="农村饮水安全巩固提升工程", year=2024, months=months,
                            period=f"1-{months}月" if months else None, funds=funds, indicators=inds)


def codes(*forms: MonitoringReport, profile: str = "national") -> list[str]:
    doc = Document(source="<test>", monitoring_reports=list(forms))
    return [f.code for f in check_document(doc, profile) if f.code.startswith("MR")]


def test_rules_are_registered_with_docs() -> None:
    assert [r.code for r in RULES] == ["MR001", "MR002", "MR003"]
    for rule in RULES:
        assert rule in ALL_RULES
        assert rule.category in CATEGORIES
        assert "Bad::" in rule.doc and "Good::" in rule.doc


def test_the_threshold_is_a_profile_number() -> None:
    assert load_profile("national").monitoring["behind_threshold"] == 0.15
    assert load_profile("beijing").monitoring["behind_threshold"] == 0.15  # inherited


# ---------------------------------------------------------------- MR001

def test_mr001_behind_schedule_without_a_note_fires() -> None:
    assert codes(form(rate="0.20")) == ["MR001"]


def test_mr001_computes_the_rate_when_none_is_printed() -> None:
    assert codes(form(rate=None, executed="40")) == ["MR001"]


@pytest.mark.parametrize("report", [
    form(rate="0.50", executed="100"),  # 50% at 1-7月: within 0.15 of 58.33%
    form(rate="0.20", indicators=[MonitoringIndicator(
        level3="新建集中供水工程", target="≥12处", actual_to_date="3处", likelihood="有可能",
        note="工程款按合同节点支付，9月完工后集中支付")]),
    form(rate="0.20", months=None),  # no period printed: no schedule to compare with
    form(rate="0.10", executed="20", months=1),  # 1月: schedule 8.33%
])
def test_mr001_silent(report: MonitoringReport) -> None:
    assert "MR001" not in codes(report)


# ---------------------------------------------------------------- MR002

@pytest.mark.parametrize("actual", ["0处", "0", "", "—", "未开展"])
def test_mr002_certain_without_progress_fires(actual: str) -> None:
    ind = MonitoringIndicator(level3="新建集中供水工程", target="≥12处", actual_to_date=actual or None,
                              likelihood="确定能", line=12)
    found = codes(form(rate="0.55", executed="110", indicators=[ind]))
    assert found == ["MR002"]


@pytest.mark.parametrize(("actual", "likelihood", "target"), [
    ("7处", "确定能", "≥12处"),  # progress made
    ("0处", "有可能", "≥12处"),  # honest about it
    ("0", "确定能", "≤0起"),  # a zero target: zero is on track
    ("", "确定能", "健全"),  # a qualitative target: no number to be behind
])
def test_mr002_silent(actual: str, likelihood: str, target: str) -> None:
    ind = MonitoringIndicator(level3="指标", target=target, actual_to_date=actual or None,
                              likelihood=likelihood, note="说明" if likelihood != "确定能" else None)
    assert "MR002" not in codes(form(rate="0.55", executed="110", indicators=[ind]))


# ---------------------------------------------------------------- MR003

@pytest.mark.parametrize(("forecast", "expected"), [("230", 200), ("100", 110)])
def test_mr003_impossible_forecast_fires(forecast: str, expected: int) -> None:
    doc = Document(source="<test>", monitoring_reports=[form(rate="0.55", executed="110", forecast=forecast)])
    found = [f for f in check_document(doc) if f.code == "MR003"]
    assert len(found) == 1 and found[0].severity == "error" and found[0].expected == expected
    assert found[0].form.kind == "monitoring" and found[0].location == {"line_start": 5, "line_end": 5}


@pytest.mark.parametrize("forecast", ["196", "200", "110", "200.004", None])
def test_mr003_silent(forecast: str | None) -> None:
    assert "MR003" not in codes(form(rate="0.55", executed="110", forecast=forecast))


# ---------------------------------------------------------------- end to end

BAD = """项目支出绩效目标执行监控表
（2024年度）
项目名称\t农村饮水安全巩固提升工程
主管部门\t临溪县水利局\t实施单位\t临溪县农村供水管理站
项目资金（万元）\t\t年初预算数\t全年预算数\t1-8月执行数\t执行率\t全年预计执行数
年度资金总额\t200.00\t200.00\t40.00\t20.00%\t230.00
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t1-8月实际完成值\t全年预计完成值\t偏差原因分析\t完成目标可能性\t原因说明
经费保障\t制度保障\t人员保障\t硬件条件保障\t其他\t确定能\t有可能\t完全不可能
产出指标\t数量指标\t新建集中供水工程\t≥12处\t0处\t12处\t\t\t\t\t\t√\t\t\t
满意度指标\t服务对象满意度指标\t受益群众满意度\t≥90%\t91%\t93%\t\t\t\t\t\t√\t\t\t
"""


def test_a_bad_form_read_from_text_fires_every_check() -> None:
    doc = extract_bytes(BAD.encode("utf-8"), "<bad>")
    assert len(doc.monitoring_reports) == 1 and doc.self_evaluations == []
    findings = [f for f in check_document(doc) if f.code.startswith("MR")]
    assert sorted(f.code for f in findings) == ["MR001", "MR002", "MR003"]
    assert all(f.form.kind == "monitoring" and f.location.get("line_start") for f in findings)
    good = (BAD.replace("40.00\t20.00%\t230.00", "130.00\t65.00%\t198.00")
            .replace("≥12处\t0处", "≥12处\t8处"))
    findings = check_document(extract_bytes(good.encode("utf-8"), "<good>"))
    assert [f.code for f in findings if f.code.startswith("MR")] == []
