"""The indicator table of a self-evaluation form → indicator rows.

Every row reads, in order: 一级指标?, 二级指标?, 三级指标, [指标性质], 年度指标值, [度量单位],
实际完成值, 分值, 得分, 偏差原因分析?. Merged level cells are carried down. Two paths:

* hard rows (tab, pipe, DOCX): each row's cells, by header position when the row lines up with
  the header, else by type (the last two adjacent numbers are 分值 and 得分);
* soft text (PDF, flattened lines): the stream is cut into rows at each (分值, 得分) pair; blocks
  between are the text cells; fragments after a page break continue the open cells of the row
  above; placeholder rows (「指标2：……」) are dropped.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field

from jixiao.model.selfeval import Indicator
from jixiao.model.values import normalize, parse_number, parse_value
from jixiao.read.text import clean, join_fragments
from jixiao.recognize.columns import display_width
from jixiao.recognize.labels import level1_family, level1_for
from jixiao.recognize.partition import Block, best_partition
from jixiao.recognize.stream import Label, Tok, join_tokens

# "指标2：……", "指标3：。", or a lone "指"/"标" left over from a label broken across a page.
_PLACEHOLDER = re.compile(r"^(?:指标\d+[:：.、]?)?(?:…+|\.+|。+)?$|^[指标]$")
_VALUE_WORD = re.compile(
    r"^(?:[≥≤=<>＜＞]|大于等于|小于等于|不低于|不高于|不少于|不超过|大于|小于|高于|低于|达到)?[+-]?\d+(?:\.\d+)?"
    r"(?:%|[\u4e00-\u9fff]{1,3}|[a-zA-Z]{1,3})?(?:以上|以下|以内)?$|^(?:优|良|中|差|是|否|优良|优良中差|是否|达标|合格)$"
)
_ROW_START = re.compile(r"^指标\s*\d+\s*[:：]\s*[\u4e00-\u9fffA-Za-z0-9]")
_ORDINAL = re.compile(r"^指标\s*\d+")
_NATURE_OPS = {"≥": "≥", ">=": "≥", "大于等于": "≥", "≤": "≤", "<=": "≤", "小于等于": "≤", "=": "=", "＝": "=",
               "等于": "=", ">": ">", "<": "<", "大于": ">", "小于": "<"}
_GRADE_WORD = re.compile(r"^(?:优|良|中|差|是|否|优良|优良中差|是否|达标|合格)$")
_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{1,3}$")
_TERMINAL = tuple("。.；;！!）)")
_TEXT_COLS = ("level3", "nature", "target", "unit", "actual")
_PRIORITY = ("level3", "target", "actual", "nature", "unit")


@dataclass
class _Atom:
    kind: str  # "label" | "num" | "text"
    text: str
    line: int
    gap: int = 0
    key: str | None = None
    widths: list[float] = field(default_factory=list)  # display width of each line (CJK = 1)
    row: int = -1
    fixed: bool = False  # stands on a line with its scores: never joined to the block above
    note: bool = False  # printed after the scores on their line
    tail: str = ""  # the last line of a text atom joined from several lines


@dataclass
class _Levels:
    level1: str | None = None
    level2: str | None = None
    notes: list[str] = field(default_factory=list)

    def apply(self, labels: list[tuple[str, str]]) -> None:
        if len(labels) >= 2:
            self.level1, self.level2 = labels[0][1], labels[1][1]
            return
        if not labels:
            return
        key, text = labels[0]
        family = level1_family(text) if key == "level1" else None
        if key == "level1" and family is not None and not (
            family == "满意度" and self.level1 is not None and level1_family(self.level1) == "满意度"
        ):
            self.level1, self.level2 = text, None
            return
        self.level2 = text
        wanted = level1_for(text)
        current = level1_family(self.level1) if self.level1 else None
        if wanted is not None and current != wanted:
            self.notes.append(f"二级指标「{text}」所在行的一级指标为空，按其类别归入「{wanted}指标」")
            self.level1 = f"{wanted}指标" if wanted != "满意度" else "满意度指标"


def parse_indicators(
    tokens: list[Tok], span: list[Label], header_end: Label, hi: int
) -> tuple[list[Indicator], list[str]]:
    lo = header_end.end
    columns, positions, header_len = _header(tokens, span, header_end)
    text_cols = [c for c in columns if c in _TEXT_COLS] or ["level3", "target", "actual"]
    if "level3" not in text_cols:
        text_cols.insert(0, "level3")
    region_labels = {lab.start: lab for lab in span if lo <= lab.start < hi and lab.key in ("level1", "level2")}
    region = tokens[lo:hi]
    hard = sum(1 for t in region if t.hard and t.text) >= sum(1 for t in region if not t.hard and t.text)
    levels = _Levels()
    if hard:
        rows = _hard_rows(tokens, lo, hi, region_labels, text_cols, positions, header_len, levels)
    else:
        region_labels = {at: lab for at, lab in region_labels.items() if not _wrapped_word(tokens, lab)}
        rows = _soft_rows(_atoms(tokens, lo, hi, region_labels), text_cols, levels)
    return [r for r in rows if not _is_placeholder(r)], levels.notes


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
               positions: dict[str, int], header_len: int, levels: _Levels) -> list[Indicator]:
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
            indicator = _from_cells(rest, text_cols)
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
    return any(_is_score(a) and _is_score(b) for a, b in itertools.pairwise(texts))


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
                text_cols: list[str], levels: _Levels) -> Indicator | None:
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
    return _indicator(values, weight, score, note)


# What a form prints in a 分值/得分 cell that holds no number on purpose ("/" under a row that does not
# apply): kept as printed, never read as a number.
NOT_SCORED = frozenset({"/", "／", "\\", "—", "——", "-", "－", "--", "不适用", "不涉及", "无"})


def _from_cells(cells: list[str], text_cols: list[str], atoms: list[_Atom] | None = None) -> Indicator:
    pair = None
    for i in range(len(cells) - 2, -1, -1):
        if _is_score(cells[i]) and _is_score(cells[i + 1]):
            pair = i
            break
    weight = score = note = ""
    if pair is not None:
        middle, weight, score = cells[:pair], cells[pair], cells[pair + 1]
        note = " ".join(cells[pair + 2:])
    elif len(cells) > 1 and _is_score(cells[-1]):
        middle, weight = cells[:-1], cells[-1]
    else:
        middle = cells
    middle_atoms = atoms[: len(middle)] if atoms is not None and len(atoms) >= len(middle) else None
    return _indicator(_fit_middle(middle, text_cols, middle_atoms), weight, score, note)


def _fit_middle(middle: list[str], text_cols: list[str], atoms: list[_Atom] | None = None) -> dict[str, str]:
    """Fit the text cells of a row to its text columns. Too many cells: join neighbours — for
    PDF fragments the pair whose line widths are most alike (one column), else the shortest."""
    middle = list(middle)
    lines = [list(a.widths or [display_width(a.text)]) for a in atoms] if atoms else None
    fixed = [a.fixed for a in atoms] if atoms else None
    k = len(text_cols)
    splittable = atoms is not None and bool(atoms) and atoms[-1].fixed and " " in atoms[-1].text.strip()
    if atoms and len(atoms) == len(middle) and (len(middle) > k or (len(middle) >= k - 2 and splittable)):
        middle, starts = _best_cells(middle, atoms, k)
        if starts is not None:
            ends = [*starts[1:], len(middle)]
            joined = []
            for s, e in zip(starts, ends, strict=True):
                cell = ""
                for text in middle[s:e]:
                    cell = join_fragments(cell, text)
                joined.append(cell)
            middle = joined
    while len(middle) > k:
        candidates = [n for n in range(1, len(middle)) if not (fixed and fixed[n])] or list(range(1, len(middle)))
        if lines is not None:
            def cost(n: int, w: list[list[float]] = lines) -> float:
                if len(w[n]) == 1 and w[n][0] <= 2:  # a wrapped tail such as "元" or "户"
                    return -1.0
                return abs(statistics.median(w[n]) - statistics.median(w[n - 1]))
            at = min(candidates, key=cost)
            lines[at - 1] += lines[at]
            del lines[at]
            if fixed:
                del fixed[at]
        else:
            at = min(candidates, key=lambda n: len(middle[n]))
        middle[at - 1] = join_fragments(middle[at - 1], middle[at])
        del middle[at]
    if middle and (len(middle) < k or _all_values(middle[-1])):
        middle = _split_words(middle, k, "unit" in text_cols) or _peel(middle, k)
    chosen = [c for c in text_cols if c in _PRIORITY[: len(middle)]] if len(middle) < k else text_cols
    chosen = sorted(chosen, key=text_cols.index)[: len(middle)]
    return dict(zip(chosen, middle, strict=False))


def _best_cells(middle: list[str], atoms: list[_Atom], k: int) -> tuple[list[str], list[int] | None]:
    """Partition the row's text blocks into ``k`` cells; the block on the scores' line may hold the
    last cells itself ("1 年 正常运转"), so splitting its last words off is tried too."""
    blocks = [Block(a.text, tuple(a.widths or [display_width(a.text)]), a.fixed) for a in atoms]
    options: list[tuple[float, list[str], list[int]]] = []
    found = best_partition(blocks, k)
    if found is not None:
        options.append((found[1], middle, found[0]))
    last = atoms[-1]
    words = last.text.split(" ")
    if last.fixed and len(atoms) == len(middle):
        splits: list[list[str]] = []
        for m in (1, 2):
            rest, values = _value_tail(words, m)
            if values and len(values) == m:
                splits.append([*([" ".join(rest)] if rest else []), *values])  # "12 个月 | 12 个月"
            elif not values and len(words) > m:
                splits.append([" ".join(words[:-m]), *words[-m:]])  # "1 年 | 正常运转"
        for pieces in splits:
            if len(pieces) < 2:
                continue
            # The text before the values may be the tail of the cell above; the values start cells.
            trial = [*blocks[:-1], *(Block(p, (display_width(p),), n > 0 or not rest_first(pieces, words))
                                     for n, p in enumerate(pieces))]
            found = best_partition(trial, k)
            if found is not None:
                # A piece that still ends in a value after text ("文化自信 1") is two cells run together.
                mixed = sum(1 for p in pieces if all(_value_tail(p.split(" "), 1)))
                options.append((found[1] + 0.1 * (len(pieces) - 1) + 0.5 * mixed, [*middle[:-1], *pieces],
                                found[0]))
    if not options:
        return middle, None
    _, cells, starts = min(options, key=lambda o: o[0])
    return cells, starts


def rest_first(pieces: list[str], words: list[str]) -> bool:
    """Whether the first piece is text left over before the values (not a value itself)."""
    return len(pieces) > 1 and not _is_value(pieces[0]) and len(pieces[0].split(" ")) < len(words)


def _split_words(middle: list[str], k: int, unit_column: bool = False) -> list[str] | None:
    """A flattened line: when the words of the row are exactly the missing cells, each is a cell."""
    words = [w for cell in middle for w in cell.split(" ") if w]
    if len(words) > 1 and words[0] == "指标" and words[1][:1].isdigit():
        words[:2] = [f"{words[0]} {words[1]}"]  # "指标 1：" is one ordinal, not two cells
    if not unit_column and any(parse_number(a) is not None and _CJK_WORD.match(b) and not _GRADE_WORD.match(b)
                               for a, b in itertools.pairwise(words)):
        return None  # "527 万": a number and its unit are one cell (unless units have a column)
    return words if len(words) == k and len(middle) == 1 else None


def _all_values(cell: str) -> bool:
    """A cell of two or more values and nothing else ("优良 优良", "大于 95 大于 95")."""
    rest, values = _value_tail(cell.split(" "), 2)
    return not rest and len(values) == 2


def _value_tail(words: list[str], limit: int) -> tuple[list[str], list[str]]:
    """Up to ``limit`` values at the end of a cell's words ("≥ 700 次", "优良", "大于 95"),
    each one to three words that read as one value; returns (the words before, the values)."""
    words = list(words)
    values: list[str] = []
    while len(values) < limit and words:
        for size in (3, 2, 1):
            if size > len(words):
                continue
            phrase = words[-size:]
            joined = "".join(phrase)
            if not _VALUE_WORD.match(joined) or sum(bool(re.search(r"\d", w)) for w in phrase) > 1:
                continue
            if size == 1 and _CJK_WORD.match(joined) and not _GRADE_WORD.match(joined):
                continue  # a lone CJK word ("完成") is text, not a value
            values.insert(0, " ".join(phrase))
            del words[-size:]
            break
        else:
            break
    return words, values


def _peel(middle: list[str], k: int) -> list[str]:
    """Split values off the end of a run-together cell ("指标1 ≥700次 827次", "文化自信 1 1"): the
    values become cells of their own; text cells are then joined again to fit ``k`` columns."""
    for at in range(len(middle) - 1, -1, -1):
        rest, values = _value_tail(middle[at].split(" "), 2)
        if not values:
            continue
        middle = [*middle[:at], *([" ".join(rest)] if rest else []), *values, *middle[at + 1:]]
        break
    while len(middle) > k:
        texts = [n for n in range(1, len(middle)) if not _VALUE_WORD.match(middle[n].replace(" ", ""))
                 and not _VALUE_WORD.match(middle[n - 1].replace(" ", ""))]
        at = texts[0] if texts else len(middle) - 1
        middle[at - 1] = join_fragments(middle[at - 1], middle[at])
        del middle[at]
    return middle


def _indicator(values: dict[str, str], weight: str, score: str, note: str) -> Indicator:
    ind = Indicator(**{k: clean(v) or None for k, v in values.items()})
    ind.weight, ind.score = parse_number(weight), parse_number(score)
    ind.deviation_note = clean(note) or None
    ind.printed = {k: v for k, v in (("weight", weight), ("score", score)) if v}
    parse_values(ind)
    return ind


def parse_values(ind: Indicator) -> None:
    """Set the structured ``target_value``/``actual_value`` from the row's printed cells."""
    ind.target_value = parse_value(ind.target) if ind.target else None
    ind.actual_value = parse_value(ind.actual) if ind.actual else None
    _apply_columns(ind)


