"""Column maps from header rows: which grid columns hold which concept.

A header row is a row with two or more cells of one section of the lexicon (the funds block's
columns, or the indicator table's). A header cell covers its own column and, where the reader knows
it, its span (DOCX/XLSX/HTML/PDF merges); otherwise the empty positions after it up to the next
header cell. A second header row whose cells sit under a parent that spans them gives the children
(年度指标值 over 指标性质 | 指标值 | 度量单位; 绩效指标 over 一级 | 二级 | 三级). Text layouts that lose
the merges print the two rows one after the other ("绩效指标 | 年度指标值 | 实际完成值 …" then "一级 |
二级 | 三级 | 指标性质 | 指标值 | 度量单位"): the children replace their parents in order.
Any column order, any subset of columns: a row is read through the map, never by position alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.recognize.forms.rows import GCell, GRow
from jixiao.recognize.lexicon import base_text, points_of

FUNDS_AMOUNTS = frozenset({"initial_budget", "full_year_budget", "executed", "allocated", "execution_rate"})
INDICATOR_CORE = frozenset({"level1", "level2", "level3", "target", "actual", "nature"})
# A parent header cell and the children a second header row may split it into.
_GROUPS = {"indicators": ("level1", "level2", "level3"), "target": ("nature", "value", "unit", "target")}


@dataclass(slots=True)
class Column:
    concept: str
    start: int
    end: int  # one past the last grid column
    text: str  # the header cell as printed
    points: Decimal | None = None


@dataclass(slots=True)
class ColumnMap:
    section: str  # "funds_column" | "indicator_column"
    columns: list[Column]  # in column order
    header_rows: list[int] = field(default_factory=list)
    aligned: bool = True  # grid positions are meaningful (else: read rows by order)
    width: int = 0

    def concepts(self) -> list[str]:
        return [c.concept for c in self.columns]

    def get(self, concept: str) -> Column | None:
        for c in self.columns:
            if c.concept == concept:
                return c
        return None

    @property
    def first_value(self) -> int:
        return min((c.start for c in self.columns), default=0)

    def split_target(self) -> bool:
        return any(c.concept in ("nature", "value") for c in self.columns)


def _header_cells(row: GRow, section: str) -> list[tuple[GCell, str]]:
    out: list[tuple[GCell, str]] = []
    for cell in row.filled:
        name = cell.concept(section)
        if name is None and section == "indicator_column" and cell.has("goal"):
            name = "indicators" if cell.concept("goal") == "goals" else None  # "年度绩效指标" over the levels
        if name is not None:
            out.append((cell, name))
    return out


def is_header(row: GRow, section: str) -> bool:
    if sum(1 for c in row.filled if len(c.text) <= 40) < 2:
        return False
    cells = _header_cells(row, section)
    names = {name for _, name in cells}
    if len(cells) < 2 or len(names) < 2:
        return False
    if section == "funds_column":
        return bool(names & FUNDS_AMOUNTS)
    return bool(names & INDICATOR_CORE)


def _extent(row: GRow, cell: GCell, following: int | None) -> int:
    """One past the last column a header cell covers."""
    if cell.span > 1:
        return cell.col + cell.span
    end = following if following is not None else row.width
    # empty positions after the cell belong to it only when the row's merges are not known
    return max(cell.col + 1, end) if not row.grid or row.origin in ("xlsx", "pdf") else cell.col + 1


def build(rows: list[GRow], at: int, section: str) -> ColumnMap:
    """The column map of the header starting at ``rows[at]`` (and a second header row under it)."""
    head = rows[at]
    cells = _header_cells(head, section)
    filled = [c.col for c in head.filled]
    columns: list[Column] = []
    for cell, name in cells:
        following = next((col for col in filled if col > cell.col), None)  # the next printed header cell
        columns.append(Column(name, cell.col, _extent(head, cell, following), cell.text, _points(cell.text)))
    cmap = ColumnMap(section, columns, [at], aligned=head.hard, width=head.width)
    if section == "indicator_column" and at + 1 < len(rows):
        _children(cmap, rows[at + 1])
    names = cmap.concepts()
    if "nature" in names and "target" in names and "value" not in names:
        target = cmap.get("target")  # 指标性质 | 指标值 | 度量单位 side by side: 指标值 is the value part
        if target is not None:
            target.concept = "value"
    return cmap


def _points(text: str) -> Decimal | None:
    """Points a header cell prints: "分值(10分)", "得分(20分*执行率)", "年度绩效目标1（80分）"."""
    found = points_of(text)
    if found is not None:
        return found
    t = base_text(text)
    for sep in ("分*", "分×", "分x", "分X"):
        if sep in t:
            head = t.split(sep)[0]
            digits = "".join(ch for ch in reversed(head) if ch.isdigit() or ch == ".")[::-1]
            try:
                return Decimal(digits) if digits else None
            except ArithmeticError:  # pragma: no cover
                return None
    return None


def _children(cmap: ColumnMap, below: GRow) -> None:
    kids = _header_cells(below, "indicator_column")
    if len(kids) < 2 or not any(name in ("level1", "level2", "level3", "nature", "unit", "value") or
                                (name == "target" and cmap.get("target") is not None) for _, name in kids):
        return
    parents = {c.concept for c in cmap.columns}
    if not parents & set(_GROUPS) and not any(c.end - c.start > 1 for c in cmap.columns):
        return
    cmap.header_rows.append(below.index)
    aligned = below.hard and cmap.aligned and below.width == cmap.width and below.grid
    if aligned:
        new: list[Column] = []
        for col in cmap.columns:
            inside = [(c, n) for c, n in kids if col.start <= c.col < col.end]
            if not inside or (col.end - col.start == 1 and len(inside) == 1 and inside[0][1] == col.concept):
                new.append(col)
                continue
            for k, (cell, name) in enumerate(inside):
                end = inside[k + 1][0].col if k + 1 < len(inside) else col.end
                if name == "target" and col.concept == "target":
                    name = "value"
                new.append(Column(name, cell.col, end, cell.text, _points(cell.text)))
        cmap.columns = new
        return
    # Flattened: the children replace their group parents in order.
    queue = list(kids)
    new = []
    for col in cmap.columns:
        group = _GROUPS.get(col.concept)
        taken: list[tuple[GCell, str]] = []
        while group and queue and (queue[0][1] in group or (col.concept == "indicators" and queue[0][1] == "level3")):
            taken.append(queue.pop(0))
        if not taken:
            new.append(col)
            continue
        for cell, name in taken:
            if name == "target" and col.concept == "target":
                name = "value"
            new.append(Column(name, -1, -1, cell.text, None))
    cmap.columns = new + [Column(name, -1, -1, cell.text, None) for cell, name in queue]
    cmap.aligned = False
    for n, col in enumerate(cmap.columns):
        col.start, col.end = n, n + 1
    cmap.width = len(cmap.columns)


def read_row(cmap: ColumnMap, row: GRow) -> dict[str, str]:
    """A data row through the map: concept → the cell text in its columns (joined when it spans several)."""
    texts = [c.text for c in row.cells] if row.hard else row.cells[0].text.split()
    if row.grid and cmap.aligned and row.width == cmap.width:
        return {col.concept: _join(texts[col.start:col.end]) for col in cmap.columns}
    n = len(cmap.columns)
    if cmap.section == "indicator_column":
        from jixiao.recognize.forms.fit import fit_row

        return fit_row(texts, [col.concept for col in cmap.columns])
    if cmap.aligned and row.hard and len(texts) == cmap.width:
        return {col.concept: _join(texts[col.start:col.end]) for col in cmap.columns}
    # Text layouts: by order, the missing cells on the left (merged level cells are not repeated)
    if len(texts) > n:
        texts = _drop_covered(texts, n)
    if len(texts) < n:
        texts = [""] * (n - len(texts)) + texts
    return {col.concept: texts[k] for k, col in enumerate(cmap.columns)}


def _drop_covered(texts: list[str], n: int) -> list[str]:
    """More cells than columns: drop empty cells (covered merge positions) from the left until it fits."""
    out = list(texts)
    k = 0
    while len(out) > n and k < len(out):
        if not out[k]:
            del out[k]
        else:
            k += 1
    while len(out) > n and not out[-1]:
        out.pop()
    return out[:n] if len(out) > n else out


def _join(parts: list[str]) -> str:
    return "".join(p for p in parts if p)


# The columns of an indicator table whose header the page does not show (a form cut off above its
# table, the tail of one form before the next): every column a template may print, in the order they
# usually stand; a row is fitted to them by what its cells look like (see :mod:`.fit`), so the columns
# a row lacks are simply skipped.
HEADERLESS = ("level1", "level2", "level3", "nature", "value", "unit", "target", "actual", "weight", "score", "note")


def headerless() -> ColumnMap:
    return ColumnMap("indicator_column", [Column(c, n, n + 1, "") for n, c in enumerate(HEADERLESS)],
                     [], aligned=False, width=len(HEADERLESS))
