"""Seed 001: both evaluation reports come out exact, and ``jixiao check`` finds what a reviewer finds."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.extract import Document, extract_path
from jixiao.model.evaluation import Evaluation
from jixiao.model.tables import BudgetTable
from jixiao.present.cli import app
from jixiao.rules import check_document
from tests.conftest import seed

D = Decimal


@pytest.fixture(scope="module")
def doc(seeds: Path) -> Document:
    return extract_path(seed(seeds, "001"))


def _table(ev: Evaluation, code: str) -> BudgetTable:
    return next(t for t in ev.tables if t.code == code)


def test_two_reports_and_the_self_evaluations_untouched(doc: Document) -> None:
    assert len(doc.self_evaluations) == 139
    assert [ev.kind for ev in doc.evaluations] == ["department_evaluation", "project_evaluation"]
    first_se = min(se.location.line_start or 0 for se in doc.self_evaluations)
    assert all((ev.location.line_end or 0) < first_se for ev in doc.evaluations)
    assert [(ev.location.line_start, ev.location.line_end) for ev in doc.evaluations] == [(5, 517), (519, 765)]


def test_department_summary(doc: Document) -> None:
    ev = doc.evaluations[0]
    assert (ev.subject, ev.year, ev.total_score, ev.grade) == ("和义街道办事处", 2023, D("85.26"), "良好")
    assert [(p.name, p.max, p.score) for p in ev.parts] == [
        ("部门决策", D(10), D("7.83")), ("部门管理", D(20), D("16.57")), ("部门产出", D(40), D("34.86")),
        ("部门效益", D(30), D("26.00"))]
    assert ev.stated_results[0].total_score == D("85.26") and ev.stated_results[0].grade == "良好"


DEPT_W = ("0.5 0.5 0.5 0.5 0.5 0.5 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 0.7 0.6 0.7 1 1 0.7 0.7 0.6 1.5 1.5 10 10 10 10 "
          "9 7 7 7")
DEPT_S = ("0.30 0.36 0.36 0.37 0.36 0.37 0.73 0.84 0.86 0.79 0.71 1.00 0.79 0.86 0.84 0.69 1.00 0.77 0.79 0.83 0.83 "
          "0.86 1.00 1.00 0.54 0.47 0.57 0.73 0.74 0.54 0.43 0.41 1.33 1.34 8.86 8.71 8.57 8.71 7.86 5.86 6.57 5.71")
PUBLISH = "定期按丰台区财政局相关通知要求进行预算公开。"
ORG = "缺少设立绩效管理组织机构以及为实现绩效所采取的有效措施的支撑材料，绩效管理有待进一步加强。"
DEPT_R = [
    "未见中长期发展规划", "未见中长期发展规划", "对应性不强", "基本可实现", "未能细化分解为具体工作任务",
    "绩效目标较为笼统，可衡量性差", "缺少中长期规划作为年度工作计划的依据参考，决策依据不够充分",
    "基本明确", "基本有效",
    "预算编制、分配依据不够充分，与绩效目标的衔接性有待提高", "未见预算分配的相关资料", "三公经费变动率为0%",
    "未见重点项目保障的相关资料", "支出预算执行率为97.17%", "支出预算调整率为56.04%", "结转结余率为-2.83%",
    "公用经费控制率 100%", "管理制度的待完善", "基本按制度执行", "基本规范", "财务支出基本安全、合规性有待提高",
    "基本能履行审批手续", PUBLISH, PUBLISH, "基本真实", "基本完整", "基本准确", ORG, ORG, "不够及时",
    "完备性和准确性需进一步提高", "需进一步提高", "资产管理规范性有待加强", "固定资产利用率有待提高", "基本按预期完成",
    "基本按质量要求完成", "基本按计划完成", "成本控制有待加强", "有待提高", "有待提高", "有待提高", "有待提高"]


def test_department_indicator_rows(doc: Document) -> None:
    rows = doc.evaluations[0].indicators
    assert [r.weight for r in rows] == [D(x) for x in DEPT_W.split()]
    assert [r.score for r in rows] == [D(x) for x in DEPT_S.split()]
    assert [r.deduction_reason for r in rows] == DEPT_R
    assert [r.level1 for r in rows] == ["部门决策"] * 13 + ["部门管理"] * 21 + ["部门产出"] * 4 + ["部门效益"] * 4
    assert (rows[0].level1_max, rows[0].level2, rows[0].level2_max, rows[0].level3) == (D(10), "目标设定情况", D(3),
                                                                                       "绩效指标明确性")
    assert rows[17].level2 == "预算管理" and rows[17].level2_max == D(9)  # a row that lost its merged level-1 cell
    assert rows[17].level3 == "管理制度健全性和有效性" and rows[17].level4 == "管理制度的健全、完善性"
    assert rows[27].level2 == "绩效管理" and rows[-1].level3 == "服务对象满意度"
    assert all(r.level1 and r.level2 and r.level3 and r.level4 for r in rows)
    assert (rows[5].level3, rows[5].level4) == ("目标依据充分性", "绩效目标的设定通过清晰、可衡量的指标值予以体现")
    assert (rows[26].level3, rows[26].level4) == ("基础信息完善性", "基础数据信息和会计信息资料的准确性")
    assert [r.level2 for r in rows[13:34]] == ["预算执行"] * 4 + ["预算管理"] * 10 + ["绩效管理"] * 5 + ["资产管理"] * 2
    ev = doc.evaluations[0]
    assert (ev.indicator_total_weight, ev.indicator_total_score) == (D("100.00"), D("85.26"))


PRO_W = ("0.50 0.50 0.50 0.50 0.70 0.60 0.70 0.40 0.40 0.40 0.30 0.50 0.50 0.50 0.40 0.40 0.40 0.30 0.80 0.70 1.50 "
         "1.50 1.50 1.50 1.00 1.00 1.00 1.00 2.50 2.50 1.00 1.00 1.50 1.50 8.00 8.00 7.00 7.00 15.00 15.00 10.00")
PRO_S = ("0.50 0.50 0.50 0.50 0.70 0.60 0.70 0.40 0.40 0.40 0.30 0.50 0.50 0.50 0.34 0.40 0.34 0.26 0.80 0.70 1.50 "
         "1.50 1.50 1.50 0.96 1.00 1.00 1.00 2.42 2.40 0.84 1.00 1.42 1.48 6.40 6.60 6.80 6.00 11.40 12.20 7.60")


def test_project_summary_and_indicator_rows(doc: Document) -> None:
    ev = doc.evaluations[1]
    assert (ev.subject, ev.year, ev.total_score, ev.grade) == ("2023年城市居民最低生活保障", 2023, D("86.36"), "良好")
    assert [(p.name, p.max, p.score) for p in ev.parts] == [
        ("项目决策", D(10), D("9.84")), ("项目管理", D(20), D("19.52")), ("项目产出", D(30), D("25.80")),
        ("项目效益", D(40), D("31.20"))]
    rows = ev.indicators
    assert ev.indicator_style == "project"
    assert [r.weight for r in rows] == [D(x) for x in PRO_W.split()]
    assert [r.score for r in rows] == [D(x) for x in PRO_S.split()]
    assert all(r.deduction_reason is None for r in rows)
    assert [r.level1 for r in rows] == ["决策"] * 20 + ["过程"] * 14 + ["产出"] * 4 + ["效益"] * 3
    assert (rows[8].level3, rows[8].level3_max) == ("绩效目标合理性", D("1.5"))  # 「(1.5分)」 on the next row
    assert rows[24].level4 == "是否符合国家财经法规和财务管理制度以及有关专项资金管理办法的规定"  # broken label joined
    assert rows[32].level4 == "项目合同书、验收报告、技术鉴定等资料是否齐全并及时归档"
    assert (rows[28].level2, rows[28].level3, rows[28].level3_max) == ("组织实施", "管理制度健全性", D(5))
    assert all(r.level1 and r.level2 and r.level3 and r.level4 for r in rows)
    assert rows[0].criteria is not None and rows[0].criteria.startswith("项目立项是否符合法律法规")
    assert rows[3].criteria == rows[0].criteria  # the explanation spans the group
    assert (ev.indicator_total_weight, ev.indicator_total_score) == (D("100.00"), D("86.36"))


ACCOUNTS = {
    1: ("一、一般公共预算财政拨款收入", "11,159.84 14,816.98 14,816.98"),
    2: ("二、政府性基金预算财政拨款收入", "2.00 3.44 3.44"),
    3: ("三、国有资本经营预算财政拨款收入", "_ 2.50 2.50"),
    4: ("四、上级补助收入", "_ _ _"), 5: ("五、事业收入", "_ _ _"), 6: ("六、经营收入", "_ _ _"),
    7: ("七、附属单位上缴收入", "_ _ _"), 8: ("八、其他收入", "_ 16.71 16.71"),
    27: ("本年收入合计", "11,161.84 14,839.62 14,839.62"), 28: ("使用非财政拨款结余和专用结余", "— — —"),
    29: ("年初结转和结余", "_ 2,576.85 2,576.85"), 31: ("总计", "11,161.84 17,416.47 17,416.47"),
    32: ("一、一般公共服务支出", "6,079.75 6,677.47 6,509.86"), 33: ("二、外交支出", "_ _ _"),
    34: ("三、国防支出", "_ _ _"), 35: ("四、公共安全支出", "_ _ _"), 36: ("五、教育支出", "5.27 0.46 0.46"),
    37: ("六、科学技术支出", "_ 15.00 15.00"), 38: ("七、文化旅游体育与传媒支出", "103.45 89.27 89.27"),
    39: ("八、社会保障和就业支出", "4,120.52 4,902.77 4,639.67"), 40: ("九、卫生健康支出", "145.40 2,395.03 2,395.03"),
    41: ("十、节能环保支出", "_ 138.75 138.75"), 42: ("十一、城乡社区支出", "8.03 1,204.71 1,204.71"),
    43: ("十二、农林水支出", "_ 323.42 323.42"), 44: ("十三、交通运输支出", "_ _ _"),
    45: ("十四、资源勘探工业信息等支出", "_ _ _"), 46: ("十五、商业服务业等支出", "_ _ _"),
    47: ("十六、金融支出", "_ _ _"),
    48: ("十七、援助其他地区支出", "_ _ _"), 49: ("十八、自然资源海洋气象等支出", "_ _ _"),
    50: ("十九、住房保障支出", "697.43 1,665.10 1,602.58"), 51: ("二十、粮油物资储备支出", "_ _ _"),
    52: ("二十一、国有资本经营预算支出", "_ 2.50 2.50"), 53: ("二十二、灾害防治及应急管理支出", "_ _ _"),
    54: ("二十三、其他支出", "2.00 2.00 2.00"), 55: ("二十四、债务还本支出", "_ _ _"),
    56: ("二十五、债务付息支出", "_ _ _"),
    57: ("二十六、抗疫特别国债安排的支出", "_ _ _"),
    58: ("一、基本支出", "7,305.42 7,815.23 7,326.08"), 59: ("人员经费", "6,847.21 7,409.66 6,920.51"),
    60: ("公用经费", "458.21 405.57 405.57"), 61: ("二、项目支出", "3,856.42 9,601.24 9,597.17"),
    62: ("其中：基本建设类项目", "_ _ _"), 63: ("三、上缴上级支出", "_ _ _"), 64: ("四、经营支出", "_ _ _"),
    65: ("五、对附属单位补助支出", "_ _ _"), 68: ("经济分类支出合计", "— — 16,923.25"),
    69: ("一、工资福利支出", "— — 7,287.50"), 70: ("二、商品和服务支出", "— — 6,916.95"),
    71: ("三、对个人和家庭的补助", "— — 1,361.06"), 72: ("四、债务利息及费用支出", "— — _"),
    73: ("五、资本性支出（基本建设）", "— — _"), 74: ("六、资本性支出", "— — 1,356.29"),
    75: ("七、对企业补助（基本建设）", "— — _"), 76: ("八、对企业补助", "— — 1.44"),
    77: ("九、对社会保障基金补助", "— — _"),
    78: ("十、其他支出", "— — _"), 84: ("本年支出合计", "11,161.84 17,416.47 16,923.25"), 85: ("结余分配", "— — —"),
    86: ("年末结转和结余", "_ _ 493.22"), 88: ("总计", "11,161.84 17,416.47 17,416.47"),
}


def test_final_accounts_table(doc: Document) -> None:
    table = _table(doc.evaluations[0], "final_accounts")
    assert (table.title, table.money_unit) == ("部门收入支出情况决算表", "万元")
    assert table.columns == ["年初预算数", "全年预算数", "决算数"]
    got = {int(r.row_no or 0): (r.item, " ".join(p or "_" for p in r.printed)) for r in table.rows}
    assert got == ACCOUNTS
    values = {int(r.row_no or 0): r.values for r in table.rows}
    assert values[39] == [D("4120.52"), D("4902.77"), D("4639.67")] and values[68] == [None, None, D("16923.25")]
    blocks = table.blocks or []
    assert [b["name"] for b in blocks] == ["收入", "按功能分类", "按支出性质和经济分类"]
    assert [b["column_numbers"] for b in blocks] == [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]]
    spans = {int(r.row_no or 0): r.span_to for r in table.rows}
    assert spans[84] == 2 and spans[88] == 2 and spans[31] is None


EXEC_VALUES = ["744.59", "744.59", "744.59", "333.81", "260.20", "150.58", "744.59", "744.59", "333.81", "333.81",
               "260.20", "260.20", "150.58", "150.58"]


def test_execution_table(doc: Document) -> None:
    table = _table(doc.evaluations[1], "project_budget_execution")
    assert len(table.columns) == 22 and table.money_unit == "万元"
    assert table.columns[0] == "预算批复/总预算" and table.columns[7] == "预算执行情况/本年支出/小计"
    assert table.columns[14] == "预算执行情况/跨年支出/金额" and table.columns[17] == "本年支出进度 (%)"
    assert table.columns[18] == "执行差额/执行差额数" and table.columns[20] == "资金超支率 (%)"
    total, project = table.rows
    assert total.item == "合计" and project.item.startswith("项目 1.2023 年城")
    assert total.printed == [*EXEC_VALUES, "-", "-", "-", "100.00", "", "", "", ""]
    assert project.printed == [*EXEC_VALUES, "", "", "", "100.00", "", "", "-", ""]
    assert project.values[:14] == [D(x) for x in EXEC_VALUES] and project.values[14:17] == [None] * 3
    formulas = [(f["target"], f["expression"]) for f in table.formulas or []]
    assert formulas == [(19, "7-1)"), (8, "9+11+13"), (7, "8+15"), (18, "8/1*100%"), (21, "(7-1)/1*100%")]


def test_goal_funds_table(doc: Document) -> None:
    table = _table(doc.evaluations[1], "goal_completion_funds")
    assert table.goal_adjustment == "无"
    assert [(r.item, r.printed, r.section) for r in table.rows] == [
        ("财政拨款", ["744.59", "744.59"], "资金到位情况"), ("合计", ["744.59", "744.59"], "资金到位情况"),
        ("发放城市居民最低生活保障费用", ["744.59", "744.59"], "资金支出情况"),
        ("合计", ["744.59", "744.59"], "资金支出情况")]


def test_figures(doc: Document) -> None:
    dept, project = doc.evaluations
    assert dept.figures == {
        "全年预算数": D("17416.47"), "基本支出预算数": D("7815.23"), "项目支出预算数": D("9601.24"),
        "总体支出": D("16923.25"), "基本支出": D("7326.08"), "项目支出": D("9597.17"), "预算执行率": D("0.9717"),
        "资产总额": D("2072.43"), "负债总额": D("890.36"), "净资产": D("1182.07"), "固定资产净值": D("651.87"),
        "结转结余": D("493.22"), "调整预算数": D("17416.47"), "结转结余率": D("0.0283"), "实际支出": D("16923.25"),
        "预算金额": D("17416.47"), "预决算差异率": D("-0.0283")}
    units = {f.name: f.unit for f in dept.figure_details if f.source == "narrative"}
    assert units["预算金额"] == "元" and units["全年预算数"] == "万元"
    from_reasons = {f.name: f.value for f in dept.figure_details if f.source == "indicators"}
    assert from_reasons == {"三公经费变动率": D(0), "支出预算执行率": D("97.17"), "支出预算调整率": D("56.04"),
                            "结转结余率": D("-2.83"), "公用经费控制率": D(100)}
    assert project.figures == {"批复预算数": D("9700000.00"), "调整预算数": D("7445949.64"), "支出": D("7445949.64")}
    assert [(b.line, b.total.value, [p.value for p in b.parts]) for b in dept.breakdowns] == [
        (129, D("17416.47"), [D("7815.23"), D("9601.24")]), (129, D("16923.25"), [D("7326.08"), D("9597.17")]),
        (219, D("651.87"), [D("221.63"), D("296.52"), D("0.65"), D("43.41"), D("89.66")])]
    assert [(s.part, s.max) for s in dept.statements[:4]] == [("决策", D(10)), ("管理", D(20)), ("产出", D(30)),
                                                            ("效益", D(40))]


def test_declarations(doc: Document) -> None:
    declaration, comparison = doc.evaluations[0].declarations
    assert (declaration.kind, declaration.unit, declaration.project_lead, declaration.phone) == (
        "department_target_declaration", "北京市丰台区人民政府和义街道办事处", "武岩磊", "67904013")
    assert (declaration.total_amount, declaration.other_amount) == (D("16923.25"), None)
    assert (declaration.basic_amount, declaration.project_amount) == (D("7326.08"), D("9597.17"))
    assert declaration.goal.startswith("1、总体绩效目标")
    categories = ["党建工作", "重点项目建设", "辖区经济发展", "疏整促", "民生保障", "安全维稳"]
    outputs = ["产出数量指标", "产出质量指标", "产出进度指标", "产出成本指标"]
    effects = [("效果指标", "社会效益指标"), ("效果指标", "环境效益指标"), ("效果指标", "服务对象满意度指标")]
    expected = [(c, o) for c in categories for o in outputs] + effects
    assert [(i.level1, i.level2) for i in declaration.indicators] == expected
    assert [i.value for i in declaration.indicators[1:4]] == ["符合相关质量标准", "12月31日前", "预算范围内"]
    assert declaration.indicators[-1].value == "使投诉率小于 5%"
    assert comparison.kind == "department_target_comparison" and comparison.unit == declaration.unit
    assert [(i.level1, i.level2) for i in comparison.indicators] == expected
    assert [(i.value, i.actual) for i in comparison.indicators[-1:]] == [("使投诉率小于5%", "使投诉率小于5%")]
    built = comparison.indicators[4]  # the achieved text continues on a second row
    assert built.actual is not None
    assert built.actual.startswith("聚焦中心") and built.actual.endswith("共涉及资金约 110 万元。")
    social = comparison.indicators[16]
    assert isinstance(social.value, str) and social.actual is not None
    assert social.value.endswith("实现共建共治共享社区治理新格局。(4)全面开展科普活动,结合居民需求,围绕科普月和寒暑假,"
                                 "重点策划开展多场科普活动,旨在营造地区爱科学、学科学、用科学。")
    assert social.actual.endswith("开展和义东里健身园环境整治提升5处,17余万元。")


# What a reviewer finds in the two reports: (code, severity, form index, line).
EXPECTED = [
    ("EV004", "info", "department_evaluation", 16),  # 部门决策 7.83 vs rows 7.84
    ("EV004", "info", "department_evaluation", 18),  # 部门产出 34.86 vs rows 34.85
    ("EV007", "error", "department_evaluation", 107),  # 「产出指标（30 分）」 vs 40
    ("EV007", "error", "department_evaluation", 107),  # 「效益指标（40 分）」 vs 30
    ("EV008", "info", "department_evaluation", 362),  # 本年收入合计 全年 14,839.62 vs 14,839.63
    ("EV008", "info", "department_evaluation", 362),  # 本年收入合计 决算 14,839.62 vs 14,839.63
    ("EV008", "info", "department_evaluation", 362),  # 本年支出合计 年初 (功能) 11,161.84 vs 11,161.85
    ("EV008", "info", "department_evaluation", 362),  # 本年支出合计 全年 (功能) 17,416.47 vs 17,416.48
    ("EV008", "info", "department_evaluation", 362),  # 本年支出合计 决算 (经济) 16,923.25 vs 16,923.24
    ("EV010", "error", "department_evaluation", 481),  # 结转结余率为-2.83%: sign
    ("EV011", "error", "department_evaluation", 233),  # 预算金额 17,416.47 元: unit
    ("EV014", "warning", "department_evaluation", 378),  # 申报表资金总额 16,923.25 = 决算数, not a budget
    ("EV012", "warning", "project_evaluation", 689),  # 目标调整情况：无, budget 970.00 → 744.59
]


def test_check_finds_what_a_reviewer_finds(doc: Document) -> None:
    findings = [f for f in check_document(doc, "beijing") if f.code.startswith("EV")]
    assert [(f.code, f.severity, f.form.kind, f.location["line_start"]) for f in findings] == EXPECTED
    assert all(f.form.index == 0 for f in findings)
    by_line = {f.location["line_start"]: f for f in findings}
    assert "2.83%" in by_line[481].message and "正负号" in by_line[481].message
    assert by_line[481].expected == D("2.83") and by_line[481].actual == D("-2.83")
    assert "17,416.47 元" in by_line[233].message and by_line[233].category == "units"
    assert "30" in findings[2].message and "40" in findings[2].message
    assert findings[4].expected == D("14839.63") and findings[4].actual == D("14839.62")
    national = [f for f in check_document(doc, "national") if f.code.startswith("EV")]
    assert [f.code for f in national] == [f.code for f in findings]  # 「良好」 is the national 良 band


def test_cli_json_contract(seeds: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(seed(seeds, "001")), "--format", "json"])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.output)["documents"]
    assert len(docs[0]["self_evaluations"]) == 139 and len(docs[0]["evaluations"]) == 2
    ev = docs[0]["evaluations"][0]
    for key in ("kind", "subject", "year", "total_score", "grade", "parts", "indicators", "figures", "tables",
                "location"):
        assert key in ev
    assert ev["total_score"] == 85.26 and ev["figures"]["预算执行率"] == 0.9717
    assert set(ev["indicators"][0]) >= {"level1", "level2", "level3", "level4", "weight", "score", "deduction_reason"}
    assert ev["tables"][0]["kind"] == "budget_table" and ev["tables"][0]["rows"][0]["values"][0] == 11159.84
    check = CliRunner().invoke(app, ["check", str(seed(seeds, "001")), "--format", "json"])
    codes = [f["code"] for f in json.loads(check.output)["findings"]]
    assert check.exit_code == 1 and codes.count("EV008") == 5
