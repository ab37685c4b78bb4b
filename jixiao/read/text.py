"""Plain text → rows of cells with line provenance (DESIGN §4, ``read`` stage).

One reader for every text layout converters produce:

* tab-separated rows (``a\\tb\\tc``), some with shifted or missing cells;
* DOCX text with one cell per line, tab-indented, a blank line between rows and continuation
  lines (a second paragraph of a cell) without the tab;
* ``a | b | c |`` pipe rows;
* web pages flattened one cell per line: each cell ends with `` |`` (an empty cell is a lone ``|``)
  and rows are separated by lines of pipes only (``||||``) — hard rows where a separator closes a row
  of a plausible width, soft text otherwise;
* PDF text: free lines where narrow cells come out as vertical fragments, blank lines between
  blocks and several blank lines at page breaks; a whole table flattened into one line.

Rows whose cell boundaries are known (tabs, pipes, DOCX lines) are ``hard``: empty cells are kept.
Free text lines are ``soft``: the recognizer decides where cells begin and end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.read.encoding import decode
from jixiao.read.han import is_cjk, is_cjk_or_punctuation, join_between

_WS = re.compile(r"[ \t\u3000\u00a0]+")
_PIPE_ROW = re.compile(r"^\s*\|?(?:[^|]*\|){2,}[^|]*$")
_CELL_LINE = re.compile(r"^([^|]*[^|\s][^|]*?)\s*\|\s*$")  # "text |": one cell of a flattened row
_LONE_PIPE = re.compile(r"^\s*\|\s*$")  # an empty cell
_PIPE_RUN = re.compile(r"^\s*\|{2,}\s*$")  # the end of a flattened row
MAX_FLAT_ROW = 16  # cells a separator-closed group may hold to be read as one row
MAX_LINE_CHARS = 200_000


@dataclass(slots=True, unsafe_hash=True)
class Cell:
    """One cell of a row. Grid readers (DOCX, XLSX, HTML, ruled PDF) put every grid position in its
    row: a merged cell's text sits in its first position with ``span`` > 1, the positions it covers
    are empty cells. ``x0``/``x1`` are the cell's horizontal extent in points where the reader knows
    it (PDF); ``value`` is a spreadsheet cell's stored value where it differs from the shown text;
    ``confidence`` is the lowest OCR confidence (0–1) of the text read into a cell of a scan.
    Cells are never changed once made, but the class is not frozen: a frozen dataclass sets each field
    through ``object.__setattr__``, four times the cost, and a district's documents hold millions."""

    text: str
    line: int  # 1-based line of the cell's first fragment
    span: int = 1  # grid columns covered (colspan)
    x0: float | None = None
    x1: float | None = None
    value: str | None = None
    confidence: float | None = None


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    line_start: int
    line_end: int
    hard: bool  # cell boundaries are known; empty cells are real
    gap_before: int = 0  # blank lines between this row and the previous one
    origin: str = "text"  # "docx" | "tab" | "pipe" | "text"


@dataclass(slots=True)
class TextDocument:
    rows: list[Row]
    encoding: str
    line_count: int
    warnings: list[str] = field(default_factory=list)


def clean(text: str) -> str:
    """Whitespace-normalise a cell: single spaces, none between two CJK characters."""
    if " " not in text and "\t" not in text and "\n" not in text and "\u3000" not in text and "\u00a0" not in text:
        return text.strip()  # (most cells: nothing to part or join, and this is called for every cell)
    text = _WS.sub(" ", text.replace("\n", " ")).strip()
    return join_between(text, is_cjk_or_punctuation) if " " in text else text


def join_fragments(left: str, right: str) -> str:
    """Join two fragments of one cell: no space where either side is CJK."""
    if not left:
        return right
    if not right:
        return left
    if is_cjk(left[-1]) or is_cjk(right[0]) or left[-1] in "-/（(" or right[0] in "）)%":
        return left + right
    if (left[-1].isdigit() or left[-1] in ".,") and (right[0].isdigit() or right[0] in ".,"):
        return left + right  # a number wrapped inside its cell ("10" + "0余次")
    return left + " " + right


def read_text(data: bytes) -> TextDocument:
    """Decode bytes (encoding detected from content) and split them into rows of cells."""
    text, encoding, warnings = decode(data)
    if warnings and encoding != "utf-16" and _looks_binary(text):
        return TextDocument(rows=[], encoding=encoding, line_count=text.count("\n") + 1,
                            warnings=[*warnings, "未作为表格识别：二进制内容 / binary content not recognized"])
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    rows = _rows(lines)
    return TextDocument(rows=rows, encoding=encoding, line_count=len(lines), warnings=warnings)


