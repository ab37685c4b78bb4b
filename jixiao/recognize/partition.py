"""Partition a run of PDF text blocks into the ``k`` cells of one table row.

A row of narrow PDF cells comes out as blocks of short lines, cell after cell. When there are more
blocks than cells, neighbours must be joined. The best partition is the one whose cells each look
like one wrapped cell: full lines of about the same width (short lines only where an item or the
cell ends), and no cell ending in the middle of a sentence. A small dynamic programme over the
blocks finds it; blocks marked ``locked`` (text standing on the line of the scores) always start
a cell.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_OPEN_END = "，,、：:（("
_ITEM_END = "。；;！!"
_OPERATOR_END = re.compile(r"(大于|小于|等于|不低于|不高于|不少于|不超过|[≥≤<>=＜＞])$")
MAX_BLOCKS = 120
RESTART_BONUS = 4.0


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    widths: tuple[float, ...]  # the display width of each line of the block
    locked: bool = False  # must start a cell


def _line_cost(full: float, w: float, exempt: bool) -> float:
    if not exempt and full > 2 and w < full:
        shortfall = (full - w) / full
        return shortfall * (2 if shortfall > 0.5 else 1)  # far narrower: another column
    if w > full * 1.5:
        return 1.0  # a line much wider than the cell's lines belongs to another cell
    return 0.0


def _end_cost(blocks: Sequence[Block], lines: int, chars: int) -> float:
    text = blocks[-1].text.rstrip()
    last = text[-1:]
    if last in _OPEN_END or _OPERATOR_END.search(text):
        return 3.0  # "…，" or "大于等于" cannot end a cell
    if lines >= 3 and chars >= 15 and "\u4e00" <= last <= "\u9fff":
        return 1.0  # wrapped prose usually ends on punctuation, not in the middle of a phrase
    return 0.0


def _median(counts: Counter[float], total: int) -> float:
    lo, hi = (total - 1) // 2, total // 2
    seen = 0
    low: float | None = None
    for width in sorted(counts):
        seen += counts[width]
        if low is None and seen > lo:
            low = width
        if seen > hi:
            return (low + width) / 2 if low is not None else width
    raise ValueError("empty")


def _costs_from(blocks: Sequence[Block], s: int) -> list[float]:
    """The cost of blocks[s:i] as one cell, for every i (incrementally: widths are counted, not
    re-sorted, so a start costs O(n·distinct widths))."""
    costs: list[float] = []
    plain: Counter[float] = Counter()  # non-final lines that may be penalised as short
    exempt: Counter[float] = Counter()  # non-final lines that end an item
    every: Counter[float] = Counter()  # all non-final lines
    total = lines = chars = 0
    pending: tuple[float, bool] | None = None  # the segment's last line, and whether it ends an item
    for i in range(s, len(blocks)):
        block = blocks[i]
        if i > s and block.locked:
            break
        if pending is not None:
            (exempt if pending[1] else plain)[pending[0]] += 1
            every[pending[0]] += 1
            total += 1
        for w in block.widths[:-1]:
            plain[w] += 1
            every[w] += 1
            total += 1
        pending = (block.widths[-1], block.text.rstrip()[-1:] in _ITEM_END)
        lines += len(block.widths)
        chars += len(block.text)
        cost = 0.0
        if total:
            full = _median(every, total)
            cost += sum(n * _line_cost(full, w, False) for w, n in plain.items())
            cost += sum(n * _line_cost(full, w, True) for w, n in exempt.items())
        costs.append(cost + _end_cost(blocks[s:i + 1], lines, chars))
    return costs


def _cost(blocks: Sequence[Block]) -> float:
    """The cost of ``blocks`` as one cell (see :func:`_costs_from`)."""
    costs = _costs_from(blocks, 0)
    return costs[-1] if len(costs) == len(blocks) else float("inf")


def _boundary(left: Block, right: Block) -> float:
    """Cost of a cell ending after ``left`` and the next starting at ``right``: a full-width line
    ending mid-phrase, followed by a line of the same width, is one cell wrapping on."""
    last = left.text.rstrip()[-1:]
    if not ("\u4e00" <= last <= "\u9fff"):
        return 0.0
    same_width = abs(left.widths[-1] - right.widths[0]) <= 1 and left.widths[-1] >= 5
    if same_width:
        return 1.0
    # A single short line under a long one that breaks off mid-phrase is that cell's wrapped tail.
    tail = len(right.widths) == 1 and not right.locked and right.widths[0] <= 0.3 * left.widths[-1]
    return 2.0 if tail else 0.0


def partition(blocks: Sequence[Block], k: int) -> list[int] | None:
    """Start indices of the ``k`` cells (the first is 0), or ``None`` when no partition respects
    the locked blocks (or there are too many blocks to try)."""
    found = best_partition(blocks, k)
    return found[0] if found is not None else None


def best_partition(blocks: Sequence[Block], k: int) -> tuple[list[int], float] | None:
    """The best partition (start indices) and its cost, or ``None``."""
    n = len(blocks)
    if k <= 0 or n < k or n > MAX_BLOCKS:
        return None
    inf = float("inf")
    # cost[s][i]: blocks[s:i] as one cell (inf where a locked block would not start its cell).
    cost = [[inf] * (n + 1) for _ in range(n)]
    for s in range(n):
        for offset, value in enumerate(_costs_from(blocks, s)):
            cost[s][s + offset + 1] = value
    # A cell that starts with the same words as the cell before it is very likely a cell of its own:
    # the actual value often repeats the wording of the target ("协助开展…不低于700次" / "协助开展…827次").
    heads = [b.text.replace(" ", "")[:4] for b in blocks]

    def bonus(previous: int, start: int) -> float:
        return RESTART_BONUS if len(heads[start]) >= 3 and heads[start] == heads[previous] else 0.0

    boundary = [0.0] + [_boundary(blocks[e - 1], blocks[e]) for e in range(1, n)]
    # best[j][s][i]: blocks[:i] in j cells, the last one starting at s. The bonus of a cell depends
    # only on where it and the cell before it start, so the best way to reach a start s is found
    # once per (j, s): O(k·n²) in all.
    best = [[[inf] * (n + 1) for _ in range(n)] for _ in range(k + 1)]
    came: list[list[int]] = [[-1] * n for _ in range(k + 1)]  # came[j][s]: start of the cell before
    for i in range(1, n + 1):
        best[1][0][i] = cost[0][i]
    for j in range(2, k + 1):
        for s in range(j - 1, n):
            arrive, via = inf, -1
            for p in range(s):
                value = best[j - 1][p][s]
                if value < inf:
                    value -= bonus(p, s)
                    if value < arrive:
                        arrive, via = value, p
            if via < 0:
                continue
            came[j][s] = via
            row = cost[s]
            target = best[j][s]
            for i in range(s + 1, n + 1):
                if row[i] == inf:
                    break
                target[i] = arrive + row[i] + boundary[s]
    final, start = min((best[k][s][n], s) for s in range(n))
    if final == inf:
        return None
    starts = [start]
    for j in range(k, 1, -1):
        start = came[j][start]
        starts.append(start)
    return starts[::-1], final
