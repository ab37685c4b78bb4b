"""Every budget check fires on a disclosure broken in its way and stays quiet on the correct one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jixiao.extract import extract_path
from jixiao.rules.budget import RULES
from jixiao.rules.engine import check_document
from jixiao.rules.finding import Finding
from jixiao.samples.disclosure import NATIONAL, disclosure_text
from tests.budget.synth import extract_disclosure

GOAL = "完成辖区环境整治，改善人居环境，全年整治点位不少于20处。"

CASES = [
    # (id, knob changes, code, severity, words the message must contain)
    ("unbalanced", {"spending_total_01": "120"}, "BT001", "error", ["支出总计110.00万元", "本年支出合计120.00万元"]),
    ("row-sum", {"total_03": "111"}, "BT002", "error", ["预算03表", "110.00", "111.00"]),
    ("double-counted", {"three_public_total": "5"}, "BT003", "error", ["总计5万元", "应为3万元"]),
    ("cross-total", {"total_03": "111"}, "BT004", "error",
     ["预算01表本年支出合计110.00万元", "预算03表合计111.00万元"]),
    ("missing-project", {"extra_13_project": True}, "BT006", "error", ["信息化运维", "预算04表"]),
    ("project-amount", {"amount_04": "28"}, "BT006", "warning", ["申报30万元", "预算04表本年拨款为28万元"]),
    ("narrative-amount", {"narrative_three_public": "4.00"}, "BT007", "error", ["4.00万元", "预算10表总计3.00万元"]),
    ("narrative-claim", {"state_capital_carryover": "5"}, "BT008", "error", ["无国有资本经营预算拨款收支", "5.00万元"]),
    ("narrative-year", {"prior_year_in_project_sentence": 2023}, "BT009", "warning", ["2023年", "与2024年比较"]),
    ("narrative-arithmetic", {"income_change": "12.00"}, "BT010", "error", ["相差10.00万元", "增加12.00万元"]),
    ("unmeasurable", {"satisfaction": ("定性", "优", "")}, "TD011", "warning", ["1个满意度/时效/数量指标按定性填报"]),
    ("amount-sum", {"fiscal_amount": "25"}, "TD001", "error", ["环境整治", "30万元", "25.00万元"]),
    ("cost-over-cap", {"cost_control": "25"}, "TD002", "error", ["环境整治", "≤25万元", "超出"]),
    ("cost-stale", {"cost_control": "35"}, "TD002", "warning", ["≤35万元", "项目总额为30万元"]),
    ("contact-swapped", {"lead": "83170000", "phone": "张三"}, "TD003", "error", ["83170000", "张三", "填反"]),
    ("qualitative-number", {"qualitative_value": "98"}, "TD004", "warning", ["定性", "「98」"]),
    ("control-qualitative", {"cost_nature": "定性", "cost_control": "优"}, "TD005", "warning", ["按定性填报为「优」"]),
    ("cost-under-output", {"cost_level1": "产出指标", "cost_level2": "时效指标"}, "TD006", "warning",
     ["归在产出指标下"]),
    ("cost-as-minimum", {"cost_nature": "≥"}, "TD006", "warning", ["写成≥30万元"]),
    ("direction", {"direction": "反向指标"}, "TD007", "warning", ["性质为≥却标为反向指标"]),
    ("goal-copied", {"goal_second": GOAL}, "TD008", "warning", ["一字不差", "环境整治"]),
    ("goal-template", {"goal_second": "依据**政策，对**群体按月发放**补助，保障其基本生活。"}, "TD008",
     "warning", ["占位符"]),
    ("goal-old-year", {"goal_second": "2023年度使用有资质的服务企业开展道路保洁，全年按标准完成作业。"}, "TD008",
     "warning", ["2025年预算", "2023年"]),
    ("department-duplicate", {"duplicate_department_row": True}, "TD009", "warning", ["完全重复"]),
    ("department-conflict", {"conflicting_department_row": True}, "TD009", "warning", ["分类矛盾", "社会成本指标"]),
    ("value-scale", {"qualitative_value": "优良中低差"}, "TD010", "warning", ["评价等级的刻度"]),
    ("goal-repeated", {"goal_second": "开展保洁服务，保持辖区道路整洁。开展保洁服务，保持辖区道路整洁。"}, "TD012",
     "warning", ["印了两遍"]),
]


def _of(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def _numbered(words: list[str], numbering: str) -> list[str]:
    """The message words of a Beijing-numbered case in the other numbering ("预算03表" → "表3")."""
    if numbering == "beijing":
        return words
    return [re.sub(r"预算(\d\d)表", lambda m: f"表{NATIONAL[int(m.group(1))][0]}", w) for w in words]


@pytest.mark.parametrize("numbering", ["beijing", "national"])
def test_correct_disclosure_has_no_problem(tmp_path: Path, numbering: str) -> None:
    findings = check_document(extract_disclosure(tmp_path, numbering=numbering))
    assert [(f.code, f.severity) for f in findings] == [("BT006", "info")]
    assert "等于上年结转结余10.00万元" in findings[0].message


@pytest.mark.parametrize("numbering", ["beijing", "national"])
@pytest.mark.parametrize(("changes", "code", "severity", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_check_fires(tmp_path: Path, changes: dict[str, object], code: str, severity: str, words: list[str],
                     numbering: str) -> None:
    """Every case fires the same way whether the tables are Beijing's 预算01表 … or the national 表1 …
    in another order: the checks know tables by their names, not their numbers."""
    findings = _of(check_document(extract_disclosure(tmp_path, numbering=numbering, **changes)), code)
    assert findings, f"{code} did not fire"
    words = _numbered(words, numbering)
    hits = [f for f in findings if f.severity == severity and all(w in f.message for w in words)]
    assert hits, [f.message for f in findings]
    assert hits[0].source.endswith("disclosure.txt")
    assert hits[0].location.get("line_start")


def test_every_rule_has_a_case_and_documentation() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    assert {c[2] for c in CASES} | {"BT005"} == set(codes)  # BT005: the two tests below
    for rule in RULES:
        assert "Bad::" in rule.doc and "Good::" in rule.doc, rule.code
        assert rule.summary and rule.category and rule.severity in ("error", "warning", "info")


def test_findings_point_at_forms(tmp_path: Path) -> None:
    doc = extract_disclosure(tmp_path, lead="83170000", phone="张三", three_public_total="5")
    findings = check_document(doc)
    swapped = _of(findings, "TD003")[0]
    assert (swapped.form.kind, swapped.form.index, swapped.form.project_name) == (
        "project_target_declaration", 0, "环境整治")
    double = _of(findings, "BT003")[0]
    assert (double.form.kind, double.form.index) == ("budget_table", 7)
    assert doc.budget_tables[7].code == "预算10表"
    assert str(double.expected) == "3" and str(double.actual) == "5"


def test_profile_numbers_drive_the_checks(tmp_path: Path) -> None:
    from jixiao.rules.budget import settings_of
    from jixiao.rules.profile import ProfileError, load_profile

    national = load_profile("national")
    assert settings_of(national).control_words[0] == "预算控制数"
    assert settings_of(load_profile("beijing")).narrative_places == 2  # inherited from national
    doc = extract_disclosure(tmp_path, cost_control="35")
    loose = national.model_copy(update={"budget": {**national.budget, "control_words": ["总成本"]}})
    assert [f for f in check_document(doc, national) if f.code == "TD002"]
    assert not [f for f in check_document(doc, loose) if f.code == "TD002"]
    broken = national.model_copy(update={"budget": {"narrative_places": "two"}})
    with pytest.raises(ProfileError):
        settings_of(broken)


def test_fund_table_carryover_alone_is_not_expected_in_the_year_table(tmp_path: Path) -> None:
    """政府性基金/国有资本经营 expenditure tables show the year's appropriation only: a fund's 上年结转结余
    in 02表 with an empty 09表 is no BT005 (it was a false alarm on seed 002)."""
    findings = check_document(extract_disclosure(tmp_path, state_capital_carryover="5", numbering="beijing"))
    assert not _of(findings, "BT005")


def test_fund_table_fires_on_this_years_fund_income(tmp_path: Path) -> None:
    """The same 5万元 as 本年收入 of the fund in 02表, and an empty 09表: BT005."""
    text = disclosure_text(state_capital_carryover="5", numbering="beijing")
    start = text.index("上年结转结余", text.index("收入总表"))
    path = tmp_path / "fund.txt"
    path.write_text(text[:start] + "本年收入" + text[start + len("上年结转结余"):], encoding="utf-8")
    hits = _of(check_document(extract_path(path)), "BT005")
    assert len(hits) == 1 and "「本年收入/国有资本经营预算资金」5.00万元" in hits[0].message


@pytest.mark.parametrize("goal", [
    "落实关于2023年“疏解整治促提升”专项行动工作要求，全年整治点位不少于20处，改善人居环境。",
    "该楼已于2023年完成腾退，本年度开展环境整治，全年整治点位不少于20处。",
    "及时正确开展2024年年报，确保辖区单位统计报表的催报、审核和验收等相关工作顺利完成。"])
def test_years_in_background_sentences_are_not_stale_goals(tmp_path: Path, goal: str) -> None:
    findings = _of(check_document(extract_disclosure(tmp_path, goal_second=goal)), "TD008")
    assert not [f for f in findings if "年的工作" in f.message]


def test_goal_shared_with_an_advance_allocation_is_not_a_copy(tmp_path: Path) -> None:
    text = disclosure_text(goal_second=GOAL).replace("000002-保洁服务", "000002-京财指[2024]1号提前下达环境整治经费")
    path = tmp_path / "advance.txt"
    path.write_text(text, encoding="utf-8")
    assert not [f for f in check_document(extract_path(path)) if "一字不差" in f.message]


def test_rounding_is_half_a_unit_at_the_most_precise_figure() -> None:
    """Rows at two decimals may be off a total by half a cent each; a "4" beside "601.0884" had its
    zeros dropped, so a column printed to four decimals gets half a unit of the fourth decimal a row."""
    from decimal import Decimal

    from jixiao.model.tables import TableRow
    from jixiao.rules.budget.tables import rounding_slack

    def row(text: str) -> TableRow:
        return TableRow(item="x", values=[Decimal(text)], printed=[text])

    per_row = Decimal("0.005")
    assert rounding_slack([row("33.33")] * 3, 0, per_row, row("100.00")) == Decimal("0.015")
    assert rounding_slack([row("601.0884"), row("4")], 0, per_row, row("605.09")) == Decimal("0.0001")


def test_three_sources_agree_and_one_differs_names_the_odd_one_out() -> None:
    from decimal import Decimal

    from jixiao.rules.budget.bt004_cross_totals import Figure, majority

    def figure(value: str) -> Figure:
        return Figure("x", Decimal(value), None)

    sources = {"project@summary": figure("22723.42"), "project@department": figure("22723.420369"),
               "project@narrative": figure("22723.42"), "project@spending": figure("22505.87")}
    assert majority(sources, "project") == ["project@summary", "project@department", "project@narrative"]
    two_against_two = {"project@summary": figure("1"), "project@department": figure("1"),
                       "project@spending": figure("2"), "project@projects": figure("2")}
    assert majority(two_against_two, "project") == []
    assert majority({"project@summary": figure("1"), "project@spending": figure("2")}, "project") == []


def test_findings_on_pdf_forms_carry_their_pages(tmp_path: Path) -> None:
    """Every kind of finding carries page numbers when its form has them (PDF inputs)."""
    doc = extract_disclosure(tmp_path, total_03="111", lead="83170000", phone="张三")
    for location in [*(t.location for t in doc.budget_tables), *(t.location for t in doc.target_declarations)]:
        location.page_start, location.page_end = 3, 4
    findings = [f for f in check_document(doc) if f.form.kind != "budget_disclosure"]
    assert {f.code for f in findings} >= {"BT004", "TD003"}
    assert all(f.location.get("page_start") == 3 and f.location.get("page_end") == 4 for f in findings)
