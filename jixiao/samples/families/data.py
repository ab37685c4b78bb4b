"""Sample data the template families print: invented counties, units, projects and indicators,
internally consistent (amounts cross-foot, rates = executed / budget, weights sum to the scheme's
total, scores ≤ weights and follow the national scoring rules). Deterministic for a given seed."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def q2(d: Decimal) -> Decimal:
    return d.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IndicatorSpec:
    level1: str
    level2: str
    level3: str
    nature: str  # "≥" "≤" "=" "定性"
    value: str  # as printed: "12", "95", "优良"
    unit: str  # "处", "%", "" …
    actual: str  # the completed value, number part only for quantitative ones ("13", "96.5") or text


@dataclass
class Indicator:
    spec: IndicatorSpec
    weight: Decimal
    score: Decimal
    note: str = ""

    @property
    def target(self) -> str:
        s = self.spec
        return s.value if s.nature == "定性" else f"{s.nature}{s.value}{s.unit}"

    @property
    def actual(self) -> str:
        s = self.spec
        return s.actual if s.nature == "定性" else f"{s.actual}{s.unit}"


@dataclass
class FundLine:
    role: str
    initial: Decimal | None
    full_year: Decimal | None
    executed: Decimal | None


@dataclass
class Project:
    year: int
    code: str
    name: str
    department: str
    unit: str
    lead: str
    phone: str
    category: str
    funds: list[FundLine]  # first = total
    goal_expected: str
    goal_actual: str
    indicators: list[Indicator]
    fund_weight: Decimal
    overview: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> FundLine:
        return self.funds[0]

    @property
    def rate(self) -> Decimal:
        t = self.total
        assert t.executed is not None and t.full_year
        return t.executed / t.full_year

    @property
    def fund_score(self) -> Decimal:
        return q2(min(self.rate, Decimal(1)) * self.fund_weight)

    @property
    def total_weight(self) -> Decimal:
        return self.fund_weight + sum((i.weight for i in self.indicators), Decimal(0))

    @property
    def total_score(self) -> Decimal:
        return self.fund_score + sum((i.score for i in self.indicators), Decimal(0))


# (name, department, implementing unit, category, goal, achieved, indicators)
THEMES: list[tuple[str, str, str, str, str, str, list[IndicatorSpec]]] = [
    ("农村饮水安全巩固提升工程", "临溪县水利局", "临溪县农村供水管理站", "基础设施类",
     "新建集中供水工程12处，改造供水管网35公里，巩固提升1.8万农村人口饮水安全水平。",
     "建成集中供水工程13处，改造管网36.2公里，1.86万农村人口饮水安全得到巩固。",
     [IndicatorSpec("产出指标", "数量指标", "新建集中供水工程", "≥", "12", "处", "13"),
      IndicatorSpec("产出指标", "数量指标", "改造供水管网长度", "≥", "35", "公里", "36.2"),
      IndicatorSpec("产出指标", "质量指标", "工程验收合格率", "=", "100", "%", "100"),
      IndicatorSpec("产出指标", "时效指标", "工程完工时间", "≤", "11", "月", "11"),
      IndicatorSpec("产出指标", "成本指标", "单处工程造价", "≤", "45", "万元", "43.8"),
      IndicatorSpec("效益指标", "社会效益指标", "受益农村人口", "≥", "18000", "人", "18600"),
      IndicatorSpec("效益指标", "可持续影响指标", "工程运行管护机制", "定性", "健全", "", "健全"),
      IndicatorSpec("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥", "90", "%", "93")]),
    ("困难老年人居家养老服务补贴", "安和县民政局", "安和县社会福利服务中心", "民生保障类",
     "为全县2400名经济困难高龄、失能老年人提供居家养老服务补贴，按月足额发放。",
     "全年为2386名困难老年人发放居家养老服务补贴，按月足额发放，未发生冒领。",
     [IndicatorSpec("产出指标", "数量指标", "补贴发放人数", "≥", "2400", "人", "2386"),
      IndicatorSpec("产出指标", "质量指标", "补贴对象识别准确率", "≥", "98", "%", "99.1"),
      IndicatorSpec("产出指标", "时效指标", "补贴按月发放及时率", "=", "100", "%", "100"),
      IndicatorSpec("产出指标", "成本指标", "人均年补贴标准", "=", "1200", "元", "1200"),
      IndicatorSpec("效益指标", "社会效益指标", "困难老年人生活质量", "定性", "明显改善", "", "明显改善"),
      IndicatorSpec("效益指标", "社会效益指标", "居家养老服务覆盖率", "≥", "85", "%", "87.5"),
      IndicatorSpec("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "95", "%", "96")]),
    ("义务教育学校校舍维修改造", "石门区教育局", "石门区教育技术装备中心", "项目建设类",
     "完成18所中小学校舍维修改造2.6万平方米，消除校舍安全隐患。",
     "完成17所学校校舍维修改造2.55万平方米，1所因规划调整顺延至次年。",
     [IndicatorSpec("产出指标", "数量指标", "维修改造学校数", "≥", "18", "所", "17"),
      IndicatorSpec("产出指标", "数量指标", "维修改造面积", "≥", "2.6", "万平方米", "2.55"),
      IndicatorSpec("产出指标", "质量指标", "工程质量验收合格率", "=", "100", "%", "100"),
      IndicatorSpec("产出指标", "时效指标", "暑期施工完成率", "≥", "90", "%", "94"),
      IndicatorSpec("效益指标", "社会效益指标", "校舍安全隐患消除率", "≥", "95", "%", "94.4"),
      IndicatorSpec("效益指标", "可持续影响指标", "校舍使用年限延长", "≥", "10", "年", "10"),
      IndicatorSpec("满意度指标", "服务对象满意度指标", "师生满意度", "≥", "90", "%", "92.3")]),
    ("森林草原防灭火能力建设", "青岚县林业局", "青岚县森林消防大队", "运转类",
     "购置防火物资，开展巡护和培训，全年森林火灾受害率控制在0.9‰以内。",
     "购置风力灭火机等物资，开展巡护1.2万人次、培训8期，全年未发生较大森林火灾。",
     [IndicatorSpec("产出指标", "数量指标", "防火巡护人次", "≥", "10000", "人次", "12000"),
      IndicatorSpec("产出指标", "数量指标", "扑火队员培训期数", "≥", "6", "期", "8"),
      IndicatorSpec("产出指标", "质量指标", "防火物资验收合格率", "=", "100", "%", "100"),
      IndicatorSpec("产出指标", "时效指标", "物资采购到位时间", "≤", "4", "月", "3"),
      IndicatorSpec("产出指标", "成本指标", "物资采购成本", "≤", "86", "万元", "84.3"),
      IndicatorSpec("效益指标", "生态效益指标", "森林火灾受害率", "≤", "0.9", "‰", "0.3"),
      IndicatorSpec("满意度指标", "服务对象满意度指标", "林区群众满意度", "≥", "90", "%", "95")]),
    ("基层医疗卫生机构设备购置", "平川县卫生健康局", "平川县人民医院医共体", "设备购置类",
     "为12个乡镇卫生院配置DR、彩超等设备36台（套），提升基层诊疗能力。",
     "为12个乡镇卫生院配置设备36台（套），均已安装调试并投入使用。",
     [IndicatorSpec("产出指标", "数量指标", "配置设备数量", "=", "36", "台（套）", "36"),
      IndicatorSpec("产出指标", "质量指标", "设备验收合格率", "=", "100", "%", "100"),
      IndicatorSpec("产出指标", "时效指标", "设备投入使用时间", "≤", "10", "月", "9"),
      IndicatorSpec("效益指标", "社会效益指标", "基层就诊人次增长率", "≥", "8", "%", "6.5"),
      IndicatorSpec("效益指标", "社会效益指标", "基层诊疗服务能力", "定性", "有效提升", "", "有效提升"),
      IndicatorSpec("满意度指标", "服务对象满意度指标", "患者满意度", "≥", "90", "%", "91")]),
    ("高标准农田建设", "丰谷县农业农村局", "丰谷县农田建设服务中心", "项目建设类",
     "新建高标准农田1.5万亩，配套灌溉排水和田间道路，新增粮食产能150万公斤。",
     "建成高标准农田1.5万亩，完成灌排渠系和田间道路配套，通过县级验收。",
     [IndicatorSpec("产出指标", "数量指标", "新建高标准农田面积", "≥", "1.5", "万亩", "1.5"),
      IndicatorSpec("产出指标", "数量指标", "新建灌排渠道", "≥", "42", "公里", "45.6"),
      IndicatorSpec("产出指标", "质量指标", "工程验收合格率", "=", "100", "%", "100"),
      IndicatorSpec("产出指标", "时效指标", "项目完工时间", "≤", "12", "月", "12"),
      IndicatorSpec("产出指标", "成本指标", "亩均财政投资", "≤", "1500", "元", "1480"),
      IndicatorSpec("效益指标", "经济效益指标", "新增粮食产能", "≥", "150", "万公斤", "152"),
      IndicatorSpec("满意度指标", "服务对象满意度指标", "项目区农户满意度", "≥", "90", "%", "94")]),
]

NAMES = ("周建国", "李文华", "王晓燕", "陈志刚", "刘海峰", "杨丽萍", "赵明", "孙立新")
DEVIATION = "部分任务因客观原因未完成，已纳入下年度计划并加强进度调度。"


def _met(spec: IndicatorSpec) -> Decimal:
    """Fraction of the weight earned under the national rules (qualitative: met = full)."""
    if spec.nature == "定性":
        return Decimal(1)
    target, actual = Decimal(spec.value), Decimal(spec.actual)
    if spec.nature == "≤":
        if actual <= target:
            return Decimal(1)
        if actual >= 2 * target:
            return Decimal(0)
        return 1 - (actual - target) / target
    if actual >= target or (spec.nature == "=" and actual == target):
        return Decimal(1)
    return actual / target


def split_weights(specs: list[IndicatorSpec], totals: dict[str, int]) -> list[Decimal]:
    """Integer weights per indicator: each 一级's total spread over its rows, the rest to the first."""
    out: list[Decimal] = []
    for level1, total in totals.items():
        rows = [s for s in specs if s.level1 == level1]
        base, rest = divmod(total, len(rows)) if rows else (0, 0)
        out.extend(Decimal(base + (rest if k == 0 else 0)) for k in range(len(rows)))
    return out


