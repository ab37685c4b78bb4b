"""Grid rows → every 绩效运行监控表 (项目支出绩效目标执行监控表), read through the meaning of its headers.

A monitoring form is a run of rows with a quorum of concepts: a title or a project name, and a funds
header or an indicator header that prints what only a monitoring form prints — a month range
("1-7月执行数", "1—6月实际完成值"), a forecast (全年预计执行数, 全年预计完成值) or the likelihood of
meeting a target (完成目标可能性). The month range is the form's ``period``; it is taken off a header
cell before the lexicon (``monitoring.toml``) is asked what the cell means, so any range reads the same.

The deviation causes (经费保障 制度保障 人员保障 硬件条件保障 其他) and the likelihood (确定能 有可能 完全不
可能) are printed either as checkbox columns under their parent header (a tick "√" in the one that
applies) or as a column of text; both read into one value. Grid rows (DOCX, XLSX, HTML, PDF) are read
by column; text rows (pipes, tabs) have lost their merged cells, so a row is placed by its level cells
(an 一级 word starts at the 一级 column, a 二级 word at the 二级 column, anything else at 三级).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import cast

from jixiao.model.monitoring import (
    DEVIATION_CAUSES,
    LIKELIHOODS,
    MONITORING_FUND_COLUMNS,
    DeviationCause,
    Likelihood,
    MonitoringFunds,
    MonitoringFundsRow,
    MonitoringIndicator,
    MonitoringReport,
)
from jixiao.model.selfeval import Location
from jixiao.model.values import is_blank, parse_number, parse_percent
from jixiao.read.text import Row, clean
from jixiao.recognize.forms.fields import label_values, split_pairs
from jixiao.recognize.forms.rows import GRow, is_number_cell, view
from jixiao.recognize.lexicon import base_text, label_key, lexicon

__all__ = ["PERIOD", "inside", "recognize_monitoring", "split_period"]

FUNDS = "monitoring_funds_column"
GOAL = "monitoring_goal"
INDICATOR = "monitoring_indicator_column"
CAUSE = "monitoring_cause"
LIKELIHOOD = "monitoring_likelihood"
_ONLY_HERE = frozenset({"forecast_executed", "forecast", "likelihood"})  # what only a monitoring form prints
_FIELDS = ("project_name", "project_code", "unit_name", "department", "implementing_unit", "project_lead",
           "contact", "phone")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# "1-7月", "1—6月", "1至8月份", "1月-7月", "1~9月末", "截至6月底", "截止7月", "上半年", "前三季度"
PERIOD = re.compile(r"^(?:(?:截至|截止|至)?\s*(?:(\d{1,2})\s*月?\s*[-—–－~～至到]\s*)?(\d{1,2})\s*月\s*(?:份|底|末)?"
                    r"|(上半年)|(前三季度)|(一季度|第一季度))\s*(?:累计)?")
_PERIOD_WORDS = {"上半年": 6, "前三季度": 9, "一季度": 3, "第一季度": 3}
_TICKS = frozenset({"√", "✓", "✔", "☑", "■", "●", "v", "V", "是", "x", "X", "×", "✗", "打勾"})
_TEXT_SPLIT = re.compile(r"\s+\|\s+|\t")


def split_period(text: str) -> tuple[int | None, str]:
    """"1-7月执行数" → (7, "执行数"); "执行率" → (None, "执行率")."""
    t = base_text(text)
    m = PERIOD.match(t)
    if m is None or m.end() == 0:
        return None, text
    rest = t[m.end():]
    if not rest:
        return None, text
    if m.group(2):
        start = int(m.group(1)) if m.group(1) else 1
        end = int(m.group(2))
        if not (1 <= start <= end <= 12):
            return None, text
        return end, rest
    word = next(g for g in m.groups()[2:] if g)
    return _PERIOD_WORDS[word], rest


def _concept(text: str, section: str) -> tuple[str | None, int | None]:
    """What a header cell means in ``section``, and the period it prints."""
    lex = lexicon()
    months, rest = split_period(text)
    name = lex.concept(rest, section)
    if name is None and months is not None:
        name = lex.concept(text, section)
    return name, months


@dataclass
class Col:
    concept: str  # a concept, or "cause:经费保障" / "likelihood:确定能" for a checkbox column
    start: int
    end: int


@dataclass
class Draft:
    first_row: int
    titled: bool = False
    year: int | None = None
    months: int | None = None
    fields: dict[str, str] = field(default_factory=dict)
    funds_cols: list[Col] | None = None
    funds_rows: list[MonitoringFundsRow] = field(default_factory=list)
    goal_cols: list[Col] | None = None
    goals: dict[str, str] = field(default_factory=dict)
    ind_cols: list[Col] | None = None
    ind_header_rows: int = 0
    indicators: list[MonitoringIndicator] = field(default_factory=list)
    level1: str | None = None
    level2: str | None = None
    last_row: int = 0
    concepts: set[str] = field(default_factory=set)

    def has_body(self) -> bool:
        return bool(self.funds_rows or self.indicators or self.ind_cols is not None)


# ---------------------------------------------------------------- rows

def _texts(row: GRow) -> list[str]:
    """The cells of a row; a text line split at its pipes or tabs."""
    if row.hard:
        return [c.text for c in row.cells]
    text = row.cells[0].text if row.cells else ""
    return [p.strip() for p in _TEXT_SPLIT.split(text)] if _TEXT_SPLIT.search(text) else [text.strip()]


def _filled(row: GRow) -> list[tuple[int, str]]:
    return [(k, t) for k, t in enumerate(_texts(row)) if t]


@lru_cache(maxsize=1)
def _title_keys() -> tuple[tuple[str, str], ...]:
    lex = lexicon()
    out = [(label_key(w), kind) for kind in ("monitoring", "self_evaluation", "department_self_evaluation",
                                            "target_declaration") for w in lex.words("title", kind)]
    return tuple(sorted(out, key=lambda item: len(item[0]), reverse=True))


def _title_kind(row: GRow) -> str | None:
    for _, text in _filled(row)[:2]:
        if len(text) > 80:
            continue
        t = base_text(text)
        for key, kind in _title_keys():
            at = t.find(key)
            if at >= 0 and at + len(key) >= len(t) - 8:
                return kind
    return None


def _header(row: GRow, section: str) -> list[tuple[int, int, str, int | None]]:
    """(start, end, concept, months) of every cell of ``row`` the lexicon names in ``section``."""
    out: list[tuple[int, int, str, int | None]] = []
    spans = [c.span for c in row.cells] if row.hard and row.grid else None
    for k, text in _filled(row):
        if len(text) > 40:
            continue
        name, months = _concept(text, section)
        if name is not None:
            out.append((k, k + (spans[k] if spans else 1), name, months))
    return out


def _is_funds_header(row: GRow) -> bool:
    cells = _header(row, FUNDS)
    names = {c[2] for c in cells}
    return len(names) >= 2 and bool(names & {"executed_to_date", "forecast_executed", "execution_rate"}) and (
        "forecast_executed" in names or any(c[3] is not None for c in cells))


def _is_indicator_header(row: GRow) -> bool:
    cells = _header(row, INDICATOR)
    names = {c[2] for c in cells}
    return len(names) >= 3 and bool(names & {"level3", "target"}) and (
        bool(names & _ONLY_HERE) or any(c[3] is not None for c in cells))


# ---------------------------------------------------------------- recognition

def recognize_monitoring(rows: list[Row], grid: bool) -> list[MonitoringReport]:
    """Every monitoring form in a document's rows."""
    if not _worth_reading(rows):
        return []
    grows = view(rows, grid)
    out: list[MonitoringReport] = []
    draft: Draft | None = None
    n = 0
    while n < len(grows):
        row = grows[n]
        if not _filled(row):
            n += 1
            continue
        kind = _title_kind(row)
        name_row = _name_field(row)
        if kind is not None and kind != "monitoring":
            if draft is not None:
                _close(draft, grows, out)
            draft = None
            n += 1
            continue
        if draft is not None and (kind == "monitoring" or name_row) and (draft.has_body() or (kind and draft.fields)):
            _close(draft, grows, out)
            draft = None
        if draft is None:
            if not (kind or name_row or _is_funds_header(row) or _is_indicator_header(row)):
                n += 1
                continue
            draft = Draft(first_row=n, year=_year_before(grows, n))
        n = _feed(draft, grows, n, kind)
        draft.last_row = max(draft.last_row, n - 1)
    if draft is not None:
        _close(draft, grows, out)
    return out


