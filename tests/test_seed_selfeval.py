"""Every self-evaluation form of the seeds is found, and chosen forms extract exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.extract import extract_path
from tests.conftest import seed
from tests.helpers import forms_of

EXPECTED = Path(__file__).parent / "expected"


@pytest.mark.parametrize(("prefix", "count"), [("000", 5), ("001", 139), ("004", 15)])
def test_every_form_is_found(seeds: Path, prefix: str, count: int) -> None:
    doc = extract_path(seed(seeds, prefix))
    assert len(doc.self_evaluations) == count
    assert all(f.project_name for f in doc.self_evaluations)
    assert all(f.total_score is not None or f.total_weight is not None for f in doc.self_evaluations)


def test_budget_disclosure_has_no_self_evaluation(seeds: Path) -> None:
    doc = extract_path(seed(seeds, "002"))
    assert doc.self_evaluations == []


@pytest.mark.parametrize("snapshot", sorted(p.stem for p in EXPECTED.glob("*_form*.json")))
def test_form_extracts_exactly(seeds: Path, snapshot: str) -> None:
    prefix, index = snapshot.split("_form")
    forms = forms_of(extract_path(seed(seeds, prefix)))
    expected = json.loads((EXPECTED / f"{snapshot}.json").read_text(encoding="utf-8"))
    assert forms[int(index)] == expected


def test_pdf_layout_joins_fragments_across_a_page_break(seeds: Path) -> None:
    form = extract_path(seed(seeds, "000")).self_evaluations[0]
    quality = form.indicators[1]
    assert quality.level2 == "质量指标"
    assert quality.target is not None and quality.target.startswith("通过维护和检修保证统计内网正常运行，防止断网")
    assert quality.target.endswith("确保统计专项业务的顺利开展。")
    assert quality.actual == (
        "统计内网正常运行，未发生断网或信息泄露。统计内网正常登陆和业务操作，确保统计专项业务的顺利开展。")
    assert (quality.weight, quality.score) == (20, 20)


def test_pdf_layout_second_form_rows(seeds: Path) -> None:
    form = extract_path(seed(seeds, "000")).self_evaluations[1]
    assert form.project_name == "统计调查经费"
    assert form.funds.total.printed == {"initial_budget": "39", "full_year_budget": "39", "executed": "39",
                                        "weight": "10", "execution_rate": "100.00%"}
    assert form.funds.total.score is None  # the score cell is empty in the document
    rows = [(i.level2, i.target, i.actual, i.weight, i.score) for i in form.indicators[:4]]
    assert rows == [
        ("数量指标", "大于等于 700次", "827", 10, 10),
        ("数量指标", "大于等于 1480户", "1707", 10, 10),
        ("质量指标", "年度绩效考核中上", "年度考核满分", 10, 10),
        ("时效指标", "12 个月", "12 个月", 10, 10),
    ]
    assert form.indicators[-1].target == "达到95%以上"
    assert form.indicators[0].target_value is not None and form.indicators[0].target_value.op == "≥"


def test_docx_layout_keeps_malformed_cells_as_printed(seeds: Path) -> None:
    forms = extract_path(seed(seeds, "004")).self_evaluations
    assert forms[0].funds.total.printed["execution_rate"] == "100%%"
    assert forms[0].funds.total.execution_rate is None
    assert forms[3].total_printed == {"total_weight": "100", "total_score": "94.67 999994.67"}
    assert forms[3].total_score is None


def test_tab_layout_blank_scores_stay_blank(seeds: Path) -> None:
    form = extract_path(seed(seeds, "001")).self_evaluations[57]
    assert [i.score for i in form.indicators] == [None] * 7
    assert form.total_weight == 100 and form.total_score is None


def test_pdf_layout_goal_cells_split_by_structure(seeds: Path) -> None:
    forms = extract_path(seed(seeds, "000")).self_evaluations
    # The right cell repeats the left one, item by item, split across a page break.
    actual, expected = forms[3].goal_actual or "", forms[3].goal_expected or ""
    assert actual.startswith("指标 1：提升综合文化中心效能")
    assert actual.endswith("分馆每周开放时间≥56 小时及微型图书馆运维")
    assert expected.count("指标 3：") == 2  # printed twice in the left cell
    # Enumerations that start again mark the right cell.
    assert forms[4].goal_expected == forms[4].goal_actual
    expected = forms[4].goal_expected or ""
    assert expected.startswith("1：营造安全、稳定、和谐的社会环境。")
    assert expected.endswith("组织志愿献血等。")
    # Different texts, wrapped at different widths.
    assert forms[1].goal_expected == ("协助完成季度或年度各项经常性、一次性统计调查工作，"
                                      "确保在规定时间内及时高效地完成专项业务。")
    assert forms[1].goal_actual == ("统计季度或年度各项经常性、一次性统计调查工作、专项业务顺利完成，"
                                    "年度统计绩效考评未失分。")


def test_pdf_layout_rows_without_scores_and_notes(seeds: Path) -> None:
    forms = extract_path(seed(seeds, "000")).self_evaluations
    cost = [(i.level3, i.target, i.weight) for i in forms[2].indicators if i.level2 == "成本指标"]
    assert cost == [("指标 1：2024 年垃圾分类运行服务", "1551913.88元", None),
                    ("指标 2：维修垃圾分类设施", "9700 元", None),
                    ("指标 3：维修垃圾分类设施", "191385 元", None)]
    last = forms[4].indicators[-1]
    assert (last.level3, last.target, last.actual, last.weight, last.score, last.deviation_note) == (
        "服务居民满意度", "100%", "95%", 4, 3, "调查覆盖不够广泛")
    assert sum(i.weight or 0 for i in forms[4].indicators) + 10 == forms[4].total_weight == 100


def test_rate_printed_without_percent_sign(seeds: Path) -> None:
    total = extract_path(seed(seeds, "000")).self_evaluations[3].funds.total
    assert total.printed["execution_rate"] == "100" and total.execution_rate == 1
    assert (total.weight, total.score) == (10, 10)


def test_pdf_layout_target_and_actual_that_repeat_each_other(seeds: Path) -> None:
    form = extract_path(seed(seeds, "000")).self_evaluations[1]
    row = form.indicators[5]
    assert row.level2 == "经济效益指标"
    assert row.level3 is not None and row.level3.endswith("促进经济结构优化和可持续发展。")
    assert row.target == ("协助开展辖区规模以上单位、规模以下抽样单位年度开展调查不低于 700次，"
                          "为区级及以上统计部门提供了重要经济数据支撑。")
    assert row.actual == ("协助开展辖区规模以上单位、规模以下抽样单位年度开展调查 827次，"
                          "为区级及以上统计部门提供了重要经济数据支撑。")
    # Both cells continue after a page break.
    split = form.indicators[6]
    assert split.target == split.actual
    assert split.actual is not None and split.actual.endswith("为制定社会保障、医疗卫生、教育等民生政策提供依据。")


def test_pdf_layout_values_on_the_scores_line(seeds: Path) -> None:
    # "1 年 正常运转 1 1": target and actual stand on the scores' line, the text cell wraps above.
    rows = {i.line or 0: i for i in extract_path(seed(seeds, "000")).self_evaluations[4].indicators}
    picked = [rows[n] for n in sorted(rows) if rows[n].target in ("1 年", "12 个月") and rows[n].actual != "100.00%"]
    assert [(r.level3[-8:] if r.level3 else None, r.target, r.actual) for r in picked] == [
        ("绿化养护、喷药。", "1 年", "12 各社区"),
        ("民正常开放并服务", "1 年", "正常运转"),
        ("保护妇女儿童权益", "1 年", "开展活动"),
        ("退伍军人慰问等。", "1 年", "开展活动"),
        ("保辖区安全稳定。", "1 年", "看护保障"),
        ("全部完成相关工作", "12 个月", "12 个月"),
    ]