def _looks_binary(text: str) -> bool:
    """Control characters or undecodable bytes in more than a tenth of the first 64 KiB."""
    head = text[:65536]
    bad = sum(1 for ch in head if ch == "\ufffd" or (ch < " " and ch not in "\t\n\r\x0b\x0c"))
    return bad > len(head) // 10


_TABLE_NUMBER = re.compile(r"^(?:附表|附件|表)\s*[\d一二三四五六七八九十]{1,3}$")


def _line_kind(line: str) -> str:
    if line.startswith("\t") and "\t" not in line[1:]:
        return "docx"  # one DOCX cell, possibly empty
    if not line.strip():
        return "blank"
    if "\t" in line.strip(" ") or line.count("\t") >= 2:
        return "tab"
    if _PIPE_ROW.match(line) and line.count("|") >= 2:
        return "pipe"
    return "text"


def _flat_kind(line: str) -> str:
    if _PIPE_RUN.match(line):
        return "run"
    if _LONE_PIPE.match(line):
        return "lone"
    if _CELL_LINE.match(line):
        return "cell"
    if line.strip() and "|" not in line and "\t" not in line:
        return "plain"
    return ""


def _flat_rows(lines: list[str]) -> dict[int, tuple[int, Row]]:
    """Rows of web pages flattened one cell per line (``text |``, a lone ``|`` for an empty cell,
    ``||||`` closing a row), by the index of their first line: (index after the row's last line, row).
    Only regions with two or more separators and three or more ``text |`` lines are read this way, and
    only groups of at most ``MAX_FLAT_ROW`` cells become rows (a longer group's row ends are unknown)."""
    kinds = [_flat_kind(line[:MAX_LINE_CHARS]) for line in lines]
    out: dict[int, tuple[int, Row]] = {}
    i = 0
    while i < len(lines):
        if kinds[i] not in ("run", "lone", "cell"):
            i += 1
            continue
        end = i
        while end < len(lines) and kinds[end]:
            end += 1
        while end > i and kinds[end - 1] == "plain":
            end -= 1  # text after the region's last cell is not a cell
        region = kinds[i:end]
        if region.count("run") >= 2 and region.count("cell") >= 3:
            _flat_groups(lines, kinds, i, end, out)
        i = max(end, i + 1)
    return out


def _flat_groups(lines: list[str], kinds: list[str], start: int, end: int, out: dict[int, tuple[int, Row]]) -> None:
    group = start
    cells: list[Cell] = []
    fragments: list[tuple[int, str]] = []
    for n in range(start, end):
        kind = kinds[n]
        if kind == "plain":
            fragments.append((n + 1, clean(lines[n][:MAX_LINE_CHARS])))
            continue
        if kind in ("cell", "lone"):
            if kind == "cell":
                match = _CELL_LINE.match(lines[n][:MAX_LINE_CHARS])
                fragments.append((n + 1, clean(match.group(1) if match else "")))
            cells.append(_joined(fragments, n + 1))
            fragments = []
            continue
        if fragments:  # a separator also ends a last cell written without its pipe
            cells.append(_joined(fragments, n + 1))
            fragments = []
        _flat_group(cells, group, n + 1, out)
        cells = []
        group = n + 1
    if fragments:
        cells.append(_joined(fragments, end))
    _flat_group(cells, group, end, out, closed=False)


def _flat_group(cells: list[Cell], group: int, end: int, out: dict[int, tuple[int, Row]],
                closed: bool = True) -> None:
    """One group of cells between separators (``end``: index after its last line). A closed group of
    a row's width is a row; a longer group (the separators stop, as in an indicator table) is cut into
    rows when one width makes a header of labels and three or more rows with numbers in the same columns."""
    if not cells or not any(c.text for c in cells):
        if closed and end - 1 == group:
            out[group] = (end, Row([Cell("", end)], end, end, True, 0, "pipe"))  # a lone separator, as before
        return
    if closed and len(cells) <= MAX_FLAT_ROW:
        out[group] = (end, Row(cells, group + 1, end, True, 0, "pipe"))
        return
    width = _flat_width(cells)
    if width is None:
        return  # row ends unknown: the lines stay soft text
    chunks = [cells[k:k + width] for k in range(0, len(cells), width)]
    start = group
    for number, chunk in enumerate(chunks):
        last = end if number == len(chunks) - 1 else chunks[number + 1][0].line - 1
        last = max(last, chunk[-1].line)
        out[start] = (last, Row(chunk, start + 1, last, True, 0, "pipe"))
        start = last


_NUMBER_CELL = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")


def _flat_width(cells: list[Cell]) -> int | None:
    for width in range(3, MAX_FLAT_ROW + 1):
        full = len(cells) // width
        if full < 4:
            break
        if any(_NUMBER_CELL.match(c.text) for c in cells[:width]):
            continue  # the first chunk must be a header of labels
        rows = [cells[k * width:(k + 1) * width] for k in range(1, full)]
        numeric = [p for p in range(width) if all(_NUMBER_CELL.match(row[p].text) for row in rows)]
        if numeric:
            return width
    return None


