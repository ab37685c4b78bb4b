"""A cell of a self-evaluation typed anew by its unit, read the way the recognizer reads a printed cell.

An edit names a cell by its path (``indicators.3.score``, ``funds.total.executed``, ``total_score``,
``goal_actual``) and gives the new text. The text becomes the cell's printed text, and its value is
parsed from it exactly as from a document. The form is never corrected behind the user's back, with
two exceptions that work the way the spreadsheet the form was typed in would: a printed total that
equalled the sum of the scores follows the changed score, and a printed execution rate that equalled
全年执行数 / 全年预算数 follows a changed amount. Both appear as edits of their own, so the history
says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jixiao.errors import RecognizeError
from jixiao.model.selfeval import FUND_ROWS, FundRow, Indicator, SelfEvaluation
from jixiao.model.values import decimals, is_blank, parse_number
from jixiao.recognize.indicator_cells import parse_values
from jixiao.recognize.selfeval import fund_value

MAX_TEXT = 2000
INDICATOR_FIELDS = {"actual": "实际完成值", "score": "得分", "deviation_note": "偏差原因分析及改进措施"}
FUND_FIELDS = {"initial_budget": "年初预算数", "full_year_budget": "全年预算数", "executed": "全年执行数",
               "execution_rate": "执行率", "score": "得分"}
FUND_ROW_NAMES = {"total": "年度资金总额", "current_year_appropriation": "当年财政拨款",
                  "prior_year_carryover": "上年结转资金", "other": "其他资金"}
TEXT_FIELDS = {"actual", "deviation_note", "goal_actual"}
_PATH = re.compile(r"^(?:indicators\.(\d+)\.(\w+)|funds\.(\w+)\.(\w+)|(total_score|goal_actual))$")


class EditError(RecognizeError, ValueError):
    """The edit cannot be applied; ``str()`` is one Chinese sentence naming the cell."""


@dataclass(frozen=True, slots=True)
class CellEdit:
    """One changed cell: its path, a Chinese label, the printed text before and after, and whether the
    change followed from another one (a total or a rate kept in step)."""

    path: str
    label: str
    old: str
    new: str
    derived: bool = False


def _text(value: Any) -> str:
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _indicator(form: SelfEvaluation, index: int) -> Indicator:
    if not 0 <= index < len(form.indicators):
        raise EditError(f"没有第 {index + 1} 行指标 / no indicator row {index + 1}")
    return form.indicators[index]


def _fund_row(form: SelfEvaluation, name: str) -> FundRow:
    if name not in FUND_ROWS:
        raise EditError(f"没有资金行「{name}」/ no funds row {name}")
    row: FundRow = getattr(form.funds, name)
    return row


def _parts(path: str) -> tuple[str, ...]:
    match = _PATH.match(path)
    if match is None:
        raise EditError(f"不能修改「{path}」/ not an editable cell")
    if match.group(1) is not None:
        if match.group(2) not in INDICATOR_FIELDS:
            raise EditError(f"指标行只能修改实际完成值、得分和偏差说明 / not editable: {path}")
        return ("indicator", match.group(1), match.group(2))
    if match.group(3) is not None:
        if match.group(4) not in FUND_FIELDS:
            raise EditError(f"资金行不能修改「{match.group(4)}」/ not editable: {path}")
        return ("fund", match.group(3), match.group(4))
    return (match.group(5),)


def label(form: SelfEvaluation, path: str) -> str:
    """The cell in words: 「第 3 行指标「资金到位率」得分」."""
    parts = _parts(path)
    if parts[0] == "indicator":
        ind = _indicator(form, int(parts[1]))
        name = ind.level3 or ind.level2 or ""
        return f"第 {int(parts[1]) + 1} 行指标「{name}」{INDICATOR_FIELDS[parts[2]]}"
    if parts[0] == "fund":
        _fund_row(form, parts[1])
        return f"{FUND_ROW_NAMES[parts[1]]}{FUND_FIELDS[parts[2]]}"
    return "总分" if parts[0] == "total_score" else "年度总体目标实际完成情况"


def current(form: SelfEvaluation, path: str) -> str:
    """The cell's text as it stands (what an edit box shows)."""
    parts = _parts(path)
    if parts[0] == "indicator":
        ind = _indicator(form, int(parts[1]))
        field = parts[2]
        if field == "score":
            return ind.printed.get("score") or _text(ind.score)
        return _text(getattr(ind, field))
    if parts[0] == "fund":
        row = _fund_row(form, parts[1])
        return row.printed.get(parts[2]) or _text(getattr(row, parts[2]))
    if parts[0] == "total_score":
        return form.total_printed.get("total_score") or _text(form.total_score)
    return _text(form.goal_actual)


def editable_paths(form: SelfEvaluation) -> list[str]:
    """Every cell a unit may change, in the order the form prints them."""
    paths = [f"funds.{row}.{col}" for row in FUND_ROWS for col in FUND_FIELDS]
    paths.append("goal_actual")
    paths += [f"indicators.{n}.{f}" for n in range(len(form.indicators)) for f in INDICATOR_FIELDS]
    return [*paths, "total_score"]


