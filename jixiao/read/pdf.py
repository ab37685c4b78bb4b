"""PDF → rows of cells with page provenance (pypdfium2; see :mod:`pdf_page` for the geometry).

Ruled tables become hard rows (a merged cell's text in its top-left position), other text becomes
soft lines as in the text reader. Lines repeated in the top or bottom margin of most pages (running
headers, footers, page numbers) are removed. A form that runs over a page break simply continues on
the next page's rows; a row the page break split (Word moves the rest of a cell to the next page) is
joined back: when the page's first element is a table row with the column structure of the previous
page's last row, and either it has no ruling above it (the cell goes on) or every cell it fills
continues a cell that ran to the bottom of the previous page with the row's own short cells ended,
its text joins the cells above. Pages beyond ``MAX_PDF_PAGES`` or past the time budget are not read (with a
warning). A page with images but no text layer is a scan: with the ``ocr`` extra it is read by OCR
(:mod:`jixiao.read.ocr`, after the text pages and outside their time budget) into the same rows; without
it, 「扫描件，无文字层，需OCR」 says how to enable OCR.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from jixiao.read.grid import GridBuilder
from jixiao.read.limits import MAX_PDF_PAGES, PDF_SECONDS, Deadline, ReadRefused
from jixiao.read.pdf_page import Element, open_pdf, page_elements
from jixiao.read.text import Cell, Row, TextDocument, join_fragments

MARGIN_ZONE = 0.075  # top/bottom share of the page height where running headers/footers live
_PAGE_NUMBER = re.compile(r"^(?:[-—－–]\s*\d+\s*[-—－–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|"
                          r"(?:page|Page|PAGE)\s*\d+(?:\s*of\s*\d+)?|\d{1,4})$")
_DIGITS = re.compile(r"\d+")
GAP_POINTS = 8.0  # vertical space that makes a blank line between two elements
SAME_COLUMN = 2.0  # points: column edges this close are the same column on two pages
SCANNED = "扫描件，无文字层，需OCR / scanned PDF without a text layer"
ENABLE_OCR = "启用 OCR / to enable OCR: pip install 'jixiao[ocr]'"


@dataclass(slots=True)
class PagedTextDocument(TextDocument):
    """A grid whose rows also know their page (``pages[row.line_start - 1]``, 1-based pages)."""

    pages: list[int] = field(default_factory=list)


def read_pdf(data: bytes) -> TextDocument:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        pdf = open_pdf(data)
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise ReadRefused("PDF 已加密或受密码保护，请先解除密码 / encrypted PDF") from None
        raise ReadRefused(f"PDF 损坏，无法打开 / broken PDF: {message[:160]}") from None
    warnings: list[str] = []
    try:
        total = len(pdf)
        deadline = Deadline(PDF_SECONDS)
        pages: list[tuple[list[Element], float]] = []
        chars = 0
        scanned: list[int] = []  # pages without a text layer that hold an image
        for index in range(min(total, MAX_PDF_PAGES)):
            if deadline.passed():
                warnings.append(f"读取超时，仅读取前 {index} 页（共 {total} 页）/ "
                                f"time limit reached after {index} pages")
                break
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    elements = page_elements(page, textpage)
                    count = textpage.count_chars()
                    chars += count
                finally:
                    textpage.close()
                if not count and _has_image(page):
                    scanned.append(index)
                pages.append((elements, page.get_height()))
            finally:
                page.close()
        if total > MAX_PDF_PAGES:
            warnings.append(f"页数过多（{total} 页），仅读取前 {MAX_PDF_PAGES} 页 / "
                            f"only the first {MAX_PDF_PAGES} pages read")
        read_by_ocr = _ocr_pages(pdf, scanned, pages, warnings, all_scanned=not chars)
    except pdfium.PdfiumError as error:
        raise ReadRefused(f"PDF 页面损坏 / broken PDF page: {str(error)[:160]}") from None
    finally:
        pdf.close()
    if total and not chars and not read_by_ocr:
        raise ReadRefused(f"{SCANNED}；{ENABLE_OCR}" if scanned else SCANNED)
    return _document(pages, warnings)


def read_scan(data: bytes) -> TextDocument:
    """A PNG/JPEG/TIFF scan read by OCR (:mod:`jixiao.read.ocr`) into the paged grid a PDF gives."""
    from jixiao.read.ocr import image_pages

    pages, warnings = image_pages(data)
    document = _document(pages, warnings)
    document.encoding = "image"
    return document


def _has_image(page: Any) -> bool:
    import pypdfium2.raw as raw  # type: ignore[import-untyped]

    return any(True for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def _ocr_pages(pdf: Any, scanned: list[int], pages: list[tuple[list[Element], float]], warnings: list[str],
               all_scanned: bool) -> bool:
    """Read the ``scanned`` pages by OCR in place; without the ``ocr`` extra, say how to enable it.
    Whether OCR found text on some page."""
    if not scanned:
        return False
    from jixiao.read.ocr import NOTHING_READ, available, pdf_page_elements

    numbers = "、".join(str(index + 1) for index in scanned)
    if not available():
        if not all_scanned:
            warnings.append(f"第 {numbers} 页为扫描件，未读取（无文字层，需OCR）/ scanned pages not read; {ENABLE_OCR}")
        return False
    found = False
    for index in scanned:
        page = pdf[index]
        try:
            elements = pdf_page_elements(page)
        finally:
            page.close()
        pages[index] = (elements, pages[index][1])
        found = found or bool(elements)
    if found:
        warnings.append(f"第 {numbers} 页为扫描件，已由 OCR 识别 / scanned pages read by OCR")
    elif all_scanned:
        raise ReadRefused(f"{SCANNED}：{NOTHING_READ}")
    return found


def _document(pages: list[tuple[list[Element], float]], warnings: list[str]) -> PagedTextDocument:
    repeated = _running_lines(pages)
    builder = GridBuilder("pdf")
    builder.warnings.extend(warnings)
    last: tuple[Element, Row] | None = None  # the previous page's last element, when a table row
    for number, (elements, height) in enumerate(pages, start=1):
        previous_bottom: float | None = None
        body = [el for el in elements if el.cells is not None or not _is_running(el, height, repeated)]
        for n, el in enumerate(body):
            carried = _carried(last[0], el) if n == 0 and last is not None else []
            if last is not None and carried:
                _stitch(builder.rows, last, el, carried)
                if not any(el.cells or ()):
                    previous_bottom = el.bottom
                    continue
            if previous_bottom is not None and previous_bottom - el.top > GAP_POINTS:
                builder.blank()
            count = len(builder.rows)
            if el.cells is not None:
                builder.table_row(el.cells, page=number, spans=el.spans, extents=el.extents,
                                  confidences=getattr(el, "confidences", None))
            else:
                builder.text(el.text, page=number, confidence=getattr(el, "confidence", None))
            if len(builder.rows) > count:  # an empty row is a blank, not a row
                last = (el, builder.rows[-1]) if el.cells is not None else None
            previous_bottom = el.bottom
        builder.blank()
    grid = builder.document()
    return PagedTextDocument(rows=grid.rows, encoding="pdf", line_count=grid.line_count, warnings=grid.warnings,
                             pages=builder.pages)


def _carried(above: Element, el: Element) -> list[int]:
    """The positions of ``el`` (first on its page) whose text goes on from the cells of ``above``
    (last on the previous page): those without a ruling above them (a row or a merged cell the page
    break cut), or — ruled at the cut — all of them when every filled cell continues a cell that ran
    to the bottom of the page and some one-line cell of the row above (its own label) ended there."""
    if el.cells is None or above.cells is None or el.extents is None or above.extents is None \
            or len(el.cells) != len(above.cells) or not any(el.cells):
        return []
    if any(abs(a[0] - b[0]) > SAME_COLUMN for a, b in zip(el.extents, above.extents, strict=True)) \
            or abs(el.extents[-1][1] - above.extents[-1][1]) > SAME_COLUMN:
        return []  # another table
    filled = [n for n, text in enumerate(el.cells) if text]
    opened = [n for n in filled if el.open_top is not None and el.open_top[n]]
    if opened:
        return opened
    full = above.full or [False] * len(above.cells)
    if all(full[n] for n in filled) and any(text and not full[n] and not el.cells[n]
                                            for n, text in enumerate(above.cells)):
        return filled
    return []


def _stitch(rows: list[Row], last: tuple[Element, Row], el: Element, carried: list[int]) -> None:
    """Join the ``carried`` cells of ``el`` into the cells above them (the merged cell a position
    belongs to), and empty them in ``el``."""
    above, row = last
    if el.cells is None:
        return
    index = next((n for n in range(len(rows) - 1, -1, -1) if rows[n] is row), None)
    if index is None:
        return
    anchors = above.anchors or [(0, n) for n in range(len(el.cells))]
    for n in carried:
        text = el.cells[n]
        up, column = anchors[n]
        target = rows[index - up] if index - up >= 0 else row
        if column >= len(target.cells):
            continue
        cell = target.cells[column]
        confidences: list[float | None] | None = getattr(el, "confidences", None)
        confidence = confidences[n] if confidences is not None and n < len(confidences) else None
        if cell.confidence is not None and (confidence is None or cell.confidence < confidence):
            confidence = cell.confidence
        target.cells[column] = Cell(join_fragments(cell.text, text), cell.line, cell.span, cell.x0, cell.x1,
                                    cell.value, confidence)
        el.cells[n] = ""


def _is_running(el: Element, height: float, repeated: set[str]) -> bool:
    """A running header/footer or page number: in the margin zone and repeated or page-number-like."""
    return _in_margin(el, height) and (_key(el.text) in repeated or bool(_PAGE_NUMBER.match(el.text)))


def _in_margin(el: Element, height: float) -> bool:
    return el.top >= height * (1 - MARGIN_ZONE) or el.top <= height * MARGIN_ZONE + 12


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.replace(" ", ""))


def _running_lines(pages: list[tuple[list[Element], float]]) -> set[str]:
    """Margin lines (digits ignored) found on at least half of the pages, and on two or more."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for elements, height in pages:
        counts.update({_key(el.text) for el in elements if el.cells is None and _in_margin(el, height)})
    need = max(2, (len(pages) + 1) // 2)
    return {key for key, n in counts.items() if n >= need}
