"""HTML → rows of cells (lxml): saved web pages, Word's "save as web page", Excel's HTML ".xls".

* The encoding comes from a byte-order mark, then the page's own ``<meta charset>`` (or XML
  declaration) when the bytes agree with it, then detection as for text files (UTF-8, GB18030).
* Tables become grids exactly as the DOCX reader gives them: ``rowspan``/``colspan`` are expanded, a
  merged cell's text sits in its first position with ``span`` = its colspan, the positions it covers
  and the rows a rowspan continues into are empty cells. Paragraphs and ``<br>`` inside a cell are
  line breaks, joined as other readers join a cell's lines.
* A table holding another table in a cell is a layout table: its cells are read as blocks of the page,
  so the inner table gives its own rows (nested layout tables of old government sites).
* Text outside tables becomes text rows, block by block (``<p>``, ``<div>``, ``<li>``, ``<br>`` …).
* Scripts, styles, hidden elements, forms' controls and navigation (``<nav>``, and blocks that are
  mostly links) are ignored.
* Hostile pages: no network, no huge trees, colspan clamped as DOCX's gridSpan, nesting and cell
  counts capped — every problem is a one-line :class:`ReadRefused` or warning.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

from jixiao.read.encoding import decode
from jixiao.read.grid import GridBuilder
from jixiao.read.limits import MAX_CELLS, ReadRefused
from jixiao.read.text import TextDocument

MAX_SPAN = 64  # as DOCX gridSpan
MAX_DEPTH = 120  # element nesting the walker follows
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "nav", "select", "option", "button",
                   "textarea", "input", "iframe", "object", "embed", "svg", "math", "canvas", "map", "audio",
                   "video", "xml"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                    "section", "article", "header", "footer", "aside", "main", "blockquote", "pre", "address",
                    "center", "form", "fieldset", "figure", "figcaption", "caption", "hr", "body", "html",
                    "title", "menu", "legend", "td", "th", "tr", "table"})
_CONTAINERS = frozenset({"div", "ul", "ol", "dl", "section", "header", "footer", "aside", "menu", "td", "th"})
_CELL = frozenset({"td", "th"})
_HIDDEN = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden", re.IGNORECASE)
_CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_BREAK_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n\s*(?=[{_CJK}])")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_CHINESE = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "gb_2312-80": "gb18030",
            "euc-cn": "gb18030", "hz-gb-2312": "hz", "big5-hkscs": "big5hkscs"}
_LATIN = frozenset({"latin-1", "iso8859-1", "cp1252", "ascii"})
_NAV_MIN_LINKS = 3
_NAV_LINK_SHARE = 0.6


def read_html(data: bytes) -> TextDocument:
    text, encoding = decode_html(data)
    text = text.lstrip("\ufeff")
    import lxml.html  # type: ignore[import-untyped]
    from lxml import etree

    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, huge_tree=False, remove_comments=True,
                                  remove_pis=True)
    builder = GridBuilder("html")
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        if not text.strip() or "empty" in str(error).lower():
            return TextDocument(rows=[], encoding=encoding, line_count=0)
        raise ReadRefused(f"HTML 无法解析 / unreadable HTML: {str(error)[:160]}") from None
    _Walker(builder, root).page()
    grid = builder.document()
    grid.encoding = encoding
    return grid


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOM, then the declared charset when the bytes agree with it, then detection."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    declared = declared_charset(data[:4096])
    if declared is not None and declared != "utf-8" and not data.isascii():
        try:  # text in another encoding is almost never valid UTF-8: a page saved again kept its old meta
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if declared is not None and declared not in _LATIN:  # Chinese pages saying iso-8859-1: detect instead
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    text, encoding, _ = decode(data)
    return text, encoding


def declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if match is None:
        return None
    name = match.group(1).decode("ascii", errors="ignore").lower()
    name = _CHINESE.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


@dataclass(slots=True)
class _Stats:
    chars: int = 0
    links: int = 0
    anchors: int = 0
    table: bool = False


@dataclass(slots=True)
class _Text:
    """Text of the page outside tables: each finished block becomes a text row."""

    builder: GridBuilder
    parts: list[str] = field(default_factory=list)

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def end(self, tag: str = "") -> None:
        line = _BREAK_BETWEEN_CJK.sub("", "".join(self.parts))
        self.parts.clear()
        if line.strip():
            self.builder.text(line)
        elif tag == "p":
            self.builder.blank()  # an empty paragraph, as in a document


@dataclass(slots=True)
class _Lines:
    """The lines of one table cell."""

    parts: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def end(self, tag: str = "") -> None:
        line = " ".join(_BREAK_BETWEEN_CJK.sub("", "".join(self.parts)).split())
        self.parts.clear()
        if line:
            self.lines.append(line)

    def text(self) -> str:
        self.end()
        return "\n".join(self.lines)


class _Walker:
    def __init__(self, builder: GridBuilder, root: Any) -> None:
        self.builder = builder
        self.cells = 0
        self.deep = False
        self.nodes = list(root.iter())  # keeps the element proxies (the keys of ``stats``) alive
        self.stats: dict[Any, _Stats] = {}
        self.root = root
        for el in reversed(self.nodes):  # children before their parents
            stats = _Stats()
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag in _SKIP:
                self.stats[el] = stats
                continue
            stats.chars = len("".join((el.text or "").split()))
            for child in el:
                inner = self.stats.get(child)
                if inner is not None:
                    stats.chars += inner.chars
                    stats.links += inner.links
                    stats.anchors += inner.anchors
                    stats.table = stats.table or inner.table
                stats.chars += len("".join((child.tail or "").split()))
            if tag == "a" and el.get("href") is not None:
                stats.links, stats.anchors = stats.chars, stats.anchors + 1
            stats.table = stats.table or tag == "table"
            self.stats[el] = stats

    def page(self) -> None:
        sink = _Text(self.builder)
        body = self.root.find("body")
        self.walk(body if body is not None else self.root, 0, sink)
        sink.end()
        if self.deep:
            self.builder.warnings.append(f"HTML 嵌套超过{MAX_DEPTH}层，更深的内容已忽略 / elements nested too deeply")

    def walk(self, el: Any, depth: int, sink: _Text | _Lines) -> None:
        if depth > MAX_DEPTH:
            self.deep = True
            return
        sink.add(el.text)
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and tag not in _SKIP and not _HIDDEN.search(child.get("style") or "") \
                    and child.get("hidden") is None:
                if tag == "br":
                    sink.end()
                elif tag == "table" and isinstance(sink, _Text):
                    sink.end()
                    self.table(child, depth + 1, sink)
                elif tag in _BLOCK:
                    sink.end()
                    if not (isinstance(sink, _Text) and tag in _CONTAINERS and self.navigation(child)):
                        self.walk(child, depth + 1, sink)
                    sink.end(tag)
                else:
                    self.walk(child, depth + 1, sink)
            sink.add(child.tail)

    def navigation(self, el: Any) -> bool:
        """A block of the page made mostly of links (a site's menu, breadcrumbs, link lists)."""
        stats = self.stats.get(el)
        if stats is None or stats.table or stats.anchors < _NAV_MIN_LINKS:
            return False
        return stats.links >= _NAV_LINK_SHARE * stats.chars

    def table(self, table: Any, depth: int, sink: _Text) -> None:
        rows = _table_rows(table)
        cells = [[c for c in tr if isinstance(c.tag, str) and c.tag in _CELL and not _placeholder(c)] for tr in rows]
        caption = table.find("caption")
        if caption is not None:
            self.walk(caption, depth + 1, sink)
            sink.end()
        if any(self.stats.get(c, _Stats()).table for row in cells for c in row):
            for row in cells:  # a layout table: its cells are blocks of the page
                for cell in row:
                    if not self.navigation(cell):
                        self.walk(cell, depth + 1, sink)
                    sink.end()
            return
        filled = [c for row in cells for c in row if self.stats.get(c, _Stats()).chars]
        if filled and all(self.navigation(c) for c in filled):
            return  # a menu bar laid out as a table
        carry: dict[int, tuple[int, int]] = {}  # grid column → (rows still covered by a rowspan, span there)
        for r, row in enumerate(cells):
            texts: list[str] = []
            spans: list[int] = []
            remaining = len(cells) - r
            for cell in row:
                while len(texts) in carry:  # a rowspan continues: empty, with its colspan as DOCX gives it
                    texts.append("")
                    spans.append(carry[len(texts) - 1][1])
                colspan = _span(cell.get("colspan"), 1, MAX_SPAN)
                rowspan = _span(cell.get("rowspan"), 1, remaining) if cell.get("rowspan") != "0" else remaining
                lines = _Lines()
                self.walk(cell, depth + 1, lines)
                start = len(texts)
                texts.append(lines.text())
                texts.extend([""] * (colspan - 1))
                spans.extend([colspan] + [1] * (colspan - 1))
                if rowspan > 1:
                    for column in range(start, start + colspan):
                        carry[column] = (rowspan, colspan if column == start else 1)
                if self.cells + len(texts) > MAX_CELLS:
                    raise ReadRefused(f"表格单元格过多（超过 {MAX_CELLS}）/ too many table cells")
            width = max([len(texts), *(column + 1 for column in carry)])
            while len(texts) < width:
                texts.append("")
                spans.append(carry[len(texts) - 1][1] if len(texts) - 1 in carry else 1)
            self.cells += len(texts)
            carry = {column: (left - 1, span) for column, (left, span) in carry.items() if left > 1}
            self.builder.table_row(texts, spans=spans)
        self.builder.blank()


def _placeholder(cell: Any) -> bool:
    """Word's zero-width cell closing a row of misaligned columns (``<td width=0>``), when empty."""
    return (cell.get("width") or "").strip() == "0" and not "".join(cell.itertext()).strip("\xa0 \r\n\t")


def _table_rows(table: Any) -> list[Any]:
    """The table's own rows (not those of tables nested in its cells), a footer last."""
    rows: list[Any] = []
    footer: list[Any] = []
    for child in table:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            (footer if tag == "tfoot" else rows).extend(tr for tr in child if tr.tag == "tr")
    return rows + footer


def _span(raw: str | None, low: int, high: int) -> int:
    match = re.match(r"\s*(\d{1,9})", raw or "")
    value = int(match.group(1)) if match else low
    return max(low, min(value, max(high, low)))
