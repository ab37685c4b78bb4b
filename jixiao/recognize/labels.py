"""The labels of the self-evaluation form, by meaning, and a matcher that finds them even when a
PDF converter has broken them into fragments ("年度\\n总体\\n目标").

Labels are compared after :func:`norm` (NFKC, CJK radicals mapped, no whitespace, no "(50分)"
suffix). The vocabulary is data: add a province's wording here, never in a recognizer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.model.text import norm as norm

VOCABULARY: dict[str, tuple[str, ...]] = {
    "title": ("项目支出绩效自评表", "项目绩效自评表", "项目支出绩效自评情况表"),
    "project_name": ("项目名称",),
    # 部门整体支出绩效自评表 opens on the unit instead of a project
    "unit_name": ("部门（单位）名称", "部门(单位)名称", "部门名称", "单位名称", "预算单位名称", "预算部门名称"),
    "department": ("主管部门", "主管单位", "预算部门"),
    "implementing_unit": ("实施单位", "项目实施单位", "执行单位"),
    "project_lead": ("项目负责人", "负责人"),
    "phone": ("联系电话", "联系方式", "电话"),
    "funds": ("项目资金(万元)", "项目资金", "项目资金(元)", "资金情况(万元)", "资金情况"),
    "col_initial_budget": ("年初预算数", "年初预算", "年初批复数"),
    "col_full_year_budget": ("全年预算数", "全年预算", "调整后预算数", "全年批复数"),
    "col_executed": ("全年执行数", "全年执行", "实际执行数", "全年实际执行数", "执行数", "全年实际支出", "实际支出数",
                     "实际支出"),
    "col_weight": ("分值", "权重", "分值(权重)"),
    "col_execution_rate": ("执行率", "预算执行率"),
    "col_score": ("得分",),
    "fund_total": ("年度资金总额", "资金总额", "年度资金合计"),
    "fund_current_year_appropriation": (
        "其中:当年财政拨款", "当年财政拨款", "其中:本年财政拨款", "本年财政拨款", "其中:财政拨款",
        "财政拨款", "其中:当年财政资金", "当年财政资金", "其中:财政资金"),
    "fund_prior_year_carryover": ("上年结转资金", "上年结转", "上年结转结余资金", "上年结余结转资金", "上年结转结余"),
    "fund_other": ("其他资金",),
    "goals": ("年度总体目标", "总体目标", "年度目标", "年度绩效目标"),
    "goal_expected": ("预期目标", "年度预期目标"),
    "goal_actual": ("实际完成情况", "实际完成", "目标实际完成情况"),
    "indicators": ("绩效指标", "年度绩效指标"),
    "icol_level1": ("一级指标",),
    "icol_level2": ("二级指标",),
    "icol_level3": ("三级指标",),
    "icol_nature": ("指标性质",),
    "icol_target": ("年度指标值", "指标值", "年度目标值", "预期指标值", "全年指标值", "目标值", "计划指标值",
                    "年度计划值"),
    "icol_unit": ("度量单位", "计量单位"),
    "icol_actual": ("实际完成值", "全年实际值", "实际值", "完成值", "全年实际完成值", "实际完成指标值", "全年完成值",
                    "年度实际完成值", "实际完成数"),
    "icol_weight": ("分值", "权重"),
    "icol_score": ("得分",),
    "icol_note": ("偏差原因分析及改进措施", "偏差原因分析及改进", "偏差原因分析", "偏差原因", "未完成原因分析",
                  "偏差原因分析及整改措施", "偏差原因及改进措施", "未完成原因及改进措施", "原因分析及改进措施",
                  "未完成原因分析及改进措施", "偏差原因及整改措施", "未完成原因", "偏差原因说明"),
    "level1": ("产出指标", "效益指标", "满意度指标", "产出", "效益", "满意度", "服务对象满意度指标"),
    "level2": (
        "数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
        "可持续影响指标", "服务对象满意度指标", "服务对象满意度标", "服务对象满意度", "服务对象满意", "满意度指标",
        "经济成本指标", "社会成本指标", "生态环境成本指标", "经济效益", "社会效益", "生态效益", "可持续影响",
        "数量", "质量", "时效", "成本"),
    "total": ("总分", "合计得分", "总得分", "合计"),
}

LEVEL1_OF_LEVEL2 = {
    "数量": "产出", "质量": "产出", "时效": "产出", "成本": "产出", "经济成本": "产出", "社会成本": "产出",
    "生态环境成本": "产出", "经济效益": "效益", "社会效益": "效益", "生态效益": "效益", "可持续影响": "效益",
    "服务对象满意度": "满意度", "满意度": "满意度",
}


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], frozenset[str], int]:
    exact: dict[str, str] = {}
    for key, words in VOCABULARY.items():
        for word in words:
            exact.setdefault(norm(word), key)
    prefixes = frozenset(w[:i] for w in exact for i in range(1, len(w) + 1))
    return exact, prefixes, max(len(w) for w in exact)


def label_of(text: str) -> str | None:
    """The label key of a whole cell, or ``None``."""
    exact, _, _ = _index()
    return exact.get(norm(text))


def match_fragments(fragments: list[str], start: int, max_parts: int = 12) -> tuple[str, int] | None:
    """Longest label spelled by ``fragments[start:end]`` joined; returns (key, end)."""
    exact, prefixes, longest = _index()
    joined = ""
    best: tuple[str, int] | None = None
    for end in range(start, min(len(fragments), start + max_parts)):
        joined += norm(fragments[end])
        if len(joined) > longest or joined not in prefixes:
            break
        key = exact.get(joined)
        if key is not None:
            best = (key, end + 1)
    return best


def level1_for(level2: str) -> str | None:
    """The level-1 family a level-2 label belongs to ("社会效益指标" → "效益")."""
    n = norm(level2)
    n = re.sub(r"(指标|标)$", "", n)
    return LEVEL1_OF_LEVEL2.get(n)


def level1_family(level1: str) -> str | None:
    n = re.sub(r"(指标|标)$", "", norm(level1))
    if n.endswith("满意度"):
        return "满意度"
    return n if n in ("产出", "效益") else None
