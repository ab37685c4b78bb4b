"""`jixiao check` on seed 002 surfaces the problems a reviewer finds in it; other seeds get no
budget forms."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.extract import Document, extract_path
from jixiao.present.cli import app
from jixiao.rules.engine import check_document
from jixiao.rules.finding import Finding
from tests.conftest import seed


@pytest.fixture(scope="module")
def findings(seeds: Path) -> list[Finding]:
    return check_document(extract_path(seed(seeds, "002")))


def messages(findings: list[Finding], code: str, severity: str = "error") -> list[str]:
    return [f.message for f in findings if f.code == code and f.severity == severity]


def test_table_disagreements(findings: list[Finding]) -> None:
    cross = messages(findings, "BT004")
    assert len(cross) == 5
    assert any("预算01表本年支出合计30,671.10万元与预算03表合计30,453.55万元" in m and "城乡社区支出」（212）" in m
               and "2129999-其他城乡社区支出" in m for m in cross)
    assert any("预算04表合计22,696.07万元" in m and "相差27.35万元" in m for m in cross)
    assert any("预算03表项目支出合计22,505.87万元与预算04表合计22,696.07万元" in m and "2129999" in m for m in cross)
    # 01表 and 05表 agree on 30,105.34: 06表 is the odd one out
    assert any("预算06表合计28,830.31万元与预算01表一般公共预算拨款收入、预算05表一般公共预算资金（均为30,105.34万元）"
               in m and "2129999" in m for m in cross)
    missing = messages(findings, "BT006")
    assert missing == ["绩效目标表166个项目申报金额合计22,157.66万元，与预算04表本年拨款合计22,130.31万元"
                       "相差27.35万元，正是预算04表缺少的1个项目的金额。",
                       "项目「信息化服务运维服务」在绩效目标表中申报27.35万元，但预算04表（项目支出表）中没有这个项目。"]
    explained = messages(findings, "BT006", "info")
    assert len(explained) == 1 and "等于上年结转结余565.76万元" in explained[0]
    assert not messages(findings, "BT005", "warning")  # 08/09表 hold the year's money; the seed's is carry-over
    # the tables print up to six decimals: a total off its rows by 0.0004–0.009万元 is no display
    # rounding (it was called so before); one warning per table, the other columns attached
    small = [f for f in findings if f.code == "BT002"]
    assert {f.severity for f in small} == {"warning"} and len(small) == 3
    assert sum(1 + len(f.merged) for f in small) == 10 and not any("四舍五入" in f.message for f in small)


def test_double_counted_total(findings: list[Finding]) -> None:
    assert messages(findings, "BT003") == [
        "预算10表（一般公共预算“三公”经费支出情况表）总计7.912552万元把「其中」明细「其中:公务用车购置费」、"
        "「公务用车运行维护费」又加了一遍，应为5.462552万元。"]


def test_narrative_contradictions(findings: list[Finding]) -> None:
    # The narrative's 项目支出 22,723.42 agrees with 01表−07表 and 14表: the odd tables (03表, 04表) are
    # named by BT004; its "三公" 5.46 is 10表's total without the 「其中」 rows added again (BT003). Both
    # were BT007 errors that blamed the narrative for the tables' slips.
    assert messages(findings, "BT007") == []
    cross = messages(findings, "BT004")
    assert sum("情况说明第48行（均为22,723.42万元）" in m for m in cross) == 2
    assert any("预算03表项目支出合计22,505.87万元与" in m for m in cross)
    claim = messages(findings, "BT008")
    assert len(claim) == 1 and "无国有资本经营预算拨款收支" in claim[0] and "30.66万元" in claim[0]
    years = messages(findings, "BT009", "warning")
    assert len(years) == 1 and "2022年" in years[0] and "与2023年比较" in years[0]


def test_swapped_contacts(findings: list[Finding]) -> None:
    swapped = [f for f in findings if f.code == "TD003"]
    assert [f.form.project_name for f in swapped] == [
        "为老服务经费", "机关法律服务", "基层法律服务", "社区办公用房物业管理经费",
        "西城区广安门内街道小微城市公共空间改造提升项目经费", "停车管理及物业服务工作经费"]
    assert swapped[0].actual == {"project_lead": "83172751", "phone": "姜国章"}


def test_cost_indicators_against_amounts(findings: list[Finding]) -> None:
    cost = [f for f in findings if f.code == "TD002"]
    names = Counter(f.form.project_name for f in cost)
    assert len(cost) == 12
    for name in ("民政地退人员生活补贴", "残疾人职业康复劳动及社区公益性就业经费",
                 "广内街道办事处电视电话会议系统运行维护服务", "安全宣教中心服务", "困难群众采暖补助",
                 "广内街道大数据分中心平台运维服务", "广内街道移动办公数据保障服务经费", "在乡残疾军人医保费",
                 "军队移交地方离退休人员经费", "电暖气应急检修费", "第五次全国经济普查经费", "协管员工资"):
        assert names[name] == 1, name
    errors = {f.form.project_name for f in cost if f.severity == "error"}
    assert errors == {"军队移交地方离退休人员经费", "电暖气应急检修费", "协管员工资"}
    # rounding up at the printed precision is no contradiction (≤ 165.1 for 165.022955, 28.14 for 28.143)
    assert "政务服务中心购买综合窗口服务" not in names and "离退休老干部经费" not in names


def test_indicator_quality(findings: list[Finding]) -> None:
    by = Counter((f.code, f.severity) for f in findings)
    assert by[("TD004", "warning")] == 7
    assert by[("TD005", "warning")] == 6
    # 困难群众采暖补助's control row is misfiled, a floor and off the amount: one finding, TD006 twice inside
    told = [f.code for f in findings if f.severity == "warning"] + [
        m.split("：")[0] for f in findings if f.severity == "warning" for m in f.merged]
    assert told.count("TD006") == 5
    # 18 rows of the department form repeat earlier ones: one finding with the others attached (was 18)
    repeated = [f for f in findings if f.code == "TD009" and "完全重复" in f.message]
    assert len(repeated) == 1 and len(repeated[0].merged) == 17 and "共18行" in repeated[0].message
    assert by[("TD009", "warning")] == 3
    conflicts = [f.message for f in findings if f.code == "TD009" and "分类矛盾" in f.message]
    assert len(conflicts) == 2
    copied = [f.form.project_name for f in findings if f.code == "TD008" and "一字不差" in f.message]
    assert {"民兵工作经费", "民防经费"} <= set(copied)
    # a template goal shared by two projects is one problem (the placeholders), not also a copy
    templated = {f.form.project_name for f in findings if f.code == "TD008" and "占位符" in f.message}
    assert {"街道文体活动中心运营服务", "群众文化体育经费"} <= templated
    assert not {"街道文体活动中心运营服务", "群众文化体育经费"} & set(copied)
    # goals shared with the linked 提前下达 allocation are no copies
    assert not [name for name in copied if "提前下达" in (name or "")]


def test_cli_check_exit_code(seeds: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(seed(seeds, "002")), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert len(errors) == 18  # BT003 1, BT004 5, BT006 2, BT008 1, TD002 3, TD003 6
    assert {f["form"]["kind"] for f in data["findings"]} == {
        "budget_table", "budget_disclosure", "project_target_declaration", "department_target_declaration"}


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_no_budget_forms_elsewhere(seeds: Path, prefix: str) -> None:
    doc: Document = extract_path(seed(seeds, prefix))
    assert doc.budget_tables == [] and doc.target_declarations == [] and doc.budget_disclosure is None
    assert doc.self_evaluations


def test_declaration_in_evaluation_report_is_not_ours(seeds: Path) -> None:
    """Seed 001's 部门绩效目标申报表 sits inside an evaluation report: not a budget disclosure."""
    doc = extract_path(seed(seeds, "001"))
    assert doc.budget_tables == [] and doc.budget_disclosure is None
    assert all(d.table is None for d in doc.target_declarations)
