"""OCR confidence carried from the reader's cells into the forms read from them.

A scan's reader gives every cell it read the confidence of its least certain character
(:attr:`jixiao.read.text.Cell.confidence`). Once a form is recognized, each value it took from a
printed cell (a funds cell, an indicator's weight, score, target and actual, the total row) finds its
cell again by row (every grid row has its own line number) and text, and keeps that cell's
confidence in the model's ``confidence`` maps, keyed like ``printed``. Where two cells of the row
print the same text, the lower confidence is kept. Documents read from a text layer have no
confidence anywhere and are left exactly as they were.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from jixiao.model.declaration import TargetDeclaration
from jixiao.model.selfeval import FundRow, SelfEvaluation
from jixiao.model.values import normalize
from jixiao.read.text import Row

INDICATOR_TEXTS = ("target", "actual", "level3", "deviation_note")


class CellConfidence:
    """The confidences of a document's OCR'd cells, by line and normalised text."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self._lines: dict[int, list[tuple[str, float]]] = defaultdict(list)
        for row in rows:
            for cell in row.cells:
                if cell.confidence is not None and cell.text:
                    self._lines[cell.line].append((normalize(cell.text), cell.confidence))

    def __bool__(self) -> bool:
        return bool(self._lines)

    def of(self, line: int | None, text: str | None) -> float | None:
        """The confidence of the cell printing ``text`` on ``line``: an equal cell, else a cell that
        holds the text or is held by it (a cell split or joined on the way); ``None``: no such cell."""
        if line is None or not text:
            return None
        cells = self._lines.get(line)
        if not cells:
            return None
        wanted = normalize(text)
        if not wanted:
            return None
        same = [c for t, c in cells if t == wanted]
        if not same:
            same = [c for t, c in cells if wanted in t or (len(t) >= 2 and t in wanted)]
        return min(same) if same else None

    def within(self, first: int | None, last: int | None, text: str | None) -> float | None:
        """The confidence of the cell printing ``text`` somewhere on lines ``first``…``last``
        (exactly that text: a cell found without its row)."""
        if first is None or not text:
            return None
        wanted = normalize(text)
        same = [c for line in range(first, (last or first) + 1) for t, c in self._lines.get(line, ()) if t == wanted]
        return min(same) if same else None


def _row(row: FundRow, cells: CellConfidence) -> None:
    found = {key: c for key, text in row.printed.items() if (c := cells.of(row.line, text)) is not None}
    if found:
        row.confidence = found


def carry_confidence(rows: list[Row], forms: Iterable[SelfEvaluation],
                     declarations: Iterable[TargetDeclaration] = ()) -> None:
    """Give each form's values the OCR confidence of the cells they were read from (in place)."""
    cells = CellConfidence(rows)
    if not cells:
        return
    for td in declarations:
        _declaration(td, cells)
    for form in forms:
        for entry in form.funds_rows:
            _row(entry, cells)
        for name in ("total", "current_year_appropriation", "prior_year_carryover", "other"):
            _row(getattr(form.funds, name), cells)
        for indicator in form.indicators:
            found: dict[str, float] = {}
            for key, text in indicator.printed.items():
                if (c := cells.of(indicator.line, text)) is not None:
                    found[key] = c
            for key in INDICATOR_TEXTS:
                if (c := cells.of(indicator.line, getattr(indicator, key))) is not None:
                    found[key] = c
            if found:
                indicator.confidence = found
        total = {key: c for key, text in form.total_printed.items()
                 if (c := cells.of(form.total_line, text)) is not None}
        if total:
            form.total_confidence = total



def _declaration(td: TargetDeclaration, cells: CellConfidence) -> None:
    amounts = {key: c for key, text in td.printed.items()
               if (c := cells.within(td.location.line_start, td.location.line_end, text)) is not None}
    if amounts:
        td.confidence = amounts
    for indicator in td.indicators:
        found: dict[str, float] = {}
        for key, text in (("value", indicator.cell or indicator.printed_value), ("level3", indicator.level3),
                          ("weight", None if indicator.weight is None else format(indicator.weight, "f"))):
            if (c := cells.of(indicator.line, text)) is not None:
                found[key] = c
        if found:
            indicator.confidence = found


__all__ = ["CellConfidence", "carry_confidence"]