def _apply_columns(ind: Indicator) -> None:
    """Templates with 指标性质 and 度量单位 columns print "≥ | 12 | 个": the structured values take
    the operator and unit from their columns (the cells themselves stay as printed)."""
    nature = normalize(ind.nature or "")
    unit = clean(ind.unit or "")
    for name in ("target_value", "actual_value"):
        value = getattr(ind, name)
        if value is None or value.kind != "number":
            continue
        changes: dict[str, object] = {}
        if name == "target_value" and value.op is None and nature in _NATURE_OPS:
            changes["op"] = _NATURE_OPS[nature]
        if value.unit is None and unit:
            changes["unit"] = unit
        if changes:
            setattr(ind, name, value.model_copy(update=changes))


def _is_score(text: str) -> bool:
    number = parse_number(text)
    return number is not None and 0 <= number <= 100


def _is_placeholder(ind: Indicator) -> bool:
    if ind.weight is not None or ind.score is not None:
        return False
    if ind.target or ind.actual:
        return False
    return ind.level3 is None or bool(_PLACEHOLDER.match(normalize(ind.level3)))


# ---------------------------------------------------------------- soft text (PDF, flattened)

def _atoms(tokens: list[Tok], lo: int, hi: int, labels: dict[int, Label]) -> list[_Atom]:
    atoms: list[_Atom] = []
    words: list[Tok] = []
    i = lo
    while i < hi:
        tok = tokens[i]
        lab = labels.get(i)
        if lab is not None or (words and tok.row != words[0].row):
            _line_atoms(words, atoms, continues=lab is None and tok.gap == 0)
            words = []
        if lab is not None:
            atoms.append(_Atom("label", join_tokens(tokens[lab.start:lab.end]), tok.line, tok.gap, lab.key))
            i = max(lab.end, i + 1)
            continue
        if tok.text:
            words.append(tok)
        i += 1
    _line_atoms(words, atoms)
    return atoms


