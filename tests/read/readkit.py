"""Files for the reader tests: Word documents turned into the web pages sites publish."""

from __future__ import annotations

import html
from typing import Any

from jixiao.read.docx import W, paragraph_text

_P, _TBL, _TR, _TC = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc"
_VAL = f"{W}val"


def _grid_span(tc: Any) -> int:
    found = tc.find(f"{W}tcPr/{W}gridSpan")
    return int(found.get(_VAL)) if found is not None else 1


def _vmerge(tc: Any) -> str | None:
    found = tc.find(f"{W}tcPr/{W}vMerge")
    if found is None:
        return None
    return found.get(_VAL) or "continue"


def _table_html(tbl: Any, word: bool) -> str:
    rows = [[tc for tc in tr if tc.tag == _TC] for tr in tbl if tr.tag == _TR]
    starts: list[list[tuple[int, Any]]] = []  # (grid column, tc) of every row
    for cells in rows:
        column, placed = 0, []
        for tc in cells:
            placed.append((column, tc))
            column += _grid_span(tc)
        starts.append(placed)
    out = ["<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0>" if word else "<table border=1>"]
    for r, placed in enumerate(starts):
        out.append("<tr>")
        for column, tc in placed:
            merge = _vmerge(tc)
            if merge == "continue":
                continue  # covered by the rowspan above
            rowspan = 1
            if merge == "restart":
                for below in starts[r + 1:]:
                    if any(c == column and _vmerge(t) == "continue" for c, t in below):
                        rowspan += 1
                    else:
                        break
            lines = [html.escape(paragraph_text(p)) for p in tc if p.tag == _P]
            if word:
                body = "".join(f"<p class=MsoNormal align=center><span style='font-family:宋体'>{line}</span>"
                               f"<span lang=EN-US><o:p></o:p></span></p>\r\n" for line in lines or ["&nbsp;"])
            else:
                body = "<br>".join(lines)
            attrs = (f" colspan={_grid_span(tc)}" if _grid_span(tc) > 1 else "") + (
                f" rowspan={rowspan}" if rowspan > 1 else "")
            out.append(f"<td{attrs} valign=top style='border:solid windowtext 1.0pt'>{body}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def docx_to_html(document: Any, word: bool = True, charset: str = "gb2312", layout: bool = True) -> bytes:
    """A DOCX (python-docx Document) as a government site publishes it: a Word-exported page
    (MsoNormalTable, ``<o:p>``), inside a layout table with the site's navigation around it."""
    parts: list[str] = []
    for child in document.element.body:
        if child.tag == _P:
            parts.append(f"<p class=MsoNormal>{html.escape(paragraph_text(child)) or '&nbsp;'}</p>")
        elif child.tag == _TBL:
            parts.append(_table_html(child, word))
    body = "\n".join(parts)
    nav = ("<div class=nav><a href='/'>首页</a> | <a href='/zwgk'>政务公开</a> | <a href='/jxgl'>绩效管理</a>"
           " | <a href='/hd'>互动交流</a></div>")
    if layout:
        body = (f"<table width=100%><tr><td width=200>{nav}</td></tr><tr><td><div class=content>{body}</div>"
                "</td></tr></table>")
    page = (f"<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\n<html xmlns:o="
            f"\"urn:schemas-microsoft-com:office:office\">\n<head>\n<meta http-equiv=Content-Type "
            f"content=\"text/html; charset={charset}\">\n<title>某县财政局-绩效自评公开</title>\n"
            "<style>p.MsoNormal{margin:0cm;} td{font-size:10.5pt}</style>\n"
            "<script type=\"text/javascript\">var menu = '<table><tr><td>菜单</td></tr></table>';</script>\n"
            f"</head>\n<body lang=ZH-CN>\n{nav}\n{body}\n<div class=footer>主办单位：某县财政局 "
            "<a href='/a'>网站地图</a> <a href='/b'>联系我们</a> <a href='/c'>隐私声明</a></div>\n</body>\n</html>\n")
    return page.encode("gb18030" if charset.lower() in ("gb2312", "gbk", "gb18030") else charset)


def cjk_font() -> str:
    """The embedded CJK font when it is installed, else reportlab's built-in CID font (test input only)."""
    try:
        from jixiao.present.forms.fonts import register_cjk_font

        return register_cjk_font()
    except (ImportError, OSError):
        from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # type: ignore[import-untyped]

        if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light"


def ruled_table(pdf: Any, font: str, x: list[float], top: float, rows: list[list[str]], height: float = 20,
                merges: tuple[tuple[int, int, int, int], ...] = (), ruled_top: bool = True,
                ruled_bottom: bool = True, size: float = 9) -> float:
    """Draw a ruled table (rows of cell texts, ``merges`` (row, col, last row, last col)) with its
    top edge at ``top``; returns the bottom edge. Only cell boundaries are ruled, as offices rule them."""
    n_rows = len(rows)
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                owner[(r, c)] = (r0, c0)
    ys = [top - height * r for r in range(n_rows + 1)]
    pdf.setLineWidth(0.5)
    for r in range(n_rows + 1):  # horizontal segments, cell by cell
        if (r == 0 and not ruled_top) or (r == n_rows and not ruled_bottom):
            continue
        for c in range(len(x) - 1):
            if 0 < r < n_rows and owner.get((r, c), (r, c)) == owner.get((r - 1, c), (r - 1, c)):
                continue
            pdf.line(x[c], ys[r], x[c + 1], ys[r])
    for c in range(len(x)):
        for r in range(n_rows):
            if 0 < c < len(x) - 1 and owner.get((r, c), (r, c)) == owner.get((r, c - 1), (r, c - 1)):
                continue
            pdf.line(x[c], ys[r], x[c], ys[r + 1])
    pdf.setFont(font, size)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text:
                pdf.drawString(x[c] + 2, ys[r] - size - 3, text)
    return ys[-1]
