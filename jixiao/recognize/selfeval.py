"""Token stream → every 项目支出绩效自评表 in it (DESIGN §5.1 ``SE``).

A form is anchored on its labels, found by meaning (see :mod:`labels`): 项目名称 opens it, the funds
rows, the goals and the indicator header divide it, 总分 closes it. Between two labels lie the
values of the first. The indicator table is parsed by :mod:`indicators`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.selfeval import FUND_COLUMNS, FundRow, FundsRowEntry, Location, SelfEvaluation
from jixiao.model.values import is_blank, parse_number, parse_percent
from jixiao.recognize.align import align, fund_fit
from jixiao.recognize.columns import Line, split_two_cells
from jixiao.recognize.indicators import parse_indicators
from jixiao.recognize.stream import Label, Tok, join_tokens, scan_labels

_FIELDS = ("project_name", "department", "implementing_unit", "project_lead", "phone")
_FIELD_OF = {"unit_name": "department"}  # a department-wide form names its unit where a project form names the project
_YEAR = re.compile(r"(?:^|[(（\s:：])((?:19|20)\d{2})年度?(?:[)）]|$)")
GRADE_WORDS = frozenset({"优", "良", "中", "差", "优秀", "良好", "中等", "较差", "合格", "不合格"})
_GRADE_LABEL = re.compile(r"^(?:自评|绩效|评价|考核)?(?:等级|结果|结论)[:：]?")
_FORM_WINDOW = 400  # tokens between 项目名称 and 年度资金总额 at most
_SELF_EVALUATION_ONLY = frozenset({"col_executed", "col_execution_rate", "col_score", "goal_actual", "icol_actual",
                                   "icol_score", "total"})


def recognize_self_evaluations(tokens: list[Tok], labels: list[Label] | None = None) -> list[SelfEvaluation]:
    labels = scan_labels(tokens) if labels is None else labels
    starts = _starts(labels)
    forms: list[SelfEvaluation] = []
    previous_end = 0
    for n, k in enumerate(starts):
        end_label = starts[n + 1] if n + 1 < len(starts) else len(labels)
        span = labels[k:end_label]
        hi = labels[end_label].start if end_label < len(labels) else len(tokens)
        if not _is_self_evaluation(span, labels[k].start):
            continue
        form, last = _parse_form(tokens, span, hi)
        if labels[k].key == "unit_name":
            form.kind = "department_self_evaluation"
        form.year = _find_year(tokens, previous_end, labels[k].start)
        forms.append(form)
        previous_end = last
    return forms


def _starts(labels: list[Label]) -> list[int]:
    """Where forms open: every 项目名称, and a 部门（单位）名称 that is not inside an open project form
    and has no 项目名称 before its 年度资金总额 (a 部门整体支出绩效自评表)."""
    # Whether the next of 年度资金总额 / 项目名称 after each label is a 年度资金总额: one pass from the end.
    funds_first = [False] * len(labels)
    ahead = False
    for k in range(len(labels) - 1, -1, -1):
        funds_first[k] = ahead
        key = labels[k].key
        ahead = True if key == "fund_total" else False if key == "project_name" else ahead
    starts: list[int] = []
    open_form = False
    for k, lab in enumerate(labels):
        if lab.key == "project_name" or (lab.key == "unit_name" and not open_form and funds_first[k]):
            starts.append(k)
            open_form = True
        elif lab.key == "total":
            open_form = False
    return starts


def _is_self_evaluation(span: list[Label], start: int) -> bool:
    """项目名称 with a 年度资金总额 row close below, and something only a self-evaluation prints (a
    绩效目标申报表 shares the first two but has no 执行数, 得分, 实际完成 or 总分)."""
    return (any(lab.key == "fund_total" and lab.start - start < _FORM_WINDOW for lab in span)
            and any(lab.key in _SELF_EVALUATION_ONLY for lab in span))


def _find_year(tokens: list[Tok], lo: int, hi: int) -> int | None:
    text = " ".join(t.norm for t in tokens[max(lo, hi - 40):hi] if t.norm)
    years = _YEAR.findall(text.replace(" 年", "年"))
    return int(years[-1]) if years else None


def _parse_form(tokens: list[Tok], span: list[Label], hi: int) -> tuple[SelfEvaluation, int]:
    form = SelfEvaluation()
    first = tokens[span[0].start]
    regions = _regions(span)
    total_label = regions.get("total")
    last_token = hi - 1
    if total_label is not None:
        cells = [c for c in _values(tokens, total_label, _next_start(span, total_label, hi), True)[:12] if c.text]
        if not (cells and cells[0].hard):
            cells = [c for c in cells if parse_number(c.text) is not None]
        cells = cells[:2]
        if len(cells) == 2:
            form.total_printed = {"total_weight": cells[0].text, "total_score": cells[1].text}
        elif cells:
            form.total_printed = {"total_score": cells[0].text}
        last_token = tokens.index(cells[-1], total_label.end) if cells else total_label.end - 1
        form.total_line = tokens[total_label.start].line
        grade = _printed_grade(tokens, last_token + 1, hi, tokens[total_label.start].row)
        if grade is not None:
            form.total_printed["grade"] = _GRADE_LABEL.sub("", tokens[grade].text.strip()).strip()
            last_token = grade
    else:
        form.incomplete = True
        form.warnings.append("表格不完整：未找到「总分」行 / form cut off before its total row")
    _read_fields(form, tokens, span, hi)
    _read_funds(form, tokens, span, hi)
    _read_goals(form, tokens, span, hi)
    ind_lo = regions.get("indicator_header_end")
    if ind_lo is not None:
        ind_hi = total_label.start if total_label is not None else hi
        form.indicators, notes = parse_indicators(tokens, span, ind_lo, ind_hi)
        form.warnings.extend(notes)
    else:
        form.incomplete = True
        form.warnings.append("表格不完整：未找到绩效指标表头 / no indicator table header")
    if len(form.total_printed) == 1 and form.indicators and all(i.score is None for i in form.indicators):
        form.total_printed = {"total_weight": form.total_printed["total_score"]}  # scores left blank
    form.total_weight = parse_number(form.total_printed.get("total_weight"))
    form.total_score = parse_number(form.total_printed.get("total_score"))
    form.location = Location(line_start=first.line, line_end=tokens[last_token].line)
    return form, last_token + 1


def _printed_grade(tokens: list[Tok], lo: int, hi: int, total_row: int) -> int | None:
    """The token of a 自评等级 printed after the total ("总分 100 95 优", "自评等级：良" on the next row),
    or ``None``. Only a grade word counts, alone or after its label."""
    for i in range(lo, min(hi, lo + 8, len(tokens))):
        tok = tokens[i]
        if tok.row > total_row + 1:
            return None
        if not tok.norm:
            continue
        word = _GRADE_LABEL.sub("", tok.norm)
        if word in GRADE_WORDS:
            return i
        if word and tok.norm == word:  # neither a grade nor its label: something else follows the total
            return None
    return None


def _regions(span: list[Label]) -> dict[str, Label]:
    out: dict[str, Label] = {}
    seen_indicators = False
    for lab in span:
        if lab.key in ("indicators",) or lab.key.startswith("icol_") or (
            seen_indicators and lab.key in ("col_weight", "col_score")):
            seen_indicators = True
            out["indicator_header_end"] = lab
        elif lab.key in ("level1", "level2") and "indicator_header_end" not in out and "goals" in out:
            seen_indicators = True
            out["indicator_header_end"] = Label("indicators", lab.start, lab.start)
        elif lab.key == "total" and seen_indicators:
            out["total"] = lab
            break
        elif lab.key in ("goals", "goal_expected", "goal_actual"):
            out.setdefault("goals", lab)
    return out


def _next_start(span: list[Label], label: Label, hi: int) -> int:
    for lab in span:
        if lab.start >= label.end:
            return lab.start
    return hi


def _values(tokens: list[Tok], label: Label, hi: int, same_row: bool) -> list[Tok]:
    """Tokens after a label up to ``hi``; for a hard label, only its own row when that row has values."""
    values = tokens[label.end:hi]
    head = tokens[label.end - 1]
    if same_row:
        row = [t for t in values if t.row == head.row]
        if any(t.text for t in row):
            return row
    return values


def _read_fields(form: SelfEvaluation, tokens: list[Tok], span: list[Label], hi: int) -> None:
    for n, lab in enumerate(span):
        if lab.key in ("fund_total", "funds", "goals", "indicators"):
            break
        key = _FIELD_OF.get(lab.key, lab.key)
        if key in _FIELDS and getattr(form, key) is None:
            nxt = span[n + 1].start if n + 1 < len(span) else hi
            text = join_tokens(_values(tokens, lab, nxt, same_row=True))
            setattr(form, key, text or None)


def _fund_columns(span: list[Label]) -> list[str]:
    columns: list[str] = []
    for lab in span:
        if lab.key.startswith("fund_") or lab.key in ("goals", "indicators"):
            break
        if lab.key.startswith("col_"):
            name = lab.key[4:]
            if name not in columns:
                columns.append(name)
    return columns if len(columns) >= 3 else list(FUND_COLUMNS)


def _read_funds(form: SelfEvaluation, tokens: list[Tok], span: list[Label], hi: int) -> None:
    columns = _fund_columns(span)
    for n, lab in enumerate(span):
        if lab.key in ("goals", "goal_expected", "indicators"):
            break
        if not lab.key.startswith("fund_"):
            continue
        name = lab.key[5:]
        nxt = span[n + 1].start if n + 1 < len(span) else hi
        cells = _values(tokens, lab, nxt, same_row=True)
        texts = [c.text for c in cells]
        while texts and not texts[-1]:
            texts.pop()
        if cells and cells[0].hard and len(texts) == len(columns):
            assigned = {col: t for col, t in zip(columns, texts, strict=True) if t}
        else:
            assigned = align(texts, columns, fund_fit)
        row = FundRow(line=tokens[lab.start].line)
        for col, text in sorted(assigned.items(), key=lambda item: columns.index(item[0])):
            row.printed[col] = text
            setattr(row, col, fund_value(col, text))
        setattr(form.funds, name, row)
        form.funds_rows.append(FundsRowEntry(**row.model_dump(), role=name,
                                             label=join_tokens(tokens[lab.start:lab.end])))


def fund_value(column: str, text: str) -> Decimal | None:
    """The value of one printed cell of the funds block (``None`` when blank or not a number)."""
    if is_blank(text):
        return None
    if column != "execution_rate":
        return parse_number(text)
    value = parse_percent(text)
    if value is None:
        number = parse_number(text)
        # A bare number in the 执行率 column: a fraction (0.97) or a percentage whose % sign
        # was left out ("100"); the printed text stays in ``printed`` for the checks.
        value = number if number is None or number <= 1 else number / 100
    return value


def _read_goals(form: SelfEvaluation, tokens: list[Tok], span: list[Label], hi: int) -> None:
    by_key: dict[str, tuple[Label, int]] = {}
    end = hi
    for n, lab in enumerate(span):
        if lab.key == "indicators" or lab.key.startswith("icol_"):
            end = lab.start
            break
        if lab.key in ("goals", "goal_expected", "goal_actual"):
            by_key[lab.key] = (lab, span[n + 1].start if n + 1 < len(span) else hi)
    if not by_key:
        return
    expected = by_key.get("goal_expected")
    actual = by_key.get("goal_actual")
    if expected and actual and _soft_pair(form, tokens[max(expected[0].end, actual[0].end):end]):
        return
    if expected and actual:
        exp_cells = _cells(tokens[expected[0].end:min(expected[1], end)])
        act_cells = _cells(tokens[actual[0].end:min(actual[1], end)])
        if exp_cells and act_cells:
            form.goal_expected, form.goal_actual = " ".join(exp_cells), " ".join(act_cells)
            return
        cells = exp_cells + act_cells
    else:
        lab, _ = expected or actual or by_key["goals"]
        cells = _cells(tokens[lab.end:end])
    if len(cells) >= 2:
        form.goal_expected, form.goal_actual = cells[0], "".join(cells[1:])
    elif cells:
        form.goal_expected = cells[0]


def _soft_pair(form: SelfEvaluation, tokens: list[Tok]) -> bool:
    """Free-text lines (PDF) of the two goal cells side by side: split them into the two cells."""
    body = [t for t in tokens if t.text]
    if not body or any(t.hard for t in body):
        return False
    rows: list[list[Tok]] = []
    for tok in body:
        if rows and rows[-1][0].row == tok.row:
            rows[-1].append(tok)
        else:
            rows.append([tok])
    if len(rows) < 2:
        return False
    lines = [Line(" ".join(t.text for t in row), row[0].gap) for row in rows]
    left, right = split_two_cells(lines)
    by_line = {id(line): row for line, row in zip(lines, rows, strict=True)}
    form.goal_expected = join_tokens([t for line in left for t in by_line[id(line)]])
    form.goal_actual = join_tokens([t for line in right for t in by_line[id(line)]])
    return True


def _cells(tokens: list[Tok]) -> list[str]:
    """Group tokens into cells: a hard token is a cell; soft lines form blocks between blank lines."""
    cells: list[str] = []
    block: list[Tok] = []
    for tok in tokens:
        if tok.hard:
            if block:
                cells.append(join_tokens(block))
                block = []
            if tok.text:
                cells.append(tok.text)
            continue
        if block and tok.gap > 0:
            cells.append(join_tokens(block))
            block = []
        block.append(tok)
    if block:
        cells.append(join_tokens(block))
    cells = [c for c in cells if c]
    words = [t.text for t in tokens if t.text]
    if len(cells) == 1 and len(words) == 2 and all(not t.hard for t in tokens) and tokens[-1].row == tokens[0].row:
        return words  # "预期 实际" on one flattened line
    return cells

