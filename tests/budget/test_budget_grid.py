"""Tables as converters print them: merged header cells, collapsed merged cells in data rows, glued
titles, tab-separated rows; and input that is not a disclosure at all."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.extract import extract_bytes, extract_path
from jixiao.read.text import read_text
from jixiao.recognize.budget import recognize_budget
from jixiao.recognize.budget.department import split_levels
from jixiao.recognize.budget.header import column_labels
from jixiao.recognize.budget.sections import table_code, title_of
from jixiao.rules.engine import check_document
from tests.budget.synth import as_tab_rows, disclosure_text, rows, title

D = Decimal


def test_header_groups_split_at_subtotals() -> None:
    labels = column_labels([["代码", "名称", "合计", "本年收入", "上年结转结余"],
                            ["", "", "", "小计", "一般公共预算资金", "事业收入", "小计", "单位资金"]])
    assert labels == ["代码", "名称", "合计", "本年收入/小计", "本年收入/一般公共预算资金", "本年收入/事业收入",
                      "上年结转结余/小计", "上年结转结余/单位资金"]


def test_header_groups_split_at_repeated_labels_and_trailing_columns() -> None:
    labels = column_labels([["名称", "合计", "本年拨款", "结转结余", "单位资金"],
                            ["", "", "一般公共预算", "政府性基金预算", "一般公共预算", "政府性基金预算", ""]])
    assert labels == ["名称", "合计", "本年拨款/一般公共预算", "本年拨款/政府性基金预算", "结转结余/一般公共预算",
                      "结转结余/政府性基金预算", "单位资金"]


def test_three_header_rows() -> None:
    labels = column_labels([["单位名称", "功能分类科目", "本年预算数"],
                            ["", "科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                            ["", "", "", "", "小计", "人员经费", "公用经费", "项目支出总数"]])
    assert labels == ["单位名称", "功能分类科目/科目编码", "功能分类科目/科目名称", "本年预算数/合计",
                      "本年预算数/基本支出/小计", "本年预算数/基本支出/人员经费", "本年预算数/基本支出/公用经费",
                      "本年预算数/项目支出/项目支出总数"]


def test_titles() -> None:
    assert table_code("表一、部门收支总体情况表（预算01表）") == "预算01表"
    assert table_code("预算表11 政府购买服务预算表") == "预算11表"
    assert table_code("按要求公开了收支预算总表等14项内容，详见预算01表至预算14表，" * 3) is None
    assert title_of("[bookmark: _Toc1]预算03表 支出预算总表") == "支出预算总表"
    assert split_levels("产出指标数量指标整治点位数") == ("产出指标", "数量指标", "整治点位数")
    assert split_levels("满意度指标服务对象满意度指标居民满意度") == ("满意度指标", "服务对象满意度指标", "居民满意度")


def test_collapsed_total_row_and_glued_title() -> None:
    text = (title(2, "收入总表") + rows(
        ["部门代码", "部门名称", "合计", "本年收入", "上年结转"],
        ["101", "示例局", "12.5", "10", "2.5"],
        ["合计", "12.5", "10", "2.5表三、部门支出总体情况表（预算03表）"])
        + "预算03表\n" + rows(["支出功能分类科目", "合计"], ["2010301-行政运行", "12.5"], ["合计", "12.5"]))
    doc = extract_bytes(text.encode(), "glued.txt")
    assert [t.code for t in doc.budget_tables] == ["预算02表", "预算03表"]
    t02, t03 = doc.budget_tables
    assert t02.columns == ["合计", "本年收入", "上年结转"]
    assert [(r.code, r.item, r.values) for r in t02.rows] == [
        ("101", "示例局", [D("12.5"), D(10), D("2.5")]), (None, "合计", [D("12.5"), D(10), D("2.5")])]
    assert t03.title == "部门支出总体情况表"
    assert [(r.code, r.item, r.values) for r in t03.rows] == [("2010301", "行政运行", [D("12.5")]),
                                                              (None, "合计", [D("12.5")])]


def test_tab_separated_disclosure(tmp_path: Path) -> None:
    path = tmp_path / "tabs.txt"
    path.write_text(as_tab_rows(disclosure_text()), encoding="utf-8")
    doc = extract_path(path)
    assert [t.code for t in doc.budget_tables] == ["预算01表", "预算02表", "预算03表", "预算04表", "预算06表",
                                                   "预算07表", "预算09表", "预算10表", "预算11表"]
    assert [(d.kind, len(d.indicators)) for d in doc.target_declarations] == [
        ("project_target_declaration", 5), ("project_target_declaration", 3), ("department_target_declaration", 3)]
    assert [(f.code, f.severity) for f in check_document(doc)] == [("BT006", "info")]


@pytest.mark.parametrize("text", [
    "预算01表 收支总表\n",
    "表一、部门收支总体情况表（预算01表）\n\t项目\n\t预算数\n\n",
    "预算13表 项目支出绩效表\n" + rows(["单位名称", "项目名称", "一级指标", "二级指标", "三级指标", "指标值"]),
    "预算13表\n" + rows(["单位名称", "项目名称", "一级指标", "二级指标", "三级指标", "指标值"],
                       ["x", "", "", "", "", "", "", "", ""], ["", "甲", "产出指标"]),
    "预算10表\n" + rows(["项目", "预算数"], ["合计", "abc"], ["总计", "1e9999"], ["其中", "-"]),
    "预算14表 部门整体支出绩效目标申报表\n" + rows(["部门（单位）名称"], ["绩效指标", "指标值"], ["x"]),
    "\t预算0表\n\t预算999表\n" * 50,
])
def test_bad_input_never_raises(text: str) -> None:
    doc = extract_bytes(text.encode(), "bad.txt")
    check_document(doc)
    recognize_budget(read_text(text.encode()), [], [(1, 1_000_000)])  # everything claimed: nothing found


def test_claimed_spans_are_skipped() -> None:
    text = disclosure_text()
    data = read_text(text.encode())
    assert recognize_budget(data, [], [(1, data.line_count)]).tables == []
    assert len(recognize_budget(data, [], []).tables) == 9



def test_column_number_row_and_two_sided_variant() -> None:
    text = title(5, "财政拨款收支总表") + rows(
        ["收入", "预算数", "支出", "预算数"], ["栏次", "1", "栏次", "2"],
        ["一、本年收入", "100", "一、一般公共服务支出", "100"], ["收入总计", "100", "支出总计", "100"])
    t = extract_bytes(text.encode(), "t.txt").budget_tables[0]
    assert t.columns == ["预算数"]
    assert [(r.side, r.item, r.values) for r in t.rows] == [
        ("收入", "一、本年收入", [D(100)]), ("支出", "一、一般公共服务支出", [D(100)]),
        ("收入", "收入总计", [D(100)]), ("支出", "支出总计", [D(100)])]


def test_declaration_header_repeated_per_project() -> None:
    header = ["单位名称", "项目名称", "项目总额", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]
    text = "预算13表 项目支出绩效表\n" + rows(
        header, ["甲单位", "A-甲项目", "10", "产出指标", "数量指标", "场次", "≥", "4", "场"],
        ["", "", "", "满意度指标", "服务对象满意度指标", "满意度", "≥", "90", "%"],
        header, ["", "B-乙项目", "5", "产出指标", "时效指标", "完成时间", "≤", "12", "月"])
    found = extract_bytes(text.encode(), "t.txt").target_declarations
    assert [(d.unit, d.project_name, d.total_amount, len(d.indicators)) for d in found] == [
        ("甲单位", "A-甲项目", D(10), 2), ("甲单位", "B-乙项目", D(5), 1)]
    assert found[1].indicators[0].nature == "≤" and found[1].indicators[0].value == D(12)


def test_extract_json_contract(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from jixiao.present.cli import app

    path = tmp_path / "d.txt"
    path.write_text(disclosure_text(), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)["documents"][0]
    bt = doc["budget_tables"][0]
    assert {"kind", "code", "title", "money_unit", "columns", "rows", "location"} <= set(bt)
    assert (bt["kind"], bt["code"], bt["money_unit"], bt["columns"]) == ("budget_table", "预算01表", "万元", ["预算数"])
    assert bt["rows"][0] | {"fields": None} == {"code": None, "item": "一、一般公共预算拨款收入", "values": [100],
                                                "printed": ["100"], "codes": {}, "fields": None, "side": "收入",
                                                "line": bt["rows"][0]["line"]}
    td = doc["target_declarations"][0]
    keys = {"kind", "unit", "project_code", "project_name", "category", "project_lead", "phone", "total_amount",
            "fiscal_amount", "other_amount", "goal", "indicators", "location"}
    assert keys <= set(td)
    assert (td["kind"], td["project_code"], td["project_name"], td["total_amount"]) == (
        "project_target_declaration", "11010225T000000000001", "环境整治", 30)
    assert td["indicators"][0] | {"line": 0} == {
        "level1": "产出指标", "level2": "数量指标", "level3": "整治点位数", "nature": "≥", "value": 20, "unit": "处",
        "direction": "正向", "printed_value": "20", "cell": None, "activity": None, "line": 0}
    assert doc["budget_disclosure"]["figures"][0]["name"] == "income_total"
    assert doc["target_declarations"][-1]["kind"] == "department_target_declaration"


def _fiscal_summary(spending_total: str) -> str:
    """The national 财政拨款收支总表: one value column on the 收入 side, three on the 支出 side."""
    return "表4 财政拨款收支总表\n\n" + rows(
        ["", "", "", "", "", "单位：万元"],
        ["收入", "", "支出", "", "", ""],
        ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算"],
        ["一、本年收入", "100", "一、本年支出", "110", "100", "10"],
        ["（一）一般公共预算拨款", "90", "（一）一般公共服务支出", "60", "60", ""],
        ["（二）政府性基金预算拨款", "10", "（二）城乡社区支出", "50", "40", "10"],
        ["二、上年结转", "10", "二、年终结转结余", "", "", ""],
        ["收入总计", "110", "支出总计", spending_total, "100", "10"])


def test_two_sided_table_with_sides_of_different_widths() -> None:
    doc = extract_bytes(_fiscal_summary("110").encode("utf-8"), "fiscal.txt")
    [table] = doc.budget_tables
    assert (table.code, table.role, table.columns) == ("表4", "fiscal_summary", ["预算数"])
    assert table.side_columns == {"收入": ["预算数"], "支出": ["合计", "一般公共预算", "政府性基金预算"]}
    assert [(r.side, r.item, r.values) for r in table.rows[:4]] == [
        ("收入", "一、本年收入", [D(100)]), ("支出", "一、本年支出", [D(110), D(100), D(10)]),
        ("收入", "（一）一般公共预算拨款", [D(90)]), ("支出", "（一）一般公共服务支出", [D(60), D(60), None])]
    assert check_document(doc) == []
    unbalanced = check_document(extract_bytes(_fiscal_summary("120").encode("utf-8"), "fiscal.txt"))
    assert [f.code for f in unbalanced] == ["BT001", "BT001"]
    assert "收入总计110.00万元与支出总计120.00万元不相等" in unbalanced[0].message
