"""A small, consistent 部门预算公开 (narrative, 预算01–14表) written the way a DOCX converter prints one
(one cell per line, tab-indented, a blank line between rows), with knobs to break it one way at a time.

Used by the sample district (``jixiao demo``), the tests and the benchmarks. Names are invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

UNIT = "999001-示例街道办事处（本级）"


def rows(*table: list[str]) -> str:
    return "".join("".join(f"\t{cell}\n" for cell in row) + "\n" for row in table)


# The same tables numbered and named the way the national template does (表1 部门收支总表 …), in another
# order, with no 预算NN表 code: Beijing number → (national number, national name).
NATIONAL = {1: (1, "部门收支总表"), 2: (2, "部门收入总表"), 3: (3, "部门支出总表"), 5: (4, "财政拨款收支总表"),
            6: (5, "一般公共预算支出表"), 7: (6, "一般公共预算基本支出表"), 10: (7, "一般公共预算“三公”经费支出表"),
            8: (8, "政府性基金预算支出表"), 9: (9, "国有资本经营预算支出表"), 4: (10, "项目支出预算表"),
            11: (11, "政府购买服务预算表"), 13: (12, "项目支出绩效目标表"), 14: (13, "部门整体支出绩效目标表")}


def title(number: int, name: str, numbering: str = "beijing", year: int = 2025) -> str:
    """A table's title rows: Beijing's 「表一、…（预算01表）」 block, or the national 「表1」 (the number on
    its own line above 「2025年…部门收支总表」 for odd numbers, 「表2 部门收入总表」 on one line for even)."""
    if numbering == "national":
        n, national_name = NATIONAL[number]
        if n % 2:
            return f"表{n}\n{year}年示例街道办事处{national_name}\n\n"
        return f"表{n} {national_name}\n\n"
    if number == 11:
        return f"表十一、{name}（预算11表）\n预算11表\n预算表11 {name}\n"
    if number == 14:
        return f"表十四、{name}（预算14表）\n预算14表\n\t预算14表 {name}\n\n"
    return f"表{number}、{name}（预算{number:02d}表）\n预算{number:02d}表\n\t预算{number:02d}表 {name}\n\n"


def _in_order(k: Knobs, tables: dict[int, str]) -> str:
    """The tables (by Beijing number) in the order the knobs' numbering prints them."""
    order = sorted(tables, key=lambda n: NATIONAL[n][0] if k.numbering == "national" else n)
    return "".join(tables[n] for n in order)


@dataclass
class Knobs:
    year: int = 2025
    prior_year_in_project_sentence: int = 2024
    narrative_project: str = "50.00"
    income_change: str = "10.00"
    amount_04: str = "30"
    satisfaction: tuple[str, str, str] = ("≥", "90", "%")
    narrative_three_public: str = "3.00"
    state_capital_claim: bool = True
    state_capital_carryover: str = ""
    spending_total_01: str = "110"
    total_03: str = "110"
    three_public_total: str = "3"
    extra_13_project: bool = False  # a declared project missing from 预算04表
    cost_control: str = "30"  # 项目预算控制数 of the first project (its amount is 30)
    cost_nature: str = "≤"
    cost_level1: str = "成本指标"
    cost_level2: str = "经济成本指标"
    lead: str = "张三"
    phone: str = "83170000"
    fiscal_amount: str = "30"
    qualitative_value: str = "优"
    goal_second: str = "开展保洁服务，保持辖区道路整洁，全年按标准完成作业。"
    direction: str = "正向指标"
    duplicate_department_row: bool = False
    conflicting_department_row: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    numbering: str = "beijing"  # or "national": 表1 部门收支总表 … in the national order, no 预算NN表 codes
    second_amount: int = 10  # the second project's (保洁服务) amount; every total that holds it follows
    second_benefit: bool = False  # the second project declares a 效益指标 (道路整洁度) too


def _plus(k: Knobs, base: int) -> str:
    """A total that holds the second project's amount (``base`` at the default 10)."""
    return str(base - 10 + k.second_amount)


