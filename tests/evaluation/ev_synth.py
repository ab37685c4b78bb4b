"""Synthetic evaluation reports, written by the tests as real text files (DOCX-style tab rows).

Everything is parameterised so that each check can be triggered by changing one number, and the
defaults are a consistent report (no error finding).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

PARTS = (("决策", "10", "9.00"), ("过程", "20", "18.00"), ("产出", "40", "36.00"), ("效益", "30", "25.50"))


@dataclass
class Report:
    """A project evaluation report; ``order`` lists its sections in printed order."""

    subject: str = "2024年社区养老服务补贴"
    year: int = 2024
    heading: str = "二、项目支出绩效评价报告"
    parts: Sequence[tuple[str, str, str]] = PARTS  # (name in 结论一览表, 分值, 得分)
    level1: Sequence[str] = ("项目决策", "项目管理", "项目产出", "项目效益")  # names in the indicator table
    total: str = "88.50"
    grade: str = "良好"
    row_scores: dict[int, str] = field(default_factory=dict)  # override the score of row n
    row_weights: dict[int, str] = field(default_factory=dict)
    system_text: Sequence[str] | None = None  # maxima stated in 「一是决策指标（10 分）」…
    sentence_total: str | None = None
    approved: str = "500.00"  # 批复 (万元)
    adjusted: str = "400.00"
    executed: str = "380.00"
    halves: tuple[str, str] = ("180.00", "200.00")
    progress: str = "95.00"
    rate_text: str = "95.00%"
    goal_adjustment: str = "预算调减至400.00万元，目标相应调整"
    funds_total: str | None = None
    order: Sequence[str] = ("indicators", "summary", "narrative", "execution", "goal")

    def rows(self) -> list[tuple[str, str, str, str, str, str, str]]:
        """(level1, level2, level3, level4, weight, score, reason) of the indicator table."""
        out: list[tuple[str, str, str, str, str, str, str]] = []
        for (_, mx, sc), l1 in zip(self.parts, self.level1, strict=True):
            half_w, half_s = Decimal(mx) / 2, Decimal(sc) / 2
            for n in (1, 2):
                out.append((f"{l1} ({mx}分)", f"{l1[-2:]}分项{n} ({_d(half_w)}分)", f"{l1[-2:]}指标{n}",
                            f"{l1[-2:]}要点{n}", _d(half_w), _d(half_s, 2), "有待提高" if half_s < half_w else ""))
        for n, score in self.row_scores.items():
            r = out[n]
            out[n] = (r[0], r[1], r[2], r[3], r[4], score, r[6])
        for n, weight in self.row_weights.items():
            r = out[n]
            out[n] = (r[0], r[1], r[2], r[3], weight, r[5], r[6])
        return out

    def text(self) -> str:
        sections = {"indicators": self._indicators, "summary": self._summary, "narrative": self._narrative,
                    "execution": self._execution, "goal": self._goal}
        head = [f"{self.heading}", "",
                f"“{self.subject}”项目综合得分{self.sentence_total or self.total}分，其中，"
                + "，".join(f"{n}{s}分" for n, _, s in self.parts) + f"，绩效评定结论为“{self.grade}”。", ""]
        body: list[str] = []
        for name in self.order:
            body += [*sections[name](), ""]
        return "\n".join(["第四部分 绩效评价情况", "", *head, *body, "三、项目支出绩效自评表", ""])

    def _summary(self) -> list[str]:
        lines = [f"“{self.subject}”项目", "", "绩效评价结论一览表", "", "评价内容\t分值\t评价得分"]
        lines += [f"{n}\t{m}\t{s}" for n, m, s in self.parts]
        return [*lines, f"综合得分\t100\t{self.total}", f"绩效评定级别\t{self.grade}\t"]

    def _indicators(self) -> list[str]:
        lines = ["指标体系及打分情况表", "", "一级指标\t二级指标\t三级指标\t四级指标\t分值\t专家打分\t扣分原因"]
        last_l1 = ""
        for l1, l2, l3, l4, w, s, reason in self.rows():
            lines.append("\t".join(("" if l1 == last_l1 else l1, l2, l3, l4, w, s, reason)))
            last_l1 = l1
        weights = sum((Decimal(r[4]) for r in self.rows()), Decimal(0))
        scores = sum((Decimal(r[5]) for r in self.rows()), Decimal(0))
        return [*lines, f"合计\t\t\t\t{_d(weights, 2)}\t{_d(scores, 2)}\t"]

    def _narrative(self) -> list[str]:
        system = self.system_text or [m for _, m, _ in self.parts]
        names = ("决策", "管理", "产出", "效益")
        ordinals = ("一", "二", "三", "四")
        said = "；".join(f"{o}是{n}指标（{m} 分），主要评价有关内容"
                        for o, n, m in zip(ordinals, names, system, strict=True))
        return ["（一）绩效评价指标体系", "", f"主要包括决策、管理、产出、效益四个方面，满分 100 分。{said}。", "",
                "（二）项目资金使用效益", "",
                f"批复项目资金 {self.approved} 万元，后调整预算为 {self.adjusted} 万元，"
                f"截至 {self.year} 年 12 月 31 日支出 "
                f"{self.executed} 万元，预算执行率为 {self.rate_text}。"]

    def _execution(self) -> list[str]:
        budget, executed = Decimal(self.adjusted), Decimal(self.executed)
        values = [self.adjusted, self.adjusted, self.adjusted, self.executed, self.halves[0], self.halves[1], "-",
                  self.progress]
        header1 = "项目\t预算批复\t\t资金到位\t预算执行情况\t\t\t\t本年支出进度(%)"
        header2 = "\t总预算\t其中：财政拨款\t合计\t合计\t上半年\t下半年\t跨年支出\t"
        numbers = "\t".join(str(n) for n in range(1, 9))
        del budget, executed
        return ["附件 1", "", f"{self.year} 年度项目预算执行情况表", "", "单位：万元", "", header1, header2, numbers,
                "合计\t1\t" + "\t".join(values), f"项目 1.{self.subject}\t2\t" + "\t".join(values), "",
                "注：1. 执行数合计：4=5+6+7；", "", "2. 本年支出进度：8=4/1*100%。"]

    def _goal(self) -> list[str]:
        total = self.funds_total or self.executed
        return ["附件 2", "", "绩效目标完成情况及收支明细表", "", "单位：万元", "",
                "\t目标内容\t目标调整情况\t实际完成情况",
                f"绩效目标完成情况\t为老年人发放养老服务补贴\t{self.goal_adjustment}\t已按时发放",
                "资金到位情况\t项目资金\t预算批复数\t资金到位数",
                f"\t财政拨款\t{self.adjusted}\t{self.adjusted}", f"\t合 计\t{self.adjusted}\t{self.adjusted}",
                "资金支出情况\t项目预算支出明细\t预算批复数\t实际支出数",
                f"\t发放补贴\t{self.adjusted}\t{self.executed}", f"\t合 计\t{self.adjusted}\t{total}"]


def _d(value: Decimal, places: int | None = None) -> str:
    if places is not None:
        return format(value.quantize(Decimal(1).scaleb(-places)), "f")
    return format(value.normalize(), "f")


@dataclass
class Department:
    """A department-wide evaluation report with a 部门收入支出情况决算表."""

    unit: str = "某区某街道办事处"
    year: int = 2024
    total: str = "90.50"
    grade: str = "优秀"
    income: tuple[str, str] = ("900.00", "100.00")  # 一般公共预算, 其他收入 (全年 = 决算)
    income_total: str = "1,000.00"
    carry_in: str = "200.00"
    functions: tuple[str, str] = ("800.00", "400.00")  # 全年预算数 of two function rows
    function_exec: tuple[str, str] = ("650.00", "400.00")
    basic: tuple[str, str] = ("500.00", "480.00")  # 全年, 决算
    staff_public: tuple[tuple[str, str], tuple[str, str]] = (("400.00", "390.00"), ("100.00", "90.00"))
    project: tuple[str, str] = ("700.00", "570.00")
    spend_total: tuple[str, str, str] = ("1,000.00", "1,200.00", "1,050.00")  # 年初, 全年, 决算
    carry_out: str = "150.00"
    grand_total: str = "1,200.00"
    narrative_rate: str = "87.50%"
    carryover_rate: str = "12.50%"
    budget_words: str = "全年预算数 1,200.00 万元"
    spend_parts: tuple[str, str] = ("480.00", "570.00")  # 「其中，基本支出 …，项目支出 …」
    assets: tuple[str, str, str] = ("300.00", "100.00", "200.00")  # 资产总额, 负债总额, 净资产
    declared: tuple[str, str, str] = ("1,000.00", "450.00", "550.00")  # 申报表 资金总额, 基本支出, 项目支出

    def text(self) -> str:
        summary = ["一、部门整体绩效评价报告", "",
                   f"{self.unit} {self.year} 年度整体支出绩效评价综合得分 {self.total} 分，其中部门决策 9.00 分、"
                   f"部门管理 18.00 分、部门产出 36.50 分、部门效益 27.00 分，绩效评定结论为“{self.grade}”。", "",
                   "绩效评价结论一览表", "", "评价内容\t分值\t评价得分", "部门决策\t10\t9.00", "部门管理\t20\t18.00",
                   "部门产出\t40\t36.50", "部门效益\t30\t27.00", f"综合得分\t100\t{self.total}",
                   f"绩效评定级别\t{self.grade}\t", ""]
        narrative = ["2. 当年预算执行情况", "",
                     f"{self.year} 年{self.budget_words}，资金总体支出 1,050.00 万元，其中，基本支出 "
                     f"{self.spend_parts[0]} 万元，项目支出 {self.spend_parts[1]} 万元。"
                     f"预算执行率为 {self.narrative_rate}。", "",
                     f"资产总额 {self.assets[0]} 万元，负债总额 {self.assets[1]} 万元，"
                     f"净资产 {self.assets[2]} 万元。", "",
                     f"年末结转结余 {self.carry_out} 万元，{self.year} 年结转结余率 {self.carryover_rate}。", ""]
        f1, f2 = self.functions
        e1, e2 = self.function_exec
        (st_b, st_e), (pu_b, pu_e) = self.staff_public
        table = ["部门收入支出情况决算表", "", "金额单位：万元", "",
                 "收入\t\t\t\t\t支出\t\t\t\t\t\t\t\t\t",
                 "项目\t行次\t年初预算数\t全年预算数\t决算数\t项目(按功能分类)\t行次\t年初预算数\t全年预算数\t决算数\t"
                 "项目(按经济分类)\t行次\t年初预算数\t全年预算数\t决算数",
                 "栏次\t\t1\t2\t3\t栏次\t\t4\t5\t6\t栏次\t\t7\t8\t9",
                 f"一、一般公共预算财政拨款收入\t1\t900.00\t{self.income[0]}\t{self.income[0]}\t一、一般公共服务支出\t5\t"
                 f"600.00\t{f1}\t{e1}\t一、基本支出\t9\t450.00\t{self.basic[0]}\t{self.basic[1]}",
                 f"二、其他收入\t2\t100.00\t{self.income[1]}\t{self.income[1]}\t二、城乡社区支出\t6\t400.00\t{f2}\t{e2}\t"
                 f"人员经费\t10\t350.00\t{st_b}\t{st_e}",
                 f"\t3\t\t\t\t\t7\t\t\t\t公用经费\t11\t100.00\t{pu_b}\t{pu_e}",
                 f"\t4\t\t\t\t\t8\t\t\t\t二、项目支出\t12\t550.00\t{self.project[0]}\t{self.project[1]}",
                 f"本年收入合计\t13\t1,000.00\t{self.income_total}\t{self.income_total}\t本年支出合计\t\t\t\t\t\t14\t"
                 + "\t".join(self.spend_total),
                 f"年初结转和结余\t15\t\t{self.carry_in}\t{self.carry_in}\t年末结转和结余\t\t\t\t\t\t16\t\t\t{self.carry_out}",
                 f"总计\t17\t1,000.00\t1,200.00\t1,200.00\t总计\t\t\t\t\t\t18\t1,000.00\t{self.grand_total}\t"
                 f"{self.grand_total}"]
        indicators = ["指标体系及打分情况表", "", "一级指标\t二级指标\t三级指标\t四级指标\t分值\t专家打分\t扣分原因",
                      "部门决策 (10分)\t目标设定 (10分)\t目标明确性\t目标明确\t10\t9.00\t",
                      "部门管理 (20分)\t预算执行 (20分)\t预算执行率\t支出预算执行率\t20\t18.00\t"
                      f"支出预算执行率为{self.narrative_rate}",
                      "部门产出 (40分)\t产出数量 (40分)\t完成率\t任务完成\t40\t36.50\t",
                      "部门效益 (30分)\t效益 (30分)\t社会效益\t社会影响\t30\t27.00\t", "合计\t\t\t\t100\t90.50\t"]
        total, basic, project = self.declared
        declaration = ["部门绩效目标申报表", "", f"部门名称：{self.unit}", "",
                       f"部门(单位)名称\t{self.unit}\t\t", "部门(单位)负责人\t张三\t联系电话\t12345678",
                       f"部门(单位)总体资金情况(万元)\t资金总额:\t{total}\t", f"\t基本支出:\t{basic}\t",
                       f"\t项目支出:\t{project}\t", "\t其他:\t\t", "部门(单位)绩效目标\t做好辖区治理\t\t",
                       "绩效指标\t一级指标\t二级指标\t具体指标(指标内容、指标值)",
                       "\t党建工作\t产出数量指标\t开展活动20次",
                       "\t\t产出质量指标\t符合相关质量标准", "效果指标\t社会效益指标\t居民满意\t"]
        return "\n".join([*summary, *narrative, *table, "", *declaration, "", *indicators, ""])
