"""The indicator table of a self-evaluation form → indicator rows.

Two paths, chosen by what the region holds:

* hard rows (tab, pipe, DOCX): each row's cells, by header position when the row lines up with
  the header, else by type (see :mod:`.indicator_cells`);
* soft text (PDF, flattened lines): :mod:`.indicators_soft`.

Merged level cells are carried down.
"""

from __future__ import annotations

import itertools

from jixiao.model.selfeval import Indicator
from jixiao.model.values import normalize, parse_number
from jixiao.recognize.columns import display_width
from jixiao.recognize.indicator_cells import (
    NOT_SCORED,
    TEXT_COLS,
    Levels,
    from_cells,
    is_placeholder,
    is_score,
    make_indicator,
)
from jixiao.recognize.indicators_soft import soft_atoms, soft_rows
from jixiao.recognize.stream import Label, Tok, join_tokens


def parse_indicators(
    tokens: list[Tok], span: list[Label], header_end: Label, hi: int
) -> tuple[list[Indicator], list[str]]:
    lo = header_end.end
    columns, positions, header_len = _header(tokens, span, header_end)
    text_cols = [c for c in columns if c in TEXT_COLS] or ["level3", "target", "actual"]
    if "level3" not in text_cols:
        text_cols.insert(0, "level3")
    region_labels = {lab.start: lab for lab in span if lo <= lab.start < hi and lab.key in ("level1", "level2")}
    region = tokens[lo:hi]
    hard = sum(1 for t in region if t.hard and t.text) >= sum(1 for t in region if not t.hard and t.text)
    levels = Levels()
    if hard:
        rows = _hard_rows(tokens, lo, hi, region_labels, text_cols, positions, header_len, levels)
    else:
        region_labels = {at: lab for at, lab in region_labels.items() if not _wrapped_word(tokens, lab)}
        rows = soft_rows(soft_atoms(tokens, lo, hi, region_labels), text_cols, levels)
    return [r for r in rows if not is_placeholder(r)], levels.notes


def _wrapped_word(tokens: list[Tok], lab: Label) -> bool:
    """A short label word ("效益", "质量") alone on the line right under a long text line that breaks
    off mid-phrase is that text's wrapped tail ("保持良好生态" / "效益"), not a label cell."""
    first = tokens[lab.start]
    if first.hard or first.gap > 0 or lab.end - lab.start != 1 or len(first.text) > 3 or lab.start == 0:
        return False
    above = tokens[lab.start - 1]
    if above.hard or above.row == first.row:
        return False
    line = "".join(t.text for t in tokens[max(0, lab.start - 12):lab.start] if t.row == above.row)
    return display_width(line) >= 6 and "\u4e00" <= line[-1:] <= "\u9fff"


def _header(tokens: list[Tok], span: list[Label], header_end: Label) -> tuple[list[str], dict[str, int], int]:
    columns: list[str] = []
    positions: dict[str, int] = {}
    header_row = tokens[header_end.start].row
    for lab in span:
        if lab.start > header_end.start:
            break
        key = {"col_weight": "icol_weight", "col_score": "icol_score"}.get(lab.key, lab.key)
        if not key.startswith("icol_"):
            continue
        if key[5:] not in columns:
            columns.append(key[5:])
        tok = tokens[lab.start]
        if tok.hard and tok.row == header_row and key[5:] not in positions:
            positions[key[5:]] = tok.col  # 分值/得分 also head the funds block above: take this row's
    header_len = 0
    if tokens[header_end.start].hard:
        first = header_end.start
        while first > 0 and tokens[first - 1].row == header_row:
            first -= 1
        last = header_end.start
        while last + 1 < len(tokens) and tokens[last + 1].row == header_row:
            last += 1
        header_len = last - first + 1
    return columns, positions, header_len


