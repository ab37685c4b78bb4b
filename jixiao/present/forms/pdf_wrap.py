"""Line breaking for PDF cells that reads back exactly.

A reader joins the lines of a cell without a space where either side is CJK and with one space
elsewhere (:func:`jixiao.read.text.join_fragments`). So a line may break only where that join gives
the text back: between two characters at least one of which is CJK, never at a space, never
inside a run of Latin letters or digits (a run wider than the cell is the one exception).
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]

from jixiao.read.text import join_fragments

_SPACES = " \u00a0\u3000"


@lru_cache(maxsize=8192)
def _width(ch: str, font: str, size: float) -> float:
    return float(stringWidth(ch, font, size))


def can_break(left: str, right: str) -> bool:
    return left not in _SPACES and right not in _SPACES and join_fragments(left, right) == left + right


def wrap(text: str, width: float, font: str, size: float) -> list[str]:
    """Lines of ``text`` each at most ``width`` points wide, broken only where rejoining is exact."""
    lines: list[str] = []
    start = 0
    used = 0.0
    last_break = -1  # index where a break before text[i] is allowed, within the current line
    i = 0
    while i < len(text):
        w = _width(text[i], font, size)
        if i > start and can_break(text[i - 1], text[i]):
            last_break = i
        if used + w > width and i > start:
            cut = last_break if last_break > start else i
            lines.append(text[start:cut])
            start, used, last_break = cut, 0.0, -1
            i = cut
            continue
        used += w
        i += 1
    lines.append(text[start:])
    return lines
