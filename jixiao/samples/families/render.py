"""Layouts → real files: DOCX (python-docx, real merges), XLSX (openpyxl, merged ranges, numbers
stored as numbers with a display format), HTML (Word-exported or a GBK government page with site
navigation and nested layout tables), PDF (reportlab, ruled, merged cells), office-made PDF
(LibreOffice, when ``soffice`` is installed) and plain text (pipe rows, tabs, one cell per line)."""

from __future__ import annotations

import html
import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from jixiao.samples.families.layout import Form, Placed, Table

# ---------------------------------------------------------------- DOCX


def to_docx(forms: list[Form]) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt
    from docx.table import _Cell

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    usable = 29.7 - 3.0
    for n, form in enumerate(forms):
        for k, line in enumerate(form.before):
            para = doc.add_paragraph()
            if n and k == 0:
                para.add_run().add_break(WD_BREAK.PAGE)
            run = para.add_run(line)
            if k < form.title_lines:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run.bold = True
                run.font.size = Pt(16)
        for tb in form.tables:
            table = doc.add_table(rows=len(tb.rows), cols=tb.ncols)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            widths = [Cm(usable * w) for w in tb.column_widths()]
            # the cells taken once from the element tree: python-docx's table.cell() rebuilds the
            # whole grid per call; merges never overlap, so these references stay valid
            grid = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
            for row in grid:
                for c, cell in enumerate(row):
                    cell.width = widths[c]
            for p in tb.placed():
                cell = grid[p.row][p.col]
                if p.cell.rowspan > 1 or p.cell.colspan > 1:
                    cell = cell.merge(grid[p.last_row][p.last_col])
                cell.text = p.cell.text
                para = cell.paragraphs[0]
                para.alignment = WD_ALIGN_PARAGRAPH.LEFT if p.cell.align == "left" else WD_ALIGN_PARAGRAPH.CENTER
                for run in para.runs:
                    run.font.size = Pt(9)
                    run.bold = p.cell.bold
        for line in form.after:
            doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- XLSX


