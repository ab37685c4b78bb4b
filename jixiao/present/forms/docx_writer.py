"""Sheets → a DOCX file (python-docx): A4, 宋体, a bordered table with merged cells, one form a page."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from jixiao.present.forms.layout import Sheet, Slot

FONT = "宋体"
PAGE_WIDTH_CM, PAGE_HEIGHT_CM, MARGIN_CM = 21.0, 29.7, 1.8
TWIPS_PER_CM = 567
WIDE_COLUMNS = 12  # sheets with more columns print in landscape


def write_docx(sheets: list[Sheet], path: Path) -> None:
    document = Document()
    section = document.sections[0]
    wide = any(sheet.columns > WIDE_COLUMNS for sheet in sheets)
    section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
    width, height = (PAGE_HEIGHT_CM, PAGE_WIDTH_CM) if wide else (PAGE_WIDTH_CM, PAGE_HEIGHT_CM)
    section.page_width, section.page_height = Cm(width), Cm(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    for n, sheet in enumerate(sheets):
        if n:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _sheet(document, sheet, width - 2 * MARGIN_CM)
    document.save(str(path))


def _sheet(document: object, sheet: Sheet, usable: float) -> None:
    add_paragraph = document.add_paragraph  # type: ignore[attr-defined]
    title = add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(sheet.title)
    run.bold, run.font.size = True, Pt(16)
    if sheet.subtitle:
        add_paragraph(sheet.subtitle).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if sheet.note:
        add_paragraph(sheet.note).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    total = sum(sheet.widths)
    twips = [round(usable * w / total * TWIPS_PER_CM) for w in sheet.widths]
    body = document.element.body  # type: ignore[attr-defined]
    body.insert(len(body) - 1, parse_xml(table_xml(sheet, twips)))  # before the final sectPr


def table_xml(sheet: Sheet, twips: list[int]) -> str:
    """The ``w:tbl`` of a sheet, merged cells written once as gridSpan / vMerge (fast: one parse)."""
    starts = {(slot.row, slot.col): slot for slot in sheet.slots}
    covering: dict[tuple[int, int], Slot] = {}
    for spanning in sheet.slots:
        for r in range(spanning.row + 1, spanning.row + spanning.rowspan):
            covering[(r, spanning.col)] = spanning
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(twips)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in twips]
    out.append("</w:tblGrid>")
    for r in range(sheet.rows):
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")  # a row never breaks across pages
        c = 0
        while c < sheet.columns:
            slot: Slot | None = starts.get((r, c))
            merged = slot is None and (r, c) in covering
            if merged:
                slot = covering[(r, c)]
            span = slot.colspan if slot is not None else 1
            props = f'<w:tcW w:w="{sum(twips[c:c + span])}" w:type="dxa"/>'
            if span > 1:
                props += f'<w:gridSpan w:val="{span}"/>'
            if slot is not None and (merged or slot.rowspan > 1):
                props += '<w:vMerge/>' if merged else '<w:vMerge w:val="restart"/>'
            props += '<w:vAlign w:val="center"/>'
            out.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{_paragraph(slot if not merged else None)}</w:tc>")
            c += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _paragraph(slot: Slot | None) -> str:
    if slot is None or not slot.text:
        return "<w:p/>"
    bold = "<w:b/>" if slot.bold else ""
    return (f'<w:p><w:pPr><w:jc w:val="{slot.align}"/></w:pPr><w:r><w:rPr>{bold}</w:rPr>'
            f'<w:t xml:space="preserve">{escape(slot.text)}</w:t></w:r></w:p>')
