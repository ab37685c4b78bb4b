"""The 绩效运行监控表 read field-for-field in every format (DESIGN §5.1 ``MR``), and never taken for a
self-evaluation or a target declaration."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from jixiao.extract import extract_bytes, extract_path
from jixiao.present.jsonout import document_json
from jixiao.recognize.forms.monitoring import split_period
from jixiao.samples.families.score import Score, compare, write_family_set

FAMILIES = ("monitoring", "monitoring_provincial")
FORMATS = ("docx", "xlsx", "html", "html_gbk", "pdf", "txt_pipes", "txt_tabs")


@cache
def _results(tmp: Path) -> dict[str, tuple[str, dict[str, Any], Score]]:
    index = write_family_set(tmp, formats=FORMATS, families=FAMILIES)
    out: dict[str, tuple[str, dict[str, Any], Score]] = {}
    for name, entry in index.items():
        doc = document_json(extract_path(tmp / name))
        out[name] = (entry["format"], doc, compare(doc, entry["truth"]))
        TRUTH[name] = entry["truth"]
    return out


TRUTH: dict[str, dict[str, Any]] = {}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, dict[str, Any], Score]]:
    return _results(tmp_path_factory.mktemp("monitoring"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reads_field_for_field(results: dict[str, tuple[str, dict[str, Any], Score]], fmt: str) -> None:
    mine = {name: r for name, r in results.items() if r[0] == fmt}
    assert len(mine) == len(FAMILIES)
    for name, (_, _, score) in mine.items():
        assert score.forms_found == score.forms_expected, name
        wrong = [(m.path, m.expected, m.got) for m in score.mismatches[:5]]
        assert score.accuracy >= 0.97, (name, score.accuracy, wrong)
        got = [len(f["indicators"]) for f in mine[name][1]["monitoring_reports"]]
        assert got == [len(f["indicators"]) for f in TRUTH[name]["monitoring_reports"]], name  # no row made up


@pytest.mark.parametrize("fmt", FORMATS)
def test_not_taken_for_another_form(results: dict[str, tuple[str, dict[str, Any], Score]], fmt: str) -> None:
    for name, (f, doc, _) in results.items():
        if f != fmt:
            continue
        assert doc["self_evaluations"] == [], name
        assert doc["target_declarations"] == [], name
        assert doc["evaluations"] == [], name
        assert not any("未识别到任何表单" in w for w in doc["warnings"]), name


def test_checkbox_and_text_causes(results: dict[str, tuple[str, dict[str, Any], Score]]) -> None:
    national = results["monitoring.docx.docx"][1]["monitoring_reports"]
    provincial = results["monitoring_provincial.txt_pipes.txt"][1]["monitoring_reports"]
    for forms in (national, provincial):
        causes = {i["deviation_cause"] for f in forms for i in f["indicators"]}
        likely = {i["likelihood"] for f in forms for i in f["indicators"]}
        assert causes - {None} and causes <= {None, "经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"}
        assert likely == {"确定能", "有可能"}
    assert [f["period"] for f in national] == ["1-7月", "1-7月", "1-8月"]
    assert [f["period"] for f in provincial] == ["1-6月", "1-9月"]
    first = national[0]
    assert first["kind"] == "monitoring" and first["year"] == 2024
    assert set(first["funds"]) >= {"initial_budget", "full_year_budget", "executed_to_date", "execution_rate",
                                   "forecast_executed"}
    assert first["location"]["line_start"] >= 1


def test_pdf_forms_know_their_pages(results: dict[str, tuple[str, dict[str, Any], Score]]) -> None:
    forms = results["monitoring.pdf.pdf"][1]["monitoring_reports"]
    assert all("page_start" in f["location"] for f in forms)


@pytest.mark.parametrize(("header", "months", "rest"), [
    ("1-7月执行数", 7, "执行数"), ("1—6月实际完成值", 6, "实际完成值"), ("1至8月份执行率", 8, "执行率"),
    ("1月-9月执行数", 9, "执行数"), ("截至6月底执行数", 6, "执行数"), ("上半年执行数", 6, "执行数"),
    ("1～10月执行情况", 10, "执行情况"), ("全年预计执行数", None, "全年预计执行数"), ("13月执行数", None, "13月执行数"),
])
def test_the_period_comes_off_the_header(header: str, months: int | None, rest: str) -> None:
    got_months, got_rest = split_period(header)
    assert got_months == months
    assert got_rest == rest


def test_a_new_wording_and_another_month_range() -> None:
    text = "\n".join([
        "2025年项目支出绩效运行监控表",
        "项目名称\t社区养老驿站运营补贴\t项目编码\t11010225T000000000001",
        "预算单位\t某街道办事处",
        "项目资金\t年度预算数\t1月-5月累计支出数\t支出进度\t预计全年执行数",
        "\t120.00\t40.00\t33.33%\t118.00",
        "一级指标\t二级指标\t三级指标\t全年指标值\t1-5月完成情况\t预计年底完成值\t偏差类型\t全年完成可能性\t说明",
        "产出指标\t数量指标\t服务老人人次\t≥3000人次\t1100人次\t3000人次\t\t确定能\t",
        "满意度指标\t服务对象满意度指标\t老人满意度\t≥90%\t0\t92%\t其他\t有可能\t满意度调查安排在四季度",
    ])
    doc = extract_bytes(text.encode("utf-8"), "<test>")
    assert doc.self_evaluations == [] and doc.target_declarations == []
    (form,) = doc.monitoring_reports
    assert (form.year, form.period, form.project_code, form.unit) == (2025, "1-5月", "11010225T000000000001",
                                                                       "某街道办事处")
    assert (str(form.funds.full_year_budget), str(form.funds.executed_to_date), str(form.funds.forecast_executed)) == (
        "120.00", "40.00", "118.00")
    rate, executed, budget = form.funds.execution_rate, form.funds.executed_to_date, form.funds.full_year_budget
    assert rate is not None and executed is not None and budget is not None
    assert abs(rate - executed / budget) < Decimal("0.0001")
    assert [(i.level3, i.actual_to_date, i.forecast, i.deviation_cause, i.likelihood) for i in form.indicators] == [
        ("服务老人人次", "1100人次", "3000人次", None, "确定能"),
        ("老人满意度", "0", "92%", "其他", "有可能")]
    assert form.indicators[1].note == "满意度调查安排在四季度"


def test_the_json_contract_lists_monitoring_reports(seeds: Path) -> None:
    seed = sorted(seeds.glob("*.txt"))[0]
    data = document_json(extract_path(seed))
    assert data["monitoring_reports"] == []
    assert json.dumps(data, ensure_ascii=False)