def make_indicators(specs: list[IndicatorSpec], totals: dict[str, int]) -> list[Indicator]:
    ordered = [s for l1 in totals for s in specs if s.level1 == l1]
    weights = split_weights(ordered, totals)
    out = []
    for spec, w in zip(ordered, weights, strict=True):
        frac = _met(spec)
        out.append(Indicator(spec, w, q2(w * frac), "" if frac == 1 else DEVIATION))
    return out


def make_project(rng: random.Random, theme: int, year: int, county_code: str, fund_weight: int,
                 totals: dict[str, int], carryover: bool = True, other: bool = False) -> Project:
    name, dept, unit, category, goal, achieved, specs = THEMES[theme % len(THEMES)]
    current = q2(Decimal(rng.randint(3000, 90000)) / 100)
    prior = q2(Decimal(rng.randint(200, 3000)) / 100) if carryover else Decimal(0)
    others = q2(Decimal(rng.randint(100, 1500)) / 100) if other else Decimal(0)
    full_year = current + prior + others
    initial = current if rng.random() < 0.6 else q2(current * Decimal("0.9"))
    rate_pct = Decimal(rng.choice([100, 100, 98.6, 96.35, 91.2, 88.4, 100]))
    ex_current = current if rate_pct == 100 else q2(current * rate_pct / 100)
    funds = [FundLine("total", initial, full_year, ex_current + prior + others),
             FundLine("current_year_appropriation", initial, current, ex_current),
             FundLine("prior_year_carryover", None, prior, prior) if carryover
             else FundLine("prior_year_carryover", None, None, None),
             FundLine("other", None, others, others) if other else FundLine("other", None, None, None)]
    code = f"{county_code}{year % 100:02d}T{rng.randint(10**9, 10**10 - 1)}"
    return Project(year=year, code=code, name=f"{year}年{name}", department=dept, unit=unit,
                   lead=rng.choice(NAMES), phone=f"0{rng.randint(810, 899)}-{rng.randint(2000000, 8999999)}",
                   category=category, funds=funds, goal_expected=goal, goal_actual=achieved,
                   indicators=make_indicators(specs, totals), fund_weight=Decimal(fund_weight))


