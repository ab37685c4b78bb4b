"""PDF → rows of cells with page provenance (pypdfium2; see :mod:`pdf_page` for the geometry).

Ruled tables become hard rows (a merged cell's text in its top-left position), other text becomes
soft lines as in the text reader. Lines repeated in the top or bottom margin of most pages (running
headers, footers, page numbers) are removed. A form that runs over a page break simply continues on
the next page's rows. Pages beyond ``MAX_PDF_PAGES`` or past the time budget are not read (with a
warning); a PDF with pages but no text layer is a scan: 「扫描件，无文字层，需OCR」.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from jixiao.read.grid import GridBuilder
from jixiao.read.limits import MAX_PDF_PAGES, PDF_SECONDS, Deadline, ReadRefused
from jixiao.read.pdf_page import Element, open_pdf, page_elements
from jixiao.read.text import TextDocument

MARGIN_ZONE = 0.075  # top/bottom share of the page height where running headers/footers live
_PAGE_NUMBER = re.compile(r"^(?:[-—－–]\s*\d+\s*[-—－–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|"
                          r"(?:page|Page|PAGE)\s*\d+(?:\s*of\s*\d+)?|\d{1,4})$")
_DIGITS = re.compile(r"\d+")
GAP_POINTS = 8.0  # vertical space that makes a blank line between two elements
SCANNED = "扫描件，无文字层，需OCR / scanned PDF without a text layer"


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
                    chars += textpage.count_chars()
                finally:
                    textpage.close()
                pages.append((elements, page.get_height()))
            finally:
                page.close()
        if total > MAX_PDF_PAGES:
            warnings.append(f"页数过多（{total} 页），仅读取前 {MAX_PDF_PAGES} 页 / "
                            f"only the first {MAX_PDF_PAGES} pages read")
    except pdfium.PdfiumError as error:
        raise ReadRefused(f"PDF 页面损坏 / broken PDF page: {str(error)[:160]}") from None
    finally:
        pdf.close()
    if total and not chars:
        raise ReadRefused(SCANNED)
    return _document(pages, warnings)


def _document(pages: list[tuple[list[Element], float]], warnings: list[str]) -> PagedTextDocument:
    repeated = _running_lines(pages)
    builder = GridBuilder("pdf")
    builder.warnings.extend(warnings)
    for number, (elements, height) in enumerate(pages, start=1):
        previous_bottom: float | None = None
        for el in elements:
            if el.cells is None and _is_running(el, height, repeated):
                continue
            if previous_bottom is not None and previous_bottom - el.top > GAP_POINTS:
                builder.blank()
            if el.cells is not None:
                builder.table_row(el.cells, page=number)
            else:
                builder.text(el.text, page=number)
            previous_bottom = el.bottom
        builder.blank()
    grid = builder.document()
    return PagedTextDocument(rows=grid.rows, encoding="pdf", line_count=grid.line_count, warnings=grid.warnings,
                             pages=builder.pages)


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
