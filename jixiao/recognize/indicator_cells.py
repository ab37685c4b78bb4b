"""The cells of one indicator row → an ``Indicator``, shared by both paths of :mod:`.indicators`.

Every row reads, in order: 一级指标?, 二级指标?, 三级指标, [指标性质], 年度指标值, [度量单位],
实际完成值, 分值, 得分, 偏差原因分析?. The last two adjacent numbers are 分值 and 得分; the text
before them is fitted to the text columns by wrap widths and value shapes.
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

# "指标2：……", "指标3：。", or a lone "指"/"标" left over from a label broken across a page.
PLACEHOLDER = re.compile(r"^(?:指标\d+[:：.、]?)?(?:…+|\.+|。+)?$|^[指标]$")
_VALUE_WORD = re.compile(
    r"^(?:[≥≤=<>＜＞]|大于等于|小于等于|不低于|不高于|不少于|不超过|大于|小于|高于|低于|达到)?[+-]?\d+(?:\.\d+)?"
    r"(?:%|[\u4e00-\u9fff]{1,3}|[a-zA-Z]{1,3})?(?:以上|以下|以内)?$|^(?:优|良|中|差|是|否|优良|优良中差|是否|达标|合格)$"
)
ROW_START = re.compile(r"^指标\s*\d+\s*[:：]\s*[\u4e00-\u9fffA-Za-z0-9]")
ORDINAL = re.compile(r"^指标\s*\d+")
_NATURE_OPS = {"≥": "≥", ">=": "≥", "大于等于": "≥", "≤": "≤", "<=": "≤", "小于等于": "≤", "=": "=", "＝": "=",
               "等于": "=", ">": ">", "<": "<", "大于": ">", "小于": "<"}
_GRADE_WORD = re.compile(r"^(?:优|良|中|差|是|否|优良|优良中差|是否|达标|合格)$")

TERMINAL = tuple("。.；;！!）)")
TEXT_COLS = ("level3", "nature", "target", "unit", "actual")
_PRIORITY = ("level3", "target", "actual", "nature", "unit")


def _chinese_word(text: str) -> bool:
    """One to three Chinese characters (a unit: 个, 人次; the pattern ^[\\u4e00-\\u9fff]{1,3}$, which would
    also take a trailing newline, without a regex class that costs a millisecond to compile)."""
    word = text[:-1] if text.endswith("\n") else text
    return 1 <= len(word) <= 3 and all("\u4e00" <= c <= "\u9fff" for c in word)


@dataclass
class Atom:
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
class Levels:
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


NOT_SCORED = frozenset({"/", "／", "\\", "—", "——", "-", "－", "--", "不适用", "不涉及", "无"})


def from_cells(cells: list[str], text_cols: list[str], atoms: list[Atom] | None = None) -> Indicator:
    pair = None
    for i in range(len(cells) - 2, -1, -1):
        if is_score(cells[i]) and is_score(cells[i + 1]):
            pair = i
            break
    weight = score = note = ""
    if pair is not None:
        middle, weight, score = cells[:pair], cells[pair], cells[pair + 1]
        note = " ".join(cells[pair + 2:])
    elif len(cells) > 1 and is_score(cells[-1]):
        middle, weight = cells[:-1], cells[-1]
    else:
        middle = cells
    middle_atoms = atoms[: len(middle)] if atoms is not None and len(atoms) >= len(middle) else None
    return make_indicator(_fit_middle(middle, text_cols, middle_atoms), weight, score, note)


def _fit_middle(middle: list[str], text_cols: list[str], atoms: list[Atom] | None = None) -> dict[str, str]:
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


def _best_cells(middle: list[str], atoms: list[Atom], k: int) -> tuple[list[str], list[int] | None]:
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
            rest, values = value_tail(words, m)
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
                mixed = sum(1 for p in pieces if all(value_tail(p.split(" "), 1)))
                options.append((found[1] + 0.1 * (len(pieces) - 1) + 0.5 * mixed, [*middle[:-1], *pieces],
                                found[0]))
    if not options:
        return middle, None
    _, cells, starts = min(options, key=lambda o: o[0])
    return cells, starts


def rest_first(pieces: list[str], words: list[str]) -> bool:
    """Whether the first piece is text left over before the values (not a value itself)."""
    return len(pieces) > 1 and not is_value(pieces[0]) and len(pieces[0].split(" ")) < len(words)


def _split_words(middle: list[str], k: int, unit_column: bool = False) -> list[str] | None:
    """A flattened line: when the words of the row are exactly the missing cells, each is a cell."""
    words = [w for cell in middle for w in cell.split(" ") if w]
    if len(words) > 1 and words[0] == "指标" and words[1][:1].isdigit():
        words[:2] = [f"{words[0]} {words[1]}"]  # "指标 1：" is one ordinal, not two cells
    if not unit_column and any(parse_number(a) is not None and _chinese_word(b) and not _GRADE_WORD.match(b)
                               for a, b in itertools.pairwise(words)):
        return None  # "527 万": a number and its unit are one cell (unless units have a column)
    return words if len(words) == k and len(middle) == 1 else None


def _all_values(cell: str) -> bool:
    """A cell of two or more values and nothing else ("优良 优良", "大于 95 大于 95")."""
    rest, values = value_tail(cell.split(" "), 2)
    return not rest and len(values) == 2


def value_tail(words: list[str], limit: int) -> tuple[list[str], list[str]]:
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
            if size == 1 and _chinese_word(joined) and not _GRADE_WORD.match(joined):
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
        rest, values = value_tail(middle[at].split(" "), 2)
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


def make_indicator(values: dict[str, str], weight: str, score: str, note: str) -> Indicator:
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


def is_score(text: str) -> bool:
    number = parse_number(text)
    return number is not None and 0 <= number <= 100


def is_placeholder(ind: Indicator) -> bool:
    if ind.weight is not None or ind.score is not None:
        return False
    if ind.target or ind.actual:
        return False
    return ind.level3 is None or bool(PLACEHOLDER.match(normalize(ind.level3)))


# ---------------------------------------------------------------- soft text (PDF, flattened)

def is_value(text: str) -> bool:
    """One value and nothing else ("161 万", "≥95%", "优")."""
    rest, values = value_tail(text.split(" "), 1)
    return not rest and bool(values)