def narrative(k: Knobs) -> str:
    y, p = k.year, k.year - 1
    claim = f"{y}年本单位无国有资本经营预算拨款收支。\n" if k.state_capital_claim else ""
    return (
        f"{y}年示例街道部门预算公开\n"
        f"第一部分、{y}年度部门预算情况说明\n"
        f"{y}年收入预算{_plus(k, 110)}.00万元。其中：预算内资金安排{_plus(k, 100)}.00万元，上年结转结余10.00万元。"
        f"与{p}年收入预算100.00万元相比增加{k.income_change}万元。\n"
        f"（1）基本支出预算60.00万元，其中公用支出10.00万元。与{p}年58.00万元相比增加2.00万元。\n"
        f"（2）项目支出预算{k.narrative_project}万元，与{k.prior_year_in_project_sentence}年45.00万元比增加"
        f"{_plus(k, 5)}.00万元，"
        "主要原因是环境整治任务增加。\n"
        f"{y}年部门预算“三公”经费财政拨款预算安排{k.narrative_three_public}万元，与去年3.00万元持平，其中：\n"
        "1、因公出国（境）费\n"
        f"{y}年财政拨款预算安排0万元，与{p}年财政拨款预算安排0万元相比持平。\n"
        "2、公务接待费\n"
        f"{y}年财政拨款预算安排1.00万元，与{p}年财政拨款预算安排1.00万元相比持平。\n"
        "3、公务用车购置及运行维护费\n"
        f"{y}年公务用车财政拨款预算安排2.00万元，其中公务用车购置费0元，公务用车运行维护费2.00万元。与{p}年相比持平。\n"
        f"{y}年本部门履行一般行政管理职能、维持机关运行，用于一般公共预算安排的行政运行经费，合计10.00万元。\n"
        f"{y}年涉及政府购买服务项目1个，预算资金20.00万元，全部用于城市管理服务。\n"
        f"{y}年，我街道填报绩效目标的预算项目{3 if k.extra_13_project else 2}个，绩效目标申报表的填报率为100%。\n"
        + claim
        + f"第二部分、{y}年度部门预算报表\n")