@lru_cache(maxsize=1)
def _only_words() -> tuple[str, ...]:
    lex = lexicon()
    words = [w for name in ("forecast_executed",) for w in lex.words(FUNDS, name)]
    words += [w for name in ("forecast", "likelihood") for w in lex.words(INDICATOR, name)]
    words += lex.words("title", "monitoring")
    return tuple(sorted(set(words), key=len))


def _worth_reading(rows: list[Row]) -> bool:
    """Only a document that prints a word only a monitoring form prints is read (cheap: one pass)."""
    words = _only_words()
    for row in rows:
        for c in row.cells:
            t = c.text
            # (预, 可 or 监 first: a cheap test most cells fail; spaces go only where one is found)
            if ("预" in t or "可" in t or "监" in t) and len(t) <= 80:
                t = t.replace(" ", "")
                if ("预计" in t or "可能" in t or "监控" in t) and any(w in t for w in words):
                    return True
    return False


def _name_field(row: GRow) -> bool:
    for _, text in _filled(row)[:3]:
        if lexicon().concept(text, "field") == "project_name":
            return True
        pairs = split_pairs(text)
        if pairs is not None and not pairs[0] and any(name == "project_name" for name, _ in pairs[1]):
            return True
    return False


def _year_before(rows: list[GRow], n: int) -> int | None:
    for k in range(n, max(-1, n - 4), -1):
        for _, text in _filled(rows[k])[:3]:
            m = _YEAR.search(base_text(text))
            if m and len(base_text(text)) <= 60:
                return int(m.group(1))
    return None


