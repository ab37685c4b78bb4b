"""Grid rows → every 项目支出绩效自评表 / 部门整体支出绩效自评表, read through the meaning of its headers.

A form is a run of rows with a quorum of concepts — a name or a title, and a funds block or an
indicator header, and something only a self-evaluation prints (执行数, 实际完成值, 得分, a total) —
never one required label. Rows are read through column maps built from the form's own header rows
(:mod:`.header`), so any column order and any subset of columns reads the same. Several forms may sit
on one page or in one table: a title, or a name after a form's body, opens the next one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from jixiao.model.selfeval import FUND_ROWS, FundRow, FundsRowEntry, Indicator, Location, SelfEvaluation
from jixiao.model.values import parse_number
from jixiao.read.text import clean
from jixiao.recognize.forms.header import ColumnMap, build, headerless, is_header, read_row
from jixiao.recognize.forms.rows import GCell, GRow, is_number_cell, is_value_cell
from jixiao.recognize.indicator_cells import PLACEHOLDER, parse_values
from jixiao.recognize.lexicon import base_text, head_label, label_key, lexicon, points_of
from jixiao.recognize.selfeval import GRADE_WORDS, fund_value

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_FIELDS = ("project_name", "unit_name", "department", "implementing_unit", "project_lead", "phone")
_SE_ONLY = frozenset({"executed", "actual", "score", "total", "execution_rate"})
_FUND_VALUE_COLUMNS = ("initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score")
_CODE_NAME = re.compile(r"^([0-9A-Za-z]{10,32})\s*[-－—_:：]\s*(\S.*)$")
# 一级指标 of a 部门整体 scoring table (投入 / 过程 / 决策 / 管理 beside 产出 / 效益): with no project named,
# a form scored on these is the unit's own
_OPERATORS = frozenset({"≥", "≤", "=", "＝", "﹦", ">", "<", ">=", "<=", "定性"})
_TAIL_ROWS = 120  # rows from a document's start within which a form's tail may open it
_UNIT_WIDE_LEVELS = frozenset({"input", "process", "decision", "management", "output", "outcome"})
_GRADE_AFTER = re.compile(r"^(?:自评|绩效|评价|考核)?(?:等级|结果)[:：]?")


@dataclass
class Draft:
    """A form being read, with what it has seen so far."""

    first_row: int
    kind: str | None = None  # from a title
    year: int | None = None
    fields: dict[str, str] = field(default_factory=dict)
    funds_map: ColumnMap | None = None
    funds_points: Decimal | None = None
    fund_rows: list[FundsRowEntry] = field(default_factory=list)
    goals: dict[str, str] = field(default_factory=dict)
    goal_columns: dict[str, int] = field(default_factory=dict)
    goal_header: GRow | None = None
    ind_map: ColumnMap | None = None
    indicators: list[Indicator] = field(default_factory=list)
    level_weights: dict[str, Decimal] = field(default_factory=dict)
    level1: str | None = None
    level2: str | None = None
    total: dict[str, str] = field(default_factory=dict)
    total_line: int | None = None
    top_total: str | None = None  # 自评总分 printed above the form's body
    last_row: int = 0
    concepts: set[str] = field(default_factory=set)
    light: bool = False  # a form another reader read: fields and funds only
    not_self_evaluation: bool = False  # its headers say it is another form (a declaration's table)
    pending_funds: list[tuple[GRow, GCell, str | None]] = field(default_factory=list)  # light: rows to read
    notes: list[str] = field(default_factory=list)

    def has_body(self) -> bool:
        return bool(self.fund_rows or self.indicators or self.total or self.ind_map is not None)


@dataclass
class FormTrace:
    """What the header reader saw of one candidate form, and what it made of it (``jixiao inspect``)."""

    line_start: int
    line_end: int
    status: str  # "taken" | "rejected" | "blank" | "partial" (funds only: another reader read the form)
    reason: str = ""
    kind: str | None = None
    headers: list[ColumnMap] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    empty: list[str] = field(default_factory=list)  # what the form has no cell for, and why


@dataclass
class Recognition:
    forms: list[SelfEvaluation] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # (line_start, line_end) of each form
    rejected: list[str] = field(default_factory=list)  # why a candidate was not taken (for inspect)
    blank: int = 0  # blank templates found (no digits at all)
    partial: list[SelfEvaluation] = field(default_factory=list)  # funds of forms another reader read
    trace: list[FormTrace] = field(default_factory=list)


def recognize(rows: list[GRow], known: list[tuple[int, int]] | None = None,
              skip: list[tuple[int, int]] | None = None) -> Recognition:
    """Every self-evaluation in ``rows``. ``known``: line spans (inclusive) of forms another reader
    already read; there only the header fields and the funds block are read (what that reader may
    lack: funds rows it has no name for), the indicator table is skipped. ``skip``: line spans not to
    read at all (forms read and settled, an evaluation report)."""
    out = Recognition()
    draft: Draft | None = None
    light_until = -1  # inside a known form: the last line of that form
    spans = sorted(known or [])
    passed = sorted(skip or [])
    n = 0
    while n < len(rows):
        row = rows[n]
        if passed and (draft is None or not draft.has_body()):
            end = _known_end(passed, row.line_start)
            if end >= 0:  # a settled form (its title row, if any, went with it)
                draft = None
                while n < len(rows) and rows[n].line_start <= end:
                    n += 1
                continue
        if (draft is None and not row.may_open()) or not row.filled:
            n += 1
            continue
        if draft is not None and draft.light and (draft.ind_map is not None or row.line_start > light_until):
            while n < len(rows) and rows[n].line_start <= light_until:
                n += 1  # the rest of a known form: its indicator table is the other reader's
            draft.last_row = n - 1
            _close(draft, rows, out)
            draft = None
            continue
        kind = _title_kind(row)
        opens = kind is not None or _name_field(row) is not None
        if draft is not None and opens and (draft.has_body() or (kind is not None and draft.fields)):
            _close(draft, rows, out)
            draft = None
        if draft is None:
            # a page that starts mid-form: only before the document's first form, near its start
            tail = not opens and not out.trace and n < _TAIL_ROWS and _headerless_tail(rows, n)
            if not (opens or tail or is_header(row, "funds_column") or is_header(row, "indicator_column")):
                n += 1
                continue
            draft = Draft(first_row=n, year=_year_before(rows, n))
            if tail:
                draft.ind_map = headerless()  # the rows of a table whose header is not on the page
        elif (draft.ind_map is None and draft.funds_map is None and not draft.has_body() and not opens
              and not out.trace and n < _TAIL_ROWS and _headerless_tail(rows, n)):
            draft.ind_map = headerless()  # a title, then the rows of a table whose header is cut off
        if spans and not draft.light and not draft.has_body():
            light_until = _known_end(spans, row.line_start)  # a title or a field row inside a known form
            draft.light = light_until >= 0
        _mend_broken_row(draft, rows, n)
        n = _feed(draft, rows, n, kind)
        draft.last_row = max(draft.last_row, n - 1)
        if draft.not_self_evaluation:
            _close(draft, rows, out)
            draft = None
    if draft is not None:
        _close(draft, rows, out)
    return out


def _indicator_like(row: GRow) -> bool:
    """A row that reads like an indicator row: a level word or an operator, and a figure."""
    cells = row.filled
    if not row.hard or len(cells) < 2 or len(cells) > 16:
        return False
    worded = any(c.has("level1", "level2") or base_text(c.text) in _OPERATORS or base_text(c.text)[:1] in "≥≤=＝﹦><"
                 for c in cells)
    return worded and any(is_number_cell(c.text) for c in cells)


def _headerless_tail(rows: list[GRow], n: int) -> bool:
    """Rows at ``n`` that are an indicator table's without its header: two or more indicator-like rows,
    then a total row, before any header or name."""
    first_row = rows[n]
    if not (_indicator_like(first_row) or (first_row.filled and all(c.has("level1", "level2")
                                                                   for c in first_row.filled))):
        return False  # (only a row that could be one starts the look ahead)
    count = 0
    for k in range(n, min(len(rows), n + 30)):
        row = rows[k]
        if not row.filled:
            continue
        first = row.filled[0]
        if first.concept("total") == "total":
            return count >= 2
        if _name_field(row) is not None or is_header(row, "indicator_column") or is_header(row, "funds_column"):
            return False
        if _indicator_like(row):
            count += 1
        elif all(c.has("level1", "level2") for c in row.filled):
            continue  # a level label on a row of its own
        elif count == 0:
            return False
    return False


def _known_end(spans: list[tuple[int, int]], line: int) -> int:
    """The last line of the known form that holds ``line``, or -1."""
    k = bisect.bisect_right(spans, (line, 1 << 30)) - 1
    return spans[k][1] if k >= 0 and spans[k][0] <= line <= spans[k][1] else -1


def _mend_broken_row(d: Draft, rows: list[GRow], n: int) -> None:
    """A text row broken apart by blank lines inside a cell: when a row of the funds block or the
    indicator table is short of its header's width and the rows after it supply exactly the missing
    cells, they are one row."""
    row = rows[n]
    cmap = d.ind_map if d.ind_map is not None else d.funds_map
    if cmap is None or row.grid or not row.hard or d.total or not cmap.header_rows:
        return  # (a table whose header is not on the page has no width to mend a row to)
    width = cmap.width
    count = len(row.cells)
    end = n
    while count < width and end + 1 < len(rows) and end - n < 4:
        nxt = rows[end + 1]
        if not nxt.hard or nxt.grid or not nxt.cells:
            return
        if nxt.filled and (nxt.filled[0].has("fund_row", "total", "field") or _title_kind(nxt) is not None):
            return
        count += len(nxt.cells)
        end += 1
    if end == n or count != width:
        return
    cells = [c for k in range(n, end + 1) for c in rows[k].cells]
    for k, cell in enumerate(cells):
        cell.col = k
    rows[n] = GRow(row.index, cells, len(cells), row.line_start, rows[end].line_end, True, row.origin, row.from_grid)
    for k in range(n + 1, end + 1):
        rows[k] = GRow(rows[k].index, [], 0, rows[k].line_start, rows[k].line_end, True, rows[k].origin,
                       rows[k].from_grid)


@lru_cache(maxsize=1)
def _title_pattern() -> re.Pattern[str]:
    lex = lexicon()
    words = {label_key(w): kind for kind in ("department_self_evaluation", "self_evaluation", "target_declaration",
                                             "monitoring") for w in lex.words("title", kind)}
    return re.compile("(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")")


@lru_cache(maxsize=1)
def _title_kinds() -> dict[str, str]:
    lex = lexicon()
    out: dict[str, str] = {}
    for kind in ("department_self_evaluation", "self_evaluation", "target_declaration", "monitoring"):
        for w in lex.words("title", kind):
            out.setdefault(label_key(w), kind)
    return out


def _title_kind(row: GRow) -> str | None:
    """The kind of form a title row names ("2023年某单位某项目绩效自评表（2023年度）")."""
    for cell in row.filled[:2]:
        if len(cell.text) > 80:
            continue
        t = base_text(cell.text)
        m = _title_pattern().search(t)
        if m is not None and m.end() >= len(t) - 8:
            return _title_kinds()[m.group(1)]
    return None


def _name_field(row: GRow) -> str | None:
    for cell in row.filled[:3]:
        name = cell.concept("field")
        if name in ("project_name", "unit_name"):
            return name
        pairs = split_pairs(cell.text)
        if pairs is not None and not pairs[0]:
            for name, _ in pairs[1]:
                if name in ("project_name", "unit_name"):
                    return name
    return None


def _year_before(rows: list[GRow], n: int) -> int | None:
    for k in range(n, max(-1, n - 4), -1):
        for cell in rows[k].filled[:3]:
            m = _YEAR.search(base_text(cell.text))
            if m and len(base_text(cell.text)) <= 60:
                return int(m.group(1))
    return None


def _feed(d: Draft, rows: list[GRow], n: int, kind: str | None) -> int:
    """Read ``rows[n]`` (and any header rows under it) into the draft; the index of the next row."""
    row = rows[n]
    if kind is not None:
        d.kind = d.kind or kind
        m = _YEAR.search(base_text(row.text()))
        d.year = int(m.group(1)) if m else d.year
        if _name_field(row) is None:
            return n + 1
    if d.year is None and not d.has_body() and len(row.filled) == 1:
        m = _YEAR.search(base_text(row.filled[0].text))
        if m and len(base_text(row.filled[0].text)) <= 20:
            d.year = int(m.group(1))
            return n + 1
    if is_header(row, "funds_column") and not (d.ind_map is not None and d.fund_rows):
        d.funds_map = build(rows, n, "funds_column")
        d.concepts.update(d.funds_map.concepts())
        d.funds_points = _block_points(row, d.funds_map)
        return n + 1
    if is_header(row, "indicator_column"):
        d.ind_map = build(rows, n, "indicator_column")
        d.concepts.update(d.ind_map.concepts())
        if d.funds_map is None and not {"actual", "score"} & set(d.ind_map.concepts()):
            d.not_self_evaluation = True  # a declaration's indicator table: no 实际完成值, no 得分
        return max(d.ind_map.header_rows) + 1
    if _is_total(row, d):
        _read_total(d, row)
        return n + 1
    if d.ind_map is not None and not d.total:
        if d.ind_map.get("actual") is not None or d.ind_map.get("score") is not None or d.funds_map is not None:
            _indicator_row(d, row)  # (a table with neither 实际完成值 nor 得分 is a declaration's: not read)
        return n + 1
    if _fund_row(d, row):
        return n + 1
    if not d.has_body() and row.filled[0].concept("total") == "total":
        numbers = [c.text for c in row.filled[1:] if is_number_cell(c.text)]
        d.top_total = numbers[0] if numbers else None
        return n + 1
    if _goal_row(d, rows, n):
        return n + 1
    _field_row(d, row)
    if d.total:
        _grade_row(d, row)
    return n + 1


# ---------------------------------------------------------------- fields

def _field_row(d: Draft, row: GRow) -> None:
    """Label cells and the value cells after them; a cell may hold several "label：value" pairs
    ("项目负责人：王明 联系电话：0812-3334455") and a value may run on into the next label."""
    pending: str | None = None  # a label whose value is still to come
    parts: list[str] = []

    def settle() -> None:
        if pending is not None:
            _set_field(d, pending, " ".join(parts))

    for cell in row.filled:
        name = cell.concept("field")
        if name is not None:
            settle()
            pending, parts = name, []
            continue
        pairs = split_pairs(cell.text)
        if pairs is None:
            parts.append(cell.text)
            continue
        head, found = pairs
        if head:
            parts.append(head)
        settle()
        for name, value in found[:-1]:
            _set_field(d, name, value)
        pending, parts = found[-1][0], [found[-1][1]] if found[-1][1] else []
    settle()


def _set_field(d: Draft, name: str, value: str) -> None:
    value = clean(value)
    key = "department" if name == "unit_name" and "project_name" in d.fields else name
    if name == "unit_name" and "project_name" not in d.fields:
        d.concepts.add("unit_name")
    if key in _FIELDS and value and key not in d.fields:
        d.fields[key] = value


@lru_cache(maxsize=1)
def _pair_pattern() -> re.Pattern[str]:
    words = sorted({w for ws in lexicon().sections.get("field", {}).values() for w in ws}, key=len, reverse=True)
    return re.compile("(" + "|".join(re.escape(w) for w in words) + r")\s*[:：]")


def split_pairs(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """"平川县人民医院填报日期：2023年2月20日" → ("平川县人民医院", [("fill_date", "2023年2月20日")]);
    ``None`` when the text holds no "label：" of a field."""
    if ":" not in text and "：" not in text:
        return None
    t = text.replace("\u3000", " ")
    matches = list(_pair_pattern().finditer(t))
    if not matches:
        return None
    lex = lexicon()
    head = t[:matches[0].start()].strip()
    found: list[tuple[str, str]] = []
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(t)
        name = lex.concept(m.group(1), "field")
        if name is not None:
            found.append((name, t[m.end():end].strip()))
    return (head, found) if found else None


# ---------------------------------------------------------------- funds

def _block_points(row: GRow, cmap: ColumnMap) -> Decimal | None:
    for cell in row.filled:
        if cell.concept("block") == "funds":
            return points_of(cell.text)
    return None


def _fund_row(d: Draft, row: GRow) -> bool:
    cmap = d.funds_map
    if cmap is None or d.ind_map is not None or (d.goal_header is not None and not d.goals):
        return False
    if d.goals and d.goal_header is not None and d.goal_header.index > cmap.header_rows[0]:
        return False  # the goals came after the funds block: the block is over
    label_cells = [c for c in row.filled if c.col < cmap.first_value or not cmap.aligned or not row.grid]
    label: GCell | None = None
    role: str | None = None
    for cell in label_cells:
        if cell.concept("block") == "funds" and not cell.concept("fund_row"):
            continue
        role = cell.concept("fund_row")
        if role is None:
            found = head_label(cell.text, ("fund_row",))
            role = found[0].name if found is not None else None
        if role is not None or not is_value_cell(cell.text):
            label = cell
            break
    if label is None:
        return False
    if role is None and (label.has("goal", "indicator_column", "field", "total") or len(base_text(label.text)) > 20):
        return False
    if d.light:  # read later, and only if the block has a row the other reader has no name for
        d.pending_funds.append((row, label, role))
        return True
    return _read_fund_row(d, cmap, row, label, role)


def _read_fund_row(d: Draft, cmap: ColumnMap, row: GRow, label: GCell, role: str | None) -> bool:
    values = _fund_values(cmap, row, label)
    if role is None and not any(v for v in values.values()):
        return False
    entry = FundsRowEntry(line=label.line, label=clean(label.text), role=role)
    for col in _FUND_VALUE_COLUMNS:
        text = values.get(col, "")
        if text:
            entry.printed[col] = text
            setattr(entry, col, fund_value(col, text))
    d.fund_rows.append(entry)
    return True


def _fund_values(cmap: ColumnMap, row: GRow, label: GCell) -> dict[str, str]:
    if row.grid and cmap.aligned and row.width == cmap.width:
        mapped = read_row(cmap, row)
        return {k: v for k, v in mapped.items() if k in _FUND_VALUE_COLUMNS}
    # A text row: the cells after the label, by the header's order of value columns
    after = [c.text for c in row.cells if c.col > label.col] if row.hard else label.text.split()[1:]
    inline = head_label(label.text, ("fund_row",))
    if inline is not None and inline[1]:
        after = [inline[1], *after]
    columns = [c.concept for c in cmap.columns if c.concept in _FUND_VALUE_COLUMNS or c.start >= cmap.first_value]
    while after and not after[-1]:
        after.pop()
    if len(after) == len(columns):
        return {col: t for col, t in zip(columns, after, strict=True) if col in _FUND_VALUE_COLUMNS and t}
    from jixiao.recognize.align import align, fund_fit

    slots = [c for c in columns if c in _FUND_VALUE_COLUMNS]
    return align([t for t in after if t] if len(after) > len(slots) else after, slots, fund_fit)


# ---------------------------------------------------------------- goals

def _goal_row(d: Draft, rows: list[GRow], n: int) -> bool:
    row = rows[n]
    cells = row.filled
    names = [(c, c.concept("goal")) for c in cells]
    unnamed = [c for c, name in names if name is None]
    header_like = len(unnamed) <= 1 and all(c is cells[0] and len(base_text(c.text)) <= 8
                                            and not any(ch.isdigit() for ch in c.text) for c in unnamed)
    named = sum(1 for _, name in names if name is not None)
    if (named >= 2 and header_like) or (named == 1 and not unnamed):
        d.goal_header = row  # a header row: 年度总体目标 | 预期目标 | 实际完成情况
        d.goal_columns = {name: c.col for c, name in names
                          if name in ("goal_expected", "goal_actual", "goal_adjusted")}
        d.concepts.add("goals")
        return True
    labelled = [(c, name) for c, name in names if name is not None]
    if labelled:
        others = [c for c, name in names if name is None]
        first, name = labelled[0]
        value = " ".join(c.text for c in others if c.col > first.col)
        if not value:
            found = head_label(first.text, ("goal",))
            value = found[1] if found is not None else ""
        key = {"goals": "goal_expected"}.get(name or "", name or "")
        if key in ("goal_expected", "goal_actual") and value:
            d.goals.setdefault(key, clean(value))
            d.concepts.add("goals")
            return True
        return bool(labelled) and not value
    if d.goal_header is not None and not d.goals:
        if row.grid and d.goal_header.grid and row.width == d.goal_header.width and d.goal_columns:
            cols = sorted(d.goal_columns.items(), key=lambda item: item[1])
            for k, (key, start) in enumerate(cols):
                end = cols[k + 1][1] if k + 1 < len(cols) else row.width
                text = "".join(c.text for c in row.cells[start:end] if c.text)
                if text and key != "goal_adjusted":
                    d.goals[key] = clean(text)
        else:
            printed = [c.text for c in cells]
            if len(printed) >= 2:
                d.goals["goal_expected"], d.goals["goal_actual"] = clean(printed[0]), clean(printed[-1])
            elif printed:
                d.goals["goal_expected"] = clean(printed[0])
        return bool(d.goals)
    return False


# ---------------------------------------------------------------- indicators

def _is_total(row: GRow, d: Draft) -> bool:
    cells = row.filled
    if not cells or (d.ind_map is None and not d.fund_rows):
        return False
    first = cells[0]
    if first.concept("total") != "total" and not (len(cells) > 1 and cells[0].has("block", "goal")
                                                   and cells[1].concept("total") == "total"):
        return False
    return sum(1 for c in cells[1:] if not is_value_cell(c.text) and c.concept("total") is None
               and base_text(c.text) not in GRADE_WORDS) <= 1


def _level_text(text: str) -> tuple[str | None, Decimal | None]:
    if not text:
        return None, None
    points = points_of(text)
    t = clean(text)
    if points is not None:
        t = re.sub(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$", "", t).strip() or t
    return t, points


def _indicator_row(d: Draft, row: GRow) -> None:
    cmap = d.ind_map
    assert cmap is not None
    cells = row.filled
    if len(cells) == 1 and not is_value_cell(cells[0].text):
        block = points_of(cells[0].text)
        if block is not None:  # "年度绩效目标1（80分）": a block of indicators and its points
            d.level_weights[clean(cells[0].text)] = block
            return
    values = read_row(cmap, row)
    level1, p1 = _level_text(values.get("level1", ""))
    level2, p2 = _level_text(values.get("level2", ""))
    if level1:
        if level1 != d.level1:
            d.level2 = None
        d.level1 = level1
        if p1 is not None:
            d.level_weights[level1] = p1
    if level2:
        d.level2 = level2
        if p2 is not None:
            d.level_weights.setdefault(level2, p2)
    level3 = clean(values.get("level3", ""))
    parts = {k: clean(values.get(k, "")) for k in ("nature", "value", "unit")}
    target = clean(values.get("target", ""))
    if cmap.split_target():
        shown = [parts[k] for k in ("nature", "value", "unit")
                 if parts[k] and not (k == "nature" and parts[k] == "定性")]
        target = "".join(shown) or target
    actual = clean(values.get("actual", ""))
    weight_text = clean(values.get("weight", ""))
    score_text = clean(values.get("score", ""))
    note = clean(values.get("note", ""))
    if not (level3 or target or actual or weight_text or score_text):
        return
    empty = not (target or actual or weight_text or score_text)
    if level3 and (label_key(level3) in ("三级指标", "指标名称") or (empty and PLACEHOLDER.match(level3))):
        return
    ind = Indicator(level1=d.level1, level2=d.level2, level3=level3 or None, target=target or None,
                    actual=actual or None, deviation_note=note or None, line=row.line_start)
    if cmap.split_target():
        ind.nature, ind.value, ind.unit = parts["nature"] or None, parts["value"] or None, parts["unit"] or None
    ind.weight = parse_number(weight_text) if weight_text else None
    ind.score = parse_number(score_text) if score_text else None
    ind.printed = {k: v for k, v in (("weight", weight_text), ("score", score_text)) if v}
    parse_values(ind)
    if PLACEHOLDER.match(level3 or "") and ind.weight is None and ind.score is None and not target:
        return
    d.indicators.append(ind)


def _read_total(d: Draft, row: GRow) -> None:
    d.total_line = row.line_start
    cmap = d.ind_map
    cells = row.filled
    grade = next((c.text for c in cells if base_text(_GRADE_AFTER.sub("", base_text(c.text))) in GRADE_WORDS), None)
    if cmap is not None and cmap.aligned and row.grid and row.width == cmap.width:
        values = read_row(cmap, row)
        for key, concept in (("total_weight", "weight"), ("total_score", "score")):
            text = clean(values.get(concept, ""))
            if text and (is_value_cell(text) or any(ch.isdigit() for ch in text)):
                d.total[key] = text
        if d.total:
            if grade:
                d.total["grade"] = _GRADE_AFTER.sub("", base_text(grade))
            return
    numbers = [c.text for c in cells[1:] if c.concept("total") is None and c.text != grade]
    has_score = cmap is not None and cmap.get("score") is not None
    has_weight = cmap is not None and cmap.get("weight") is not None
    if len(numbers) >= 2:
        d.total["total_weight"], d.total["total_score"] = numbers[0], numbers[1]
    elif numbers:
        d.total["total_score" if has_score or not has_weight else "total_weight"] = numbers[0]
    else:
        d.total["total_score"] = ""
    if grade:
        d.total["grade"] = _GRADE_AFTER.sub("", base_text(grade))


def _grade_row(d: Draft, row: GRow) -> None:
    if "grade" in d.total:
        return
    for cell in row.filled[:3]:
        word = _GRADE_AFTER.sub("", base_text(cell.text))
        if word in GRADE_WORDS and (cell.concept("total") == "grade" or word != base_text(cell.text)):
            d.total["grade"] = word
            return
        if cell.concept("total") == "grade":
            nxt = [c for c in row.filled if c.col > cell.col]
            if nxt and base_text(nxt[0].text) in GRADE_WORDS:
                d.total["grade"] = base_text(nxt[0].text)
                return


# ---------------------------------------------------------------- closing a form

def _close(d: Draft, rows: list[GRow], out: Recognition) -> None:
    trace = FormTrace(rows[d.first_row].line_start, rows[d.last_row].line_end, "rejected", kind=d.kind,
                      headers=[m for m in (d.funds_map, d.ind_map) if m is not None], fields=dict(d.fields))
    out.trace.append(trace)
    named = bool(d.fields.get("project_name") or d.fields.get("unit_name") or d.kind)
    body = bool(d.fund_rows) or bool(d.indicators)
    se_only = bool(d.concepts & _SE_ONLY) or bool(d.total)
    if d.not_self_evaluation:
        trace.reason = "指标表头没有「实际完成值」「得分」：不是自评表（如申报表的指标表）"
        return
    if d.kind in ("target_declaration", "monitoring"):
        trace.reason = f"标题为{d.kind}，不作自评表读取"
        out.rejected.append(f"第{rows[d.first_row].line_start}行：{trace.reason}")
        return
    if d.light:
        if d.funds_map is not None and any(role not in FUND_ROWS for _, _, role in d.pending_funds):
            for row, label, role in d.pending_funds:
                _read_fund_row(d, d.funds_map, row, label, role)
        if d.fund_rows:
            form = SelfEvaluation(incomplete=True)
            _assign_funds(form, d)
            first, last = rows[d.first_row], rows[d.last_row]
            form.location = Location(line_start=first.line_start, line_end=last.line_end)
            out.partial.append(form)
        trace.status, trace.reason = "partial", "已由另一读取器读取（只补读资金行）"
        return
    headed = d.funds_map is not None and bool(set(d.funds_map.concepts()) & {"executed", "execution_rate"})
    if named and headed and not body and d.fields.get("project_name", d.fields.get("unit_name")):
        body = se_only = True  # a form cut off right after its funds header (a page that ends there)
    scored = sum(1 for i in d.indicators if i.weight is not None and i.score is not None)
    scoring_table = d.ind_map is not None and {"weight", "score"} <= set(d.ind_map.concepts()) and scored >= 3
    if not (body and se_only and (named or (d.ind_map is not None and d.total) or scoring_table)):
        if d.has_body() or d.fields:
            lacks = (("名称或标题", named or bool(d.total)), ("资金或指标", body),
                     ("自评表特有的列（执行数/实际完成值/得分/总分）", se_only))
            why = "缺少" + "、".join(w for w, ok in lacks if not ok)
            trace.reason = why
            out.rejected.append(f"第{rows[d.first_row].line_start}行起：{why}")
        return
    span_rows = rows[d.first_row:d.last_row + 1]
    blank = not any(ch.isdigit() for r in span_rows for c in r.filled for ch in c.text if not _YEAR.search(c.text))
    form = SelfEvaluation(year=d.year, blank=blank)
    families = {lexicon().concept(i.level1 or "", "level1") for i in d.indicators} - {None}
    unit_wide = (not d.fields.get("project_name") and bool(families) and families <= _UNIT_WIDE_LEVELS
                 and bool(families & {"input", "process", "decision", "management"}))
    unit_form = d.kind == "department_self_evaluation" or ("unit_name" in d.concepts and "project_name" not in d.fields
                                                           ) or unit_wide
    if unit_form:
        form.kind = "department_self_evaluation"
    fields = dict(d.fields)
    unit = fields.pop("unit_name", None)
    if unit is not None:  # the unit that fills the form: the subject of a 部门整体 form, else a fallback
        if unit_form:
            fields["department"] = unit
        else:
            fields.setdefault("department", unit) if "implementing_unit" in fields else fields.setdefault(
                "implementing_unit", unit)
    for key, value in fields.items():
        if getattr(form, key, None) is None and key in SelfEvaluation.model_fields:
            setattr(form, key, value)
    if form.project_name:
        m = _CODE_NAME.match(form.project_name)
        if m:  # "51092324T000010263357-2023年全县安可替代补助资金项目": the code and the name in one cell
            form.project_code, form.project_name = m.group(1), m.group(2).strip()
    _assign_funds(form, d)
    form.goal_expected = d.goals.get("goal_expected")
    form.goal_actual = d.goals.get("goal_actual")
    form.indicators = d.indicators
    form.level_weights = dict(d.level_weights)
    if d.funds_map is not None:
        form.funds_columns = [c for c in d.funds_map.concepts() if c in _FUND_VALUE_COLUMNS]
    if d.ind_map is not None:
        form.indicator_columns = d.ind_map.concepts()
    printed = {k: v for k, v in d.total.items() if v}
    if not printed and d.top_total:
        printed = {"total_score": d.top_total}
    if len(printed) == 1 and "total_score" in printed and form.indicators and all(
            i.score is None for i in form.indicators):
        printed = {"total_weight": printed["total_score"]}
    form.total_printed = printed
    form.total_weight = parse_number(printed.get("total_weight"))
    form.total_score = parse_number(printed.get("total_score"))
    form.total_line = d.total_line
    if blank:
        out.blank += 1
        trace.status, trace.reason = "blank", "空白模板（没有任何数值）"
    elif not d.total and not d.top_total:
        form.incomplete = True
        form.warnings.append("表格不完整：未找到「总分」行 / form cut off before its total row")
    if d.ind_map is None and not blank:
        form.incomplete = True
        form.warnings.append("表格不完整：未找到绩效指标表头 / no indicator table header")
    first, last = rows[d.first_row], rows[d.last_row]
    form.location = Location(line_start=first.line_start, line_end=last.line_end)
    if any(r.origin == "glued" for r in rows[d.first_row:d.last_row + 1]):
        form.warnings.append("由连写的网页文本读取：单元格按标签拆分，连写的数字按表内勾稽关系推断 / "
                             "read from glued text: cells inferred from labels and the form's arithmetic")
    out.forms.append(form)
    trace.status = "blank" if blank else "taken"
    trace.empty = _empty_fields(form, d)
    out.spans.append((first.line_start, last.line_end))


def _empty_fields(form: SelfEvaluation, d: Draft) -> list[str]:
    """Fields left empty, each with the reason a template author can act on."""
    out: list[str] = []
    for name, why in (("project_name", "没有「项目名称」类标签"), ("department", "没有「主管部门」类标签"),
                      ("implementing_unit", "没有「实施单位」类标签")):
        if getattr(form, name) is None and not (name == "project_name" and form.kind != "self_evaluation"):
            out.append(f"{name}: {why}")
    if d.funds_map is None:
        out.append("funds: 没有找到资金表头（年初预算数/全年预算数/全年执行数 等至少两列）")
    elif not d.fund_rows:
        out.append("funds: 资金表头下没有资金行")
    if d.goal_header is None and not d.goals:
        out.append("goal_expected/goal_actual: 没有「预期目标/实际完成情况」类标签")
    if d.ind_map is None:
        out.append("indicators: 没有找到指标表头（一级/二级/三级指标、指标值、完成值 等至少两列）")
    else:
        names = d.ind_map.concepts()
        for concept in ("weight", "score", "actual"):
            if concept not in names:
                out.append(f"indicators.{concept}: 指标表头没有这一列")
    if not d.total and not d.top_total:
        out.append("total_score: 没有「总分/合计」行")
    return out


def _assign_funds(form: SelfEvaluation, d: Draft) -> None:
    form.funds_rows = d.fund_rows
    total = next((e for e in d.fund_rows if e.role == "total"), None)
    if total is None and d.fund_rows and d.fund_rows[0].role is None:
        total = d.fund_rows[0]  # no row says 总额: the first row is the total
    if total is not None and total.weight is None and "weight" not in total.printed:
        points = d.funds_points  # "预算执行情况（20分）"
        for concept in ("weight", "score"):  # "分值（10分）", "得分（20分*执行率）"
            column = d.funds_map.get(concept) if d.funds_map is not None else None
            if points is None and column is not None:
                points = column.points
        total.weight = points
    for entry in d.fund_rows:
        role = "total" if entry is total else entry.role
        if role in FUND_ROWS and getattr(form.funds, role).line is None:
            setattr(form.funds, role, FundRow(**entry.model_dump(include=set(FundRow.model_fields))))
