"""The typed alignment of printed cells onto columns: what it assigns, and that the fast dynamic
programme makes exactly the choices of the plain one (first best of leave-cell, leave-slot, match)."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model.values import normalize
from jixiao.recognize.align import align, fund_fit

SLOTS = ["initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score"]


def plain_align(cells: Sequence[str], slots: Sequence[str], skip: float = -1.5) -> dict[str, str]:
    """The textbook version: every candidate listed, ``max`` keeps the first best."""
    n, m = len(cells), len(slots)
    best = [[float("-inf")] * (m + 1) for _ in range(n + 1)]
    move = [[""] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[0][j] = 0.0
    for i in range(1, n + 1):
        for j in range(m + 1):
            candidates = [(best[i - 1][j] + (0.0 if not normalize(cells[i - 1]) else skip), "c")]
            if j > 0:
                candidates.append((best[i][j - 1], "s"))
                candidates.append((best[i - 1][j - 1] + fund_fit(cells[i - 1], slots[j - 1]), "m"))
            best[i][j], move[i][j] = max(candidates, key=lambda c: c[0])
    result: dict[str, str] = {}
    i, j = n, m
    while i > 0 and j > 0:
        if move[i][j] == "m":
            if normalize(cells[i - 1]):
                result[slots[j - 1]] = cells[i - 1]
            i, j = i - 1, j - 1
        elif move[i][j] == "s":
            j -= 1
        else:
            i -= 1
    return result


def test_a_row_that_lost_its_empty_cells_is_aligned_by_what_its_cells_look_like() -> None:
    assert align(["10", "10", "9.5", "10", "95%", "9.5"], SLOTS, fund_fit) == {
        "initial_budget": "10", "full_year_budget": "10", "executed": "9.5", "weight": "10",
        "execution_rate": "95%", "score": "9.5"}
    # the rate is the one percentage, wherever the converter shifted it
    assert align(["10", "9.5", "95%"], ["full_year_budget", "executed", "weight", "execution_rate"],
                 fund_fit) == {"full_year_budget": "10", "executed": "9.5", "execution_rate": "95%"}
    assert align(["—", "—"], ["weight", "score"], fund_fit) == {"weight": "—", "score": "—"}
    assert align(["年度资金总额"], SLOTS, fund_fit) == {}


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["", "10", "9.5", "100", "95%", "—", "abc", "0.85", "1,200.5", "250", "/"]),
                max_size=9),
       st.lists(st.sampled_from(SLOTS), min_size=1, max_size=7))
def test_the_fast_programme_chooses_what_the_plain_one_chooses(cells: list[str], slots: list[str]) -> None:
    assert align(cells, slots, fund_fit) == plain_align(cells, slots)
