"""Small helpers shared by the evaluation-report recognizers: rows as plain text, tables as runs of rows."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.text import nf as nf
from jixiao.model.values import is_blank, parse_number
from jixiao.read.text import Row

_MAX_SUFFIX = re.compile(r"\s*[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")
_ONLY_MAX = re.compile(r"^\s*[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")


def texts(row: Row) -> list[str]:
    return [c.text for c in row.cells]


def line_text(row: Row) -> str:
    """The whole row as one string (cells joined with spaces)."""
    return " ".join(c.text for c in row.cells if c.text)


def is_single(row: Row) -> bool:
    """A free text line (a heading or a paragraph), not a table row."""
    return not row.hard or (sum(1 for c in row.cells if c.text.strip()) <= 1 and len(row.cells) <= 1)


def split_max(label: str) -> tuple[str, Decimal | None]:
    """「部门决策 (10分)」 → ("部门决策", 10); a label without a maximum is returned unchanged."""
    m = _MAX_SUFFIX.search(label)
    if not m:
        return label.strip(), None
    return label[: m.start()].strip(), Decimal(m.group(1))


def only_max(label: str) -> Decimal | None:
    """「(1.5分)」 alone (the tail of a label broken across rows) → 1.5."""
    m = _ONLY_MAX.match(label)
    return Decimal(m.group(1)) if m else None


def number(text: str | None) -> Decimal | None:
    return None if text is None else parse_number(text.strip())


def table_run(rows: list[Row], start: int, stop: int) -> int:
    """Index one past the last row of the table whose first row is ``rows[start]``: the run of
    hard rows (blank lines between them allowed) that ends at the first free text line."""
    end = start
    while end < stop and rows[end].hard:
        end += 1
    return end


def money_unit_before(rows: list[Row], index: int, lo: int) -> str | None:
    """The unit of a table as printed in the lines just above it (「金额单位：万元」, 「单位：元」)."""
    for row in reversed(rows[max(lo, index - 8):index]):
        m = re.search(r"单位\s*[:：]\s*(万元|元|千元|亿元)", line_text(row))
        if m:
            return m.group(1)
    return None


def title_before(rows: list[Row], index: int, lo: int, words: tuple[str, ...]) -> str | None:
    """The nearest free text line above ``rows[index]`` that contains one of ``words``."""
    for row in reversed(rows[max(lo, index - 10):index]):
        t = line_text(row)
        if is_single(row) and any(w in nf(t) for w in words):
            return t.strip()
    return None


def blank(text: str | None) -> bool:
    return is_blank(text)
