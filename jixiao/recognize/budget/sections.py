"""A budget disclosure's tables, found by their titles: a printed 预算NN表 code (Beijing: 预算01表 …
预算14表, 预算表11), or the name of a budget table (部门收支总表, 一般公共预算支出表 …, see
:mod:`.roles`) with or without a number such as 表1 / 附表三.

A section runs from a title row to the next title row naming another table.
DOCX converters sometimes glue the next table's title onto the last cell of a table
("3229.290177表十二、…（预算12表）"): :func:`unglue` splits such cells back into a value and a title
row before anything else looks at them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from jixiao.read.text import Cell, Row
from jixiao.recognize.budget.roles import role_of
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
    def name(self) -> str:
        """How messages name the table: its printed code, else its title."""
        return self.code if not self.code.isascii() else self.title

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


_PRINTED = re.compile(r"^(附表|附件|表)\s*(\d{1,2}(?:[-－—]\d{1,2})?|[一二三四五六七八九十]{1,3})"
                      r"(?=$|[、.．:：\s]|[^\d表一二三四五六七八九十])")
_LEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])\s*")
_TRAILING = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_SENTENCE = re.compile(r"[，。；;！？!?]|\.\.\.|…|··|详见|参见|见附")
MAX_UNCODED_TITLE = 40
_NUMERALS = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)}


def _arabic(numeral: str) -> str:
    """"十二" → "12"; digits stay as printed."""
    if numeral[0].isdigit():
        return numeral
    if len(numeral) == 1:
        return str(_NUMERALS[numeral])
    tens, _, ones = numeral.partition("十")
    return str((_NUMERALS.get(tens, 1) if tens else 1) * 10 + (_NUMERALS.get(ones, 0) if ones else 0))


def printed_title(text: str) -> tuple[str | None, str] | None:
    """A title row of a table printed without a 预算NN表 code: ``(code, title)`` where code is the
    printed number ("表1", "附表3", or ``None``) and title the table's name ("部门收支总表", or "" for a
    bare number). ``None`` for anything else: a sentence, a table of contents line, a name that is no
    budget table (see :func:`.roles.role_of`)."""
    raw = unicodedata.normalize("NFKC", _BOOKMARK.sub("", text)).strip()
    t = norm(raw)
    if not t or len(t) > MAX_TITLE or _SENTENCE.search(t):
        return None
    code = None
    m = _PRINTED.match(raw)  # before spaces go: "表6 一般公共预算…" is 表6, not 表6一
    if m:
        code = f"{m.group(1)}{_arabic(m.group(2))}"
        t = norm(raw[m.end():]).lstrip("、.:-—")
        if not t:
            return code, ""
    t = _LEADING.sub("", t)
    name = _TRAILING.sub("", t)
    if len(name) > MAX_UNCODED_TITLE or not name.endswith("表") or role_of(name) is None:
        return None
    return code, t


@dataclass
class _Head:
    code: str | None
    title: str
    coded: bool  # a 预算NN表 code


def _head(row: Row) -> _Head | None:
    texts = [c.text for c in row.cells if c.text]
    if not texts or len(texts) > 3:
        return None
    coded = [(t, table_code(t)) for t in texts]
    coded = [(t, code) for t, code in coded if code]
    if coded:
        title = next((name for name in (title_of(t) for t, _ in coded) if name), "")
        return _Head(coded[0][1], title, True)
    if len(texts) > 2:
        return None
    found = printed_title("".join(texts))
    return _Head(found[0], found[1], False) if found else None


def _claimed(row: Row, claimed: list[tuple[int, int]]) -> bool:
    return any(lo <= row.line_start <= hi or lo <= row.line_end <= hi for lo, hi in claimed)


def _slug(title: str, used: set[str]) -> str:
    """A stable code for a table printed without one: its role, numbered when the role repeats."""
    base = role_of(title) or "table"
    code, n = base, 1
    while code in used:
        n += 1
        code = f"{base}-{n}"
    return code


def find_sections(rows: list[Row], claimed: list[tuple[int, int]]) -> list[Section]:
    """Every table section outside the claimed spans, in document order (``rows`` already passed
    through :func:`unglue`). A section starts at a title row: one naming a 预算NN表 code, or one naming
    a budget table by its title (with or without a printed number such as 表1; a bare number on the
    row before its title counts too)."""
    sections: list[Section] = []
    current: Section | None = None
    in_title = False
    pending: tuple[str, int] | None = None  # a bare printed number waiting for its title
    used: set[str] = set()
    for index, row in enumerate(rows):
        if _claimed(row, claimed):
            current, in_title, pending = None, False, None
            continue
        head = _head(row)
        if head is not None and head.code and not head.title and not head.coded:
            if current is not None and in_title and current.code.isascii():
                current.code = head.code  # the number printed under its title
                used.add(head.code)
            elif not (current is not None and in_title and current.code == head.code):
                pending = (head.code, index)
            continue
        if head is not None and head.code is None and pending is not None and index - pending[1] <= 2:
            head.code = pending[0]
        if head is not None:
            pending = None
            same = current is not None and (current.code == head.code or (head.code is None and in_title))
            if current is not None and same and (in_title or not current.rows):
                if head.title and (row.hard or not current.title):
                    current.title = head.title  # the title printed inside the table wins
                continue
            code = head.code or _slug(head.title, used)
            used.add(code)
            current = Section(code, head.title, head_line=row.line_start)
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
