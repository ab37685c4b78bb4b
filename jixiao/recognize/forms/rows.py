"""Rows of the reader's grid, seen by meaning: every cell with its grid column, its span and the
concepts the lexicon gives its text. Pure functions over :class:`jixiao.read.text.Row`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.model.values import is_blank, parse_number, parse_percent
from jixiao.read.text import Row
from jixiao.recognize.lexicon import Concept, base_text, lexicon, without_pinyin

GRID_ORIGINS = frozenset({"docx", "xlsx", "html", "pdf"})  # every grid position is in the row
_NUMBERISH = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?%?%?$")


@dataclass(slots=True)
class GCell:
    text: str
    col: int
    span: int
    line: int
    _concepts: list[Concept] | None = None

    @property
    def concepts(self) -> list[Concept]:
        """What the lexicon says the cell's text means (looked up once, when first asked)."""
        if self._concepts is None:
            self._concepts = lexicon().concepts(self.text) if self.text else []
        return self._concepts

    def concept(self, section: str) -> str | None:
        for c in self.concepts:
            if c.section == section:
                return c.name
        return None

    def has(self, *sections: str) -> bool:
        return any(c.section in sections for c in self.concepts)


@dataclass(slots=True)
class GRow:
    index: int  # position in the document's row list
    cells: list[GCell]  # every position (empty ones too) for hard rows; one cell for a text line
    width: int  # grid positions in the row
    line_start: int
    line_end: int
    hard: bool
    origin: str
    from_grid: bool = False  # read by a grid reader (DOCX, XLSX, HTML, ruled PDF), not from text

    @property
    def filled(self) -> list[GCell]:
        return [c for c in self.cells if c.text]

    @property
    def grid(self) -> bool:
        return self.hard and self.from_grid

    def text(self) -> str:
        return " ".join(c.text for c in self.filled)


def view(rows: list[Row], grid: bool) -> list[GRow]:
    """The rows seen by meaning; ``grid``: the document came from a grid reader (every hard row holds
    every grid position of its table), not from text."""
    out: list[GRow] = []
    for index, row in enumerate(rows):
        cells: list[GCell] = []
        if row.hard:
            for col, cell in enumerate(row.cells):
                cells.append(GCell(without_pinyin(cell.text), col, max(1, cell.span), cell.line))
        else:
            text = row.cells[0].text if row.cells else ""
            cells.append(GCell(without_pinyin(text), 0, 1, row.line_start))
        out.append(GRow(index, cells, len(cells), row.line_start, row.line_end, row.hard, row.origin,
                        grid and row.origin in GRID_ORIGINS))
    return out


def is_number_cell(text: str) -> bool:
    t = base_text(text)
    return bool(t) and (parse_number(t) is not None or parse_percent(t) is not None or bool(_NUMBERISH.match(t)))


def is_value_cell(text: str) -> bool:
    """A number, a rate or a dash placeholder: what the value columns of a funds or score row hold."""
    return is_blank(text) or is_number_cell(text)


def has_digits(rows: list[GRow]) -> bool:
    return any(ch.isdigit() for r in rows for c in r.filled for ch in c.text)
