"""Grid rows → every 项目支出绩效自评表 / 部门整体支出绩效自评表, read through the meaning of its headers.

A form is a run of rows with a quorum of concepts — a name or a title, and a funds block or an
indicator header, and something only a self-evaluation prints (执行数, 实际完成值, 得分, a total) —
never one required label. Rows are read through column maps built from the form's own header rows
(:mod:`.header`), so any column order and any subset of columns reads the same. Several forms may sit
on one page or in one table: a title, or a name after a form's body, opens the next one.
"""

from __future__ import annotations

import bisect

from jixiao.model.selfeval import FUND_ROWS, Location, SelfEvaluation
from jixiao.model.values import parse_number
from jixiao.recognize.forms.choose import split_project_code
from jixiao.recognize.forms.draft import (
    FUND_VALUE_COLUMNS,
    SE_ONLY,
    TAIL_ROWS,
    UNIT_WIDE_LEVELS,
    YEAR,
    Draft,
    FormTrace,
    Recognition,
)
from jixiao.recognize.forms.fields import field_row, name_field, title_kind, year_before
from jixiao.recognize.forms.funds import assign_funds, block_points, fund_row, read_fund_row
from jixiao.recognize.forms.goals import goal_row
from jixiao.recognize.forms.header import build, headerless, is_header
from jixiao.recognize.forms.rows import GRow, is_number_cell
from jixiao.recognize.forms.table import grade_row, headerless_tail, indicator_row, is_total, read_total
from jixiao.recognize.lexicon import base_text, lexicon

__all__ = ["FormTrace", "Recognition", "recognize"]


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
        kind = title_kind(row)
        opens = kind is not None or name_field(row) is not None
        if draft is not None and opens and (draft.has_body() or (kind is not None and draft.fields)):
            _close(draft, rows, out)
            draft = None
        if draft is None:
            # a page that starts mid-form: only before the document's first form, near its start
            tail = not opens and not out.trace and n < TAIL_ROWS and headerless_tail(rows, n)
            if not (opens or tail or is_header(row, "funds_column") or is_header(row, "indicator_column")):
                n += 1
                continue
            draft = Draft(first_row=n, year=year_before(rows, n))
            if tail:
                draft.ind_map = headerless()  # the rows of a table whose header is not on the page
        elif (draft.ind_map is None and draft.funds_map is None and not draft.has_body() and not opens
              and not out.trace and n < TAIL_ROWS and headerless_tail(rows, n)):
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
        if nxt.filled and (nxt.filled[0].has("fund_row", "total", "field") or title_kind(nxt) is not None):
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


def _feed(d: Draft, rows: list[GRow], n: int, kind: str | None) -> int:
    """Read ``rows[n]`` (and any header rows under it) into the draft; the index of the next row."""
    row = rows[n]
    if kind is not None:
        d.kind = d.kind or kind
        m = YEAR.search(base_text(row.text()))
        d.year = int(m.group(1)) if m else d.year
        if name_field(row) is None:
            return n + 1
    if d.year is None and not d.has_body() and len(row.filled) == 1:
        m = YEAR.search(base_text(row.filled[0].text))
        if m and len(base_text(row.filled[0].text)) <= 20:
            d.year = int(m.group(1))
            return n + 1
    if is_header(row, "funds_column") and not (d.ind_map is not None and d.fund_rows):
        d.funds_map = build(rows, n, "funds_column")
        d.concepts.update(d.funds_map.concepts())
        d.funds_points = block_points(row, d.funds_map)
        return n + 1
    if is_header(row, "indicator_column"):
        d.ind_map = build(rows, n, "indicator_column")
        d.concepts.update(d.ind_map.concepts())
        if d.funds_map is None and not {"actual", "score"} & set(d.ind_map.concepts()):
            d.not_self_evaluation = True  # a declaration's indicator table: no 实际完成值, no 得分
        return max(d.ind_map.header_rows) + 1
    if is_total(row, d):
        read_total(d, row)
        return n + 1
    if d.ind_map is not None and not d.total:
        if d.ind_map.get("actual") is not None or d.ind_map.get("score") is not None or d.funds_map is not None:
            indicator_row(d, row)  # (a table with neither 实际完成值 nor 得分 is a declaration's: not read)
        return n + 1
    if fund_row(d, row):
        return n + 1
    if not d.has_body() and row.filled[0].concept("total") == "total":
        numbers = [c.text for c in row.filled[1:] if is_number_cell(c.text)]
        d.top_total = numbers[0] if numbers else None
        return n + 1
    if goal_row(d, rows, n):
        return n + 1
    field_row(d, row)
    if d.total:
        grade_row(d, row)
    return n + 1


def _close(d: Draft, rows: list[GRow], out: Recognition) -> None:
    trace = FormTrace(rows[d.first_row].line_start, rows[d.last_row].line_end, "rejected", kind=d.kind,
                      headers=[m for m in (d.funds_map, d.ind_map) if m is not None], fields=dict(d.fields))
    out.trace.append(trace)
    named = bool(d.fields.get("project_name") or d.fields.get("unit_name") or d.kind)
    body = bool(d.fund_rows) or bool(d.indicators)
    se_only = bool(d.concepts & SE_ONLY) or bool(d.total)
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
                read_fund_row(d, d.funds_map, row, label, role)
        if d.fund_rows:
            form = SelfEvaluation(incomplete=True)
            assign_funds(form, d)
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
    blank = not any(ch.isdigit() for r in span_rows for c in r.filled for ch in c.text if not YEAR.search(c.text))
    form = SelfEvaluation(year=d.year, blank=blank)
    families = {lexicon().concept(i.level1 or "", "level1") for i in d.indicators} - {None}
    unit_wide = (not d.fields.get("project_name") and bool(families) and families <= UNIT_WIDE_LEVELS
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
    split_project_code(form)
    assign_funds(form, d)
    form.goal_expected = d.goals.get("goal_expected")
    form.goal_actual = d.goals.get("goal_actual")
    form.indicators = d.indicators
    form.level_weights = dict(d.level_weights)
    if d.funds_map is not None:
        form.funds_columns = [c for c in d.funds_map.concepts() if c in FUND_VALUE_COLUMNS]
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
