"""A budget disclosure's tables, found by their printed codes (预算01表 … 预算14表, 预算表11).

A section runs from the first title row naming a code to the next title row naming another one.
DOCX converters sometimes glue the next table's title onto the last cell of a table
("3229.290177表十二、…（预算12表）"): :func:`unglue` splits such cells back into a value and a title
row before anything else looks at them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.read.text import Cell, Row
from jixiao.recognize.labels import norm

_CODE = re.compile(r"预算\s*(\d{1,2})\s*表|预算表\s*(\d{1,2})")
_GLUED = re.compile(r"^([+-]?[\d,]*\d(?:\.\d+)?)\s*(\S.*?(?:预算\s*\d{1,2}\s*表|预算表\s*\d{1,2}).*)$")
_ORDINAL_TITLE = re.compile(r"^表[一二三四五六七八九十]+[、.．]\s*")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
MAX_TITLE = 60


@dataclass
class Section:
    code: str  # "预算01表"
    title: str
    rows: list[Row] = field(default_factory=list)  # the rows after the title rows
    head_line: int = 0  # the first title row's line

    @property
    def line_start(self) -> int:
        return self.rows[0].line_start if self.rows else 0

    @property
    def line_end(self) -> int:
        return self.rows[-1].line_end if self.rows else 0


def table_code(text: str) -> str | None:
    """"预算05表" for a title cell naming a disclosure table, else ``None``."""
    if "预算" not in text:
        return None
    t = _BOOKMARK.sub("", text)
    if len(norm(t)) > MAX_TITLE:
        return None
    m = _CODE.search(norm(t))
    if not m:
        return None
    number = int(m.group(1) or m.group(2))
    return f"预算{number:02d}表" if 0 < number < 100 else None


def title_of(text: str) -> str:
    """The table's name from a title cell: "预算01表 收支总表" → "收支总表",
    "表一、部门收支总体情况表（预算01表）" → "部门收支总体情况表"."""
    t = _BOOKMARK.sub("", text).strip()
    t = _CODE.sub("", t)
    t = _ORDINAL_TITLE.sub("", t)
    return re.sub(r"[(（]\s*[)）]", "", t).strip(" ：:")


def unglue(rows: list[Row]) -> list[Row]:
    """Split cells that carry the next table's title after their value (see module doc)."""
    out: list[Row] = []
    for row in rows:
        split_at = None
        for index, cell in enumerate(row.cells):
            if not cell.text[:1].isdigit() or "预算" not in cell.text:
                continue
            m = _GLUED.match(cell.text)
            if m and table_code(m.group(2)):
                split_at = index
                break
        if split_at is None:
            out.append(row)
            continue
        m = _GLUED.match(row.cells[split_at].text)
        assert m is not None
        head = [*row.cells[:split_at], Cell(m.group(1), row.cells[split_at].line)]
        tail = [Cell(m.group(2), row.cells[split_at].line), *row.cells[split_at + 1:]]
        out.append(Row(head, row.line_start, row.cells[split_at].line, row.hard, row.gap_before, row.origin))
        out.append(Row(tail, row.cells[split_at].line, row.line_end, False, 1, row.origin))
    return out


def _claimed(row: Row, claimed: list[tuple[int, int]]) -> bool:
    return any(lo <= row.line_start <= hi or lo <= row.line_end <= hi for lo, hi in claimed)


def find_sections(rows: list[Row], claimed: list[tuple[int, int]]) -> list[Section]:
    """Every coded table section outside the claimed spans, in document order (``rows`` already
    passed through :func:`unglue`)."""
    sections: list[Section] = []
    current: Section | None = None
    in_title = False
    for row in rows:
        if _claimed(row, claimed):
            current, in_title = None, False
            continue
        codes = [(c, table_code(c.text)) for c in row.cells if c.text]
        coded = [(c, code) for c, code in codes if code]
        if coded and len(codes) <= 3:
            code = coded[0][1]
            assert code is not None
            title = next((title_of(c.text) for c, _ in coded if title_of(c.text)), "")
            if current is not None and current.code == code and (in_title or not current.rows):
                if title and (row.hard or not current.title):
                    current.title = title  # the title printed inside the table wins
                continue
            current = Section(code, title, head_line=row.line_start)
            sections.append(current)
            in_title = True
            continue
        if current is not None:
            if not row.hard and current.rows and len(row.cells[0].text) > MAX_TITLE:
                current = None  # narrative text after the table
                continue
            in_title = False
            current.rows.append(row)
    return sections