def _line_atoms(words: list[Tok], atoms: list[_Atom], continues: bool = False) -> None:
    """Cut one line's words at each run of two or more scores: the text before a run is a cell
    group of its own, the run's last two numbers are 分值 and 得分, text after them is a note."""
    if not words:
        return
    start = 0
    n = 0
    first = True
    while n < len(words):
        if _is_score(words[n].text):
            run_end = n
            while run_end < len(words) and _is_score(words[run_end].text):
                run_end += 1
            if run_end - n >= 2:
                segment = words[start:run_end - 2]
                if segment:
                    atoms.append(_text_atom(segment, fixed=True, gap=words[0].gap if first else 0))
                for w in words[run_end - 2:run_end]:
                    atoms.append(_Atom("num", w.text, w.line, 0, row=w.row))
                first = False
                start = n = run_end
                continue
            n = run_end
            continue
        n += 1
    rest = words[start:]
    if not rest:
        return
    if not first:
        atoms.append(_text_atom(rest, fixed=True, gap=0, note=True))
        return
    text = " ".join(w.text for w in rest)
    last = atoms[-1] if atoms else None
    if (last is not None and last.kind == "text" and not last.fixed and words[0].gap == 0
            and not _ORDINAL.match(text) and not _narrower_column(last, text, continues)
            and not (_is_value(last.text) and _is_value(text))):
        last.text = join_fragments(last.text, clean(text))
        last.widths.append(display_width(text))
        last.tail = text
        last.row = words[0].row
        return
    atoms.append(_text_atom(rest, fixed=False, gap=words[0].gap))


