"""Readers (DESIGN §4 ``read``): a file's bytes → a grid of cells with provenance. One reader per
format; readers never know what a form is.

Public API::

    from jixiao.read import read_document
    fmt, grid = read_document(data, "report.docx")   # grid: TextDocument (rows of Cells)

Anything a reader refuses (a corrupt or hostile file) is a :class:`ReadRefused` (a
:class:`jixiao.errors.ReadError`) with a one-line reason. Names load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.lazy import lazy_names

if TYPE_CHECKING:
    from jixiao.read.limits import ReadRefused
    from jixiao.read.office import locate_pages, read_document
    from jixiao.read.text import Cell, Row, TextDocument, read_text

_WHERE = {
    "read_document": "jixiao.read.office",
    "locate_pages": "jixiao.read.office",
    "Cell": "jixiao.read.text",
    "Row": "jixiao.read.text",
    "TextDocument": "jixiao.read.text",
    "read_text": "jixiao.read.text",
    "ReadRefused": "jixiao.read.limits",
}
__all__ = [
    "Cell", "ReadRefused", "Row", "TextDocument", "locate_pages", "read_document", "read_text",
]
__getattr__ = lazy_names(__name__, _WHERE)