NATIONAL = {"产出指标": 50, "效益指标": 30, "满意度指标": 10}


def projects(seed: int, n: int, year: int = 2023, county_code: str = "510923", fund_weight: int = 10,
             totals: dict[str, int] | None = None, other: bool = False, carryover: bool = True) -> list[Project]:
    rng = random.Random(seed)
    themes = rng.sample(range(len(THEMES)), n)
    return [make_project(rng, t, year, county_code, fund_weight, totals or NATIONAL,
                         carryover=carryover and k != 1, other=other and k == 0) for k, t in enumerate(themes)]


@dataclass
class Department:
    year: int
    name: str
    contact: str
    phone: str
    funds: list[FundLine]  # total, basic, project, other
    goal_expected: str
    goal_actual: str
    indicators: list[Indicator]
    fund_weight: Decimal

    @property
    def rate(self) -> Decimal:
        t = self.funds[0]
        assert t.executed is not None and t.full_year
        return t.executed / t.full_year


DEPARTMENTS: list[tuple[str, str, str, list[IndicatorSpec]]] = [
    ("临溪县城市管理局",
     "保障市容环境卫生、市政设施维护和城市管理执法工作正常运转，完成城区道路清扫保洁和市政设施维修任务。",
     "全年城区道路机扫率达到92%，维修市政道路1.8万平方米，城市管理执法案件办结率100%。",
     [IndicatorSpec("产出指标", "数量指标", "城区道路清扫保洁面积", "≥", "320", "万平方米", "326"),
      IndicatorSpec("产出指标", "数量指标", "市政道路维修面积", "≥", "1.5", "万平方米", "1.8"),
      IndicatorSpec("产出指标", "质量指标", "道路机械化清扫率", "≥", "90", "%", "92"),
      IndicatorSpec("产出指标", "时效指标", "案件按时办结率", "=", "100", "%", "100"),
      IndicatorSpec("效益指标", "社会效益指标", "城市容貌达标率", "≥", "95", "%", "96.5"),
      IndicatorSpec("效益指标", "可持续影响指标", "长效管理机制", "定性", "健全", "", "健全"),
      IndicatorSpec("满意度指标", "服务对象满意度指标", "市民满意度", "≥", "90", "%", "91.8")]),
    ("安和县文化和旅游局", "保障公共文化场馆免费开放，组织送戏下乡和全民阅读活动，推动文旅融合发展。",
     "文化馆、图书馆全年免费开放，送戏下乡142场，接待游客同比增长12%。",
     [IndicatorSpec("产出指标", "数量指标", "送戏下乡场次", "≥", "150", "场", "142"),
      IndicatorSpec("产出指标", "数量指标", "全民阅读活动", "≥", "40", "场", "46"),
      IndicatorSpec("产出指标", "质量指标", "场馆免费开放达标率", "=", "100", "%", "100"),
      IndicatorSpec("产出指标", "时效指标", "资金拨付及时率", "≥", "95", "%", "98"),
      IndicatorSpec("效益指标", "社会效益指标", "公共文化服务参与人次", "≥", "30", "万人次", "33.6"),
      IndicatorSpec("效益指标", "经济效益指标", "旅游接待人次增长率", "≥", "10", "%", "12"),
      IndicatorSpec("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "93")]),
]


def departments(seed: int, year: int = 2023, fund_weight: int = 10,
                totals: dict[str, int] | None = None) -> list[Department]:
    rng = random.Random(seed)
    out = []
    for name, goal, achieved, specs in DEPARTMENTS:
        basic = q2(Decimal(rng.randint(60000, 180000)) / 100)
        project = q2(Decimal(rng.randint(20000, 90000)) / 100)
        basic_ex = q2(basic * Decimal(rng.choice(["0.985", "1", "0.962"])))
        project_ex = q2(project * Decimal(rng.choice(["0.913", "0.87", "1"])))
        funds = [FundLine("total", basic + project, basic + project, basic_ex + project_ex),
                 FundLine("basic", basic, basic, basic_ex), FundLine("project", project, project, project_ex),
                 FundLine("other", None, None, None)]
        phone = f"0{rng.randint(810, 899)}-{rng.randint(2000000, 8999999)}"
        out.append(Department(year, name, rng.choice(NAMES), phone, funds, goal, achieved,
                              make_indicators(specs, totals or NATIONAL), Decimal(fund_weight)))
    return out