def _is_value(text: str) -> bool:
    """One value and nothing else ("161 万", "≥95%", "优")."""
    rest, values = _value_tail(text.split(" "), 1)
    return not rest and bool(values)


def _narrower_column(last: _Atom, text: str, continues: bool) -> bool:
    """A line much narrower than the one above that is itself followed by more lines: not the
    wrapped tail of the cell above (a tail is the cell's last line) but the next, narrower cell."""
    above = display_width(last.tail or last.text)
    return continues and above >= 5 and display_width(text) < 0.6 * above


def _text_atom(words: list[Tok], fixed: bool, gap: int, note: bool = False) -> _Atom:
    text = " ".join(w.text for w in words)  # spaces kept: on a flattened line they part the cells
    return _Atom("text", text, words[0].line, gap, widths=[display_width(text)], row=words[0].row, fixed=fixed,
                 note=note)


def _soft_rows(atoms: list[_Atom], text_cols: list[str], levels: _Levels) -> list[Indicator]:
    out: list[Indicator] = []
    pending: list[_Atom] = []
    group_rows: list[Indicator] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        if atom.kind == "label":
            _flush(pending, group_rows, out, text_cols, levels)
            pending, group_rows = [], []
            run = [(atom.key or "level2", atom.text)]
            while i + 1 < len(atoms) and atoms[i + 1].kind == "label":
                i += 1
                run.append((atoms[i].key or "level2", atoms[i].text))
            levels.apply(run)
            i += 1
            continue
        is_pair = (atom.kind == "num" and i + 1 < len(atoms) and atoms[i + 1].kind == "num"
                   and (i + 2 >= len(atoms) or atoms[i + 2].kind != "num"))
        if not is_pair:
            if _starts_row(atom) and any(_starts_row(a) for a in _real(pending)):
                _scoreless_row(pending, out, text_cols, levels)  # the row above printed no scores
                pending = []
            pending.append(atom)
            i += 1
            continue
        score_atom = atoms[i + 1]
        note = ""
        nxt = atoms[i + 2] if i + 2 < len(atoms) else None
        if nxt is not None and nxt.note:
            note = nxt.text
            i += 1
        continuation, pending = _split_continuation(pending, group_rows, len(text_cols))
        if continuation:
            _continue_cells(group_rows[-1], continuation)
        indicator = _from_cells([a.text for a in pending] + [atom.text, score_atom.text], text_cols, pending)
        indicator.deviation_note = note or None
        indicator.level1, indicator.level2 = levels.level1, levels.level2
        indicator.line = pending[0].line if pending else atom.line
        out.append(indicator)
        group_rows.append(indicator)
        pending = []
        i += 2
    _flush(pending, group_rows, out, text_cols, levels)
    return out


