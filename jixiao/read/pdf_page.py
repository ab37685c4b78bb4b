"""One PDF page → its elements top to bottom: ruled tables (as grids of cell texts) and text lines.

Geometry comes from pypdfium2 (fast, and it maps CJK fonts right): every straight, axis-parallel
stroke or thin filled rectangle is a ruling; rulings that touch form one table; the table's distinct
x and y positions cut it into atoms, and atoms not separated by a ruling belong to one merged cell.
Each character goes to the cell that holds its centre; characters outside every table make text
lines. A merged cell's text sits in its top-left grid position, the others are empty — the same
grid the DOCX and XLSX readers produce; every position keeps its x-range and a merged cell its colspan.
Glyphs outside the page box or outside their clip path are not read (spreadsheets saved as PDF draw a
merged cell's text over the whole range and let the cell clip it). Vertical rulings that run on past a
table's first or last horizontal ruling (a table cut by a page break, unruled at the cut) make one more
row there, marked open so that :mod:`pdf` can join it to the row the page break split.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as raw  # type: ignore[import-untyped]

from jixiao.read.grid import collapse, normalize_cjk
from jixiao.read.han import is_cjk
from jixiao.read.text import clean, join_fragments

THIN = 2.5  # points: a rectangle this thin is a ruling
TOUCH = 2.0  # points: rulings this close touch
MIN_RULE = 4.0
MAX_SEGMENTS = 20_000
OPEN_EDGE = 8.0  # points: vertical rulings this far past a table's last horizontal one make an unruled row
CLIP_SLACK = 1.0  # points
ADOPT_DISTANCE = 150.0  # points
_NUMBER_CHARS = frozenset("0123456789.,%")


@dataclass(slots=True)
class Char:
    text: str
    x: float
    y: float
    size: float
    generated: bool


@dataclass(slots=True)
class Element:
    """A table row (``cells``) or a text line (``text``) with its vertical position (top, from above).

    Table rows also carry, per grid position: ``spans`` (colspan of the merged cell whose text sits
    there), ``extents`` (x0, x1), ``anchors`` (rows up and column of the position holding the text
    of the merged cell the position belongs to), ``full`` (the cell's text, two lines or more, runs
    down to the row's bottom: it may go on after a page break) and ``open_top`` (no ruling above the
    position: the cell goes on from the previous page)."""

    top: float
    bottom: float
    cells: list[str] | None = None
    text: str = ""
    gap: int = 0
    spans: list[int] | None = None
    extents: list[tuple[float, float]] | None = None
    anchors: list[tuple[int, int]] | None = None
    full: list[bool] | None = None
    open_top: list[bool] | None = None
    table: int = -1  # index of the table on its page (rows of one table share it)


@dataclass(slots=True)
class _Table:
    xs: list[float]
    ys: list[float]  # descending (PDF y grows upwards)
    vertical: list[tuple[float, float, float]] = field(default_factory=list)  # (x, y0, y1)
    horizontal: list[tuple[float, float, float]] = field(default_factory=list)  # (y, x0, x1)
    open_top: bool = False  # the first row lies above the topmost horizontal ruling


def page_chars(textpage: Any, box: tuple[float, float, float, float] | None = None, clipped: bool = True
               ) -> list[Char]:
    """The page's characters; with ``box`` (left, bottom, right, top) only those drawn inside it and,
    when ``clipped`` (some text object of the page is clipped), inside their own clip path."""
    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    rect = raw.FS_RECTF()
    chars: list[Char] = []
    clips: dict[int, tuple[float, float, float, float] | None] = {}
    for i in range(count):
        code = raw.FPDFText_GetUnicode(handle, i)
        if 0xD800 <= code <= 0xDFFF:
            continue  # half of a surrogate pair: such characters are outside the forms' vocabulary
        if code == 2:
            code = 0x2D  # PDFium reports a hyphen that ends a line as U+0002
        generated = bool(raw.FPDFText_IsGenerated(handle, i))
        raw.FPDFText_GetLooseCharBox(handle, i, ctypes.byref(rect))
        size = abs(rect.top - rect.bottom)
        x, y = (rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2
        if box is not None and not generated and not (
                _inside(box, x, y) and (not clipped or _inside(_clip(handle, i, clips), x, y))):
            continue
        chars.append(Char(chr(code), x, y, size, generated))
    return chars


def _inside(box: tuple[float, float, float, float] | None, x: float, y: float) -> bool:
    if box is None:
        return True
    left, bottom, right, top = box
    return left - CLIP_SLACK <= x <= right + CLIP_SLACK and bottom - CLIP_SLACK <= y <= top + CLIP_SLACK


def _clip(textpage: Any, index: int, cache: dict[int, tuple[float, float, float, float] | None]
          ) -> tuple[float, float, float, float] | None:
    """The bounding box of the clip path of the text object that draws character ``index`` (the
    intersection of its paths' boxes, in page space), or None when it is not clipped."""
    obj = raw.FPDFText_GetTextObject(textpage, index)
    key = ctypes.cast(obj, ctypes.c_void_p).value or 0
    if key in cache:
        return cache[key]
    clip = raw.FPDFPageObj_GetClipPath(obj) if key else None
    box = _clip_box(clip, ctypes.c_float(), ctypes.c_float()) if clip else None
    cache[key] = box
    return box


def _clip_box(clip: Any, x: Any, y: Any) -> tuple[float, float, float, float] | None:
    """The intersection of the bounding boxes of a clip path's paths (page space)."""
    box: tuple[float, float, float, float] | None = None
    for path in range(min(raw.FPDFClipPath_CountPaths(clip), 16)):
        count = raw.FPDFClipPath_CountPathSegments(clip, path)
        if count <= 0 or count > 256:
            continue
        xs: list[float] = []
        ys: list[float] = []
        for n in range(count):
            segment = raw.FPDFClipPath_GetPathSegment(clip, path, n)
            if segment and raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                xs.append(x.value)
                ys.append(y.value)
        if xs:
            part = (min(xs), min(ys), max(xs), max(ys))
            box = part if box is None else (max(box[0], part[0]), max(box[1], part[1]),
                                            min(box[2], part[2]), min(box[3], part[3]))
    return box


def page_rulings(page: Any) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """(horizontal (y, x0, x1), vertical (x, y0, y1)) rulings of a page."""
    horizontal: list[tuple[float, float, float]] = []
    vertical: list[tuple[float, float, float]] = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=1):
        left, bottom, right, top = obj.get_bounds()
        width, height = right - left, top - bottom
        if height <= THIN and width >= MIN_RULE:
            horizontal.append(((top + bottom) / 2, left, right))
        elif width <= THIN and height >= MIN_RULE:
            vertical.append(((left + right) / 2, bottom, top))
        elif width >= MIN_RULE and height >= MIN_RULE:
            _segments(obj, horizontal, vertical)
        if len(horizontal) + len(vertical) > MAX_SEGMENTS:
            break
    return horizontal, vertical


