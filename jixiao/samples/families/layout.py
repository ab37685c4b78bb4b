"""The layout of a printed form, as pure data: paragraphs before, ruled tables of cells (with
colspan and rowspan), paragraphs after. Renderers turn it into DOCX, XLSX, HTML, PDF and text.

A table is given row by row the way HTML gives it: each row lists only the cells that *start* in
it; a cell spanning rows covers the same columns of the rows below. :meth:`Table.placed` works out
each cell's grid position; :func:`table` widens the last cell of a short row so every row fills the
table's width (forms print a long text cell to the right edge).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Cell:
    """One printed cell. ``text`` is what the page shows; ``value`` is the number a spreadsheet
    stores behind it (a rate shown "89.70%" stored as 0.89696…) and ``number_format`` its Excel
    display format. ``value`` is None for text cells."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    value: float | None = None
    number_format: str | None = None
    bold: bool = False
    align: str = "center"  # "center" | "left"


@dataclass(frozen=True)
class Placed:
    row: int
    col: int
    cell: Cell

    @property
    def last_row(self) -> int:
        return self.row + self.cell.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.cell.colspan - 1


@dataclass
class Table:
    ncols: int
    rows: list[list[Cell]]
    widths: list[float] | None = None  # relative column widths (default: equal)

    def placed(self) -> list[Placed]:
        """Every cell with its grid position (the HTML table algorithm)."""
        taken: set[tuple[int, int]] = set()
        out: list[Placed] = []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                out.append(Placed(r, c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
        return out

    def column_widths(self) -> list[float]:
        widths = self.widths or [1.0] * self.ncols
        total = sum(widths)
        return [w / total for w in widths]

    def grid(self) -> list[list[str]]:
        """The table as a rectangular grid of texts, a merged cell's text in its top-left slot only."""
        out = [["" for _ in range(self.ncols)] for _ in self.rows]
        for p in self.placed():
            out[p.row][p.col] = p.cell.text
        return out


@dataclass
class Form:
    """One printed form: title and unit lines, its table(s), notes."""

    before: list[str]
    tables: list[Table]
    after: list[str] = field(default_factory=list)
    title_lines: int = 1  # how many of ``before`` are centred title lines


def table(ncols: int, rows: list[list[Cell]], widths: list[float] | None = None) -> Table:
    """A table whose short rows are filled to ``ncols`` by widening their last cell."""
    fixed: list[list[Cell]] = []
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        cells = list(row)
        c = 0
        spans: list[int] = []
        for cell in cells:
            while (r, c) in taken:
                c += 1
            spans.append(c)
            c += cell.colspan
        free_after = [k for k in range(c, ncols) if (r, k) not in taken]
        if free_after and cells:
            last = cells[-1]
            # widen only over contiguous free columns right after the last cell
            extra = 0
            for k in range(c, ncols):
                if (r, k) in taken:
                    break
                extra += 1
            cells[-1] = replace(last, colspan=last.colspan + extra)
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
        fixed.append(cells)
    return Table(ncols, fixed, widths)


def check_table(t: Table) -> list[str]:
    """Problems with a table's shape: overlapping cells, rows not filling the width."""
    problems: list[str] = []
    seen: dict[tuple[int, int], Placed] = {}
    for p in t.placed():
        if p.last_col >= t.ncols:
            problems.append(f"row {p.row}: cell {p.cell.text!r} runs past column {t.ncols}")
        for r in range(p.row, p.last_row + 1):
            for c in range(p.col, p.last_col + 1):
                if (r, c) in seen:
                    problems.append(f"({r},{c}) covered twice")
                seen[(r, c)] = p
    for r in range(len(t.rows)):
        missing = [c for c in range(t.ncols) if (r, c) not in seen]
        if missing:
            problems.append(f"row {r}: columns {missing} not covered")
    return problems