def _wrapped_pipe_rows(lines: list[str], flat: dict[int, tuple[int, Row]]) -> dict[int, tuple[int, str]]:
    """``| a | b |`` rows that a line break inside a cell carried over to the next lines: a row that
    starts and ends with a pipe and holds at most one cell goes on with the following lines that hold
    a pipe without starting with one (``| 项目名称 |`` + ``某某项目 |``; ``|`` + ``项目资金 |`` +
    ``年初预算数 | 全年预算数 |``) while it holds one cell at most. By first index: (line number of
    the last line, the row's text on one line)."""
    out: dict[int, tuple[int, str]] = {}
    taken = {n for start, (end, _) in flat.items() for n in range(start, end)}
    i = 0
    while i < len(lines):
        line = lines[i][:MAX_LINE_CHARS].strip()
        if i in taken or not (line.startswith("|") and line.endswith("|")) or "\t" in line:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and j not in taken:
            following = lines[j][:MAX_LINE_CHARS].strip()
            if not following or following.startswith("|") or "|" not in following or "\t" in following \
                    or sum(1 for part in line.split("|") if part.strip()) > 1:
                break
            line = f"{line} {following}"
            j += 1
        if j > i + 1:
            out[i] = (j, line)
        i = j
    return out


def _joined(fragments: list[tuple[int, str]], line: int) -> Cell:
    if not fragments:
        return Cell("", line)
    text = ""
    for _, part in fragments:
        text = join_fragments(text, part)
    return Cell(text, fragments[0][0])


def _rows(lines: list[str]) -> list[Row]:
    rows: list[Row] = []
    gap = 0
    current: Row | None = None  # the DOCX row being built
    piped = any("|" in line for line in lines)
    flat = _flat_rows(lines) if piped else {}
    wrapped = _wrapped_pipe_rows(lines, flat) if piped else {}
    skip_to = 0
    for number, raw in enumerate(lines, start=1):
        if number <= skip_to:
            continue
        if number - 1 in wrapped:
            if current is not None:
                rows.append(current)
                current = None
            skip_to, joined = wrapped[number - 1]
            parts = joined.strip().strip("|").split("|")
            rows.append(Row([Cell(clean(c), number) for c in parts], number, skip_to, True, gap, "pipe"))
            gap = 0
            continue
        if number - 1 in flat:
            if current is not None:
                rows.append(current)
                current = None
            skip_to, flat_row = flat[number - 1]
            flat_row.gap_before = gap
            rows.append(flat_row)
            gap = 0
            continue
        line = raw[:MAX_LINE_CHARS]
        kind = _line_kind(line)
        if kind == "blank":
            gap += 1
            if current is not None:
                rows.append(current)
                current = None
            continue
        if kind == "text":
            row = current if current is not None else (rows[-1] if rows else None)
            if row is not None and _continues_docx_cell(row, line, gap, reopened=current is None):
                if current is None:
                    current = rows.pop()  # a blank line inside a cell: the row goes on
                last = current.cells[-1]
                current.cells[-1] = Cell(join_fragments(last.text, clean(line)), last.line)
                current.line_end = number
                gap = 0
                continue
        if kind == "docx":
            if current is None:
                current = Row([], number, number, hard=True, gap_before=gap, origin="docx")
            current.cells.append(Cell(clean(line), number))
            current.line_end = number
            gap = 0
            continue
        if current is not None:
            rows.append(current)
            current = None
        if kind == "tab":
            cells = [Cell(clean(c), number) for c in line.split("\t")]
            rows.append(Row(cells, number, number, True, gap, "tab"))
        elif kind == "pipe":
            parts = line.strip().strip("|").split("|")
            rows.append(Row([Cell(clean(c), number) for c in parts], number, number, True, gap, "pipe"))
        else:
            rows.append(Row([Cell(_WS.sub(" ", line).strip(), number)], number, number, False, gap, "text"))
        gap = 0
    if current is not None:
        rows.append(current)
    return rows


def _continues_docx_cell(row: Row, line: str, gap: int, reopened: bool) -> bool:
    """A line without the leading tab continues the DOCX cell above it (a second paragraph);
    after a blank line only a short fragment does (a cell whose second paragraph is "%")."""
    if row.origin != "docx" or not row.cells:
        return False
    if gap == 0 and not reopened:
        return True
    if _TABLE_NUMBER.match(line.strip()):
        return False  # "表3" / "附表3": the next table's number, a paragraph of its own
    if gap == 0:
        return row.line_end == row.cells[-1].line or len(line.strip()) <= 12
    return gap == 1 and len(line.strip()) <= 3