def _number(text: str, what: str) -> Decimal | None:
    if is_blank(text):
        return None
    value = parse_number(text)
    if value is None:
        raise EditError(f"{what}应填数字，「{text}」不是数字，未保存 / not a number")
    return value


def _set_printed(printed: dict[str, str], key: str, text: str) -> None:
    if text:
        printed[key] = text
    else:
        printed.pop(key, None)


def _score_sum(form: SelfEvaluation) -> Decimal | None:
    """预算执行率 score plus every indicator score, as printed (``None`` when none is printed)."""
    scores = [s for s in (form.funds.total.score, *(i.score for i in form.indicators)) if s is not None]
    return sum(scores, Decimal(0)) if scores else None


def _rate_text(row: FundRow) -> str | None:
    """执行率 as 全年执行数 / 全年预算数 at the printed precision, in the printed style; ``None``
    when it cannot be computed."""
    printed = row.printed.get("execution_rate", "")
    if row.executed is None or not row.full_year_budget or not printed:
        return None
    ratio = row.executed / row.full_year_budget
    if "%" in printed or "％" in printed:
        places = Decimal(1).scaleb(-decimals(printed))
        return f"{(ratio * 100).quantize(places, ROUND_HALF_UP)}%"
    return format(ratio.quantize(Decimal(1).scaleb(-decimals(printed)), ROUND_HALF_UP), "f")


def _set(form: SelfEvaluation, path: str, text: str) -> None:
    parts = _parts(path)
    if parts[0] == "indicator":
        ind = _indicator(form, int(parts[1]))
        field = parts[2]
        if field == "score":
            ind.score = _number(text, label(form, path))
            _set_printed(ind.printed, "score", text)
        elif field == "actual":
            ind.actual = text or None
            parse_values(ind)
        else:
            ind.deviation_note = text or None
    elif parts[0] == "fund":
        row = _fund_row(form, parts[1])
        value = fund_value(parts[2], text) if text else None
        if value is None and not is_blank(text):
            raise EditError(f"{label(form, path)}应填数字，「{text}」不是数字，未保存 / not a number")
        setattr(row, parts[2], value)
        _set_printed(row.printed, parts[2], text)
    elif parts[0] == "total_score":
        form.total_score = _number(text, "总分")
        _set_printed(form.total_printed, "total_score", text)
    else:
        form.goal_actual = text or None
    _forget_confidence(form, path)


def _forget_confidence(form: SelfEvaluation, path: str) -> None:
    """A cell typed by a person is no longer an OCR reading: its confidence (if it was read from a
    scan) goes, so it is not reported as read uncertainly again."""
    parts = _parts(path)
    if parts[0] == "indicator":
        ind = _indicator(form, int(parts[1]))
        if parts[2] in ind.confidence:
            ind.confidence = {k: v for k, v in ind.confidence.items() if k != parts[2]}
    elif parts[0] == "fund":
        row = _fund_row(form, parts[1])
        if parts[2] in row.confidence:
            row.confidence = {k: v for k, v in row.confidence.items() if k != parts[2]}
    elif parts[0] == "total_score" and "total_score" in form.total_confidence:
        form.total_confidence = {k: v for k, v in form.total_confidence.items() if k != "total_score"}


def apply_edit(form: SelfEvaluation, path: str, text: str) -> list[CellEdit]:
    """Change one cell of ``form`` in place; the cells changed (none when the text is the same).
    Raises :class:`EditError` for a cell that does not exist or a number that is not one."""
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT:
        raise EditError(f"{label(form, path)}不能超过 {MAX_TEXT} 字 / too long")
    old = current(form, path)
    if text == old.strip():
        return []
    fund = _parts(path)
    scores = (fund[0] == "indicator" and fund[2] == "score") or path == "funds.total.score"
    follow_total = scores and form.total_score is not None and _score_sum(form) == form.total_score
    rate_row = _fund_row(form, fund[1]) if fund[0] == "fund" and fund[2] in ("executed", "full_year_budget") \
        else None
    follow_rate = rate_row is not None and _rate_text(rate_row) == rate_row.printed.get("execution_rate")
    _set(form, path, text)
    edits = [CellEdit(path, label(form, path), old, text)]
    if follow_total:
        total = _score_sum(form)
        if total is not None:
            edits += _follow(form, "total_score", _like(total, current(form, "total_score")))
    if follow_rate and rate_row is not None:
        rate = _rate_text(rate_row)
        if rate is not None:
            edits += _follow(form, f"funds.{fund[1]}.execution_rate", rate)
    return edits


def _like(value: Decimal, printed: str) -> str:
    """``value`` with as many decimals as ``printed`` shows, or more if it needs them."""
    exponent = value.normalize().as_tuple().exponent
    needed = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format(value.quantize(Decimal(1).scaleb(-max(needed, decimals(printed)))), "f")


def _follow(form: SelfEvaluation, path: str, text: str) -> list[CellEdit]:
    old = current(form, path)
    if old == text:
        return []
    _set(form, path, text)
    return [CellEdit(path, label(form, path), old, text, derived=True)]
