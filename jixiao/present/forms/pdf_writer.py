"""Sheets → a PDF (reportlab): A4, the shipped CJK TrueType font subset-embedded (:mod:`.fonts`),
a ruled table with merged cells, long tables continued on the next page, byte-identical output for
the same input (``rl_config.invariant``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4, landscape  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # type: ignore[import-untyped]
from reportlab.platypus.doctemplate import LayoutError  # type: ignore[import-untyped]

from jixiao.present.forms.fonts import register_cjk_font
from jixiao.present.forms.layout import Sheet
from jixiao.present.forms.pdf_wrap import wrap

MARGIN = 1.5 * cm
TOP_MARGIN = 2.5 * cm  # the title stays clear of the running-header zone readers skip
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
LINE = 0.5
PADDING = 3
FONT_SIZE = 9
LEADING = 12
# A no-break space after every text: PDF readers built on PDFium dropped a line holding one lone
# CJK character of a non-embedded CID font (its glyph box was empty); the space keeps such a line
# whole in any reader. Readers strip it as whitespace.
KEEP = "\u00a0"
WIDE_COLUMNS = 12  # sheets with more columns print in landscape


def _styles(font: str) -> dict[str, Any]:
    base = ParagraphStyle("cell", fontName=font, fontSize=FONT_SIZE, leading=12, wordWrap="CJK")
    out: dict[str, Any] = {name: ParagraphStyle(f"cell-{name}", parent=base, alignment=align)
                           for name, align in _ALIGN.items()}
    out["title"] = ParagraphStyle("title", parent=base, fontSize=16, leading=22, alignment=TA_CENTER)
    out["subtitle"] = ParagraphStyle("subtitle", parent=base, fontSize=10, leading=14, alignment=TA_CENTER)
    out["note"] = ParagraphStyle("note", parent=base, fontSize=9, leading=12, alignment=TA_RIGHT)
    return out


def write_pdf(sheets: list[Sheet], path: Path) -> None:
    rl_config.invariant = 1
    rl_config.useA85 = 0  # binary streams: smaller files, no slow ASCII85 pass
    font = register_cjk_font()
    styles = _styles(font)
    wide = any(sheet.columns > WIDE_COLUMNS for sheet in sheets)
    pagesize = landscape(A4) if wide else A4
    doc = SimpleDocTemplate(str(path), pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP_MARGIN,
                            bottomMargin=MARGIN, title=sheets[0].title if sheets else "", author="jixiao",
                            initialFontName=font)  # no stray non-embedded Helvetica resource
    try:
        doc.build(_story(sheets, styles, font, pagesize[0] - 2 * MARGIN, split_rows=False))
    except LayoutError:  # a single row taller than a page: build afresh, rows may break across pages
        doc.build(_story(sheets, styles, font, pagesize[0] - 2 * MARGIN, split_rows=True))


def _story(sheets: list[Sheet], styles: dict[str, Any], font: str, width: float, split_rows: bool) -> list[Any]:
    story: list[Any] = []
    for n, sheet in enumerate(sheets):
        if n:
            story.append(PageBreak())
        story.append(Paragraph(escape(sheet.title) + KEEP, styles["title"]))
        if sheet.subtitle:
            story.append(Paragraph(escape(sheet.subtitle) + KEEP, styles["subtitle"]))
        if sheet.note:
            story.append(Paragraph(escape(sheet.note) + KEEP, styles["note"]))
        story.append(Spacer(1, 0.2 * cm))
        table = _table(sheet, font, width)
        table.splitInRow = 1 if split_rows else 0
        story.append(table)
    return story


def _table(sheet: Sheet, font: str, width: float) -> Table:
    data: list[list[Any]] = [["" for _ in range(sheet.columns)] for _ in range(sheet.rows)]
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), FONT_SIZE),
        ("LEADING", (0, 0), (-1, -1), LEADING),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    total = sum(sheet.widths)
    widths = [width * w / total for w in sheet.widths]
    for slot in sheet.slots:
        if slot.text:
            room = sum(widths[slot.col:slot.col + slot.colspan]) - 2 * PADDING - 1
            # pre-wrapped plain lines: exact rejoining (see pdf_wrap) and no Paragraph parsing cost
            data[slot.row][slot.col] = "\n".join(wrap(slot.text + KEEP, room, font, FONT_SIZE))
            if slot.align != "left":
                commands.append(("ALIGN", (slot.col, slot.row), (slot.col, slot.row), slot.align.upper()))
        last = (slot.col + slot.colspan - 1, slot.row + slot.rowspan - 1)
        # a row span is drawn as its four borders, not a SPAN: reportlab cannot break a page inside
        # a SPAN, and it splits line commands (unlike BOX) where a page breaks
        commands += [("LINEBEFORE", (slot.col, slot.row), (slot.col, last[1]), LINE, colors.black),
                     ("LINEAFTER", (last[0], slot.row), last, LINE, colors.black),
                     ("LINEABOVE", (slot.col, slot.row), (last[0], slot.row), LINE, colors.black),
                     ("LINEBELOW", (slot.col, last[1]), last, LINE, colors.black)]
        if slot.colspan > 1:
            commands.append(("SPAN", (slot.col, slot.row), (last[0], slot.row)))
            if slot.rowspan > 1:
                commands.append(("SPAN", (slot.col, slot.row + 1), last))
    return Table(data, colWidths=widths, style=TableStyle(commands), splitByRow=1)