def _feed(d: Draft, rows: list[GRow], n: int, kind: str | None) -> int:
    row = rows[n]
    if kind is not None:
        d.titled = True
        m = _YEAR.search(base_text(" ".join(_texts(row))))
        d.year = int(m.group(1)) if m else d.year
        if not _name_field(row):
            return n + 1
    cells = _filled(row)
    if d.year is None and not d.has_body() and len(cells) == 1:
        m = _YEAR.search(base_text(cells[0][1]))
        if m and len(base_text(cells[0][1])) <= 20:
            d.year = int(m.group(1))
            return n + 1
    if _is_funds_header(row):
        d.funds_cols = _columns(row, FUNDS, d)
        return n + 1
    if _is_indicator_header(row):
        d.ind_cols = _columns(row, INDICATOR, d)
        below = rows[n + 1] if n + 1 < len(rows) else None
        if below is not None and _children(d, row, below):
            return n + 2
        return n + 1
    if d.ind_cols is not None:
        if len(cells) == 1 and (not row.hard or split_pairs(cells[0][1]) is not None):
            _field_row(d, row)  # a line under the table ("填报人：… 联系电话：…")
        else:
            _indicator_row(d, row)
        return n + 1
    if _goal_row(d, row):
        return n + 1
    if d.funds_cols is not None and d.goal_cols is None and not d.goals and _fund_row(d, row):
        return n + 1
    _field_row(d, row)
    return n + 1


def _columns(row: GRow, section: str, d: Draft) -> list[Col]:
    cells = _header(row, section)
    cols: list[Col] = []
    aligned = row.hard and row.grid
    for k, (start, end, name, months) in enumerate(cells):
        if months is not None:
            d.months = d.months or months
        if not aligned:
            start, end = k, k + 1
        cols.append(Col(name, start, end))
        d.concepts.add(name)
    return cols


def _children(d: Draft, head: GRow, below: GRow) -> bool:
    """A second header row: the checkbox columns under 偏差原因分析 and 完成目标可能性."""
    kids: list[tuple[int, str]] = []
    for k, text in _filled(below):
        cause = lexicon().concept(text, CAUSE)
        likely = lexicon().concept(text, LIKELIHOOD)
        if cause is not None:
            kids.append((k, f"cause:{cause}"))
        elif likely is not None:
            kids.append((k, f"likelihood:{likely}"))
    if len(kids) < 2 or len(kids) < len(_filled(below)) or d.ind_cols is None:
        return False  # (a data row that writes its cause and likelihood as text is no header)
    cols = d.ind_cols
    if head.hard and head.grid and below.hard and below.grid and below.width == head.width:
        new: list[Col] = []
        for col in cols:
            inside = [(k, name) for k, name in kids if col.start <= k < col.end and name.startswith(col.concept + ":")]
            if not inside:
                new.append(col)
                continue
            new.extend(Col(name, k, k + 1) for k, name in inside)
        d.ind_cols = new
    else:  # text: the children replace their parents, in order
        queue = list(kids)
        new = []
        for col in cols:
            taken = []
            while queue and queue[0][1].startswith(col.concept + ":"):
                taken.append(queue.pop(0))
            new.extend(Col(name, 0, 0) for _, name in taken) if taken else new.append(col)
        for k, col in enumerate(new):
            col.start, col.end = k, k + 1
        d.ind_cols = new
    return True


# ---------------------------------------------------------------- fields and goals

def _field_row(d: Draft, row: GRow) -> None:
    lex = lexicon()
    cells = ((text, lex.concept(text, "field") if len(text) <= 40 else None) for _, text in _filled(row))
    for name, value in label_values(cells):
        _set_field(d, name, value)


