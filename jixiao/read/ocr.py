"""Scanned pages → the same grid the PDF reader makes (DESIGN §6 "OCR"; needs the ``ocr`` extra).

A page image is deskewed, its red seal removed and its ruling lines found (:mod:`jixiao.read.image`);
RapidOCR (PP-OCRv4 models shipped inside the ``rapidocr-onnxruntime`` wheel: never a download) reads
the text boxes. The rulings and the boxes then go through the PDF reader's own table geometry
(:func:`jixiao.read.pdf_page._tables` / ``_table_rows``): rulings that touch form a table, atoms not
separated by a ruling are one merged cell, a box goes to the cell holding its centre (a box that runs
over a column ruling is cut there first). Boxes outside every table are text lines; a page without
rulings is all text lines, the boxes of one line joined with a space where they stand apart (the
recognizer reads such lines as it reads an unruled PDF). Every cell keeps the lowest confidence of
its boxes (:attr:`jixiao.read.text.Cell.confidence`).

Each page's OCR result (boxes and rulings, in points) is cached under ``$JIXIAO_HOME/cache/ocr`` (or
the user cache directory), keyed by the SHA-256 of the page image: a page is never read twice.
``JIXIAO_OCR_CACHE=off`` turns the cache off (benchmarks), ``JIXIAO_OCR_THREADS`` sets ONNX Runtime's
threads per page.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import os
import tempfile
import threading
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from jixiao.read.limits import MAX_PDF_PAGES, ReadRefused
from jixiao.read.pdf_page import Char, Element, _table_rows, _tables, merge_lines

ENABLE = "pip install 'jixiao[ocr]'"
NOT_INSTALLED = f"扫描图像需OCR，未安装 OCR 组件，启用方法：{ENABLE} / a scan: OCR is not installed: {ENABLE}"
NOTHING_READ = "OCR 未识别出文字 / OCR found no text"
OCR_DPI = 200  # PDF pages are rendered at this resolution
CACHE_VERSION = "ocr-3"  # part of every cache key: bump when a cached page changes meaning
_ENGINE_LOCK = threading.Lock()
_ENGINE: Any = None
_CJK_WIDE = ("W", "F")
_LONE_STOPS = frozenset({"0", "O", "o", "○", "°", "。", "."})


class OcrUnavailable(ReadRefused):
    """The ``ocr`` extra is not installed."""


def available() -> bool:
    """Can this installation OCR a page?"""
    try:
        import cv2  # noqa: F401
        import numpy  # noqa: F401
        import rapidocr_onnxruntime  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        return False
    return True


def require() -> None:
    if not available():
        raise OcrUnavailable(NOT_INSTALLED)


@dataclass(slots=True)
class OcrElement(Element):
    """A page element read by OCR: ``confidences`` per grid position of a table row (the lowest
    confidence of the boxes in the cell whose text sits there; None for empty positions), or
    ``confidence`` of a text line."""

    confidences: list[float | None] | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Box:
    """One text box read by OCR, in points with y growing downwards from the page's top."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    score: float
    item: int = -1  # the OCR line the box is a word of (-1: a whole line)
    space: bool = False  # a space stands before this word in its OCR line


@dataclass(slots=True)
class PageScan:
    """What OCR made of one page image (the cached unit): its size in points, the deskew angle, the
    text boxes and the rulings (PDF page space: y grows upwards)."""

    width: float
    height: float
    angle: float = 0.0
    boxes: list[Box] = field(default_factory=list)
    horizontal: list[tuple[float, float, float]] = field(default_factory=list)
    vertical: list[tuple[float, float, float]] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> PageScan:
        raw = json.loads(text)
        return cls(width=float(raw["width"]), height=float(raw["height"]), angle=float(raw["angle"]),
                   boxes=[Box(**box) for box in raw["boxes"]],
                   horizontal=[(float(a), float(b), float(c)) for a, b, c in raw["horizontal"]],
                   vertical=[(float(a), float(b), float(c)) for a, b, c in raw["vertical"]])


# ---------------------------------------------------------------------------------------------- engine

