"""One formatting layer for everything a person reads: pages (as Jinja filters) and the API's
words for people (``*_text`` fields).

- Numbers a form printed (``Decimal``) are shown exactly as printed; numbers the app computed
  (``float``: a recomputed total, an average) at the precision the forms print: 分 and 万元 to two
  decimals (``90.30008543357539`` → ``90.30``), rates as percentages (``0.8734`` → ``87.34%``).
- Field names in Chinese from one mapping, :data:`FIELD_NAMES`, keyed by the model's field names
  (``execution_rate`` → 执行率, ``project_lead`` → 项目负责人); :func:`field_name` never shows an
  internal name to a reader.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

TWO = Decimal("0.01")

# The model's field names (jixiao.model) → what the official forms call them.
FIELD_NAMES: dict[str, str] = {
    # header fields
    "project_name": "项目名称", "project_code": "项目编码", "unit": "单位", "department": "主管部门",
    "implementing_unit": "实施单位", "category": "项目类别", "period": "项目期", "project_lead": "项目负责人",
    "phone": "联系电话", "year": "年度", "table": "所在表", "goal": "绩效目标", "total_amount": "资金总额（万元）",
    "fiscal_amount": "财政拨款（万元）", "other_amount": "其他资金（万元）", "fiscal_basic": "财政拨款基本支出",
    "fiscal_project": "财政拨款项目支出", "other_basic": "其他资金基本支出", "other_project": "其他资金项目支出",
    "basic_amount": "基本支出", "project_amount": "项目支出", "money_unit": "金额单位", "code": "表号",
    "title": "表名", "total_score": "综合得分", "grade": "等级", "evaluator": "评价机构", "name": "名称",
    "months": "监控月数", "functions": "部门职能", "subject": "评价对象", "source": "来源",
    # funds
    "funds": "项目资金", "total": "年度资金总额", "current_year_appropriation": "当年财政拨款",
    "prior_year_carryover": "上年结转资金", "other": "其他资金", "initial_budget": "年初预算数",
    "full_year_budget": "全年预算数", "executed": "全年执行数", "executed_to_date": "截至目前执行数",
    "forecast_executed": "预计全年执行数", "execution_rate": "执行率", "weight": "分值", "score": "得分",
    "amounts": "金额", "forecast": "全年预计",
    # goals and indicators
    "goal_expected": "预期目标", "goal_actual": "实际完成情况", "goal_content": "目标内容",
    "goal_progress": "目标完成进度", "goal_adjustment": "目标调整", "indicators": "绩效指标",
    "level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "level4": "四级指标",
    "target": "年度指标值", "target_value": "年度指标值", "actual": "实际完成值", "actual_value": "实际完成值",
    "actual_to_date": "截至目前完成值", "deviation_note": "偏差原因分析及改进措施", "deviation_cause": "偏差原因",
    "deduction_reason": "扣分原因", "nature": "指标性质", "direction": "指标方向", "item": "项目",
    "measure": "度量单位", "note": "说明", "explanation": "说明", "criteria": "评分标准", "likelihood": "完成可能性",
    "total_weight": "总分值", "indicator_total_score": "指标得分合计", "indicator_total_weight": "指标分值合计",
    "level1_max": "一级指标满分", "level2_max": "二级指标满分", "level3_max": "三级指标满分", "total_max": "满分",
    "level_weights": "各级指标分值", "activity": "活动", "declarations": "申报内容",
    # reports and tables
    "parts": "组成部分", "part": "部分", "section": "栏目", "rows": "行", "row_no": "行次", "values": "数值",
    "columns": "列", "label": "项目", "value": "数值", "text": "文字", "figures": "数字", "statements": "陈述",
    "stated_results": "所述结果", "tables": "表格", "breakdowns": "分项", "printed_value": "印刷值",
    "side": "栏", "fraction": "比例", "number": "序号", "codes": "编码", "confidence": "识别置信度",
    "total_confidence": "总分识别置信度",
}
# What the model keeps for the machine, never shown as a field of its own.
INTERNAL_FIELDS = frozenset({
    "kind", "layout", "role", "line", "line_start", "line_end", "page_start", "page_end", "location", "printed",
    "blank", "block", "block_index", "blocks", "cell", "fields", "figure_details", "formulas", "funds_columns",
    "funds_rows", "goal_line", "grade_line", "incomplete", "indicator_columns", "indicator_style",
    "indicator_total_line", "indicator_total_printed", "amount_line", "max", "op", "section_columns",
    "side_columns", "span_to", "summary_line", "total_line", "total_printed", "warnings", "where", "yes",
})


def field_name(key: str) -> str:
    """The Chinese name of a model field (``indicators.3.score`` → 绩效指标 第 4 行 得分); a name not
    in the mapping is shown as 其他字段, never as the internal name."""
    parts = key.split(".")
    words: list[str] = []
    for part in parts:
        if part.isdigit():
            words.append(f"第 {int(part) + 1} 行")
        else:
            words.append(FIELD_NAMES.get(part, "其他字段"))
    return " ".join(words)


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    try:
        return Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return None


def fixed(value: Any, places: int = 2) -> str:
    """A number at ``places`` decimals, rounded half up (分 and 万元: ``fixed(90.30008543357539)`` →
    ``90.30``); ``""`` for none, the text itself when it is no number."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    if not number.is_finite():
        return str(value)
    return f"{number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"


