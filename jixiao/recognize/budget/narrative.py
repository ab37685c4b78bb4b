"""The figures a budget disclosure's narrative states (部门预算情况说明), by wording.

Every pattern is the standard wording of the 情况说明 (收入预算X万元, 基本支出预算X万元, "三公"经费财政
拨款预算安排X万元, 政府采购项目N个，预算资金X万元 …); the sub-heads of the 三公 section (因公出国（境）
费, 公务接待费, 公务用车购置及运行维护费) set the topic of the sentences under them. Nothing here knows
a unit's name or numbers.
"""

from __future__ import annotations

import re
import unicodedata

from jixiao.model.disclosure import Claim, Disclosure, Figure
from jixiao.model.disclosure import as_wan as as_wan
from jixiao.model.values import parse_number
from jixiao.read.text import Row
from jixiao.recognize.budget.spans import Spans

_V = r"(?P<v>[0-9][0-9,]*(?:\.[0-9]+)?)\s*"
_Y = r"(?P<y>20\d{2})\s*年"
_W = _V + "万元"
# (name, pattern, unit): group "v" is the number, group "y" the year where present, "u" the unit
PATTERNS: tuple[tuple[str, str, str], ...] = (
    ("income_total", _Y + "(?:部门)?收入预算(?:总额|总计|合计)?(?:为)?" + _W, "万元"),
    ("income_prior", "与" + _Y + "(?:部门)?收入预算(?:总额)?" + _W, "万元"),
    ("expenditure_total", _Y + "(?:部门)?支出预算(?:总额|总计|合计)?(?:为)?" + _W, "万元"),
    ("carryover", "上年结转(?:结余)?(?:资金)?(?:安排)?" + _W, "万元"),
    ("advance_transfer", "提前下达[^，。；]{0,40}?安排" + _W, "万元"),
    ("basic", "基本支出(?:预算)?(?:为)?" + _W, "万元"),
    ("public_expense", "其中[:：]?公用(?:支出|经费)" + _W, "万元"),
    ("basic_prior", "基本支出预算[^。]{0,80}?与" + _Y + "(?:基本支出(?:预算)?)?" + _W, "万元"),
    ("project", "项目支出(?:预算)?(?:为)?" + _W, "万元"),
    ("project_prior", "项目支出预算[^。]{0,80}?与" + _Y + "(?:项目支出(?:预算)?)?" + _W, "万元"),
    ("income_change", "收入预算[^。]{0,80}?相比(?:增加|减少)" + _W, "万元"),
    ("income_change_rate", r"收入预算[^。]{0,120}?(?:增幅|减幅|增长|下降)(?P<v>[0-9]+(?:\.[0-9]+)?)\s*%", "%"),
    ("basic_change", "基本支出预算[^。]{0,80}?(?:增加|减少)" + _W, "万元"),
    ("project_change", "项目支出预算[^。]{0,80}?(?:增加|减少)" + _W, "万元"),
    ("three_public", "三公.?经费财政拨款预算安排" + _W, "万元"),
    ("three_public_prior", "三公.?经费财政拨款预算安排[^。]{0,80}?与(?:去年|上年)" + _W, "万元"),
    ("three_public.vehicle_purchase", "公务用车购置费" + _V + "(?P<u>万元|元)", ""),
    ("three_public.vehicle_operation", "公务用车运行维护费" + _V + "(?P<u>万元|元)", ""),
    ("operating_expenses", "运行经费[^。]{0,80}?合计" + _W, "万元"),
    ("procurement_count", r"政府采购项目(?P<v>\d+)\s*个", "个"),
    ("procurement", "政府采购[^。]{0,80}?预算(?:资金|金额)" + _W, "万元"),
    ("procurement.goods", r"货物(?:\d+个项目)?(?:共计)?" + _W, "万元"),
    ("procurement.works", r"工程(?:\d+个项目)?(?:共计)?" + _W, "万元"),
    ("procurement.services", r"服务(?:\d+个项目)?(?:共计)?" + _W, "万元"),
    ("purchase_services_count", r"政府购买服务项目(?P<v>\d+)\s*个", "个"),
    ("purchase_services", "政府购买服务[^。]{0,80}?预算(?:资金|金额)" + _W, "万元"),
    ("performance_projects", r"填报绩效目标的(?:预算)?项目(?P<v>\d+)\s*个", "个"),
    ("performance_advance", r"提前下达的(?:市级)?专项(?P<v>\d+)\s*个", "个"),
    ("fixed_assets", "固定资产总额" + _W, "万元"),
    ("assets.vehicles_count", r"其中[:：]?车辆(?P<v>\d+)\s*[台辆]", "台"),
    ("assets.vehicles", r"其中[:：]?车辆\d+\s*[台辆][，,、]\s*" + _W, "万元"),
    ("assets.general_equipment_count", r"(?<!购置)单位价值50万元以上的通用设备(?P<v>\d+)\s*台", "台"),
    ("assets.general_equipment", r"(?<!购置)单位价值50万元以上的通用设备\d+\s*台(?:[(（]套[)）])?[，,、]\s*" + _W,
     "万元"),
    ("assets.purchase_vehicles_count", r"安排购置车辆(?P<v>\d+)\s*[台辆]", "台"),
)
TOPICS = (("three_public.abroad", "因公出国"), ("three_public.reception", "公务接待费"),
          ("three_public.vehicles", "公务用车购置及运行维护费"))
