"""Synthetic reports the tests write as real files: another section order, other part names
(决策/过程/产出/效益 in the 结论一览表, 项目决策/项目管理/… in the 打分表) and a 5-band grade profile."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.extract import extract_bytes, extract_path
from jixiao.model.evaluation import Evaluation
from jixiao.present.cli import app
from jixiao.rules import check_document, load_profile
from jixiao.rules.evaluation.settings import settings_of
from tests.evaluation.ev_synth import Department, Report

D = Decimal


def _write(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_project_report_in_another_order(tmp_path: Path) -> None:
    doc = extract_path(_write(tmp_path, Report().text()))
    assert doc.self_evaluations == [] and len(doc.evaluations) == 1
    ev = doc.evaluations[0]
    assert (ev.kind, ev.subject, ev.year, ev.total_score, ev.grade) == (
        "project_evaluation", "2024年社区养老服务补贴", 2024, D("88.50"), "良好")
    assert [(p.name, p.max, p.score) for p in ev.parts] == [
        ("决策", D(10), D("9.00")), ("过程", D(20), D("18.00")), ("产出", D(40), D("36.00")),
        ("效益", D(30), D("25.50"))]
    names = ("项目决策", "项目管理", "项目产出", "项目效益")
    assert [i.level1 for i in ev.indicators] == [n for n in names for _ in (1, 2)]
    assert [i.weight for i in ev.indicators] == [D(5), D(5), D(10), D(10), D(20), D(20), D(15), D(15)]
    assert [i.score for i in ev.indicators] == [D("4.50"), D("4.50"), D("9.00"), D("9.00"), D("18.00"), D("18.00"),
                                                D("12.75"), D("12.75")]
    assert [(i.level2, i.level2_max) for i in ev.indicators[:2]] == [("决策分项1", D(5)), ("决策分项2", D(5))]
    assert [t.code for t in ev.tables] == ["project_budget_execution", "goal_completion_funds"]
    execution = ev.tables[0]
    assert execution.columns[3] == "预算执行情况/合计" and execution.columns[7] == "本年支出进度(%)"
    assert execution.rows[0].values[:4] == [D("400.00"), D("400.00"), D("400.00"), D("380.00")]
    assert [(f["target"], f["expression"]) for f in execution.formulas or []] == [(4, "5+6+7"), (8, "4/1*100%")]
    assert ev.figures == {"批复预算数": D("500.00"), "调整预算数": D("400.00"), "支出": D("380.00"),
                          "预算执行率": D("0.95")}
    assert check_document(doc, "five_band") == []


def test_summary_first_order_gives_the_same_report() -> None:
    a = extract_bytes(Report().text().encode(), "a").evaluations[0]
    order = ("goal", "execution", "summary", "narrative", "indicators")
    b = extract_bytes(Report(order=order).text().encode(), "b").evaluations[0]
    assert [(p.name, p.max, p.score) for p in a.parts] == [(p.name, p.max, p.score) for p in b.parts]
    assert (a.total_score, a.grade) == (b.total_score, b.grade) == (D("88.50"), "良好")
    rows_a = [(i.level1, i.weight, i.score) for i in a.indicators]
    assert rows_a == [(i.level1, i.weight, i.score) for i in b.indicators]
    assert [t.rows[0].printed for t in a.tables] == [t.rows[0].printed for t in reversed(b.tables)]


def test_five_band_profile(tmp_path: Path) -> None:
    bands = settings_of(load_profile("five_band")).bands(load_profile("five_band"))
    assert [(b.label, b.min) for b in bands] == [("优秀", 90), ("良好", 80), ("中等", 70), ("合格", 60), ("差", 0)]
    parts = (("决策", "10", "8.00"), ("过程", "20", "15.00"), ("产出", "40", "29.00"), ("效益", "30", "22.00"))
    low = Report(parts=parts, total="74.00", grade="中等")
    doc = extract_bytes(low.text().encode(), "t")
    assert [f.code for f in check_document(doc, "five_band")] == []
    wrong = extract_bytes(Report(parts=parts, total="74.00", grade="合格").text().encode(), "t")
    findings = check_document(wrong, "five_band")
    assert [(f.code, f.expected, f.actual) for f in findings] == [("EV003", "中等", "合格")]
    path = _write(tmp_path, Report(parts=parts, total="74.00", grade="合格").text())
    result = CliRunner().invoke(app, ["check", str(path), "--profile", "five_band", "--format", "json"])
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.output)["findings"]] == ["EV003"]
    ok = CliRunner().invoke(app, ["check", str(_write(tmp_path, low.text(), "ok.txt")), "--profile", "five_band",
                                  "--format", "json"])
    assert ok.exit_code == 0 and json.loads(ok.output)["findings"] == []


def test_department_report(tmp_path: Path) -> None:
    doc = extract_path(_write(tmp_path, Department().text()))
    ev = doc.evaluations[0]
    assert (ev.kind, ev.subject) == ("department_evaluation", "某区某街道办事处")
    assert (ev.total_score, ev.grade) == (D("90.50"), "优秀")
    table = ev.tables[0]
    assert table.code == "final_accounts"
    got = {r.row_no: (r.item, r.printed) for r in table.rows}
    assert got["14"] == ("本年支出合计", ["1,000.00", "1,200.00", "1,050.00"])
    assert got["10"] == ("人员经费", ["350.00", "400.00", "390.00"])
    assert ev.figures["预算执行率"] == D("0.875") and ev.figures["结转结余率"] == D("0.125")
    assert check_document(doc, "beijing") == []


def test_report_mixed_with_self_evaluations_and_garbage() -> None:
    text = Report().text() + "\n项目支出绩效自评表\n（2024年度）\n" + "乱码\t\t1\n" * 20
    doc = extract_bytes(text.encode(), "mixed")
    assert len(doc.evaluations) == 1
    assert (doc.evaluations[0].location.line_end or 0) < text.splitlines().index("三、项目支出绩效自评表") + 1


def test_truncated_reports_never_raise() -> None:
    lines = Department().text().splitlines() + Report().text().splitlines()
    for cut in range(0, len(lines), 3):
        doc = extract_bytes("\n".join(lines[:cut]).encode(), "cut")
        check_document(doc, "national")
    assert extract_bytes("一、项目支出绩效评价报告\n".encode(), "x").evaluations == []


def _relayout(text: str, layout: str) -> str:
    """Table rows (tab-separated lines) re-emitted as 「| a | b |」 rows or as one DOCX cell per line."""
    out: list[str] = []
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
        elif layout == "pipes":
            out.append("| " + " | ".join(line.split("\t")) + " |")
        else:
            out += [f"\t{cell}" for cell in line.split("\t")] + [""]
    return "\n".join(out)


@pytest.mark.parametrize("layout", ["pipes", "docx_lines"])
@pytest.mark.parametrize("build", [Report, Department], ids=["project", "department"])
def test_other_text_layouts(layout: str, build: type[Report] | type[Department]) -> None:
    text = build().text()
    tabs = extract_bytes(text.encode(), "tabs").evaluations
    other = extract_bytes(_relayout(text, layout).encode(), layout).evaluations
    assert len(tabs) == len(other) == 1

    def data(ev: Evaluation) -> tuple[object, ...]:
        return (ev.kind, ev.subject, ev.total_score, ev.grade, [(p.name, p.max, p.score) for p in ev.parts],
                [(i.level1, i.level2, i.level3, i.level4, i.weight, i.score) for i in ev.indicators],
                [(t.code, t.columns, [r.printed for r in t.rows]) for t in ev.tables], ev.figures,
                [[(i.level1, i.level2, i.value) for i in td.indicators] for td in ev.declarations])

    assert data(other[0]) == data(tabs[0])
    assert check_document(extract_bytes(_relayout(text, layout).encode(), layout), "beijing") == []


THREE_LEVELS = """某某局2024年度部门绩效评价报告