def number(value: Any) -> str:
    """A value as a reader should see it: a printed number (``Decimal``, ``int``) exactly as printed,
    a computed one (``float``) at two decimals; ``""`` for none."""
    if value is None:
        return ""
    if isinstance(value, float):
        return fixed(value)
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def percent(value: Any, places: int = 2) -> str:
    """A rate (a fraction: ``0.8734``) as a percentage: ``87.34%``; trailing zeros dropped
    (``0.95`` → ``95%``); ``""`` for none."""
    rate = _decimal(value)
    if rate is None:
        return "" if value is None else str(value)
    if not rate.is_finite():
        return str(value)
    shown = (rate * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{shown:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def display(value: Any) -> str:
    """A printed or recomputed value (a finding's 印刷值 and 复算/应为): ``—`` for none,
    「键 值；…」 for a mapping, 「a、b」 for a list, each number through :func:`number`."""
    if value is None:
        return "—"
    if isinstance(value, dict) and isinstance(value.get("field"), str) and "printed" in value:
        # a cell read from a scan (OC001–OC003: the cell's path, its text as read, its OCR confidence)
        confidence = value.get("confidence")
        shown = f"「{value['printed']}」" if value["printed"] else "（未读出）"
        return shown + (f"（识别置信度 {number(confidence)}）" if isinstance(confidence, int | float) else "")
    if isinstance(value, dict):
        return "；".join(f"{FIELD_NAMES.get(str(k), k)} {number(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "、".join(number(v) for v in value)
    return number(value)


RATE_CATEGORIES = frozenset({"execution_rate"})  # findings whose values are rates (执行率): shown as %


def _places(value: Any) -> int | None:
    """How many decimals a number is written with (``"98.20"`` → 2), None for no number."""
    if isinstance(value, dict | list | tuple | bool) or value is None:
        return None
    number_ = _decimal(value)
    if number_ is None or not number_.is_finite():
        return None
    return max(0, -int(number_.as_tuple().exponent))


def finding_value(finding: dict[str, Any], key: str) -> str:
    """A finding's printed (``actual``) or recomputed (``expected``) value as the page shows it: a
    rate as a percentage (印刷值 100%, 复算 73%); the printed value exactly as printed; the recomputed
    one at the printed value's precision, at least two decimals (``10.1786`` beside ``20`` → ``10.18``,
    ``949.8210245`` beside ``949.821024`` → ``949.821025``), anything else through :func:`display`."""
    value = finding.get(key)
    if finding.get("category") in RATE_CATEGORIES and value is not None and not isinstance(value, dict | list):
        return percent(value)
    if key == "expected":
        places, printed = _places(value), _places(finding.get("actual"))
        wanted = max(2, printed or 0)
        if places is not None and places > wanted:
            return fixed(value, wanted)
    return display(value)


def humane(data: dict[str, Any], keys: tuple[str, ...] = ("expected", "actual")) -> dict[str, Any]:
    """``data`` with a ``<key>_text`` beside each of ``keys``: what the page shows (for API clients
    that show findings to people)."""
    for key in keys:
        if key in data:
            data[f"{key}_text"] = finding_value(data, key)
    return data


BEIJING = timezone(timedelta(hours=8), "北京时间")


def when(value: Any) -> str:
    """A moment as a reader in China writes it: Beijing time to the minute (``2026-12-04 09:30``);
    a naive time is UTC (SQLite returns them so); ``""`` for none, the text itself when it is no time."""
    if value is None or value == "":
        return ""
    moment = value
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(moment, datetime):
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


FILTERS = {"num": number, "fixed": fixed, "pct": percent, "display": display, "field_name": field_name, "when": when,
           "finding_value": finding_value}
