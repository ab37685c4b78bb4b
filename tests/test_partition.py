"""Partitioning PDF text blocks into the cells of one row."""

from __future__ import annotations

from jixiao.recognize.partition import Block, partition


def block(text: str, *widths: float, locked: bool = False) -> Block:
    return Block(text, tuple(widths) or (float(len(text)),), locked)


def test_wide_and_narrow_cells_are_told_apart() -> None:
    blocks = [block("指标 1：对辖区内经济总量", 12), block("贡献大、具有重要影响的", 12), block("企业进行统计。", 7),
              block("协助开展", 3), block("调查不低于 700 次。", 3, 3, 3, 3), block("协助开展", 3),
              block("调查 827 次。", 3, 3, 3)]
    assert partition(blocks, 3) == [0, 3, 5]


def test_a_cell_repeating_the_words_of_the_one_before_starts_there() -> None:
    blocks = [block("指标 1：调查", 6), block("协助开展", 3), block("调查 700 次，", 3), block("协助开展", 3),
              block("调查 827 次，", 3)]
    assert partition(blocks, 3) == [0, 1, 3]


def test_locked_blocks_start_a_cell() -> None:
    blocks = [block("指标 2：调查业务。", 9), block("大于等于", 3), block("1480", 2), block("户", 1),
              block("1707", 2, locked=True)]
    starts = partition(blocks, 3)
    assert starts is not None and starts[-1] == 4 and starts[:2] == [0, 1]


def test_impossible_partitions() -> None:
    assert partition([block("a", 1)], 2) is None
    assert partition([block("a", 1), block("b", 1, locked=True), block("c", 1, locked=True)], 2) is None