def _engine() -> Any:
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            from rapidocr_onnxruntime import RapidOCR

            options: dict[str, Any] = {"use_cls": False, "max_side_len": 2400, "print_verbose": False}
            threads = os.environ.get("JIXIAO_OCR_THREADS", "").strip()
            if threads.isdigit() and int(threads) > 0:
                options["intra_op_num_threads"] = int(threads)
                options["inter_op_num_threads"] = 1
            _ENGINE = RapidOCR(**options)
        return _ENGINE


def cache_dir() -> Path | None:
    """``$JIXIAO_HOME/cache/ocr``, else ``$XDG_CACHE_HOME/jixiao/ocr`` (``~/.cache``); None when
    ``JIXIAO_OCR_CACHE=off``."""
    if os.environ.get("JIXIAO_OCR_CACHE", "").strip().lower() in ("off", "0", "no", "false"):
        return None
    from jixiao.home import home

    root = home()
    if root is not None:
        return root / "cache" / "ocr"
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "jixiao" / "ocr"


def _cache_get(key: str) -> PageScan | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return PageScan.from_json((folder / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _cache_put(key: str, scan: PageScan) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")  # mode 0600
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(scan.to_json())
        os.chmod(temporary, 0o600)
        os.replace(temporary, folder / f"{key}.json")
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temporary)


def page_key(rgb: Any, dpi: float) -> str:
    """SHA-256 of the page image (its pixels and shape) and the resolution it is read at."""
    digest = hashlib.sha256()
    digest.update(f"{CACHE_VERSION}|{rgb.shape}|{dpi:.2f}|".encode())
    digest.update(memoryview(rgb).cast("B") if rgb.flags["C_CONTIGUOUS"] else rgb.tobytes())
    return digest.hexdigest()


def scan_page(rgb: Any, dpi: float) -> PageScan:
    """OCR one page image (RGB array) read at ``dpi``: boxes and rulings in points (cached)."""
    import cv2

    from jixiao.read import image

    if image.blank(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)):
        return PageScan(width=rgb.shape[1] * 72.0 / dpi, height=rgb.shape[0] * 72.0 / dpi)
    key = page_key(rgb, dpi)
    cached = _cache_get(key)
    if cached is not None:
        return cached
    scan = _scan(rgb, dpi)
    _cache_put(key, scan)
    return scan


def _scan(rgb: Any, dpi: float) -> PageScan:
    import cv2

    from jixiao.read import image

    pt = 72.0 / dpi
    height_px, width_px = rgb.shape[:2]
    scan = PageScan(width=width_px * pt, height=height_px * pt)
    clean_rgb = image.remove_seal(rgb)
    gray = cv2.cvtColor(clean_rgb, cv2.COLOR_RGB2GRAY)
    scan.angle = image.skew(gray)
    if scan.angle:
        clean_rgb = image.rotate(clean_rgb, scan.angle)
        gray = cv2.cvtColor(clean_rgb, cv2.COLOR_RGB2GRAY)
    scan.horizontal, scan.vertical = image.rulings(gray, dpi)
    # RapidOCR takes OpenCV's BGR; word boxes: each CJK character and each other word with its own
    # x-range and confidence (a cell's confidence is its least certain character, not a line's mean)
    result, _ = _engine()(clean_rgb[:, :, ::-1].copy(), return_word_box=True)
    for number, item in enumerate(result or []):
        scan.boxes.extend(_item_boxes(item, pt, number))
    return scan


def _item_boxes(item: Any, pt: float, number: int) -> list[Box]:
    """One OCR line → its word boxes (in points), or the line as one box where the words do not
    spell the line's text."""
    points, text, score = item[0], unicodedata.normalize("NFC", str(item[1])).strip(), float(item[2])
    if not text:
        return []
    ys = [float(p[1]) for p in points]
    top, bottom = min(ys) * pt, max(ys) * pt
    if len(item) >= 6:
        boxes, words, scores = item[3], item[4], item[5]
        if isinstance(boxes, list) and isinstance(words, list) and isinstance(scores, list) \
                and len(boxes) == len(words) == len(scores) and words \
                and "".join(str(w) for w in words).replace(" ", "") == text.replace(" ", ""):
            out: list[Box] = []
            position = 0
            for box, word, word_score in zip(boxes, words, scores, strict=True):
                xs = [float(p[0]) for p in box]
                word = unicodedata.normalize("NFC", str(word)).strip()
                space = False
                while position < len(text) and text[position] == " ":
                    space, position = True, position + 1
                position += len(word)
                if word:
                    out.append(Box(word, min(xs) * pt, top, max(xs) * pt, bottom, float(word_score), number,
                                   space and bool(out)))
            return out
    xs = [float(p[0]) for p in points]
    return [Box(text, min(xs) * pt, top, max(xs) * pt, bottom, score)]