def _hard_rows(tokens: list[Tok], lo: int, hi: int, labels: dict[int, Label], text_cols: list[str],
               positions: dict[str, int], header_len: int, levels: Levels) -> list[Indicator]:
    out: list[Indicator] = []
    raw = _merge_broken(_raw_rows(tokens, lo, hi, labels))
    for cells, first_line in raw:
        indicator = _positional(cells, positions, header_len, text_cols, levels)
        if indicator is None:
            leading: list[tuple[str, str]] = []
            rest: list[str] = []
            for text, key, _ in cells:
                if key is not None and not rest:
                    leading.append((key, text))
                elif text:
                    rest.append(text)
            levels.apply(leading)
            if not rest:
                continue
            indicator = from_cells(rest, text_cols)
        indicator.level1, indicator.level2 = levels.level1, levels.level2
        indicator.line = first_line
        out.append(indicator)
    return out


_Cells = list[tuple[str, str | None, int]]  # (text, label key, column)


def _raw_rows(tokens: list[Tok], lo: int, hi: int, labels: dict[int, Label]) -> list[tuple[_Cells, int]]:
    rows: list[tuple[_Cells, int]] = []
    i = lo
    while i < hi:
        row_id = tokens[i].row
        cells: _Cells = []
        first_line = tokens[i].line
        while i < hi and tokens[i].row == row_id:
            lab = labels.get(i)
            if lab is not None:
                cells.append((join_tokens(tokens[lab.start:lab.end]), lab.key, tokens[i].col))
                i = max(lab.end, i + 1)
            else:
                cells.append((tokens[i].text, None, tokens[i].col))
                i += 1
        rows.append((cells, first_line))
    return rows


def _has_pair(cells: _Cells) -> bool:
    texts = [t for t, key, _ in cells if t and key is None]
    return any(is_score(a) and is_score(b) for a, b in itertools.pairwise(texts))


def _merge_broken(rows: list[tuple[_Cells, int]]) -> list[tuple[_Cells, int]]:
    """Join a row broken across lines (a blank line or a newline inside a cell) with the rows that
    complete it: a row with text but no (分值, 得分) pair takes the next row(s) until one appears."""
    out: list[tuple[_Cells, int]] = []
    n = 0
    while n < len(rows):
        cells, line = rows[n]
        n += 1
        if any(t and key is None for t, key, _ in cells) and not _has_pair(cells):
            merged = list(cells)
            for ahead in range(n, min(n + 2, len(rows))):
                nxt = rows[ahead][0]
                first = next(((t, key) for t, key, _ in nxt if t), None)
                if first is None or first[1] is not None:
                    break
                merged += [(t, key, -1) for t, key, _ in nxt]
                if _has_pair(merged):
                    cells, n = merged, ahead + 1
                    break
        out.append((cells, line))
    return out


def _positional(cells: list[tuple[str, str | None, int]], positions: dict[str, int], header_len: int,
                text_cols: list[str], levels: Levels) -> Indicator | None:
    """Map a row by header position when it lines up with the header (same cell count, numbers in
    the 分值/得分 columns, labels or nothing in the level columns)."""
    if not header_len or len(cells) != header_len or "weight" not in positions or "score" not in positions:
        return None
    by_col = {col: (text, key) for text, key, col in cells}
    weight, score = by_col.get(positions["weight"], ("", None))[0], by_col.get(positions["score"], ("", None))[0]
    if any(cell and parse_number(cell) is None and normalize(cell) not in NOT_SCORED for cell in (weight, score)):
        return None
    first_text = min(positions.get(c, 99) for c in text_cols)
    for text, key, col in cells:
        if col < first_text and text and key is None:
            return None
        if col >= first_text and key is not None:
            return None
    leading = [(key, text) for text, key, col in cells if key is not None and col < first_text]
    values = {c: by_col.get(positions[c], ("", None))[0] for c in text_cols if c in positions}
    if not any(values.values()) and not weight and not score:
        levels.apply(leading)
        return None if leading else Indicator()
    levels.apply(leading)
    note = by_col.get(positions["note"], ("", None))[0] if "note" in positions else ""
    return make_indicator(values, weight, score, note)


# What a form prints in a 分值/得分 cell that holds no number on purpose ("/" under a row that does not
# apply): kept as printed, never read as a number.