def _segments(obj: Any, horizontal: list[tuple[float, float, float]],
              vertical: list[tuple[float, float, float]]) -> None:
    """Axis-parallel edges of a larger path (a stroked rectangle or polyline), in page space."""
    a, b, c, d, e, f = obj.get_matrix().get()
    count = raw.FPDFPath_CountSegments(obj.raw)
    if count > 64:
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float, bool]] = []
    for i in range(count):
        seg = raw.FPDFPath_GetPathSegment(obj.raw, i)
        if not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        kind = raw.FPDFPathSegment_GetType(seg)
        px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        points.append((px, py, kind == raw.FPDF_SEGMENT_MOVETO))
        if raw.FPDFPathSegment_GetClose(seg):
            start = next((p for p in reversed(points) if p[2]), points[0])
            points.append((start[0], start[1], False))
    for (x0, y0, _), (x1, y1, move) in itertools.pairwise(points):
        if move:
            continue
        if abs(y1 - y0) <= 0.5 and abs(x1 - x0) >= MIN_RULE:
            horizontal.append((y0, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= 0.5 and abs(y1 - y0) >= MIN_RULE:
            vertical.append((x0, min(y0, y1), max(y0, y1)))


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > TOUCH:
            out.append(v)
    return out


def _tables(horizontal: list[tuple[float, float, float]],
            vertical: list[tuple[float, float, float]]) -> list[_Table]:
    """Group rulings that touch into tables (union-find over crossing pairs)."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(vertical)), key=lambda k: vertical[k][0])
    vx = [vertical[k][0] for k in order]
    for h, (y, x0, x1) in enumerate(horizontal):
        lo = bisect.bisect_left(vx, x0 - TOUCH)
        hi = bisect.bisect_right(vx, x1 + TOUCH)
        for k in order[lo:hi]:
            _, y0, y1 = vertical[k]
            if y0 - TOUCH <= y <= y1 + TOUCH:
                parent[find(h)] = find(len(horizontal) + k)
    groups: dict[int, _Table] = {}
    for h, seg in enumerate(horizontal):
        groups.setdefault(find(h), _Table([], [])).horizontal.append(seg)
    for k, seg in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + k), _Table([], [])).vertical.append(seg)
    tables: list[_Table] = [t for t in groups.values() if t.horizontal and t.vertical]
    for orphan in groups.values():
        if not orphan.horizontal:
            for seg in orphan.vertical:
                _adopt(tables, seg)
    for table in tables:
        table.xs = _cluster([x for x, _, _ in table.vertical])
        table.ys = sorted(_cluster([y for y, _, _ in table.horizontal]), reverse=True)
        if len(table.xs) >= 2 and table.ys:
            _open_edges(table)
    return [t for t in tables if len(t.xs) >= 2 and len(t.ys) >= 2]


def _open_edges(table: _Table) -> None:
    """Vertical rulings on both sides of the table that run on past its topmost (bottommost)
    horizontal ruling: a row cut by the page break, drawn without a ruling at the cut."""
    left, right = table.xs[0], table.xs[-1]

    def reach(side: float, top: bool) -> float | None:
        ends = [y1 if top else y0 for x, y0, y1 in table.vertical if abs(x - side) <= TOUCH]
        return (max(ends) if top else min(ends)) if ends else None

    tops = [reach(left, True), reach(right, True)]
    if all(t is not None for t in tops):
        top = min(t for t in tops if t is not None)
        if top - table.ys[0] >= OPEN_EDGE:
            table.ys.insert(0, top)
            table.open_top = True
    bottoms = [reach(left, False), reach(right, False)]
    if all(b is not None for b in bottoms):
        bottom = max(b for b in bottoms if b is not None)
        if table.ys[-1] - bottom >= OPEN_EDGE:
            table.ys.append(bottom)


def _adopt(tables: list[_Table], seg: tuple[float, float, float]) -> None:
    """A vertical ruling that touches no horizontal one (the side of a merged cell continued from
    the previous page, whose top and bottom borders are not on this page) joins the table beside it."""
    x, y0, y1 = seg
    for table in tables:
        top = max(y for y, _, _ in table.horizontal)
        bottom = min(y for y, _, _ in table.horizontal)
        left = min(a for _, a, _ in table.horizontal)
        right = max(b for _, _, b in table.horizontal)
        overlap = min(y1, top) - max(y0, bottom)
        if overlap >= 0.5 * (y1 - y0) and left - ADOPT_DISTANCE <= x <= right + ADOPT_DISTANCE:
            table.vertical.append(seg)
            return


def _by_line(segments: list[tuple[float, float, float]], lines: list[float]) -> list[list[tuple[float, float]]]:
    """The spans (a, b) of the segments that lie on each of ``lines`` (clustered positions)."""
    out: list[list[tuple[float, float]]] = [[] for _ in lines]
    ordered = sorted(lines)
    for pos, a, b in segments:
        k = bisect.bisect_left(ordered, pos - TOUCH)
        while k < len(ordered) and ordered[k] <= pos + TOUCH:
            out[lines.index(ordered[k])].append((a, b))
            k += 1
    return out


def _covers(spans: list[tuple[float, float]], lo: float, hi: float) -> bool:
    """Does one of a line's spans run over the middle of (lo, hi)?"""
    mid = (lo + hi) / 2
    return any(a - TOUCH <= mid <= b + TOUCH for a, b in spans)


def page_box(page: Any) -> tuple[float, float, float, float] | None:
    try:
        left, bottom, right, top = page.get_cropbox()
    except Exception:  # a page without a usable box is read whole
        return None
    return (min(left, right), min(bottom, top), max(left, right), max(bottom, top))


def clipped_text(page: Any, box: tuple[float, float, float, float] | None) -> bool:
    """Does a text object of the page have a clip path that cuts into the page box? (Only then are
    characters checked one by one against their clip path.)"""
    handle = page.raw
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(min(raw.FPDFPage_CountObjects(handle), 100_000)):
        obj = raw.FPDFPage_GetObject(handle, index)
        if not obj or raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
            continue
        clip = raw.FPDFPageObj_GetClipPath(obj)
        if not clip:
            continue
        inner = _clip_box(clip, x, y)
        if inner is None:
            continue
        if box is None or inner[0] > box[0] + CLIP_SLACK or inner[1] > box[1] + CLIP_SLACK \
                or inner[2] < box[2] - CLIP_SLACK or inner[3] < box[3] - CLIP_SLACK:
            return True
    return False


def page_elements(page: Any, textpage: Any) -> list[Element]:
    box = page_box(page)
    chars = page_chars(textpage, box, clipped_text(page, box))
    horizontal, vertical = page_rulings(page)
    tables = _tables(horizontal, vertical)
    elements: list[Element] = []
    claimed = [False] * len(chars)
    spans: list[tuple[float, float]] = []
    for number, table in enumerate(tables):
        rows = _table_rows(table, chars, claimed)
        for row in rows:
            row.table = number
        elements.extend(rows)
        spans.append((table.ys[0], table.ys[-1]))
    return merge_lines(elements, _text_lines(chars, claimed), spans)


def merge_lines(rows: list[Element], lines: list[Element], spans: list[tuple[float, float]]) -> list[Element]:
    """Table rows and text lines top to bottom; text beside a table (``spans``: each table's top and
    bottom) never comes between its rows (a header stays a header): it follows the table."""
    for line in lines:
        middle = (line.top + line.bottom) / 2
        for top, bottom in spans:
            if bottom < middle < top:
                line.top = line.bottom = bottom - 0.01
                break
    elements = [*rows, *lines]
    elements.sort(key=lambda el: -el.top)
    return elements


def _table_rows(table: _Table, chars: list[Char], claimed: list[bool]) -> list[Element]:
    xs, ys = table.xs, table.ys
    rows, cols = len(ys) - 1, len(xs) - 1
    owner = list(range(rows * cols))

    def find(i: int) -> int:
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    vertical = _by_line(table.vertical, xs)
    horizontal = _by_line(table.horizontal, ys)
    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not _covers(vertical[c + 1], ys[r + 1], ys[r]):
                owner[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not _covers(horizontal[r + 1], xs[c], xs[c + 1]):
                owner[find((r + 1) * cols + c)] = find(r * cols + c)
    first: dict[int, tuple[int, int]] = {}  # root → its top-left (row, column)
    last_column: dict[int, int] = {}
    for r in range(rows):
        for c in range(cols):
            root = find(r * cols + c)
            first.setdefault(root, (r, c))
            last_column[root] = max(last_column.get(root, c), c)
    texts: dict[int, list[Char]] = {}
    neg_ys = [-y for y in ys]
    last: int | None = None
    for n, ch in enumerate(chars):
        if ch.generated:
            if last is not None and ch.text == " ":
                texts[last].append(ch)
            if ch.text in "\r\n":
                last = None
            continue
        c = bisect.bisect_right(xs, ch.x) - 1
        r = bisect.bisect_right(neg_ys, -ch.y) - 1
        if not (0 <= c < cols and 0 <= r < rows):
            last = None
            continue
        root = find(r * cols + c)
        texts.setdefault(root, []).append(ch)
        claimed[n] = True
        last = root
    out: list[Element] = []
    bottom_row: dict[int, int] = {}
    for index in range(rows * cols):
        bottom_row[find(index)] = index // cols
    for r in range(rows):
        cells: list[str] = []
        spans: list[int] = []
        extents: list[tuple[float, float]] = []
        anchors: list[tuple[int, int]] = []
        full: list[bool] = []
        for c in range(cols):
            index = r * cols + c
            root = find(index)
            top_left = root == index
            start_row, start_column = first[root]
            cells.append(cell_text(texts.get(root, [])) if top_left else "")
            width = last_column[root] - start_column + 1 if top_left else 1
            spans.append(width)
            extents.append((xs[c], xs[c + width]) if top_left else (xs[c], xs[c + 1]))
            anchors.append((r - start_row, start_column))
            # only a table's last row can be cut by the page break
            full.append(r == rows - 1 and top_left and _runs_to_bottom(texts.get(root, []), ys[bottom_row[root] + 1]))
        open_top = [table.open_top or not _covers(horizontal[0], xs[c], xs[c + 1]) for c in range(cols)] \
            if r == 0 else None
        out.append(Element(top=ys[r], bottom=ys[r + 1], cells=cells, spans=spans, extents=extents,
                           anchors=anchors, full=full, open_top=open_top))
    return out


def _runs_to_bottom(chars: list[Char], bottom: float) -> bool:
    """Two lines or more of text whose last line ends within a line of the cell's bottom edge."""
    real = [c for c in chars if not c.generated]
    if not real:
        return False
    size = max(max(c.size for c in real), 1.0)
    lowest = min(c.y for c in real)
    return max(c.y for c in real) - lowest > size * 0.8 and lowest - bottom <= size * 2.2


def _drop_cjk_gaps(chars: list[Char]) -> list[Char]:
    """PDFium adds a space wherever glyphs stand apart; between a CJK character and a digit or
    letter that gap is typesetting (Word's and LibreOffice's autospace), not a space in the text."""
    out: list[Char] = []
    for n, ch in enumerate(chars):
        gap = ch.generated and ch.text == " " and out and n + 1 < len(chars)
        if gap and (is_cjk(out[-1].text[:1]) or is_cjk(chars[n + 1].text[:1])):
            continue
        out.append(ch)
    return out


def cell_text(chars: list[Char]) -> str:
    """Characters of one cell → its text: characters grouped into lines by height and read left to
    right (office PDFs draw fallback-font glyphs such as curly quotes out of text order), lines
    joined without a space where either side is CJK."""
    items = _drop_cjk_gaps(chars)
    real = sorted((c for c in items if not c.generated), key=lambda c: -c.y)
    line_of: dict[int, int] = {}
    top: float | None = None
    line = -1
    for ch in real:
        if top is None or top - ch.y > max(ch.size, 1.0) * 0.5:
            line, top = line + 1, ch.y
        line_of[id(ch)] = line
    placed: list[tuple[int, float, int, str]] = []
    previous: Char | None = None
    for order, ch in enumerate(items):
        if not ch.generated:
            placed.append((line_of[id(ch)], ch.x, order, ch.text))
            previous = ch
        elif previous is not None:  # a generated space stays right after the character before it
            placed.append((line_of[id(previous)], previous.x + 0.01, order, ch.text))
    placed.sort()
    lines: list[list[str]] = []
    current = -1
    for number, _, _, glyph in placed:
        if number != current:
            lines.append([])
            current = number
        lines[-1].append(glyph)
    text = ""
    for words in lines:
        part = clean(normalize_cjk("".join(words)))
        if text and part and text[-1] in _NUMBER_CHARS and part[0] in _NUMBER_CHARS:
            text += part  # a narrow cell wrapped inside a number ("97.6" / "5")
        else:
            text = join_fragments(text, part)
    return text


def _text_lines(chars: list[Char], claimed: list[bool]) -> list[Element]:
    out: list[Element] = []
    current: list[Char] = []

    def flush() -> None:
        if current:
            # generated spaces stay: outside ruled tables they are the gaps between cells
            text = collapse(normalize_cjk("".join(c.text for c in current)))
            if text:
                real = [c for c in current if not c.generated] or current
                top = max(c.y + c.size / 2 for c in real)
                out.append(Element(top=top, bottom=min(c.y - c.size / 2 for c in real), text=text))
        current.clear()

    for n, ch in enumerate(chars):
        if claimed[n]:
            flush()
            continue
        if ch.generated and ch.text in "\r\n":
            flush()
            continue
        if current and not ch.generated and abs(ch.y - current[-1].y) > max(ch.size, current[-1].size, 1.0) * 0.5:
            flush()
        current.append(ch)
    flush()
    return out


def open_pdf(data: bytes) -> Any:
    return pdfium.PdfDocument(data)