某某局 2024 年度整体支出绩效评价综合得分 78.00 分，评价等级为“中”。

指标体系及打分情况表
一级指标\t二级指标\t三级指标\t分值\t得分\t扣分原因
决策 (20分)\t目标设定 (20分)\t目标明确\t20\t16.00\t目标不够细化
过程 (20分)\t预算执行 (20分)\t执行率\t20\t15.00\t执行率偏低
产出 (30分)\t产出数量 (30分)\t完成率\t30\t25.00\t
效益 (30分)\t社会效益 (30分)\t满意度\t30\t22.00\t
合计\t\t\t100\t78.00\t

评价结果一览表
一级指标\t分值\t得分
决策\t20\t16.00
过程\t20\t15.00
产出\t30\t25.00
效益\t30\t22.00
总分\t100\t78.00\t中
"""


def test_three_level_table_and_grade_in_the_total_row() -> None:
    doc = extract_bytes(THREE_LEVELS.encode(), "three")
    (ev,) = doc.evaluations
    assert (ev.kind, ev.subject, ev.year, ev.total_score, ev.grade) == (
        "department_evaluation", "某某局", 2024, D("78.00"), "中")
    assert [(p.name, p.max, p.score) for p in ev.parts] == [
        ("决策", D(20), D("16.00")), ("过程", D(20), D("15.00")), ("产出", D(30), D("25.00")),
        ("效益", D(30), D("22.00"))]
    rows = [(i.level1, i.level2, i.level3, i.level4, i.weight, i.score, i.deduction_reason) for i in ev.indicators]
    assert rows[:2] == [
        ("决策", "目标设定", "目标明确", None, D(20), D("16.00"), "目标不够细化"),
        ("过程", "预算执行", "执行率", None, D(20), D("15.00"), "执行率偏低")]
    assert check_document(doc, "national") == []
    assert [(f.code, f.expected) for f in check_document(doc, "five_band")] == [("EV003", "中等")]


def test_department_subject_from_a_unit_label() -> None:
    text = THREE_LEVELS.replace("某某局 2024 年度整体支出绩效评价", "本次绩效评价").replace(
        "指标体系及打分情况表", "编制单位：某某区某某局\n\n指标体系及打分情况表")
    (ev,) = extract_bytes(text.encode(), "unit").evaluations
    assert (ev.subject, ev.total_score) == ("某某区某某局", D("78.00"))


def test_summary_table_in_free_text_lines() -> None:
    """PDF text: the 结论一览表 comes out as lines of words separated by spaces."""
    text = "\n".join(["二、项目支出绩效评价报告", "", "“2024年某项目”项目综合得分 86.00 分。", "", "绩效评价结论一览表",
                      "评价内容 分值 评价得分", "项目决策 10 9.00", "项目管理 20 18.00", "项目产出 40 35.00",
                      "项目效益 30 24.00", "综合得分 100 86.00", "绩效评定级别 良好", "", "（一）项目基本情况"])
    (ev,) = extract_bytes(text.encode(), "pdf-like").evaluations
    assert (ev.kind, ev.subject, ev.total_score, ev.grade) == ("project_evaluation", "2024年某项目", D("86.00"), "良好")
    assert [(p.name, p.max, p.score, p.line) for p in ev.parts] == [
        ("项目决策", D(10), D("9.00"), 7), ("项目管理", D(20), D("18.00"), 8), ("项目产出", D(40), D("35.00"), 9),
        ("项目效益", D(30), D("24.00"), 10)]
    assert check_document(extract_bytes(text.replace("86.00", "87.00").encode(), "x"), "national")[0].code == "EV001"
