"""Two side-by-side text cells that a PDF converter emitted one after the other.

In PDF text the 预期目标 cell comes out line by line, then the 实际完成情况 cell beside it, and a page
break starts the pair again (left part, right part) on the next page. Which line starts the right
cell is not marked; it is found from the structure of the text:

* the right cell often repeats the left one, wholly or item by item (the same text, or the same
  enumeration marker "目标 1：" / "1、" / "（一）" starting again);
* each cell wraps at its own width, so the full lines of one cell have about the same width;
* a cell does not end in the middle of a sentence (on "，" "、" "：").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKER = re.compile(r"^\s*((?:目标|指标|任务)?\s*[(（]?\s*[0-9一二三四五六七八九十]{1,3}\s*[)）]?\s*[、.:：．])")
_OPEN_END = "，,、：:（(；;"  # a cell rarely ends on these
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    gap: int  # blank lines before it


def display_width(text: str) -> float:
    """Width of a line in CJK characters (other characters count half)."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def _marker(text: str) -> str | None:
    match = _MARKER.match(text)
    return _SPACE.sub("", match.group(1)) if match else None


def _squash(lines: list[Line]) -> str:
    return _SPACE.sub("", "".join(line.text for line in lines))


def _penalty(lines: list[Line]) -> float:
    """How unlike one wrapped cell the lines are: short lines that are not the end of an item."""
    if len(lines) <= 1:
        return 0.0
    widths = [display_width(line.text) for line in lines]
    full = max(widths[:-1])
    penalty = 0.0
    for n, line in enumerate(lines[:-1]):
        ends_item = line.text.rstrip()[-1:] in "。；;" or _marker(lines[n + 1].text) is not None
        if not ends_item:
            penalty += (full - widths[n]) / max(full, 1.0)
    return penalty


def _full_mid_phrase(lines: list[Line]) -> bool:
    """The cell's last line is as wide as its widest and stops on a letter: the text wraps on."""
    last = lines[-1].text.rstrip()
    widest = max(display_width(line.text) for line in lines)
    return bool(last) and "\u4e00" <= last[-1] <= "\u9fff" and display_width(last) >= widest - 0.5


def best_split(lines: list[Line]) -> int:
    """Index of the first line of the right cell (1 ≤ k < len(lines)); 0 if there is one line."""
    n = len(lines)
    if n < 2:
        return 0
    first = _marker(lines[0].text)
    best_k, best_cost = 1, float("inf")
    for k in range(1, n):
        left, right = lines[:k], lines[k:]
        if _squash(left) == _squash(right):
            return k
        cost = _penalty(left) + _penalty(right)
        if left[-1].text.rstrip()[-1:] in _OPEN_END:
            cost += 3.0
        elif _full_mid_phrase(left):
            cost += 1.0
        if first is not None and _marker(right[0].text) == first:
            cost -= 5.0
        if cost < best_cost:
            best_k, best_cost = k, cost
    return best_k


def page_segments(lines: list[Line]) -> list[list[Line]]:
    """Cut the lines where the gap is wider than usual (a page break between them)."""
    if len(lines) < 4:
        return [lines]
    gaps = sorted(line.gap for line in lines[1:])
    usual = gaps[len(gaps) // 2]
    segments: list[list[Line]] = [[lines[0]]]
    for line in lines[1:]:
        if line.gap >= max(2, usual + 2):
            segments.append([line])
        else:
            segments[-1].append(line)
    # A segment of one line cannot hold two cells: keep it with the previous one.
    merged: list[list[Line]] = []
    for segment in segments:
        if merged and len(segment) < 2:
            merged[-1].extend(segment)
        else:
            merged.append(segment)
    return merged


def split_two_cells(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The lines of the left cell and of the right cell, page by page."""
    left: list[Line] = []
    right: list[Line] = []
    for segment in page_segments(lines):
        k = best_split(segment)
        if k == 0:
            left.extend(segment)
            continue
        left.extend(segment[:k])
        right.extend(segment[k:])
    return left, right
