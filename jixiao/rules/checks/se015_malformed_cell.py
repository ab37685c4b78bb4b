"""格式错误的数字单元格：a numeric cell that does not read as a number ("100%%", "86.82594 7").

Funds, weights, scores and the total must be plain numbers; a malformed one cannot be checked and
is usually a typing slip → warning. Target/actual cells whose digits are split by spaces
("949.8 2 万元") → info. A 执行率 printed as a bare number above 1 ("100") lacks its % sign: it is
read as a percentage and reported → info. Digits split by a wrapped cell ("86.82594 7", "949.8 2 万元")
are joined when the form's own figures agree (the same amount printed elsewhere in the form, in 万元
or 元, with another split or none) and reported only when they do not.

Bad::

    执行率  100%%

Good::

    执行率  100%
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.selfeval import SelfEvaluation
from jixiao.model.values import is_blank, parse_number
from jixiao.rules.base import Context, row_name
from jixiao.rules.finding import Finding
from jixiao.rules.numeric import has_garbage

CODE = "SE015"
NAME = "malformed-cell"
SEVERITY = "warning"
CATEGORY = "typo"
COLUMNS = {"initial_budget": "年初预算数", "full_year_budget": "全年预算数", "executed": "全年执行数",
           "weight": "分值", "execution_rate": "执行率", "score": "得分", "total_weight": "总分分值",
           "total_score": "总分"}
ROWS = {"total": "年度资金总额", "current_year_appropriation": "当年财政拨款", "prior_year_carryover": "上年结转资金",
        "other": "其他资金"}
_SPLIT_QUANTITY = re.compile(r"[≥≤<>=]?\d[\d.,]*(?:\s+[\d.,]+)+\s*[^\d\s]{0,4}")
_SPLIT_NUMBER = re.compile(r"\s*[≥≤<>=]?\s*(\d[\d.,\s]*\d)\s*(?:万元|元)?\s*")
TEN_THOUSAND = Decimal(10000)


def joined(text: str | None) -> Decimal | None:
    """The number a cell split by a wrap holds, its digits joined ("86.82594 7" → 86.825947)."""
    match = _SPLIT_NUMBER.fullmatch(unicodedata.normalize("NFKC", text or ""))
    if match is None:
        return None
    digits = re.sub(r"[\s,]", "", match.group(1))
    return Decimal(digits) if digits.count(".") <= 1 else None


def _raw(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def figures(form: SelfEvaluation) -> list[tuple[str, Decimal]]:
    """Every amount the form prints (funds cells, target and actual cells), as (raw text, value)."""
    texts = [text for key in ROWS for column, text in getattr(form.funds, key).printed.items()
             if column in ("initial_budget", "full_year_budget", "executed")]
    texts += [text for ind in form.indicators for text in (ind.target, ind.actual) if text]
    return [(_raw(text), value) for text in texts if (value := joined(text)) is not None]


def agreed(text: str | None, printed: list[tuple[str, Decimal]]) -> bool:
    """Whether a split cell's joined number is printed elsewhere in the form (in 万元 or 元) by a cell
    split otherwise or not at all: the form's own figures then confirm the join."""
    value = joined(text)
    if value is None:
        return False
    raw = _raw(text)
    return any(other_raw != raw and other in (value, value / TEN_THOUSAND, value * TEN_THOUSAND)
               for other_raw, other in printed)


def malformed(text: str | None, parsed: object) -> bool:
    if text is None or is_blank(text):
        return False
    return has_garbage(text) or (parsed is None and bool(re.search(r"\d", text)))


def check(ctx: Context) -> Iterator[Finding]:
    form = ctx.form
    printed = figures(form)
    for key, label in ROWS.items():
        row = getattr(form.funds, key)
        rate = row.printed.get("execution_rate")
        number = parse_number(rate)
        if rate is not None and number is not None and number > 1:
            yield ctx.finding(f"{ctx.name}{label}执行率印为「{rate}」，缺少百分号，已按{rate}%理解，请补上“%”。",
                              actual=rate, line=row.line, severity="info")
        bad = {column: text for column, text in row.printed.items()
               if malformed(text, getattr(row, column, None)) and not (column == "execution_rate" and text == rate
                                                                      and number is not None and number > 1)
               and not agreed(text, printed)}
        if bad:
            cells = "、".join(f"“{COLUMNS.get(column, column)}”印为「{text}」" for column, text in bad.items())
            yield ctx.finding(f"{ctx.name}{label}{cells}，不是有效数字。", actual=bad, line=row.line)
    for column, text in form.total_printed.items():
        if column in COLUMNS and malformed(text, getattr(form, column, None)):
            yield ctx.finding(f"{ctx.name}“{COLUMNS[column]}”单元格印为「{text}」，不是有效数字。", actual=text,
                              line=form.total_line)
    for ind in form.indicators:
        for column in ("weight", "score"):
            cell_text = ind.printed.get(column)
            if malformed(cell_text, getattr(ind, column)):
                yield ctx.finding(f"{ctx.name}指标{row_name(ind)}“{COLUMNS[column]}”单元格印为「{cell_text}」，"
                                  "不是有效数字。", actual=cell_text, line=ind.line)
        for label, cell in (("年度指标值", ind.target), ("实际完成值", ind.actual)):
            t = unicodedata.normalize("NFKC", cell or "").strip()
            if t and _SPLIT_QUANTITY.fullmatch(t) and not agreed(cell, printed):
                yield ctx.finding(f"{ctx.name}指标{row_name(ind)}{label}「{cell}」数字中间有空格，请核对。",
                                  actual=cell, line=ind.line, severity="info")
