"""A text row's cells onto its header's columns, by what each cell looks like.

Text layouts lose the grid: a merged cell printed once (the level cells of the first row of a
block), a block label column that spans the whole table, trailing empty cells. Position alone then
puts every cell one column off. :func:`fit_row` assigns the cells in order to the columns in order
(a cell may be skipped at a cost, a column is free to skip), maximising how well each cell fits its
column's concept: an operator belongs to 指标性质, a level word to 一级/二级指标, a number to 分值/得分 …
A small dynamic programme, cells × columns.
"""

from __future__ import annotations

from functools import lru_cache

from jixiao.model.values import is_blank, parse_number
from jixiao.recognize.align import align
from jixiao.recognize.forms.rows import OPERATORS, is_number_cell
from jixiao.recognize.lexicon import base_text, lexicon, points_of

_UNIT_SIGNS = frozenset("%‰/²³·*")


def _unit_like(t: str) -> bool:
    """One to six characters a unit is written in: 个, 万元, %, m², km/h (a regex class over the CJK range
    would cost a millisecond to compile)."""
    return 1 <= len(t) <= 6 and all("\u4e00" <= c <= "\u9fff" or c in _UNIT_SIGNS or "A" <= c <= "Z"
                                    or "a" <= c <= "z" for c in t)


_SKIP = -1.2


@lru_cache(maxsize=65536)
def _features(text: str) -> tuple[bool, bool, bool, bool, bool, bool, bool, bool]:
    """(empty, level1 word, level2 word, number, operator, unit-like, dash, number ≤ 100) of a cell; a
    short label carrying its points ("预算配置(15分)") counts as a level word of either level."""
    t = base_text(text)
    if not t:
        return (True, False, False, False, False, False, False, False)
    lex = lexicon()
    number = is_number_cell(t)
    value = parse_number(t)
    pointed = len(t) <= 16 and points_of(text) is not None
    return (False, lex.concept(text, "level1") is not None or pointed,
            lex.concept(text, "level2") is not None or pointed, number,
            t in OPERATORS, _unit_like(t) and not number and t not in OPERATORS, is_blank(text),
            value is not None and value <= 100)


def _fit(text: str, concept: str) -> float:
    empty, level1, level2, number, op, unit, dash, small = _features(text)
    if empty:
        return 0.0
    if concept == "level1":
        return 3.0 if level1 else -2.0
    if concept == "level2":
        return 3.2 if level2 else -2.0
    if concept == "indicators":
        return -3.0
    if concept == "nature":
        return 3.0 if op else -3.0
    if concept in ("weight", "score"):
        return 0.6 if dash else 1.2 if small else -3.0
    if level1 or level2:
        return -2.5
    if concept == "level3":
        return -1.0 if number or op else 1.0
    if concept == "value":
        return 1.5 if number else 0.2
    if concept == "unit":
        return 1.0 if unit else -1.5
    if concept in ("target", "actual"):
        return 0.6
    if concept == "note":
        return 0.2 if not number else -0.5
    return 0.1


def fit_row(texts: list[str], concepts: list[str]) -> dict[str, str]:
    """Cells (in order) → {concept: cell}; unplaced cells are dropped, unfilled columns absent."""
    return align(texts, concepts, _fit, skip=_SKIP)
