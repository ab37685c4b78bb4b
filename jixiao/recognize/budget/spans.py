"""Sets of inclusive line spans with a binary-search membership test.

Checking each row against every span found (forms claimed, table sections) made budget recognition
quadratic in the input's size; merged and sorted spans answer ``line in spans`` in O(log n).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


class Spans:
    """Inclusive ``(first, last)`` line spans, merged; ``line in spans`` is a binary search."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for lo, hi in sorted(s for s in spans if s[0] <= s[1]):
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        self.starts = [lo for lo, _ in merged]
        self.ends = [hi for _, hi in merged]

    def __contains__(self, line: object) -> bool:
        if not isinstance(line, int):
            return False
        at = bisect_right(self.starts, line) - 1
        return at >= 0 and line <= self.ends[at]
