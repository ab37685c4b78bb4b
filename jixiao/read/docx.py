"""DOCX → rows of cells: paragraphs and tables in document order (python-docx's XML tree).

Merged cells are resolved once, from the XML rather than python-docx's ``row.cells`` (which repeats
a merged cell in every grid position): a ``gridSpan`` cell gives its text and then empty cells for
the columns it covers; a ``vMerge`` continuation is an empty cell. A table nested in a cell follows
the row that holds it. Content controls (``w:sdt``) are entered; text boxes are not.
"""

from __future__ import annotations

import io
from typing import Any

from jixiao.read.grid import GridBuilder
from jixiao.read.limits import MAX_CELLS, ReadRefused, open_zip
from jixiao.read.text import TextDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent")
_TEXT, _TAB, _BREAKS = f"{W}t", f"{W}tab", (f"{W}br", f"{W}cr")
_SKIP = (f"{W}pPr", f"{W}rPr", f"{W}tcPr", f"{W}trPr", f"{W}tblPr", f"{W}tblGrid", f"{W}delText",
         f"{W}instrText", "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent")
_VAL = f"{W}val"
MAX_NESTING = 8


def read_docx(data: bytes) -> TextDocument:
    open_zip(data).close()  # size, bomb and DTD checks before python-docx parses anything
    import docx  # local: a text-only run never pays for lxml + python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError) as error:
        raise ReadRefused(f"DOCX 结构损坏 / broken DOCX: {str(error) or type(error).__name__}") from None
    builder = GridBuilder("docx")
    _Walker(builder).block(document.element.body, 0)
    return builder.document()


class _Walker:
    def __init__(self, builder: GridBuilder) -> None:
        self.builder = builder
        self.cells = 0

    def block(self, parent: Any, depth: int) -> None:
        for child in parent:
            tag = child.tag
            if tag == _P:
                self.builder.text(paragraph_text(child))
            elif tag == _TBL:
                self.table(child, depth)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.block(content, depth)

    def table(self, tbl: Any, depth: int) -> None:
        if depth >= MAX_NESTING:
            self.builder.warnings.append(f"表格嵌套超过{MAX_NESTING}层，内层已忽略 / tables nested too deeply")
            return
        for tr in tbl.iter(_TR):
            if _owner_table(tr) is not tbl:
                continue  # rows of nested tables are read with their own table
            texts: list[str] = []
            spans: list[int] = []
            nested: list[Any] = []
            before = _int_prop(tr, f"{W}trPr/{W}gridBefore")
            texts.extend([""] * before)
            spans.extend([1] * before)
            for tc in tr:
                if tc.tag == _SDT:
                    tc = tc.find(f"{_SDT_CONTENT}/{_TC}")
                    if tc is None:
                        continue
                if tc.tag != _TC:
                    continue
                span = max(1, min(_int_prop(tc, f"{W}tcPr/{W}gridSpan"), 64))
                vmerge = tc.find(f"{W}tcPr/{W}vMerge")
                continuation = vmerge is not None and vmerge.get(_VAL) in (None, "continue")
                texts.append("" if continuation else cell_text(tc, nested))
                texts.extend([""] * (span - 1))
                spans.extend([span] + [1] * (span - 1))
            self.cells += len(texts)
            if self.cells > MAX_CELLS:
                raise ReadRefused(f"表格单元格过多（超过 {MAX_CELLS}）/ too many table cells")
            self.builder.table_row(texts, spans=spans)
            for inner in nested:
                self.table(inner, depth + 1)
        self.builder.blank()


def _owner_table(tr: Any) -> Any:
    parent = tr.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


def _int_prop(element: Any, path: str) -> int:
    found = element.find(path)
    if found is None:
        return 0 if path.endswith("gridBefore") else 1
    try:
        return int(found.get(_VAL, "1"))
    except ValueError:
        return 1


def paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for node in p.iter(_TEXT, _TAB, *_BREAKS):
        if node.tag == _TEXT:
            parts.append(node.text or "")
        else:
            parts.append(" ")
    return "".join(parts)


def cell_text(tc: Any, nested: list[Any]) -> str:
    """The paragraphs of a cell joined by newlines; nested tables are collected, not flattened."""
    lines: list[str] = []
    for child in tc:
        if child.tag == _P:
            lines.append(paragraph_text(child))
        elif child.tag == _TBL:
            nested.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                lines.extend(paragraph_text(p) for p in content.iter(_P))
    return "\n".join(line for line in lines if line.strip())
