"""Rows of the reader's grid, seen by meaning: every cell with its grid column, its span and the
concepts the lexicon gives its text. Pure functions over :class:`jixiao.read.text.Row`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from jixiao.model.values import is_blank, parse_number, parse_percent
from jixiao.read.text import Row
from jixiao.recognize.lexicon import Concept, base_text, lexicon, simplified, without_pinyin, words_pattern

# what a 指标性质 cell prints
OPERATORS = frozenset({"≥", "≤", "=", "＝", "﹦", ">", "<", ">=", "<=", "定性", "定量", "≧", "≦"})
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


class GRow:
    """One row of the document: every position (empty ones too) for hard rows, one cell for a text
    line. Its cells are made the first time they are asked for: most rows of a long document are
    passed over by a cheap look at their texts."""

    __slots__ = ("_cells", "_filled", "from_grid", "hard", "index", "line_end", "line_start", "origin", "source")

    def __init__(self, index: int, cells: list[GCell] | None, width: int, line_start: int, line_end: int,
                 hard: bool, origin: str, from_grid: bool = False, source: Row | None = None) -> None:
        self.index = index  # position in the document's row list
        self._cells = cells
        self._filled: list[GCell] | None = None
        self.line_start, self.line_end = line_start, line_end
        self.hard, self.origin, self.from_grid = hard, origin, from_grid
        self.source = source

    @property
    def cells(self) -> list[GCell]:
        if self._cells is None:
            row = self.source
            assert row is not None
            if row.hard:
                self._cells = [GCell(without_pinyin(c.text), col, max(1, c.span), c.line)
                               for col, c in enumerate(row.cells)]
            else:
                text = row.cells[0].text if row.cells else ""
                self._cells = [GCell(without_pinyin(text), 0, 1, row.line_start)]
        return self._cells

    @property
    def width(self) -> int:
        if self._cells is None and self.source is not None:
            return len(self.source.cells) if self.source.hard else 1
        return len(self.cells)

    @property
    def filled(self) -> list[GCell]:
        if self._filled is None:
            self._filled = [c for c in self.cells if c.text]
        return self._filled

    def may_open(self) -> bool:
        """Could this row open a form (a title, a name field, a header)? A cheap test that lets the
        reader pass over the rows of other tables and prose without asking the lexicon about each."""
        if self._cells is None and self.source is not None:
            texts = [c.text for c in self.source.cells if c.text]
            if not texts or all(len(t) > 60 for t in texts):
                return False
        for k, cell in enumerate(self.filled):
            if cell.concepts:
                return True
            if k < 3 and ("表" in cell.text or ":" in cell.text or "：" in cell.text):
                return True
        return False

    @property
    def grid(self) -> bool:
        return self.hard and self.from_grid

    def text(self) -> str:
        return " ".join(c.text for c in self.filled)


def view(rows: list[Row], grid: bool) -> list[GRow]:
    """The rows seen by meaning; ``grid``: the document came from a grid reader (every hard row holds
    every grid position of its table), not from text."""
    return [GRow(index, None, 0, row.line_start, row.line_end, row.hard, row.origin,
                 grid and row.origin in GRID_ORIGINS, row) for index, row in enumerate(rows)]


def is_number_cell(text: str) -> bool:
    t = base_text(text)
    return bool(t) and (parse_number(t) is not None or parse_percent(t) is not None or bool(_NUMBERISH.match(t)))


def is_value_cell(text: str) -> bool:
    """A number, a rate or a dash placeholder: what the value columns of a funds or score row hold."""
    return is_blank(text) or is_number_cell(text)


def has_digits(rows: list[GRow]) -> bool:
    return any(ch.isdigit() for r in rows for c in r.filled for ch in c.text)


@lru_cache(maxsize=1)
def _self_evaluation_words() -> re.Pattern[str]:
    """The wordings of the columns only a self-evaluation prints (执行数, 实际完成值, 得分 …), as one
    pattern over Simplified text."""
    lex = lexicon()
    wanted = (("funds_column", ("executed", "score")), ("indicator_column", ("actual", "score")))
    words = {w for section, names in wanted for name in names for w in lex.words(section, name)}
    return words_pattern(words)


# the characters NFKC turns into (or into text holding) a CJK character: radicals, kanbun, enclosed and
# squared forms, compatibility ideographs (full-width punctuation, which NFKC also changes, is in no
# wording of the lexicon)
_COMPATIBILITY_CJK = re.compile("[\u2e80-\u2fdf\u3038-\u303a\u3190-\u319f\u3200-\u33ff\uf900-\ufaff"
                                "\U0001f200-\U0001f2ff\U0002f800-\U0002fa1f]")


# a total row (合计, 总分 … in its first cell) right under a row with an operator cell (≥ ≤ = …, not its
# last): the tail of an indicator table
_TOTAL_LINE = re.compile(r"^\t*(?:合计|总分|合计得分|总计)(?:\t|$)", re.M)
_OPERATOR_CELLS = frozenset(("≥", "≤", "=", "＝", "﹦", ">", "<", ">=", "<=", "定性"))


def _indicator_tail(text: str) -> bool:
    """Whether rows joined as "cell\tcell\n…" hold a total row under an operator row (one pass over
    the total rows, which are few: a regex looking for the operator first tries every tab)."""
    for m in _TOTAL_LINE.finditer(text):
        start = m.start()
        above = text[text.rfind("\n", 0, start - 1) + 1:start - 1] if start else ""
        if not _OPERATOR_CELLS.isdisjoint(above.split("\t")[:-1]):
            return True
    return False


def worth_reading(rows: list[Row]) -> bool:
    """Could a text document hold a self-evaluation the stream reader has not read? Only if one of its
    table rows prints a column only a self-evaluation has, or the tail of an indicator table: a budget
    disclosure, prose or a PDF's soft text never needs the header reader."""
    if any(row.origin in ("glued", "stream") for row in rows):
        return True  # cells restored from flattened text: restored because they looked like a form
    # (a sentence in a cell is no column header: "#" in its place)
    text = "\n".join(["\t".join([t if len(t) <= 40 else "#" for t in [c.text for c in row.cells]])
                      for row in rows if row.hard]).replace(" ", "")
    if _indicator_tail(text):
        return True
    words = _self_evaluation_words()
    if words.search(text) is not None:
        return True  # (most documents say it in Simplified characters: no conversion needed)
    if _COMPATIBILITY_CJK.search(text):  # a radical or compatibility form NFKC makes a character of
        text = unicodedata.normalize("NFKC", text)
    return words.search(simplified(text)) is not None
