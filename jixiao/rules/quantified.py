"""Is a target quantified? A number inside a sentence with its unit, a comparator or a percent is a
quantified target ("满意度达90%", "达到95%以上", "不超预算数14.63万元", "覆盖12个社区32个小区", "约2000件",
"≥350 m²", "1000元/200ml"); a unit may also be carried by the indicator's name ("覆盖社区数量" with
target "≤11", "满意率" with "大于 95"). Years and dates alone are not quantities.
"""

from __future__ import annotations

import re
import unicodedata

_NUM = r"\d+(?:[.,]\d+)*"
_UNIT_WORDS = """万元 元 % ‰ m² ㎡ 平方米 平米 立方米 公里 千米 米 km ml 毫升 吨 千克 公斤 kg 个 人次 户次 人 户
次 件 场 项 处 家 条 份 本 册 辆 台 套 所 间 名 位 期 批 棵 株 张 座 栋 类 宗 起 班 课时 学时 小时 h 天 日 周 个月
月 年 分钟 分 篇 块 盏 部 组 支 队 只 箱 袋 桶 根 片 床 岗 元/人 元/月"""
UNITS = tuple(_UNIT_WORDS.split())
_UNIT = "|".join(re.escape(u) for u in sorted(set(UNITS), key=len, reverse=True))
_COMPARATOR = ("(?:[≥≤<>＞＜=＝]|不低于|不少于|不超过|不超|不高于|不大于|不小于|达到|达|约|大于|小于|至少|"
               "超过|低于|高于|控制在)")
_WITH_UNIT = re.compile(rf"{_NUM}\s*(?:{_UNIT})")
_COMPARED = re.compile(rf"{_COMPARATOR}\s*(?:[^\d\s]{{0,8}}?)\s*{_NUM}")
_DATE = re.compile(rf"(?:19|20)\d\d\s*年(?:\s*{_NUM}\s*月(?:\s*{_NUM}\s*日)?)?|{_NUM}\s*月\s*{_NUM}\s*日")
_YEAR_SPAN = re.compile(r"(?:19|20)\d\d\s*[-—~至到]\s*(?:19|20)?\d\d\s*年?")
# What an indicator's name says about the unit of its value.
_NAME_UNIT = re.compile(r"(率|比例|占比|数量|人次|户次|人数|户数|次数|个数|件数|场次|场数|数|种类|面积|时长|"
                        rf"天数|金额|总额|成本|标准|[（(][^）)]{{1,6}}[）)]|(?:{_UNIT})[。.;；]?$)")


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def quantified_in_text(text: str | None) -> bool:
    """Whether a text target holds a quantity: a number with a unit, or a comparator before a number
    (dates and years do not count)."""
    if not text:
        return False
    plain = _YEAR_SPAN.sub(" ", _DATE.sub(" ", _plain(text)))
    return bool(_WITH_UNIT.search(plain) or _COMPARED.search(plain))


def unit_in_name(name: str | None) -> bool:
    """Whether an indicator's name carries the unit of its value (…率, …数量, …人数, "(万元)")."""
    return bool(name and _NAME_UNIT.search(_plain(name)))