def _starts_row(atom: _Atom) -> bool:
    """A text cell opening with an indicator's ordinal ("指标 2：…") starts a new row."""
    return atom.kind == "text" and not atom.note and bool(_ROW_START.match(atom.text))


def _scoreless_row(pending: list[_Atom], out: list[Indicator], text_cols: list[str], levels: _Levels) -> None:
    real = _real(pending)
    start = next(n for n, a in enumerate(real) if _starts_row(a))
    if start and out:
        _continue_cells(out[-1], real[:start])
    row = real[start:]
    indicator = _from_cells([a.text for a in row], text_cols, row)
    indicator.level1, indicator.level2 = levels.level1, levels.level2
    indicator.line = row[0].line
    out.append(indicator)


def _real(pending: list[_Atom]) -> list[_Atom]:
    return [a for a in pending if not _PLACEHOLDER.match(normalize(a.text))]


def _split_continuation(pending: list[_Atom], group_rows: list[Indicator], k: int) -> tuple[list[_Atom], list[_Atom]]:
    pending = _real(pending)
    if not group_rows or not pending:
        return [], pending
    cont: list[_Atom] = []
    while pending and len(pending) > k and max(pending[0].widths or [99]) <= 6 and (cont or pending[0].gap >= 2):
        cont.append(pending.pop(0))
    return cont, pending


