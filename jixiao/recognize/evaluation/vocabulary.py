"""Names of the figures a report quotes, as data: (canonical name, pattern the words before the
number end with). The first matching entry wins, so longer names come first."""

from __future__ import annotations

import re

FIGURE_NAMES: tuple[tuple[str, str], ...] = (
    # rates (printed with %)
    ("支出预算执行率", r"支出预算执行率"),
    ("预算执行率", r"预算执行率"),
    ("结转结余率", r"结转结余率"),
    ("预决算差异率", r"预决算差异率"),
    ("支出预算调整率", r"(?:支出)?预算调整率"),
    ("公用经费控制率", r"公用经费控制率"),
    ("三公经费变动率", r"[“\"]?三公[”\"]?经费变动率"),
    ("资金到位率", r"资金到位率"),
    # amounts (万元 / 元)
    ("基本支出预算数", r"基本支出预算(?:数|金额)?"),
    ("项目支出预算数", r"项目支出预算(?:数|金额)?"),
    ("年初预算数", r"年初预算(?:数|金额)?"),
    ("调整预算数", r"(?:调整预算数|调整(?:后)?预算(?:为)?|调整后预算数)"),
    ("全年预算数", r"全年预算(?:数|金额)?"),
    ("批复预算数", r"批复\S{0,30}?(?:资金|预算数?)"),
    ("预算金额", r"预算金额"),
    ("总体支出", r"(?:资金)?总体支出|支出总额|总支出"),
    ("实际支出", r"支出实际完成|实际支出|支出决算数"),
    ("基本支出", r"基本支出"),
    ("项目支出", r"项目支出"),
    ("结转结余", r"(?:年末)?结转结余(?:资金)?"),
    ("资产总额", r"资产总额"),
    ("负债总额", r"负债总额"),
    ("净资产", r"净资产"),
    ("固定资产净值", r"固定资产净值"),
    ("支出", r"(?:截至|截止)\S*支出"),
)

COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(r"(?:" + pattern + r")(?:为|是|达|达到|约|共计|合计)?$")) for name, pattern in FIGURE_NAMES)