def _set_field(d: Draft, name: str, value: str) -> None:
    value = clean(value)
    if name in _FIELDS and value and name not in d.fields:
        d.fields[name] = value


def _goal_row(d: Draft, row: GRow) -> bool:
    cells = _filled(row)
    named = [(k, _concept(text, GOAL)) for k, text in cells if len(text) <= 30]
    heads = [(k, name, months) for k, (name, months) in named if name is not None]
    if len(heads) >= 2 and len(heads) >= len(cells) - 1:  # 年度总体目标 | 年初设定目标 | 1-7月执行情况
        aligned = row.hard and row.grid
        spans = [c.span for c in row.cells] if aligned else None
        d.goal_cols = []
        for k, name, months in heads:
            if months is not None:
                d.months = d.months or months
            if name == "goal" and any(n2 == "goal" for k2, n2, _ in heads if k2 > k):
                continue  # the block label over its own 年初设定目标 column
            d.goal_cols.append(Col(name, k, k + (spans[k] if spans else 1)))
        if not aligned:
            for k, col in enumerate(d.goal_cols):
                col.start, col.end = k, k + 1
        return True
    if d.goal_cols is not None and not d.goals and d.ind_cols is None:
        texts = _texts(row)
        if row.hard and row.grid:
            for col in d.goal_cols:
                value = "".join(t for t in texts[col.start:col.end] if t)
                if value:
                    d.goals[col.concept] = clean(value)
        else:
            values = [t for t in texts if t]
            if len(values) > len(d.goal_cols):
                values = values[-len(d.goal_cols):]
            for col, value in zip(d.goal_cols, values, strict=False):
                d.goals[col.concept] = clean(value)
        return bool(d.goals)
    if heads and heads[0][0] == cells[0][0]:  # 年度绩效目标 | the goal text
        k, name, _ = heads[0]
        rest = [text for k2, text in cells if k2 > k]
        if rest and name is not None:
            d.goals.setdefault(name, clean(" ".join(rest)))
            return True
    return False


# ---------------------------------------------------------------- funds

def _fund_row(d: Draft, row: GRow) -> bool:
    cols = d.funds_cols
    assert cols is not None
    texts = _texts(row)
    values = {c.concept: "" for c in cols}
    label = ""
    if row.hard and row.grid:
        first = min(c.start for c in cols)
        label = clean(" ".join(t for t in texts[:first] if t and not _is_block_label(t)))
        for c in cols:
            values[c.concept] = "".join(t for t in texts[c.start:c.end] if t)
    else:
        filled = [t for t in texts if t]
        numbers = [t for t in filled if is_number_cell(t) or is_blank(t)]
        words = [t for t in filled if t not in numbers and not _is_block_label(t)]
        if len(words) > 1 or not numbers:
            return False
        label = clean(words[0]) if words else ""
        cells = [t for t in texts if t not in words and not _is_block_label(t)]
        while cells and not cells[0]:
            cells.pop(0)
        for c, text in zip(cols, cells, strict=False):
            values[c.concept] = text
    if not any(values.values()) or not all(is_blank(v) or is_number_cell(v) for v in values.values()):
        return False
    entry = MonitoringFundsRow(label=label, role=lexicon().concept(label, "fund_row") if label else None,
                               line=row.line_start)
    for key in MONITORING_FUND_COLUMNS:
        text = clean(values.get(key, ""))
        if not text:
            continue
        entry.printed[key] = text
        if key == "execution_rate":
            rate = parse_percent(text)
            if rate is None:
                number = parse_number(text)
                rate = number / 100 if number is not None and number > Decimal("1.5") else number
            entry.execution_rate = rate
        else:
            setattr(entry, key, parse_number(text))
    d.funds_rows.append(entry)
    return True


def _is_block_label(text: str) -> bool:
    return lexicon().concept(text, "block") is not None


# ---------------------------------------------------------------- indicators

def _mark(text: str) -> bool:
    t = base_text(text)
    return bool(t) and (t in _TICKS or t.startswith("√"))