def _flush(pending: list[_Atom], group_rows: list[Indicator], out: list[Indicator], text_cols: list[str],
           levels: _Levels) -> None:
    real = _real(pending)
    if not real:
        return
    if group_rows and (real[0].gap >= 2 or all(max(a.widths or [99]) <= 6 for a in real)):
        _continue_cells(group_rows[-1], real)
        return
    indicator = _from_cells([a.text for a in real], text_cols, real)
    indicator.level1, indicator.level2 = levels.level1, levels.level2
    indicator.line = real[0].line
    out.append(indicator)


def _continue_cells(row: Indicator, atoms: list[_Atom]) -> None:
    """Fragments after a page break continue the cells of the row above that were left open."""
    fields = [f for f in ("level3", "target", "actual", "deviation_note") if getattr(row, f)]
    open_fields = [f for f in fields if not str(getattr(row, f)).endswith(_TERMINAL)] or fields[-1:]
    n = 0
    for atom in atoms:
        name = open_fields[min(n, len(open_fields) - 1)]
        value = join_fragments(getattr(row, name) or "", atom.text)
        setattr(row, name, value)
        if value.endswith(_TERMINAL):
            n += 1
    row.target_value = parse_value(row.target) if row.target else None
    row.actual_value = parse_value(row.actual) if row.actual else None