def tables(k: Knobs) -> str:
    carry_state = k.state_capital_carryover
    t01 = title(1, "收支总表", k.numbering, k.year) + rows(
        ["", "", "金额单位：万元"], ["收入", "支出"], ["项目", "预算数", "项目", "预算数"],
        ["一、一般公共预算拨款收入", _plus(k, 100), "一、一般公共服务支出", "60"],
        ["二、政府性基金预算拨款收入", "", "十二、城乡社区支出", _plus(k, 50)],
        ["本年收入合计", _plus(k, 100), "本年支出合计", k.spending_total_01],
        ["上年结转结余", "10", "年终结转结余", ""],
        ["收入总计", _plus(k, 110), "支出总计", _plus(k, 110)])
    t02 = title(2, "收入总表", k.numbering, k.year) + rows(
        ["", "", "", "", "", "", "金额单位：万元"],
        ["部门（单位）代码", "部门（单位）名称", "合计", "本年收入", "上年结转结余"],
        ["", "", "", "小计", "一般公共预算资金", "小计", "一般公共预算资金", "国有资本经营预算资金"],
        ["999001", "示例街道办事处（本级）", _plus(k, 110), _plus(k, 100), _plus(k, 100), "10", "10", carry_state],
        ["合计", _plus(k, 110), _plus(k, 100), _plus(k, 100), "10", "10", carry_state])
    t03 = title(3, "支出预算总表", k.numbering, k.year) + rows(
        ["", "", "", "", "", "金额单位：万元"],
        ["支出功能分类科目", "政府支出经济分类科目", "部门支出经济分类科目", "合计", "基本支出", "项目支出"],
        ["2010301-行政运行", "50101-工资奖金津补贴", "30101-基本工资", "50", "50", ""],
        ["2010301-行政运行", "50201-办公经费", "30201-办公费", "10", "10", ""],
        ["2120501-城乡社区环境卫生", "50299-其他商品和服务支出", "30299-其他商品和服务支出", _plus(k, 50), "",
         _plus(k, 50)],
        ["合计", "", "", k.total_03, "60", _plus(k, 50)])
    t04 = title(4, "项目支出表", k.numbering, k.year) + rows(
        ["", "", "", "", "", "", "", "", "金额单位：万元"],
        ["项目单位", "类型", "项目名称", "支出功能分类科目", "合计", "本年拨款", "财政拨款结转结余"],
        ["", "", "", "", "", "一般公共预算", "一般公共预算"],
        [UNIT, "1-行政单位", "环境整治", "2120501-城乡社区环境卫生", "40", k.amount_04, "10"],
        [UNIT, "1-行政单位", "保洁服务", "2120501-城乡社区环境卫生", _plus(k, 10), _plus(k, 10), ""],
        ["合计", "", "", "", _plus(k, 50), _plus(k, 40), "10"])
    t06 = title(6, "一般公共预算财政拨款支出表", k.numbering, k.year) + rows(
        ["", "", "", "", "金额单位：万元"],
        ["单位名称", "功能分类科目", "本年预算数"],
        ["", "科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["", "", "", "", "小计", "人员经费", "公用经费", "项目支出总数"],
        [UNIT, "2010301", "行政运行", "60", "60", "50", "10", ""],
        [UNIT, "2120501", "城乡社区环境卫生", _plus(k, 40), "", "", "", _plus(k, 40)],
        ["", "", "合计", _plus(k, 100), "60", "50", "10", _plus(k, 40)])
    t07 = title(7, "一般公共预算财政拨款基本支出表", k.numbering, k.year) + rows(
        ["", "", "", "金额单位：万元"],
        ["支出功能分类科目", "政府支出经济分类科目", "部门支出经济分类科目", "本年预算数"],
        ["", "", "", "合计", "人员经费", "公用经费"],
        ["2010301-行政运行", "50101-工资奖金津补贴", "30101-基本工资", "50", "50", ""],
        ["2010301-行政运行", "50201-办公经费", "30201-办公费", "10", "", "10"],
        ["", "", "合计", "60", "50", "10"])
    t09 = title(9, "国有资本经营预算财政拨款支出表", k.numbering, k.year) + rows(
        ["", "", "", "金额单位：万元"],
        ["支出功能分类科目", "政府支出经济分类科目", "部门支出经济分类科目", "本年国有资本经营预算支出"],
        ["", "", "", "合计", "基本支出", "项目支出"],
        ["", "", "合计", "0", "0", "0"])
    t10 = title(10, "一般公共预算“三公”经费支出情况表", k.numbering, k.year) + rows(
        ["", "金额单位：万元"], ["项目", f"{k.year}年预算数"], ["1、因公出国（境）费", "0"], ["2、公务接待费", "1"],
        ["3、公务用车购置及运行维护费", "2"], ["其中:公务用车购置费", "0"], ["公务用车运行维护费", "2"],
        ["总计", k.three_public_total])
    t11 = title(11, "政府购买服务预算表", k.numbering, k.year) + "单位:万元\n" + rows(
        ["单位信息", "项目名称", "本年预算金额", "备注"], [UNIT, "保洁服务", "20", ""], ["", "合计", "20", ""])
    return _in_order(k, {1: t01, 2: t02, 3: t03, 4: t04, 6: t06, 7: t07, 9: t09, 10: t10, 11: t11})


def declarations(k: Knobs) -> str:
    header = ["单位名称", "项目名称", "项目类别", "项目责任人", "项目责任人电话", "项目总额", "其中：", "绩效目标",
              "一级指标", "二级指标", "三级指标", "绩效指标性质", "本年绩效指标值", "绩效度量单位", "指标方向性"]
    sub = ["", "", "", "", "", "", "财政资金", "其他资金", "", "", "", "", "", "", "", ""]
    blank = [""] * 9
    first = [UNIT, "11010225T000000000001-环境整治", "31-部门项目", k.lead, k.phone, "30", k.fiscal_amount, "",
             "完成辖区环境整治，改善人居环境，全年整治点位不少于20处。",
             "产出指标", "数量指标", "整治点位数", "≥", "20", "处", k.direction]
    project_one = [first,
                   [*blank, "产出指标", "质量指标", "整治验收合格", "定性", k.qualitative_value, "", "正向指标"],
                   [*blank, k.cost_level1, k.cost_level2, "项目预算控制数", k.cost_nature, k.cost_control, "万元",
                    "反向指标"],
                   [*blank, "效益指标", "社会效益指标", "人居环境改善", "定性", "优", "", "正向指标"],
                   [*blank, "满意度指标", "服务对象满意度指标", "居民满意度", *k.satisfaction, "正向指标"]]
    amount = _plus(k, 10)
    project_two = [["", "11010225T000000000002-保洁服务", "31-部门项目", "李四", "83170001", amount, amount, "",
                    k.goal_second, "产出指标", "数量指标", "保洁面积", "≥", "5", "万平方米", "正向指标"],
                   [*blank, "成本指标", "经济成本指标", "项目预算控制数", "≤", amount, "万元", "反向指标"],
                   *([[*blank, "效益指标", "社会效益指标", "道路整洁度", "定性", "优", "", "正向指标"]]
                     if k.second_benefit else []),
                   [*blank, "满意度指标", "服务对象满意度指标", "居民满意度", "≥", "90", "%", "正向指标"]]
    extra = [["", "11010225T000000000003-信息化运维", "31-部门项目", "王五", "83170002", "5", "5", "",
              "保障信息系统稳定运行，全年故障修复及时率达到95%以上。", "产出指标", "数量指标", "运维系统数", "≥", "2",
              "个", "正向指标"]] if k.extra_13_project else []
    t13 = title(13, "项目支出绩效表", k.numbering, k.year) + rows(header, sub, *project_one, *project_two, *extra)
    indicators = [["", "城市管理", "产出指标数量指标整治点位数", "≥", "20", "处"],
                  ["", "城市管理", "成本指标经济成本指标保洁作业成本", "≤", "10", "万元"],
                  ["", "社区治理", "满意度指标服务对象满意度指标居民满意度", "≥", "90", "%"]]
    if k.duplicate_department_row:
        indicators.append(["", "城市管理", "产出指标数量指标整治点位数", "≥", "20", "处"])
    if k.conflicting_department_row:
        indicators.append(["", "城市管理", "成本指标社会成本指标保洁作业成本", "≤", "10", "万元"])
    t14 = (title(14, "部门整体支出绩效目标申报表", k.numbering, k.year) + rows(
        [f"（{k.year}年度）"], ["部门（单位）名称", "示例街道办事处"],
        ["总体资金情况（万元）", "预算支出总额", "财政拨款", "其他资金"],
        ["", "", "合计", "基本支出", "项目支出", "合计", "基本支出", "项目支出"],
        ["", _plus(k, 110), _plus(k, 110), "60", _plus(k, 50), "", "", ""],
        ["整体绩效目标", "整体绩效目标", "保障街道正常运转，提升城市管理和社区治理水平。"],
        ["", "活动", "绩效指标", "指标性质", "指标值", "度量单位"], *indicators))
    return _in_order(k, {13: t13, 14: t14})


def disclosure_text(k: Knobs | None = None, **changes: object) -> str:
    knobs = replace(k or Knobs(), **changes)  # type: ignore[arg-type]
    return narrative(knobs) + tables(knobs) + declarations(knobs)


def as_tab_rows(text: str) -> str:
    """The same document as a converter that prints one tab-separated line per table row."""
    out: list[str] = []
    row: list[str] = []
    for line in text.split("\n"):
        if line.startswith("\t"):
            row.append(line[1:])
            continue
        if row:
            out.append("\t".join(row))
            row = []
        if line:
            out.append(line)
    if row:
        out.append("\t".join(row))
    return "\n".join(out) + "\n"
