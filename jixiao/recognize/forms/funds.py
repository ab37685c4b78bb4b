"""The funds block: its rows read through the column map of the funds header (or fitted by type
where a text row lost its grid), each row with its printed label and the role the lexicon gives it."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.selfeval import FUND_ROWS, FundRow, FundsRowEntry, SelfEvaluation
from jixiao.read.text import clean
from jixiao.recognize.forms.draft import FUND_VALUE_COLUMNS, Draft
from jixiao.recognize.forms.header import ColumnMap, read_row
from jixiao.recognize.forms.rows import GCell, GRow, is_value_cell
from jixiao.recognize.lexicon import base_text, head_label, points_of
from jixiao.recognize.selfeval import fund_value


def block_points(row: GRow, cmap: ColumnMap) -> Decimal | None:
    for cell in row.filled:
        if cell.concept("block") == "funds":
            return points_of(cell.text)
    return None


def fund_row(d: Draft, row: GRow) -> bool:
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
    return read_fund_row(d, cmap, row, label, role)


def read_fund_row(d: Draft, cmap: ColumnMap, row: GRow, label: GCell, role: str | None) -> bool:
    values = _fund_values(cmap, row, label)
    if role is None and not any(v for v in values.values()):
        return False
    entry = FundsRowEntry(line=label.line, label=clean(label.text), role=role)
    for col in FUND_VALUE_COLUMNS:
        text = values.get(col, "")
        if text:
            entry.printed[col] = text
            setattr(entry, col, fund_value(col, text))
    d.fund_rows.append(entry)
    return True


def _fund_values(cmap: ColumnMap, row: GRow, label: GCell) -> dict[str, str]:
    if row.grid and cmap.aligned and row.width == cmap.width:
        mapped = read_row(cmap, row)
        return {k: v for k, v in mapped.items() if k in FUND_VALUE_COLUMNS}
    # A text row: the cells after the label, by the header's order of value columns
    after = [c.text for c in row.cells if c.col > label.col] if row.hard else label.text.split()[1:]
    inline = head_label(label.text, ("fund_row",))
    if inline is not None and inline[1]:
        after = [inline[1], *after]
    columns = [c.concept for c in cmap.columns if c.concept in FUND_VALUE_COLUMNS or c.start >= cmap.first_value]
    while after and not after[-1]:
        after.pop()
    if len(after) == len(columns):
        return {col: t for col, t in zip(columns, after, strict=True) if col in FUND_VALUE_COLUMNS and t}
    from jixiao.recognize.align import align, fund_fit

    slots = [c for c in columns if c in FUND_VALUE_COLUMNS]
    return align([t for t in after if t] if len(after) > len(slots) else after, slots, fund_fit)


def assign_funds(form: SelfEvaluation, d: Draft) -> None:
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
