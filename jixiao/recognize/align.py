"""Typed alignment of printed cells onto the columns of a row.

When a converter drops empty cells or shifts a row, position alone cannot say which number is
the 全年执行数 and which the 分值. :func:`align` assigns cells to slots in order, maximising how
well each cell's type fits its slot (a percentage belongs to 执行率, a dash to 分值/得分 of a
sub-row …). It is a small dynamic programme: cells × slots, linear in practice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from jixiao.model.values import is_blank, normalize, parse_number

Fit = Callable[[str, str], float]
_SKIP_CELL = -1.5
_PERCENTISH = re.compile(r"\d.*[%％]")
_NUMBERISH = re.compile(r"^[+-]?\d[\d,.\s]*$")


def fund_fit(cell: str, slot: str) -> float:
    """How well a printed cell fits a funds column (higher is better)."""
    t = normalize(cell)
    if not t:
        return 0.1
    if _PERCENTISH.search(t):
        return 3.0 if slot == "execution_rate" else -5.0
    if is_blank(cell):
        return {"weight": 1.0, "score": 1.0, "execution_rate": 0.8}.get(slot, 0.3)
    number = parse_number(cell)
    if number is not None or _NUMBERISH.match(cell.strip()):
        bonus = {"executed": 0.2, "full_year_budget": 0.15, "weight": 0.1, "initial_budget": 0.05}.get(slot, 0.0)
        if slot == "execution_rate":
            if number is not None and number <= 1:
                return 0.5
            return 0.3 if number is not None and number <= 200 else -3.0  # "100" printed without its %
        if slot in ("weight", "score") and (number is None or number > 100):
            return -2.0
        if slot in ("weight", "score") and number is not None and int(number.as_tuple().exponent) < -2:
            return 0.3  # weights and scores are printed with at most two decimals
        return 1.0 + bonus
    return -2.0


def align(cells: Sequence[str], slots: Sequence[str], fit: Fit, skip: float = _SKIP_CELL) -> dict[str, str]:
    """Assign cells to slots in order; every cell is used at most once (leaving a printed cell out costs
    ``skip``), unmatched slots are absent."""
    n, m = len(cells), len(slots)
    neg = float("-inf")
    best = [[0.0] * (m + 1)] + [[neg] * (m + 1) for _ in range(n)]
    move: list[list[str]] = [[""] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        cell = cells[i - 1]
        leave = 0.0 if not normalize(cell) else skip
        above, here, how_here = best[i - 1], best[i], move[i]
        for j in range(m + 1):
            # the first best of: leave the cell out, leave the slot empty, put the cell in the slot
            score, how = above[j] + leave, "c"
            if j > 0:
                if here[j - 1] > score:
                    score, how = here[j - 1], "s"
                matched = above[j - 1] + fit(cell, slots[j - 1])
                if matched > score:
                    score, how = matched, "m"
            here[j], how_here[j] = score, how
    result: dict[str, str] = {}
    i, j = n, m
    while i > 0 and j > 0:
        how = move[i][j]
        if how == "m":
            if normalize(cells[i - 1]):
                result[slots[j - 1]] = cells[i - 1]
            i, j = i - 1, j - 1
        elif how == "s":
            j -= 1
        else:
            i -= 1
    return result
