"""Seed 002 (a complete 部门预算公开): every table 预算01–14表, every project of 预算13表, exact values."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.extract import Document, extract_path
from jixiao.model.declaration import TargetDeclaration
from jixiao.model.tables import BudgetTable
from tests.conftest import seed

D = Decimal


@pytest.fixture(scope="module")
def doc(seeds: Path) -> Document:
    return extract_path(seed(seeds, "002"))


def table(doc: Document, code: str) -> BudgetTable:
    return next(t for t in doc.budget_tables if t.code == code)


def projects(doc: Document) -> list[TargetDeclaration]:
    return [d for d in doc.target_declarations if d.kind == "project_target_declaration"]


def values(t: BudgetTable, side: str | None = None) -> list[tuple[str, list[Decimal | None]]]:
    return [(r.item, r.values) for r in t.rows if side is None or r.side == side]


def test_every_table_is_recognized(doc: Document) -> None:
    assert [t.code for t in doc.budget_tables] == [f"预算{n:02d}表" for n in range(1, 13)]
    assert [t.title for t in doc.budget_tables][:3] == ["收支总表", "收入总表", "支出预算总表"]
    assert all(t.money_unit == "万元" for t in doc.budget_tables)
    assert [len(t.rows) for t in doc.budget_tables] == [43, 3, 135, 184, 43, 60, 50, 2, 2, 6, 33, 12]
    assert not doc.warnings


def test_table_01_exact(doc: Document) -> None:
    t = table(doc, "预算01表")
    assert t.columns == ["预算数"]
    income = values(t, "收入")
    assert income[0] == ("一、一般公共预算拨款收入", [D("30105.338310")])
    assert [item for item, _ in income][1:9] == [
        "二、政府性基金预算拨款收入", "三、国有资本经营预算拨款收入", "四、财政专户管理资金收入", "五、事业收入",
        "六、上级补助收入", "七、附属单位上缴收入", "八、事业单位经营收入", "九、其他收入"]
    assert all(v == [None] for _, v in income[1:9])
    assert income[-3:] == [("本年收入合计", [D("30105.338310")]), ("上年结转结余", [D("565.759942")]),
                           ("收入总计", [D("30671.098252")])]
    spending = dict(values(t, "支出"))
    assert len(spending) == 31
    assert spending["一、一般公共服务支出"] == [D("8152.212968")]
    assert spending["八、社会保障和就业支出"] == [D("13150.635200")]
    assert spending["十二、城乡社区支出"] == [D("6272.387574")]
    assert spending["二十二、国有资本经营预算支出"] == [D("30.659050")]
    assert spending["二十四、其他支出"] == [D("1.800000")]
    assert spending["二、外交支出"] == [None]
    assert spending["本年支出合计"] == [D("30671.098252")]
    assert spending["年终结转结余"] == [None]
    assert spending["支出总计"] == [D("30671.098252")]
    assert t.rows[0].line == 106 and t.rows[0].printed == ["30,105.338310"]


def test_table_02_exact(doc: Document) -> None:
    t = table(doc, "预算02表")
    assert t.columns == [
        "合计", "本年收入/小计", "本年收入/一般公共预算资金", "本年收入/政府性基金预算资金",
        "本年收入/国有资本经营预算资金", "本年收入/财政专户管理资金", "本年收入/事业收入",
        "本年收入/事业单位经营收入", "本年收入/上级补助收入", "本年收入/附属单位上缴收入", "本年收入/其他收入",
        "上年结转结余/小计", "上年结转结余/一般公共预算资金", "上年结转结余/政府性基金预算资金",
        "上年结转结余/国有资本经营预算资金", "上年结转结余/财政专户管理资金", "上年结转结余/单位资金"]
    expected = [D("30671.098252"), D("30105.338310"), D("30105.338310")] + [None] * 8 + [
        D("565.759942"), D("533.300892"), D("1.800000"), D("30.659050"), None, None]
    assert [(r.code, r.item) for r in t.rows] == [
        ("275", "北京市西城区人民政府广安门内街道办事处"), ("275001", "北京市西城区人民政府广安门内街道办事处（本级）"),
        (None, "合计")]
    assert all(r.values == expected for r in t.rows)  # the 合计 row's merged cell is realigned


def test_table_03_codes_and_total(doc: Document) -> None:
    t = table(doc, "预算03表")
    assert t.columns[:3] == ["合计", "基本支出", "项目支出"]
    first = t.rows[1]
    assert (first.code, first.item, first.values[:3]) == ("2010301", "行政运行", [D("601.0884"), D("601.0884"), None])
    assert first.codes == {"支出功能分类科目": "2010301", "政府支出经济分类科目": "50101",
                           "部门支出经济分类科目": "30101"}
    assert t.rows[-1].item == "合计"
    assert t.rows[-1].values[:3] == [D("30453.550332"), D("7947.677883"), D("22505.872449")]


def test_table_05_exact(doc: Document) -> None:
    t = table(doc, "预算05表")
    income = values(t, "收入")
    assert income == [
        ("一、本年收入", [D("30105.338310")]), ("（一）一般公共预算资金", [D("30105.338310")]),
        ("（二）政府性基金预算资金", [None]), ("（三）国有资本经营预算资金", [None]),
        ("二、上年结转", [D("565.759942")]), ("（一）一般公共预算拨款", [D("533.300892")]),
        ("（二）政府性基金预算拨款", [D("1.800000")]), ("（三）国有资本经营预算拨款", [D("30.659050")]),
        ("收入总计", [D("30671.098252")])]
    spending = dict(values(t, "支出"))
    assert spending["一、本年支出"] == [D("30671.098252")]
    assert spending["二十四、预备费"] == [None]
    assert spending["支出总计"] == [D("30671.098252")]
    assert len(spending) == 34


def test_table_10_exact(doc: Document) -> None:
    t = table(doc, "预算10表")
    assert t.columns == ["2024年预算数"]
    assert values(t) == [
        ("1、因公出国（境）费", [D(0)]), ("2、公务接待费", [D("3.012552")]),
        ("3、公务用车购置及运行维护费", [D("2.45")]), ("其中:公务用车购置费", [D(0)]),
        ("公务用车运行维护费", [D("2.45")]), ("总计", [D("7.912552")])]


def test_glued_titles_are_split(doc: Document) -> None:
    """The converter glued 预算12表's title onto 预算11表's total and 预算13表's onto 预算12表's."""
    assert table(doc, "预算11表").rows[-1].values == [D("3229.290177")]
    assert table(doc, "预算12表").rows[-1].values == [D("1311.825252")]
    assert table(doc, "预算12表").title == "上级转移支付细化明细表"
    assert table(doc, "预算08表").rows[-1].values == [D(0), D(0), D(0)]


def test_table_13_complete(doc: Document) -> None:
    found = projects(doc)
    assert len(found) == 166
    assert sum(len(p.indicators) for p in found) == 1693
    assert sum(p.total_amount or 0 for p in found) == D("22157.660427")
    assert all(p.total_amount == (p.fiscal_amount or 0) + (p.other_amount or 0) for p in found)
    # merged 单位名称 printed once, carried down to every project
    assert {p.unit for p in found} == {"275001-北京市西城区人民政府广安门内街道办事处（本级）"}
    assert all(p.table == "预算13表" and p.year == 2024 and p.category == "31-部门项目" for p in found)
    natures = {i.nature for p in found for i in p.indicators}
    assert natures == {"≥", "≤", "=", "<", "定性"}  # ＝ and ＜ NFKC-normalised
    assert sum(1 for p in found for i in p.indicators if i.direction == "正向") == 261
    assert sum(1 for p in found for i in p.indicators if i.direction == "反向") == 13
    assert sum(1 for p in found if len(p.indicators) >= 20) == 4
    # 13表 holds this year's money; with 上年结转结余 it is the 项目支出 of 14表 and of the narrative
    department = next(d for d in doc.target_declarations if d.kind == "department_target_declaration")
    assert sum(p.total_amount or 0 for p in found) + D("565.759942") == department.fiscal_project


PROJECTS = [
    # index, code, name, lead, phone, total, indicators, first line, last line
    (0, "11010222T000000395029", "会计审计服务", "胡曦宁", "83172759", "56.000000", 5, 6636, 6719),
    (10, "11010222T000000416450", "民政地退人员生活补贴", "郭烨", "83172775", "241.400000", 21, 8149, 8504),
    (32, "11010222T000000419171", "离退休老干部经费", "李燕妮", "83172743", "28.143000", 24, 11855, 12261),
    (37, "11010222T000000419311", "群众文化体育经费", "郭菲", "83172735", "77.480000", 16, 12977, 13247),
    (61, "11010222T000001272153", "西城区建学胡同25号南楼直管公房简易楼解危排险腾退和环境改善工程", "贾晓筠",
     "63031263", "25.700000", 14, 17006, 17242),
    (78, "11010223T000001996906", "困难群众采暖补助", "陈明达", "63033574", "194.800000", 24, 19879, 20285),
    (90, "11010223T000002002388", "保安经费（公共服务大厅）", "赵薇", "83127156", "30.960000", 10, 22378, 22546),
    (98, "11010223T000002015811", "保安经费（城管巡查）", "翟纪亮", "63017618", "240.000000", 6, 23670, 23770),
    (120, "11010223T000002093902", "残疾人项目及活动经费", "韩英敏", "83172794", "39.700000", 13, 27427, 27646),
    (143, "11010224T000002976725", "西便门东里社区办公用房配套工程", "田青松", "63038301", "23.000000", 10, 31813,
     31981),
    (155, "11010224T000003038458", "京财社指[2023]1791号提前下达2024年送温暖经费", "陈明达", "63033574", "29.885000",
     22, 33377, 33749),
    (165, "11010224T000003082732", "京财社指[2023]2076号提前下达2024年退役安置补助经费", "郭烨", "83172775",
     "238.323382", 8, 35281, 35415),
]


@pytest.mark.parametrize(("index", "code", "name", "lead", "phone", "total", "count", "first", "last"), PROJECTS)
def test_project_fields(doc: Document, index: int, code: str, name: str, lead: str, phone: str, total: str,
                        count: int, first: int, last: int) -> None:
    p = projects(doc)[index]
    assert (p.project_code, p.project_name, p.project_lead, p.phone) == (code, name, lead, phone)
    assert (p.total_amount, p.fiscal_amount, p.other_amount) == (D(total), D(total), None)
    assert len(p.indicators) == count
    assert (p.location.line_start, p.location.line_end) == (first, last)
    assert p.goal and p.indicators[0].line == first


INDICATORS = [
    (0, 0, ("满意度指标", "服务对象满意度指标", "预算科室满意度", "≥", D(90), "%", "正向")),
    (0, 1, ("产出指标", "质量指标", "以专业指导促进项目绩效水平提升", "定性", "优", None, "正向")),
    (0, 3, ("成本指标", "经济成本指标", "项目预算控制数", "≤", D(56), "万元", None)),
    (10, 10, ("产出指标", "数量指标", "地退人员丧葬费", "=", D(20), "人", None)),
    (10, 20, ("成本指标", "经济成本指标", "地退人员工资", "=", D(200), "万元", None)),
    (32, 12, ("成本指标", "经济成本指标", "退休人员健康咨询标准", "=", D(500), "元/人", None)),
    (37, 8, ("产出指标", "时效指标", "每月**时间前完成对补贴申请和相关信息的审核", "≤", D(10), "日", None)),
    (78, 0, ("产出指标", "时效指标", "失业人员发放标准", "≥", D(1800), "元", None)),
    (78, 12, ("产出指标", "数量指标", "低收入家庭数", "≤", D(35), "户", None)),
    (98, 0, ("成本指标", "经济成本指标", "保安服务费控制在240万元", "=", D(240), "万元", None)),
    (165, 7, ("成本指标", "经济成本指标", "项目预算控制数", "≤", D("238.323382"), "万元", None)),
]


@pytest.mark.parametrize(("project", "index", "expected"), INDICATORS)
def test_indicator_fields(doc: Document, project: int, index: int, expected: tuple[object, ...]) -> None:
    i = projects(doc)[project].indicators[index]
    assert (i.level1, i.level2, i.level3, i.nature, i.value, i.unit, i.direction) == expected


def test_odd_natures_and_values(doc: Document) -> None:
    rows = [(p.project_name, i) for p in projects(doc) for i in p.indicators]
    less = [(name, i.level3, i.value, i.unit) for name, i in rows if i.nature == "<"]
    assert less == [("人事工作经费", "人事职责经费", D(8000), "元/年")]
    # a 定性 indicator keeps a number where the cell is one, and the text where it is not
    assert sum(1 for _, i in rows if i.nature == "定性" and isinstance(i.value, Decimal)) == 7
    assert sum(1 for _, i in rows if i.value == "优良中低差") == 22


def test_table_14_department(doc: Document) -> None:
    department = [d for d in doc.target_declarations if d.kind == "department_target_declaration"]
    assert len(department) == 1
    d = department[0]
    assert (d.unit, d.year, d.table) == ("北京市西城区人民政府广安门内街道办事处", 2024, "预算14表")
    assert (d.total_amount, d.fiscal_amount, d.fiscal_basic, d.fiscal_project) == (
        D("30671.098252"), D("30671.098252"), D("7947.677883"), D("22723.420369"))
    assert (d.other_amount, d.other_basic, d.other_project) == (None, None, None)
    assert d.goal.startswith("坚持以习近平新时代中国特色社会主义思想为指导")
    assert len(d.indicators) == 40
    first = d.indicators[0]
    assert (first.activity, first.level1, first.level2, first.nature, first.value) == (
        "统计", "效益指标", "可持续影响指标", "定性", None)
    assert first.level3 is not None and first.level3.startswith("准确完成地区人口的评估")
    party = d.indicators[22]
    assert (party.activity, party.level1, party.level2, party.level3, party.nature, party.value, party.unit) == (
        "党建", "产出指标", "数量指标", "每个社区党组织市级、区级服务群众经费年度预算", "=", D(400000), "元")
    last = d.indicators[-1]
    assert (last.activity, last.level1, last.level2, last.nature, last.value, last.unit) == (
        "政策审核", "成本指标", "社会成本指标", "≤", D("4384.07"), "万元")


HEATING = [  # every indicator row of 困难群众采暖补助 (24 rows), as printed
    ("产出指标", "时效指标", "失业人员发放标准", "≥", D("1800"), "元"),
    ("产出指标", "时效指标", "供暖季前完成对补贴申请和相关信息的审核", "≥", D("1"), "月"),
    ("产出指标", "时效指标", "低收入人员发放标准", "≥", D("1800"), "元"),
    ("产出指标", "时效指标", "特困人员发放标准", "≥", D("1800"), "元"),
    ("产出指标", "时效指标", "项目预算控制数", "≥", D("194.28"), "万元"),
    ("产出指标", "时效指标", "优抚人员发放标准", "≥", D("1800"), "元"),
    ("产出指标", "时效指标", "低保、低收入、特困严格按政策要求，供暖季期间发放", "≥", D("1"), "月"),
    ("产出指标", "时效指标", "低保人员发放标准", "≥", D("1800"), "元"),
    ("产出指标", "时效指标", "退休人员发放标准", "≥", D("1800"), "元"),
    ("产出指标", "数量指标", "优抚家庭数", "≤", D("4"), "户"),
    ("产出指标", "数量指标", "特困供养家庭数", "≤", D("20"), "户"),
    ("产出指标", "数量指标", "低保家庭数", "≤", D("700"), "户"),
    ("产出指标", "数量指标", "低收入家庭数", "≤", D("35"), "户"),
    ("产出指标", "数量指标", "失业人员家庭数", "≤", D("20"), "户"),
    ("产出指标", "数量指标", "退休人员家庭数", "≤", D("700"), "户"),
    ("产出指标", "质量指标", None, "定性", "优", None),
    ("产出指标", "质量指标", "发放准确率", "=", D("100"), "%"),
    ("产出指标", "质量指标", "发放及时率", "≥", D("98"), "%"),
    ("产出指标", "质量指标", "漏报漏发率", "≤", D("3"), "%"),
    ("效益指标", "社会效益指标", "让低保、低收入、特困、优抚、失业、退休群体体会到政府对他们的关怀和关爱。", "定性",
     "好", None),
    ("效益指标", "社会效益指标", "落实政府对低保、低收入、特困、优抚、失业、退休群体的供暖社会保障政策", "定性",
     "好", None),
    ("效益指标", "社会效益指标", "保障了低保、低收入、特困、优抚、失业、退休群体的冬季供暖需求，保障了生活质量", "定性",
     "好", None),
    ("效益指标", "可持续影响指标",
     "对保障低保、低收入、特困、优抚、失业、退休群体的基本供暖需求，保障了生活质量可持续1年", "定性", "好", None),
    ("满意度指标", "服务对象满意度指标", "低保、低收入、特困、优抚、失业、退休群体对补贴发放的满意度", "≥", D("95"),
     "%"),
]


def test_every_row_of_a_long_declaration(doc: Document) -> None:
    p = projects(doc)[78]
    assert p.project_name == "困难群众采暖补助"
    got = [(i.level1, i.level2, i.level3, i.nature, i.value, i.unit) for i in p.indicators]
    assert len(got) == len(HEATING) == 24
    for row, want in zip(got, HEATING, strict=True):
        if want[2] is None:  # a 433-character cell: its start and its (truncated) end as printed
            assert row[2] is not None and row[2].startswith("严格按照根据国务院《社会救助暂行办法》")
            assert row[2].endswith("《北京市居民住宅清洁能源分户") and "《关于城镇登记失业人员" in row[2]
            row = (*row[:2], None, *row[3:])
        assert row == want
    assert all(i.direction is None for i in p.indicators)
    assert p.goal.startswith("1.依据国务院《社会救助暂行办法》") and p.goal.endswith("群体的关怀和关爱。")
    assert "2.全年计划对低保人员700户、低收入人员35户" in p.goal


def test_narrative_figures(doc: Document) -> None:
    disclosure = doc.budget_disclosure
    assert disclosure is not None and disclosure.year == 2024
    figures = {f.name: (f.value, f.unit, f.year, f.line) for f in disclosure.figures}
    assert len(disclosure.figures) == len(figures) == 35
    assert figures == {
        "income_total": (D("30671.10"), "万元", 2024, 44), "income_prior": (D("31087.46"), "万元", 2023, 44),
        "carryover": (D("565.76"), "万元", None, 44), "advance_transfer": (D("1311.83"), "万元", None, 44),
        "income_change": (D("-416.36"), "万元", None, 44), "income_change_rate": (D("1.34"), "%", None, 44),
        "basic": (D("7947.68"), "万元", None, 47), "public_expense": (D("749.92"), "万元", None, 47),
        "basic_change": (D("-172.18"), "万元", None, 47), "project": (D("22723.42"), "万元", None, 48),
        "project_prior": (D("22967.60"), "万元", 2022, 48), "project_change": (D("-244.18"), "万元", None, 48),
        "three_public": (D("5.46"), "万元", None, 58), "three_public_prior": (D("5.46"), "万元", None, 58),
        "three_public.abroad": (D(0), "万元", 2024, 60), "three_public.reception": (D("3.01"), "万元", 2024, 62),
        "three_public.vehicle_purchase": (D(0), "元", None, 64),
        "three_public.vehicle_operation": (D("2.45"), "万元", None, 64),
        "three_public.vehicles": (D("2.45"), "万元", 2024, 64), "operating_expenses": (D("749.92"), "万元", None, 67),
        "procurement_count": (D(22), "个", None, 70), "procurement": (D("4221.67"), "万元", None, 70),
        "procurement.goods": (D("9.5"), "万元", None, 70), "procurement.works": (D("1266.17"), "万元", None, 70),
        "procurement.services": (D(2946), "万元", None, 70), "purchase_services_count": (D(32), "个", None, 72),
        "purchase_services": (D("3229.29"), "万元", None, 72), "performance_projects": (D(155), "个", None, 75),
        "performance_advance": (D(11), "个", None, 75), "fixed_assets": (D("2874.83"), "万元", None, 82),
        "assets.vehicles_count": (D(1), "台", None, 82), "assets.vehicles": (D("19.64"), "万元", None, 82),
        "assets.general_equipment_count": (D(2), "台", None, 82),
        "assets.general_equipment": (D("226.52"), "万元", None, 82),
        "assets.purchase_vehicles_count": (D(0), "台", None, 83),
    }
    assert [(c.name, c.line) for c in disclosure.claims] == [("no_state_capital", 80)]