CLAIMS = (("no_state_capital", re.compile(r"(?:无|没有)国有资本经营预算(?:财政)?(?:拨款)?(?:收支|收入|支出)")),
          ("no_government_fund", re.compile(r"(?:无|没有)政府性基金预算(?:财政)?(?:拨款)?(?:收支|收入|支出)")))
_COMPILED = tuple((name, re.compile(pattern), unit) for name, pattern, unit in PATTERNS)
_TOPIC_VALUE = re.compile("预算安排" + _V + "(?P<u>万元|元)")
_LEADING_YEAR = re.compile(r"(20\d{2})\s*年")
_SCOPE = {"procurement.goods": "政府采购", "procurement.works": "政府采购", "procurement.services": "政府采购"}


def _lines(rows: list[Row], spans: Spans) -> list[tuple[str, int]]:
    out = []
    for row in rows:
        if row.hard or row.line_start in spans:
            continue
        text = unicodedata.normalize("NFKC", row.cells[0].text) if row.cells else ""
        if text:
            out.append((text, row.line_start))
    return out


def read_narrative(rows: list[Row], year: int | None, spans: Spans) -> Disclosure:
    out = Disclosure(year=year)
    topic: str | None = None
    for text, line in _lines(rows, spans):
        out.claims.extend(Claim(name=name, text=text, line=line) for name, claim in CLAIMS if claim.search(text))
        if len(text) <= 30:
            topic = next((name for name, word in TOPICS if word in text), None)  # a sub-head sets the topic
            continue
        taken: set[str] = set()
        for name, pattern, unit in _COMPILED:
            scope = _SCOPE.get(name)
            if scope and scope not in text:
                continue
            for m in pattern.finditer(text):
                if name in taken and not name.startswith("procurement."):
                    break
                value = parse_number(m.group("v"))
                if value is None:
                    continue
                if name.endswith("_change") and "减少" in m.group(0):
                    value = -value  # "减少416.36万元": the change is printed as a word and a number
                groups = m.groupdict()
                found_year = int(groups["y"]) if groups.get("y") else None
                out.figures.append(Figure(name=name, label=m.group(0), value=value, unit=groups.get("u") or unit,
                                          year=found_year, text=text, line=line))
                taken.add(name)
                break
        if topic and "三公" not in text:
            found = _TOPIC_VALUE.search(text)
            if found and (value := parse_number(found.group("v"))) is not None:
                out.figures.append(Figure(name=topic, label=found.group(0), value=value, unit=found.group("u"),
                                          year=_year(text), text=text, line=line))
            topic = None
    return out


def _year(text: str) -> int | None:
    m = _LEADING_YEAR.search(text)
    return int(m.group(1)) if m else None


