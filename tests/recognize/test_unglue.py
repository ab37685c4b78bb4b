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


STREAM = """某局部门整体支出绩效评价评分表

一级指标
|
二级指标
|
三级指标
|
评分标准
|
分值
|
自评得分
|
扣分原因和其他说明
|
投 入
(20分)
|
预算配置
(20分)
|
人员控制率
|
以100%为标准，超过一个百分点扣0.5分。
|
10
|
10
|
|
重点支出
安排率
|
安排率≥90%，计10分。
|
10
|
8
|
未达到90%
|
过 程
(30分)
|
预算执行
(30分)
|
预算调整率
|
调整率=0，计15分。
|
15
|
15
|
|
支付进度
|
按进度下达，计15分。
|
15
|
15
|
|
"""


def test_one_cell_per_line_closed_by_a_bar_line_reads_as_rows() -> None:
    """No mark where a row ends: the header gives the width, a row ends after its score and note."""
    [form] = extract_bytes(STREAM.encode(), "stream.txt").self_evaluations
    assert form.kind == "department_self_evaluation"  # scored on 投入/过程, no project named
    assert [(i.level1, i.level2, i.level3, i.weight, i.score, i.deviation_note) for i in form.indicators] == [
        ("投入", "预算配置", "人员控制率", 10, 10, None), ("投入", "预算配置", "重点支出安排率", 10, 8, "未达到90%"),
        ("过程", "预算执行", "预算调整率", 15, 15, None), ("过程", "预算执行", "支付进度", 15, 15, None)]
    assert form.level_weights == {"投入": 20, "预算配置": 20, "过程": 30, "预算执行": 30}


TAIL = """某县医疗保障局 2023年项目支出绩效自评表（续）
城乡居民参保缴费及时率 | = | 100 | % | 10 | ||||
成本指标 | 宣传印刷成本 | ≤ | 5000 | 元 | 10 | ||||
效益指标 | 社会效益指标 | 群众知晓率 | ≥ | 90 | % | 20 | ||||
合计 | 100 | ||||||
"""


def test_the_tail_of_a_table_whose_header_is_not_on_the_page() -> None:
    """Indicator rows and a total with no header above them (a page that starts mid-form): read by
    what each cell looks like, the total with no score column being the weights' total."""
    [form] = extract_bytes(TAIL.encode(), "tail.txt").self_evaluations
    assert [(i.level1, i.level2, i.level3, i.nature, i.value, i.unit, i.weight) for i in form.indicators] == [
        (None, None, "城乡居民参保缴费及时率", "=", "100", "%", 10),
        (None, "成本指标", "宣传印刷成本", "≤", "5000", "元", 10),
        ("效益指标", "社会效益指标", "群众知晓率", "≥", "90", "%", 20)]
    assert form.indicators[1].target == "≤5000元"
    assert form.total_weight == 100


def test_rows_without_a_total_are_not_a_form_tail() -> None:
    text = TAIL.replace("合计 | 100 | ||||||\n", "")
    assert extract_bytes(text.encode(), "tail.txt").self_evaluations == []