def _indicator_row(d: Draft, row: GRow) -> None:
    cols = d.ind_cols
    assert cols is not None
    texts = _texts(row)
    lex = lexicon()
    values: dict[str, str] = {}
    if row.hard and row.grid:
        for c in cols:
            values[c.concept] = "".join(t for t in texts[c.start:c.end] if t)
    else:
        leaves = [c for c in cols if c.concept != "indicators"]
        cells = list(texts)
        while cells and not cells[0]:
            cells.pop(0)
        if cells and lex.concept(cells[0], "monitoring_indicator_column") == "indicators":
            cells.pop(0)
        if not cells:
            return
        names = [c.concept for c in leaves]
        start = 0
        is_level1 = lex.concept(cells[0], "level1") is not None
        is_level2 = lex.concept(cells[0], "level2") is not None
        if is_level1 and is_level2 and d.level1 is not None:  # "成本指标": an 一级 only when an 二级 follows
            is_level1 = len(cells) > 1 and lex.concept(cells[1], "level2") is not None
        if is_level1 and "level1" in names:
            start = names.index("level1")
        elif is_level2 and "level2" in names:
            start = names.index("level2")
        elif "level3" in names:
            start = names.index("level3")
        for c, text in zip(leaves[start:], cells, strict=False):
            values[c.concept] = text
    level1 = clean(values.get("level1", ""))
    level2 = clean(values.get("level2", ""))
    if level1:
        if level1 != d.level1:
            d.level2 = None
        d.level1 = level1
    if level2:
        d.level2 = level2
    level3 = clean(values.get("level3", ""))
    target = clean(values.get("target", ""))
    actual = clean(values.get("actual_to_date", ""))
    forecast = clean(values.get("forecast", ""))
    if not (level3 or target or actual or forecast):
        return
    if label_key(level3) in ("三级指标", "指标名称"):
        return
    cause = _category(values, "cause", CAUSE, DEVIATION_CAUSES)
    likely = _category(values, "likelihood", LIKELIHOOD, LIKELIHOODS)
    d.indicators.append(MonitoringIndicator(
        level1=d.level1, level2=d.level2, level3=level3 or None, target=target or None,
        actual_to_date=actual or None, forecast=forecast or None,
        deviation_cause=cast(DeviationCause | None, cause), likelihood=cast(Likelihood | None, likely),
        note=clean(values.get("note", "")) or None, line=row.line_start))


def _category(values: dict[str, str], name: str, section: str, allowed: tuple[str, ...]) -> str | None:
    """The category ticked among the checkbox columns, or written in the text column."""
    ticked = [key.split(":", 1)[1] for key, text in values.items() if key.startswith(name + ":") and _mark(text)]
    if ticked:
        return ticked[0] if ticked[0] in allowed else None
    text = clean(values.get(name, ""))
    if not text or is_blank(text):
        return None
    found = lexicon().concept(text, section)
    if found is None:
        found = next((a for a in allowed if a in base_text(text)), None)
    return found if found in allowed else None


# ---------------------------------------------------------------- closing a form

def _close(d: Draft, rows: list[GRow], out: list[MonitoringReport]) -> None:
    named = d.titled or "project_name" in d.fields
    only_here = bool(d.concepts & _ONLY_HERE) or d.months is not None
    body = bool(d.funds_rows or d.indicators)
    if not (named and only_here and (body or d.funds_cols is not None or d.ind_cols is not None)):
        return
    first, last = rows[d.first_row], rows[d.last_row]
    blank = not (d.funds_rows or "project_name" in d.fields
                 or any(i.target or i.actual_to_date or i.forecast for i in d.indicators))  # a template
    form = MonitoringReport(year=d.year, blank=blank, months=d.months,
                            period=f"1-{d.months}月" if d.months is not None else None)
    f = d.fields
    form.project_name = f.get("project_name")
    form.project_code = f.get("project_code")
    form.department = f.get("department")
    form.implementing_unit = f.get("implementing_unit")
    form.unit = f.get("unit_name") or f.get("implementing_unit")
    form.funds_rows = d.funds_rows
    total = next((r for r in d.funds_rows if r.role == "total"), d.funds_rows[0] if d.funds_rows else None)
    if total is not None:
        form.funds = MonitoringFunds(**total.model_dump(include=set(MonitoringFunds.model_fields)))
    form.goal = d.goals.get("goal")
    form.goal_progress = d.goals.get("progress")
    form.indicators = d.indicators
    form.funds_columns = [c.concept for c in d.funds_cols or []]
    form.indicator_columns = [c.concept for c in d.ind_cols or []]
    form.location = Location(line_start=first.line_start, line_end=last.line_end)
    if d.funds_cols is None:
        form.warnings.append("未找到资金表头（年初预算数/全年预算数/1-N月执行数 等） / no funds header")
    if d.ind_cols is None:
        form.warnings.append("未找到绩效指标表头 / no indicator table header")
    out.append(form)


def inside(line: int | None, reports: list[MonitoringReport]) -> bool:
    """Whether ``line`` lies within one of ``reports`` (a form another reader made of a monitoring form's
    rows is not that kind of form)."""
    return line is not None and any(r.location.line_start is not None and r.location.line_end is not None
                                    and r.location.line_start <= line <= r.location.line_end for r in reports)