def to_xlsx(forms: list[Form], sheet_names: list[str] | None = None) -> bytes:
    """One sheet per form; title rows merged across the table, cells merged as printed."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Border, Font, Side  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    wb = Workbook()
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for n, form in enumerate(forms):
        ws = wb.active if n == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = (sheet_names[n] if sheet_names else f"表{n + 1}")[:31]
        ncols = max(tb.ncols for tb in form.tables)
        r = 1
        for k, line in enumerate(form.before):
            ws.cell(row=r, column=1, value=line)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
            if k < form.title_lines:
                ws.cell(row=r, column=1).font = Font(bold=True, size=16)
                ws.cell(row=r, column=1).alignment = Alignment(horizontal="center")
            r += 1
        for tb in form.tables:
            chars = [max(8.0, 150 * w) for w in tb.column_widths()]
            for c, w in enumerate(chars):
                ws.column_dimensions[get_column_letter(c + 1)].width = w
            heights = [15.0] * len(tb.rows)
            for p in tb.placed():  # rows tall enough for wrapped text (Excel does not size merged cells)
                span = sum(chars[p.col:p.last_col + 1])
                lines = -(-sum(2 if ord(ch) > 0x2E80 else 1 for ch in p.cell.text) * 1.1 // span)
                need = 14.0 * max(lines, 1) / p.cell.rowspan
                for rr in range(p.row, p.last_row + 1):
                    heights[rr] = max(heights[rr], need)
            for rr, height in enumerate(heights):
                ws.row_dimensions[r + rr].height = height
            for p in tb.placed():
                cell = ws.cell(row=r + p.row, column=p.col + 1)
                if p.cell.value is not None:
                    cell.value = p.cell.value
                    cell.number_format = p.cell.number_format or "General"
                elif p.cell.text:
                    cell.value = p.cell.text
                    cell.data_type = "s"  # text, even "=100%" (typed as '=100% in Excel), never a formula
                cell.font = Font(bold=p.cell.bold, size=10)
                cell.alignment = Alignment(horizontal=p.cell.align, vertical="center", wrap_text=True)
                for rr in range(r + p.row, r + p.last_row + 1):
                    for cc in range(p.col + 1, p.last_col + 2):
                        ws.cell(row=rr, column=cc).border = border
                if p.cell.rowspan > 1 or p.cell.colspan > 1:
                    ws.merge_cells(start_row=r + p.row, start_column=p.col + 1, end_row=r + p.last_row,
                                   end_column=p.last_col + 1)
            r += len(tb.rows) + 1
        for line in form.after:
            ws.cell(row=r, column=1, value=line)
            r += 1
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- HTML


def _html_table(tb: Table, word: bool) -> str:
    by_row: dict[int, list[Placed]] = {}
    for p in tb.placed():
        by_row.setdefault(p.row, []).append(p)
    attrs = (' class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style="border-collapse:collapse;'
             'border:none"' if word else ' border="1" cellspacing="0" cellpadding="3" width="100%" class="biao"')
    out = [f"<table{attrs}>"]
    for r in range(len(tb.rows)):
        out.append(" <tr>")
        for p in by_row.get(r, []):
            span = (f' colspan="{p.cell.colspan}"' if p.cell.colspan > 1 else "") + (
                f' rowspan="{p.cell.rowspan}"' if p.cell.rowspan > 1 else "")
            text = html.escape(p.cell.text) or ("&nbsp;" if word else "")
            if word:
                text = (f'<p class=MsoNormal align={p.cell.align}><span style="font-size:10.5pt;'
                        f"font-family:宋体\">{'<b>' + text + '</b>' if p.cell.bold else text}</span></p>")
                out.append(f'  <td{span} valign=middle style="border:solid windowtext 1.0pt;padding:0cm 5.4pt">'
                           f"{text}</td>")
            else:
                out.append(f"  <td{span}>{text}</td>")
        out.append(" </tr>")
    out.append("</table>")
    return "\n".join(out)


def to_html(forms: list[Form], style: str = "word") -> bytes:
    """``word``: a Word "save as web page" (UTF-8, MsoNormalTable); ``site``: a GBK-encoded
    government page, the forms inside nested layout tables among navigation and footer."""
    word = style == "word"
    body: list[str] = []
    for form in forms:
        for k, line in enumerate(form.before):
            if word:
                align = " align=center" if k < form.title_lines else ""
                body.append(f"<p class=MsoNormal{align}><b>{html.escape(line)}</b></p>" if k < form.title_lines
                            else f"<p class=MsoNormal>{html.escape(line)}</p>")
            else:
                body.append(f'<div style="text-align:center"><strong>{html.escape(line)}</strong></div>'
                            if k < form.title_lines else f"<p>{html.escape(line)}</p>")
        body.extend(_html_table(tb, word) for tb in form.tables)
        body.extend(f"<p>{html.escape(line)}</p>" for line in form.after)
        if word:
            body.append("<br clear=all style='page-break-before:always'>")
    if word:
        page = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"'
                ' xmlns:w="urn:schemas-microsoft-com:office:word">\n<head>\n'
                '<meta http-equiv=Content-Type content="text/html; charset=utf-8">\n'
                '<meta name=Generator content="Microsoft Word 15">\n<style>p.MsoNormal{margin:0cm;font-size:10.5pt}'
                "</style>\n</head>\n<body lang=ZH-CN>\n<div class=WordSection1>\n" + "\n".join(body)
                + "\n</div>\n</body>\n</html>\n")
        return page.encode("utf-8")
    nav = ("<table width=\"1000\" align=\"center\"><tr><td><a href=\"/\">首页</a> | <a href=\"/zwgk/\">政务公开</a> | "
           "<a href=\"/zwgk/czzj/\">财政资金</a> | <a href=\"/zwgk/czzj/jxgl/\">预算绩效管理</a></td>"
           "<td align=\"right\"><form><input name=\"q\"><input type=\"submit\" value=\"搜索\"></form></td>"
           "</tr></table>")
    info = "<div class=\"info\">发布时间：2024-05-20 09:30　来源：县财政局　浏览次数：<span>368</span></div>"
    page = ("<!DOCTYPE html>\n<html>\n<head>\n"
            "<meta charset=\"gbk\">\n<title>绩效自评结果公开</title>\n"
            "</head>\n<body>\n" + nav + "\n<table width=\"1000\" align=\"center\" class=\"main\"><tr>"
            "<td width=\"200\" valign=\"top\"><ul><li><a href=\"#\">通知公告</a></li>"
            "<li><a href=\"#\">预决算公开</a></li>"
            "<li><a href=\"#\">绩效信息</a></li></ul></td>\n<td valign=\"top\"><table width=\"100%\"><tr><td>\n"
            + info + "\n<div class=\"TRS_Editor\">\n" + "\n".join(body) + "\n</div>\n</td></tr></table></td></tr>"
            "</table>\n<div class=\"footer\">主办单位：县人民政府办公室　网站标识码：0000000000</div>\n"
            "</body>\n</html>\n")
    return page.encode("gbk", errors="xmlcharrefreplace")


# ---------------------------------------------------------------- PDF (reportlab)


def to_pdf(forms: list[Form]) -> bytes:
    from reportlab.lib import colors  # type: ignore[import-untyped]
    from reportlab.lib.enums import TA_CENTER, TA_LEFT  # type: ignore[import-untyped]
    from reportlab.lib.pagesizes import A4, landscape  # type: ignore[import-untyped]
    from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
    from reportlab.lib.units import cm  # type: ignore[import-untyped]
    from reportlab.platypus import (  # type: ignore[import-untyped]
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
    )
    from reportlab.platypus import Table as RLTable

    from jixiao.present.forms.fonts import register_cjk_font

    font = register_cjk_font()
    body = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10, wordWrap="CJK", alignment=TA_CENTER)
    left = ParagraphStyle("cellL", parent=body, alignment=TA_LEFT)
    title = ParagraphStyle("title", fontName=font, fontSize=15, leading=20, alignment=TA_CENTER)
    line_style = ParagraphStyle("line", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    page = landscape(A4)
    usable = page[0] - 3 * cm
    story: list[object] = []
    for n, form in enumerate(forms):
        if n:
            story.append(PageBreak())
        for k, line in enumerate(form.before):
            story.append(Paragraph(html.escape(line), title if k < form.title_lines else line_style))
        story.append(Spacer(1, 4))
        for tb in form.tables:
            grid: list[list[object]] = [["" for _ in range(tb.ncols)] for _ in tb.rows]
            style: list[tuple[object, ...]] = [("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                               ("LEFTPADDING", (0, 0), (-1, -1), 2),
                                               ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
            for p in tb.placed():
                text = html.escape(p.cell.text)
                if p.cell.bold:
                    text = f"<b>{text}</b>"
                grid[p.row][p.col] = Paragraph(text, left if p.cell.align == "left" else body)
                if p.cell.rowspan > 1 or p.cell.colspan > 1:
                    style.append(("SPAN", (p.col, p.row), (p.last_col, p.last_row)))
            story.append(RLTable(grid, colWidths=[usable * w for w in tb.column_widths()], style=style))
        for line in form.after:
            story.append(Spacer(1, 4))
            story.append(Paragraph(html.escape(line), line_style))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=page, leftMargin=1.5 * cm, rightMargin=1.5 * cm, topMargin=1.5 * cm,
                      bottomMargin=1.5 * cm, title="绩效表").build(story)
    return out.getvalue()


# ---------------------------------------------------------------- office-made PDF


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def office_pdf(data: bytes, suffix: str, timeout: float = 120) -> bytes | None:
    """Convert a DOCX/XLSX with LibreOffice (headless, a private profile); None when it is absent
    or fails."""
    exe = soffice()
    if exe is None:
        return None
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-") as tmp:
        src = Path(tmp) / f"form{suffix}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        try:
            subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                            "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=timeout)
        except (subprocess.SubprocessError, OSError):
            return None
        pdf = src.with_suffix(".pdf")
        return pdf.read_bytes() if pdf.exists() else None


# ---------------------------------------------------------------- text


def _line(text: str) -> str:
    return " ".join(text.split())


def _text_rows(form: Form) -> list[list[str]]:
    """Each table row as the cells that start in it (a merged cell printed once)."""
    rows: list[list[str]] = []
    for tb in form.tables:
        by_row: dict[int, list[str]] = {}
        for p in tb.placed():
            by_row.setdefault(p.row, []).append(_line(p.cell.text))
        rows.extend(by_row.get(r, []) for r in range(len(tb.rows)))
    return rows


def to_text(forms: list[Form], layout: str = "pipes") -> bytes:
    """``pipes``: ``a | b | c`` per row; ``tabs``: tab-separated; ``cells``: one cell per line, each
    followed by a lone ``|`` line (empty cells leave only the ``|``)."""
    out: list[str] = []
    for form in forms:
        out.extend(form.before)
        for row in _text_rows(form):
            if layout == "pipes":
                out.append(" | ".join(row))
            elif layout == "tabs":
                out.append("\t".join(row))
            else:
                for cell in row:
                    if cell:
                        out.append(cell)
                    out.append("|")
        out.extend(form.after)
        out.append("")
    return ("\n".join(out) + "\n").encode("utf-8")


# ---------------------------------------------------------------- registry

Renderer = Callable[[list[Form]], bytes | None]


def _office(kind: str) -> Renderer:
    def render(forms: list[Form]) -> bytes | None:
        if kind == "docx":
            return office_pdf(to_docx(forms), ".docx")
        return office_pdf(to_xlsx(forms), ".xlsx")
    return render


# format name → (file suffix, renderer); a renderer returning None means "not available here"
FORMATS: dict[str, tuple[str, Renderer]] = {
    "docx": (".docx", to_docx),
    "xlsx": (".xlsx", to_xlsx),
    "html": (".html", lambda forms: to_html(forms, "word")),
    "html_gbk": (".htm", lambda forms: to_html(forms, "site")),
    "pdf": (".pdf", to_pdf),
    "lo_docx_pdf": (".pdf", _office("docx")),
    "lo_xlsx_pdf": (".pdf", _office("xlsx")),
    "txt_pipes": (".txt", lambda forms: to_text(forms, "pipes")),
    "txt_tabs": (".txt", lambda forms: to_text(forms, "tabs")),
    "txt_cells": (".txt", lambda forms: to_text(forms, "cells")),
}
OFFICE_FORMATS = ("lo_docx_pdf", "lo_xlsx_pdf")