# -------------------------------------------------------------------------------------------- geometry

def _width(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in _CJK_WIDE else 0.55


def _split(box: Box, cuts: list[float]) -> list[Box]:
    """Cut a box at the column rulings it runs over, its characters shared out by their widths."""
    if not cuts or len(box.text) < 2:
        return [box]
    weights = [_width(ch) for ch in box.text]
    total = sum(weights)
    scale = (box.x1 - box.x0) / total
    pieces: list[Box] = []
    start, left, position = 0, box.x0, box.x0
    for n, weight in enumerate(weights):
        middle = position + weight * scale / 2
        position += weight * scale
        if cuts and middle > cuts[0]:
            while cuts and middle > cuts[0]:
                cut = cuts.pop(0)
            if n > start:
                pieces.append(Box(box.text[start:n], left, box.y0, cut, box.y1, box.score))
            start, left = n, cut
    pieces.append(Box(box.text[start:], left, box.y0, box.x1, box.y1, box.score))
    return [p for p in pieces if p.text.strip()]


def _boxes_in_columns(scan: PageScan) -> list[Box]:
    """The boxes, each cut where a vertical ruling runs through it (DB detection can join the texts
    of two narrow cells into one box)."""
    out: list[Box] = []
    heights = sorted(box.y1 - box.y0 for box in scan.boxes)
    usual = heights[len(heights) // 2] if heights else 0.0
    for box in scan.boxes:
        if box.text in _LONE_STOPS and box.y1 - box.y0 < usual * 0.6:  # a full stop wrapped onto its own line
            box = Box("。", box.x0, box.y0, box.x1, box.y1, box.score)
        middle = scan.height - (box.y0 + box.y1) / 2  # y upwards, as the rulings
        margin = (box.y1 - box.y0) * 0.3
        cuts = sorted(x for x, y0, y1 in scan.vertical
                      if box.x0 + margin < x < box.x1 - margin and y0 <= middle <= y1)
        out.extend(_split(box, cuts))
    return out


def _lines(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into lines (their vertical middles within half a box height), top to bottom,
    each line left to right."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: ((b.y0 + b.y1) / 2, b.x0)):
        middle = (box.y0 + box.y1) / 2
        height = box.y1 - box.y0
        for line in reversed(lines[-4:]):
            last = line[-1]
            if abs((last.y0 + last.y1) / 2 - middle) <= max(height, last.y1 - last.y0) * 0.5:
                line.append(box)
                break
        else:
            lines.append([box])
    for line in lines:
        line.sort(key=lambda b: b.x0)
    lines.sort(key=lambda line: min(b.y0 for b in line))
    return lines


def elements(scan: PageScan) -> list[Element]:
    """The page's elements top to bottom, as :func:`jixiao.read.pdf_page.page_elements` makes them."""
    lines = _lines(_boxes_in_columns(scan))
    chars: list[Char] = []
    owners: list[Box] = []
    for line in lines:
        for n, box in enumerate(line):
            size = (box.y1 - box.y0) * 0.8
            chars.append(Char(box.text, (box.x0 + box.x1) / 2, scan.height - (box.y0 + box.y1) / 2, size, False))
            owners.append(box)
            following = line[n + 1] if n + 1 < len(line) else None
            if following is None:
                continue
            if (following.space if following.item == box.item >= 0
                    else following.x0 - box.x1 > (box.y1 - box.y0) * 0.3):
                chars.append(Char(" ", box.x1, chars[-1].y, size, True))
                owners.append(box)
        chars.append(Char("\n", 0.0, 0.0, 0.0, True))
        owners.append(line[-1])
    tables = _tables(scan.horizontal, scan.vertical)
    claimed = [False] * len(chars)
    out: list[Element] = []
    spans: list[tuple[float, float]] = []
    for table in tables:
        rows = _table_rows(table, chars, claimed)
        confidences = _cell_confidences(table.xs, table.ys, rows, chars, owners, claimed)
        for r, row in enumerate(rows):
            out.append(OcrElement(top=row.top, bottom=row.bottom, cells=row.cells, spans=row.spans,
                                  extents=row.extents, anchors=row.anchors, full=row.full, open_top=row.open_top,
                                  table=len(spans), confidences=confidences[r]))
        spans.append((table.ys[0], table.ys[-1]))
    return merge_lines(out, _text_lines(chars, owners, claimed), spans)


def _cell_confidences(xs: list[float], ys: list[float], rows: list[Element], chars: list[Char],
                      owners: list[Box], claimed: list[bool]) -> list[list[float | None]]:
    """Per row and grid position: the lowest score of the boxes in the cell whose text sits there."""
    out: list[list[float | None]] = [[None] * (len(xs) - 1) for _ in rows]
    neg_ys = [-y for y in ys]
    for n, ch in enumerate(chars):
        if ch.generated or not claimed[n]:
            continue
        c = bisect.bisect_right(xs, ch.x) - 1
        r = bisect.bisect_right(neg_ys, -ch.y) - 1
        if not (0 <= r < len(rows) and 0 <= c < len(xs) - 1):
            continue
        anchors = rows[r].anchors
        up, column = anchors[c] if anchors is not None else (0, c)
        row = out[r - up]
        score = owners[n].score
        current = row[column]
        row[column] = score if current is None else min(current, score)
    return out


def _text_lines(chars: list[Char], owners: list[Box], claimed: list[bool]) -> list[Element]:
    out: list[Element] = []
    current: list[int] = []

    def flush() -> None:
        real = [n for n in current if not chars[n].generated]
        if real:
            text = " ".join("".join(chars[n].text for n in current).split())
            boxes = [owners[n] for n in real]
            top = max(chars[n].y + chars[n].size / 2 for n in real)
            bottom = min(chars[n].y - chars[n].size / 2 for n in real)
            out.append(OcrElement(top=top, bottom=bottom, text=text, confidence=min(b.score for b in boxes)))
        current.clear()

    for n, ch in enumerate(chars):
        if claimed[n] or (ch.generated and ch.text == "\n"):
            flush()
            continue
        current.append(n)
    flush()
    return out


# --------------------------------------------------------------------------------------------- readers

def render(page: Any, dpi: float = OCR_DPI) -> Any:
    """A pypdfium2 page as an RGB array at ``dpi``."""
    import numpy as np

    bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
    try:
        return np.array(bitmap.to_numpy()[:, :, :3], dtype=np.uint8)
    finally:
        bitmap.close()


def pdf_page_elements(page: Any) -> list[Element]:
    """A scanned PDF page's elements (rendered at ``OCR_DPI``; heights in the page's points)."""
    scan = scan_page(render(page), OCR_DPI)
    return elements(scan)


def image_pages(data: bytes) -> tuple[list[tuple[list[Element], float]], list[str]]:
    """PNG/JPEG/TIFF → (elements, page height) of every page (one per image, or per TIFF frame) and
    the reader's warnings; :func:`jixiao.read.pdf.read_scan` makes them a paged grid."""
    require()
    from jixiao.read import image

    try:
        pages = image.decode(data, MAX_PDF_PAGES + 1)
    except (OSError, ValueError, SyntaxError) as error:  # PIL: truncated or broken image
        raise ReadRefused(f"图像损坏，无法读取 / broken image: {' '.join(str(error).split())[:160]}") from None
    warnings = ["扫描图像，已由 OCR 识别 / scanned image read by OCR"]
    if len(pages) > MAX_PDF_PAGES:
        pages = pages[:MAX_PDF_PAGES]
        warnings.append(f"页数过多，仅读取前 {MAX_PDF_PAGES} 页 / only the first {MAX_PDF_PAGES} pages read")
    read: list[tuple[list[Element], float]] = []
    for rgb, dpi in pages:
        scan = scan_page(rgb, dpi)
        read.append((elements(scan), scan.height))
    if not any(els for els, _ in read):
        raise ReadRefused(f"扫描图像：{NOTHING_READ}")
    return read, warnings
