"""A form flattened into one line of web text: labels found by the lexicon, glued numbers taken apart
by the form's own arithmetic."""

from __future__ import annotations

from decimal import Decimal

from jixiao.extract import extract_bytes
from jixiao.recognize.forms.unglue import _split_funds, tokens

FUNDS = ["initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score"]


def test_glued_funds_split_where_the_rate_is_executed_over_budget() -> None:
    assert _split_funds(["1484631.00%"], ["full_year_budget", "executed", "execution_rate"]) == ["148", "46", "31.00%"]
    assert _split_funds(["40404010100%"], FUNDS) == ["40", "40", "40", "10", "100%", ""]
    assert _split_funds(["7.297.297.291010"], FUNDS) == ["7.29", "7.29", "7.29", "10", "", "10"]


def test_numbers_that_no_cut_explains_are_left_as_printed() -> None:
    assert _split_funds(["abc"], FUNDS) == ["abc"]
    assert _split_funds(["12", "34"], FUNDS) == ["12", "34"]


def test_labels_found_in_a_glued_line() -> None:
    pieces = tokens("项目名称社区绿化主管部门某区城管委年度资金总额100.0095.0095%")
    assert [c for c, _ in pieces] == ["field.project_name", None, "field.department", None, "fund_row.total", None]
    assert [t for c, t in pieces if c is None] == ["社区绿化", "某区城管委", "100.0095.0095%"]


LINE = ("1、项目支出绩效自评表(2021年度)项目名称社区绿化提升工程主管部门某区城市管理委员会实施单位某街道办事处"
        "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额10010095.001095%9.5"
        "其中:当年财政拨款10010095.0095%上年结转资金其他资金年度总体目标预期目标实际完成情况养护绿地。已养护。"
        "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施总分10098")


def test_a_glued_page_reads_as_a_form() -> None:
    doc = extract_bytes(("某网站 首页 > 信息公开\n" + LINE + "\n").encode(), "page.txt")
    [form] = doc.self_evaluations
    assert (form.project_name, form.department, form.implementing_unit) == (
        "社区绿化提升工程", "某区城市管理委员会", "某街道办事处")
    total = form.funds.total
    assert (total.initial_budget, total.full_year_budget, total.executed, total.weight, total.execution_rate,
            total.score) == (100, 100, Decimal("95.00"), 10, Decimal("0.95"), Decimal("9.5"))
    assert (form.total_weight, form.total_score) == (100, 98)
    assert any("连写" in w for w in form.warnings)


def test_prose_that_names_labels_is_left_alone() -> None:
    note = ("注：一级指标的分值按得分计算，二级指标的分值和三级指标的分值由单位自定，实际完成值应与年度指标值对应，"
            "偏差原因分析及改进措施应写明。")
    assert extract_bytes(note.encode(), "note.txt").self_evaluations == []
