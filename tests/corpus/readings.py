"""The human readings of ../shared/corpus/pages/READINGS.md (R1–R14) as the expected extraction of
each excerpt, in the shape of DESIGN §5.1 — the test oracle for the recognizer (issue 14).

Conventions (see also ``tests/corpus/scoring.py``):

- Only what a reading states unambiguously is a field. ``?``, "ambiguous" and cut cells are left out;
  where the reading gives a most-likely value for an ambiguous (glued) number, it goes into the form's
  ``ambiguous`` map (path → value), which scores as a bonus and is never required.
- Empty cells (and "/" placeholders) are not fields: reading nothing is not a reading.
- Numbers as printed (``0.00`` → 0); ``execution_rate`` as a fraction (100% → 1, 89.7% → 0.897).
- Text cells whitespace-normalised, as printed otherwise (★, ≥**, ﹦ kept; scoring folds NFKC and
  traditional → simplified). A tuple of strings lists the alternatives a careful reader accepts
  (a "code-name" cell with or without its code; 定性 joined or not into ``target``).
- Level labels without their points bracket ("产出指标(50分)" → "产出指标"). A flat indicator list
  (指标名称 only) puts the name in ``level3``.
- Split 年度指标值 (指标性质 | 指标值 | 度量单位): ``nature``, ``value``, ``unit`` and ``target`` = the
  parts joined ("≤" + "30" + "万元" → "≤30万元").
- ``funds`` holds the four canonical rows; every other printed funds row is in ``funds_rows`` with its
  label, a ``role`` where the label says it unambiguously, and its values. ``amount`` is a row's only
  number where the reading does not say which column it sits in (004's "按收入性质分:2030.12" cells):
  it matches whichever money column holds it.
- ``weight`` only where the form prints a per-row 分值/权重.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Required, TypedDict

Num = int | float
Text = str | tuple[str, ...]  # a tuple: the accepted alternatives
Value = Num | Text

FormKind = Literal["self_evaluation", "department_self_evaluation"]
FundsKey = Literal["total", "current_year_appropriation", "prior_year_carryover", "other"]
MONEY_FIELDS = ("initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score")


class Money(TypedDict, total=False):
    initial_budget: Num
    full_year_budget: Num
    executed: Num
    weight: Num
    execution_rate: Num
    score: Num


class FundsRow(Money, total=False):
    label: Required[str]
    role: str
    amount: Num  # the row's only number, whichever money column it is read into


class Indicator(TypedDict, total=False):
    level1: Text
    level2: Text
    level3: Text
    nature: Text
    value: Value
    unit: Text
    target: Text
    actual: Value
    weight: Num
    score: Num
    deviation_note: Text


class Form(TypedDict, total=False):
    kind: Required[FormKind]
    project_name: Text
    department: Text
    implementing_unit: Text
    year: int
    funds: dict[FundsKey, Money]
    funds_rows: list[FundsRow]
    goal_expected: Text
    goal_actual: Text
    indicators: list[Indicator]
    total_weight: Num
    total_score: Num
    ambiguous: dict[str, Value]  # path (as in Score mismatches) → most-likely value; a bonus only


Holds = Literal["filled", "blank", "none"]


@dataclass(frozen=True)
class Excerpt:
    """One excerpt of INDEX.md: its file, INDEX kind, and what a careful reader finds in it."""

    file: str
    kind: Literal["se", "dse", "td", "other"]
    holds: Holds  # "filled": ≥ 1 self-evaluation (se/dse with a funds block or indicator rows) with
    #               values; "blank": a blank template (no digits); "none": no self-evaluation form
    reading: str | None = None
    forms: tuple[Form, ...] = ()


SE: FormKind = "self_evaluation"
DSE: FormKind = "department_self_evaluation"


def _split(level1: Text | None, level2: Text | None, level3: Text, nature: str, value: Num | str, unit: str,
           **rest: Value) -> Indicator:
    """An indicator row of a form that splits 年度指标值 into 指标性质 | 指标值 | 度量单位."""
    row: Indicator = {"level3": level3, "nature": nature, "value": value, "unit": unit,
                      "target": f"{nature}{value}{unit}"}
    if level1 is not None:
        row["level1"] = level1
    if level2 is not None:
        row["level2"] = level2
    row.update(rest)  # type: ignore[typeddict-item]
    return row


# ---------------------------------------------------------------------------------------------- R1
R1_A: Form = {
    "kind": SE,
    "indicators": [
        _split("产出指标", "经济成本指标", "成本控制数", "≤", 30, "万元", actual="完成", weight=90, score=90),
    ],
    "ambiguous": {"total_weight": 100, "total_score": 100},  # 合计 100: 权重 or 得分 total
}
R1_B: Form = {
    "kind": SE,
    "project_name": ("51092324T000010263357-2023年全县安可替代补助资金项目", "2023年全县安可替代补助资金项目"),
    "department": "大英县司法局部门",
    "implementing_unit": "大英县司法局",
    "year": 2023,
    "funds": {
        "total": {"initial_budget": 0.00, "full_year_budget": 3.36, "executed": 3.36, "execution_rate": 1,
                  "weight": 10, "score": 10},
    },
    "funds_rows": [
        {"label": "财政资金", "role": "fiscal", "initial_budget": 0.00, "full_year_budget": 3.36, "executed": 3.36,
         "execution_rate": 1},
        {"label": "财政专户管理资金", "role": "special_account", "initial_budget": 0.00, "full_year_budget": 0.00,
         "executed": 0.00, "execution_rate": 0},
        {"label": "单位资金", "role": "own_funds", "initial_budget": 0.00, "full_year_budget": 0.00,
         "executed": 0.00, "execution_rate": 0},
    ],
    "indicators": [
        {"level1": "产出指标", "level2": "质量指标", "level3": "完成安可产品购买并按要求支付资金", "nature": "=",
         "value": 100},
    ],
}

# ---------------------------------------------------------------------------------------------- R2
R2: Form = {
    "kind": SE,
    "indicators": [
        _split("产出指标", "数量指标", "足额保障率", "=", 100, "%", weight=22.5),
        _split(None, None, "科目调整次数", "≤", 10, "次", weight=22.5),
        _split(None, "时效指标", "按时发放率", "=", 100, "%", weight=22.5),
        _split("效益指标", "经济效益指标", "结余率(计算方法为:结余数/预算数)", "≤", 5, "%", weight=22.5),
    ],
    "total_weight": 100,  # 合计 100; no 得分 printed
    "ambiguous": {"indicators[1].level1": "产出指标", "indicators[1].level2": "数量指标",
                  "indicators[2].level1": "产出指标"},
}

# ---------------------------------------------------------------------------------------------- R3
R3: Form = {
    "kind": DSE,
    "department": "绥阳县太白镇人民政府",
    "funds": {
        "total": {"initial_budget": 1172.55, "executed": 1268.72, "weight": 10, "score": 10},
    },
    "funds_rows": [
        {"label": "基本支出", "role": "basic", "initial_budget": 985.19, "executed": 914.97, "weight": 10,
         "score": 10},
        {"label": "项目支出", "role": "project", "initial_budget": 187.36, "executed": 353.75, "weight": 10,
         "score": 10},
    ],
    "ambiguous": {"year": 2021},  # 填报日期 2022-02-03; the year is not printed
}

# ---------------------------------------------------------------------------------------------- R4
R4: Form = {
    "kind": DSE,
    "department": "衡山县贯塘乡人民政府",
    "year": 2023,
    "funds": {
        "total": {"initial_budget": 861.10, "full_year_budget": 2030.12, "executed": 2030.12, "weight": 10,
                  "execution_rate": 1, "score": 10},
    },
    "funds_rows": [
        {"label": "按收入性质分", "amount": 2030.12},
        {"label": "一般公共预算", "amount": 1325.68},
        {"label": "政府性基金拨款", "amount": 118.82},
        {"label": "纳入专户管理的非税收入拨款"},
        {"label": "其他资金", "role": "other", "amount": 585.62},
        {"label": "按支出性质分", "amount": 1925.67},
        {"label": "基本支出", "role": "basic", "amount": 900.47},
        {"label": "项目支出", "role": "project", "amount": 1025.20},
    ],
}

# ---------------------------------------------------------------------------------------------- R5
R5: Form = {
    "kind": SE,
    "project_name": "渔业成品油价格改革补贴",
    "department": "区市场监督管理局",
    "implementing_unit": "农业科",
    "year": 2020,
    "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "level3": "补贴渔船数"},
        {"level1": "产出指标", "level2": "质量指标", "level3": "渔船补贴发放率", "target": "100%", "actual": "100%",
         "score": 10},
        {"level1": "产出指标", "level2": "时效指标", "level3": "12月底之前完成"},
        {"level3": "退捕渔民抽样调查满意度", "target": "90%", "score": 40},
    ],
    "total_score": 100,
    "ambiguous": {
        "funds.total.full_year_budget": 1.56, "funds.total.executed": 1.56, "funds.total.execution_rate": 1,
        "funds.total.score": 20,
        "indicators[0].target": "6", "indicators[0].actual": "6", "indicators[0].score": 20,
        "indicators[2].target": "100%", "indicators[2].actual": "100%", "indicators[2].score": 10,
        "indicators[3].level1": "效益指标", "indicators[3].actual": "≥90%",
    },
}

# ---------------------------------------------------------------------------------------------- R6
_P, _Q = "产出指标", "数量指标"
R6: Form = {
    "kind": SE,
    "project_name": "临时救助",
    "year": 2019,
    "funds": {
        "total": {"full_year_budget": 30, "executed": 30, "weight": 10, "execution_rate": 1, "score": 10},
        "current_year_appropriation": {"full_year_budget": 30, "executed": 30, "weight": 10, "execution_rate": 1,
                                       "score": 10},
    },
    "indicators": [
        {"level1": _P, "level2": _Q, "level3": "★★★农村低保发放人数(按月平均)(≥**人)", "weight": 5,
         "target": ">=21933人", "actual": "21980人", "score": 5},
        {"level1": _P, "level2": _Q, "level3": "★★★其中:农村低保对象中建档立卡贫困人口数量(按月平均)(≥**人)",
         "weight": 5, "target": ">=9431人", "actual": "9453人", "score": 5},
        {"level1": _P, "level2": _Q, "level3": "★★★建档立卡贫困人口中接受临时救助的人次数(≥**人次)", "weight": 5,
         "target": ">=59人次", "actual": "87人次", "score": 5},
        {"level1": _P, "level2": _Q, "level3": "★★★特困人员救助供养人数(按月平均)(≥**人)", "weight": 5,
         "target": ">=4754人", "actual": "4604人", "score": 5, "deviation_note": "特困人员实行动态管理"},
        {"level1": _P, "level2": _Q, "level3": "扶贫临时救助人数(按月平均)(≥**人)", "weight": 10,
         "target": ">=7人", "actual": "7人", "score": 10},
        {"level1": _P, "level2": "质量指标", "level3": "★农村低保标准(≥**元/人·月)", "weight": 5,
         "target": ">=530元/人*月", "actual": "583元/人*月", "score": 5},
        {"level1": _P, "level2": "质量指标", "level3": "农村特困人员救助供养基本生活标准(≥**元/人·月)", "weight": 5,
         "target": ">=570元/人*月", "actual": "758元/人*月", "score": 5},
        {"level1": _P, "level2": "质量指标", "level3": "扶贫临时救助标准(<**元/户·年)——一户年最高5300元", "weight": 10,
         "target": "<=5300元/户", "actual": "5830元/户", "score": 10},
        {"level1": "效益指标", "level2": "社会效益指标", "level3": "★★★受益建档立卡贫困人口数≥**人", "weight": 30,
         "target": ">=80人", "actual": "87人", "score": 30},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "level3": "★受助对象满意度(≥**%)", "weight": 10},
    ],
    "ambiguous": {"department": "[155]濉溪县民政局"},
}

# ---------------------------------------------------------------------------------------------- R7
R7: Form = {
    "kind": SE,
    "project_name": "19名百岁老人高龄津贴",
    "year": 2020,
    "funds": {
        "total": {"full_year_budget": 6.84, "executed": 6.84, "execution_rate": 1},
        "other": {"full_year_budget": 0.00, "executed": 0.00},
    },
    "funds_rows": [
        {"label": "财政资金", "role": "fiscal", "full_year_budget": 6.84, "executed": 6.84},
    ],
    "indicators": [
        _split("产出指标", "质量指标", "符合条件申报对象覆盖率", ">=", 98, "%(百分比)", actual="100%"),
        _split("产出指标", "时效指标", "完成率", ">=", 99, "%(百分比)", actual="100%"),
        _split("效果指标", "社会效益指标", "补贴发放率", ">=", 75, "%(百分比)", actual="100%"),
        _split("满意度指标", "服务对象满意度指标", "服务对象满意度", ">=", 95, "%(百分比)", actual="100%"),
    ],
}

# ---------------------------------------------------------------------------------------------- R8
R8: Form = {
    "kind": DSE,
    "total_score": 97.93,
    "indicators": [
        {"level3": "天然林和公益林管护当期任务完成率", "unit": "%", "value": 90, "target": "90%", "weight": 10,
         "actual": "100", "score": 10},
        {"level3": "国家级公益林管护面积", "unit": "万亩"},
        {"level3": "森林抚育(营林)面积", "unit": "万亩"},
        {"level3": "天保工程区森林资源管护面积", "unit": "万亩"},
        {"level3": "森林火灾受害率", "unit": "%"},
        {"level3": "主要林业有害生物成灾率", "unit": "%", "value": 0.4, "target": "0.4%", "weight": 10,
         "actual": "0.1", "score": 10},
    ],
    "ambiguous": {
        "department": "重庆市梁平区林业局",
        "funds.current_year_appropriation.execution_rate": 0.7927,
        "funds.current_year_appropriation.weight": 10,
        "funds.current_year_appropriation.score": 7.93,
        "indicators[1].value": 28, "indicators[1].weight": 10, "indicators[1].actual": "8",
        "indicators[1].score": 10,
        "indicators[3].value": 250, "indicators[3].weight": 10, "indicators[3].actual": "50",
        "indicators[3].score": 10,
        "indicators[4].value": 0.9, "indicators[4].weight": 10, "indicators[4].actual": "0",
        "indicators[4].score": 10,
    },
}

# ---------------------------------------------------------------------------------------------- R9
R9: Form = {
    "kind": SE,
    "year": 2023,
    "funds_rows": [
        {"label": "中央财政资金", "role": "central", "full_year_budget": 102, "executed": 0, "execution_rate": 0},
        {"label": "地方资金", "role": "local", "full_year_budget": 46, "executed": 46, "execution_rate": 1},
    ],
    "ambiguous": {"funds.total.full_year_budget": 148, "funds.total.executed": 46,
                  "funds.total.execution_rate": 0.31},
}
# READINGS R9's note on 011 (same family, 2024): 390 / 390 / 100%; 其中中央财政资金 390 / 390 / 100%.
R9_011: Form = {
    "kind": SE,
    "year": 2024,
    "funds": {"total": {"full_year_budget": 390, "executed": 390, "execution_rate": 1}},
    "funds_rows": [
        {"label": "中央财政资金", "role": "central", "full_year_budget": 390, "executed": 390, "execution_rate": 1},
    ],
}

# --------------------------------------------------------------------------------------------- R10
_IN, _PR = "投入", "过程"
R10: Form = {
    "kind": DSE,
    "indicators": [
        {"level1": _IN, "level2": "预算配置", "level3": "财政供养人员控制率", "weight": 5, "score": 5},
        {"level1": _IN, "level2": "预算配置", "level3": "“三公经费”变动率", "weight": 5, "score": 5},
        {"level1": _IN, "level2": "预算配置", "level3": "重点支出安排率", "weight": 5, "score": 5},
        {"level1": _PR, "level2": "预算执行", "level3": "预算调整率", "weight": 3, "score": 3},
        {"level1": _PR, "level2": "预算执行", "level3": "支付进度", "weight": 3, "score": 3},
        {"level1": _PR, "level2": "预算执行", "level3": "资金结余", "weight": 3, "score": 3},
        {"level1": _PR, "level2": "预算执行", "level3": "“三公经费”控制率", "weight": 6, "score": 6},
        {"level1": _PR, "level2": "预算管理", "level3": "管理制度健全性", "weight": 3, "score": 3},
        {"level1": _PR, "level2": "预算管理", "level3": "资金使用合规性", "weight": 3, "score": 3},
        {"level1": _PR, "level2": "预算管理", "level3": "预决算信息公开性和完善性"},
    ],
}

# --------------------------------------------------------------------------------------------- R11
R11: Form = {
    "kind": SE,
    "project_name": "公共文化服务体系经费",
    "department": "六安市文化和旅游局",
    "year": 2021,
    "funds": {
        "total": {"initial_budget": 200, "full_year_budget": 200, "executed": 179.43, "weight": 10,
                  "execution_rate": 0.897, "score": 9},
        "current_year_appropriation": {"initial_budget": 200, "full_year_budget": 200, "executed": 179.43,
                                       "weight": 10, "execution_rate": 0.897, "score": 8},
    },
}

# --------------------------------------------------------------------------------------------- R12
R12_1: Form = {
    "kind": SE,
    "project_name": "演出设备更新专项经费",
    "department": "新洲区楚剧团",
    "implementing_unit": "新洲区文化和旅游局机关",
    "year": 2020,
    "funds": {
        "current_year_appropriation": {"initial_budget": 30, "full_year_budget": 30, "executed": 30,
                                       "execution_rate": 1},
    },
    "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "level3": "更新剧团老化、损坏的音", "target": "50件",
         "actual": "50件", "weight": 20, "score": 20},
        {"level1": "产出指标", "level2": "数量指标", "level3": "望新点胸艮必具", "target": "100件", "actual": "100件",
         "weight": 20, "score": 20},
        {"level1": "产出指标", "level2": "质量指标", "level3": "音响、灯光、道具、服装质量等", "target": "合格",
         "actual": "合格", "weight": 20, "score": 20},
        {"level1": "产出指标", "level2": "成本指标", "level3": "演出设备成本", "target": "2万元", "actual": "2万元",
         "weight": 20, "score": 18},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "level3": "演出人员满意度", "target": "100%",
         "actual": "100%", "weight": 20, "score": 20},
    ],
    "total_weight": 100,
    "total_score": 98,
    "ambiguous": {"funds.total.full_year_budget": 30, "funds.total.executed": 30, "funds.total.weight": 10,
                  "funds.total.execution_rate": 1},
}
R12_2: Form = {
    "kind": SE,
    "project_name": "中青年演员培训经费",
    "funds": {
        "total": {"initial_budget": 40, "full_year_budget": 40, "executed": 40, "weight": 10, "execution_rate": 1},
        "current_year_appropriation": {"initial_budget": 40, "full_year_budget": 40, "executed": 40,
                                       "execution_rate": 1},
    },
}

# --------------------------------------------------------------------------------------------- R13
_CB, _EF, _SB = "成本指标", "效益指标", "社会效益指标"
R13_A: Form = {
    "kind": SE,
    "indicators": [
        _split(None, None, "城乡居民医保参保工作经费发放及时率", "=", 100, "%", weight=5),
        _split(None, _CB, "城乡居民参保网络宣传成本预算", "≤", 101400, "元", weight=5),
        _split(None, _CB, "城乡居民医保参保工作经费发放成本预", "=", 1, "元/人", weight=5),
        _split(_EF, _SB, "城乡居民参保网络宣传群众知晓率", "=", 100, "%", weight=15),
        _split(_EF, _SB, "城乡居民医保参保工作经费应发尽发率", "=", 100, "%", weight=5),
        {"level1": _EF, "level2": "可持续影响指标", "level3": "城乡居民医保参保机制健全性", "nature": "定性",
         "value": "优良中低差", "target": ("优良中低差", "定性优良中低差"), "weight": 10},
        _split("满意度指标", "服务对象满意度指标", "城乡居民参保人员满意度", "≥", 90, "%", weight=10),
    ],
    "total_weight": 100,  # 合计 100; 完成值 and 得分 are empty
    "ambiguous": {"indicators[1].level1": "产出指标", "indicators[2].level1": "产出指标"},
}
R13_B: Form = {
    "kind": SE,
    "project_name": ("51092322T000000431595-城乡居民监管工作经费", "城乡居民监管工作经费"),
    "department": "大英县医疗保障局部门",
    "implementing_unit": "大英县医疗保障局",
    "year": 2023,
}

# --------------------------------------------------------------------------------------------- R14
R14: Form = {
    "kind": SE,
    "project_name": ("2020年省级自然资源卫片执法补助经费支出绩效自评表", "2020年省级自然资源卫片执法补助经费"),
    "department": "丽江市自然资源和规划局",
    "implementing_unit": "丽江市古城区自然资源局",
    "year": 2020,
    "funds": {
        "total": {"initial_budget": 7.29, "full_year_budget": 7.29, "executed": 7.29, "weight": 10.00,
                  "execution_rate": 1, "score": 10.00},
        "current_year_appropriation": {"initial_budget": 7.29, "full_year_budget": 7.29, "executed": 7.29,
                                       "execution_rate": 1},
    },
    "goal_expected": "自然资源卫片执法补助经费",
    "goal_actual": "自然资源卫片执法补助经费",
    "indicators": [
        _split("产出指标", "数量指标", "卫片执法补助经费", "﹦", 72890, "元", actual="72890", weight=10.00, score=9.00),
        _split("产出指标", "质量指标", "项目验收合格率", "﹦", 100, "%", actual="100", weight=20, score=19),
        _split("产出指标", "时效指标", "项目完成及时率", "﹦", 100, "%", actual="100", weight=20.00, score=19.00),
        _split("效益指标", "社会效益指标", "违法行为责停率", "≥", 95, "%", actual="95", weight=30.00, score=27.00),
        _split("满意度指标", "服务对象满意度指标", "满意度", "≥", 95, "%", actual="95", weight=10.00),
    ],
}


EXCERPTS: tuple[Excerpt, ...] = (
    Excerpt("001_se.txt", "se", "filled", "R1", (R1_A, R1_B)),
    Excerpt("002_se.txt", "se", "filled", "R2", (R2,)),
    Excerpt("003_dse.txt", "dse", "filled", "R3", (R3,)),
    Excerpt("004_dse.txt", "dse", "filled", "R4", (R4,)),
    Excerpt("005_td.txt", "td", "none"),
    Excerpt("006_se.txt", "se", "filled", "R5", (R5,)),
    Excerpt("007_se.txt", "se", "blank"),
    Excerpt("008_se.txt", "se", "filled", "R6", (R6,)),
    Excerpt("009_se.txt", "se", "filled", "R7", (R7,)),
    Excerpt("010_dse.txt", "dse", "filled", "R8", (R8,)),
    Excerpt("011_se.txt", "se", "filled", "R9 (note on 011)", (R9_011,)),
    Excerpt("012_se.txt", "se", "filled", "R9", (R9,)),
    Excerpt("013_other.txt", "other", "none"),
    Excerpt("014_td.txt", "td", "none"),
    Excerpt("015_td.txt", "td", "none"),
    Excerpt("016_other.txt", "other", "none"),
    Excerpt("017_dse.txt", "dse", "filled", "R10", (R10,)),
    Excerpt("018_other.txt", "other", "none"),
    Excerpt("019_se.txt", "se", "filled", "R11", (R11,)),
    Excerpt("020_se.txt", "se", "filled", "R12", (R12_1, R12_2)),
    Excerpt("021_se.txt", "se", "filled", "R13", (R13_A, R13_B)),
    Excerpt("022_se.txt", "se", "filled", "R14", (R14,)),
    Excerpt("023_td.txt", "td", "none"),
    Excerpt("024_td.txt", "td", "none"),
    Excerpt("025_td.txt", "td", "none"),
    Excerpt("026_se.txt", "se", "blank"),
    Excerpt("027_other.txt", "other", "none"),
    Excerpt("028_other.txt", "other", "none"),
    Excerpt("029_other.txt", "other", "none"),
    Excerpt("030_other.txt", "other", "none"),
)

READ: tuple[Excerpt, ...] = tuple(e for e in EXCERPTS if e.forms)
SELF_EVALUATION_EXCERPTS: tuple[Excerpt, ...] = tuple(e for e in EXCERPTS if e.holds == "filled")
