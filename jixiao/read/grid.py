"""Build the reader's common output (:class:`TextDocument`) from office content.

Office readers see tables as grids: every grid position of a table row becomes one cell, a merged
cell's text sits in its top-left position and the positions it covers are empty — the same shape as
a tab-separated export, so the recognizers need nothing new. Paragraphs become soft text rows.
Line numbers are a running row number (``Cell.line``); PDF readers also record the page of every row.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from jixiao.read.text import Cell, Row, TextDocument, clean

# Kangxi radicals (U+2F00–U+2FDF) are handled by NFKC; the CJK radicals supplement
# (U+2E80–U+2EFF) has no decomposition, so the characters PDF fonts map there are listed here.
_RADICALS = {
    "⺁": "厂", "⺅": "亻", "⺇": "几", "⺊": "卜", "⺌": "小", "⺍": "小", "⺎": "兀", "⺏": "尢",
    "⺐": "尢", "⺑": "尣", "⺒": "巳", "⺓": "幺", "⺔": "彑", "⺖": "忄", "⺗": "心", "⺘": "扌", "⺙": "攵",
    "⺛": "旡", "⺜": "日", "⺝": "月", "⺞": "歺", "⺟": "母", "⺠": "民", "⺡": "氵", "⺢": "水", "⺣": "灬",
    "⺤": "爪", "⺥": "爫", "⺦": "丬", "⺧": "牛", "⺨": "犭", "⺩": "王", "⺪": "疋", "⺫": "目", "⺬": "示",
    "⺭": "礻", "⺮": "竹", "⺯": "糸", "⺰": "纟", "⺱": "罓", "⺲": "罒", "⺳": "网", "⺴": "网", "⺵": "网",
    "⺶": "羊", "⺷": "羊", "⺸": "羊", "⺹": "耂", "⺺": "肀", "⺻": "聿", "⺼": "肉", "⺽": "臼", "⺾": "艹",
    "⺿": "艹", "⻀": "艹", "⻁": "虎", "⻂": "衤", "⻃": "西", "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角",
    "⻈": "讠", "⻉": "贝", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "金", "⻑": "長",
    "⻒": "镸", "⻓": "长", "⻔": "门", "⻕": "阝", "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页",
    "⻛": "风", "⻜": "飞", "⻝": "食", "⻞": "飠", "⻟": "饣", "⻠": "饣", "⻡": "首", "⻢": "马", "⻣": "骨",
    "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "齐", "⻬": "齐",
    "⻭": "齿", "⻮": "齿", "⻯": "龙", "⻰": "龙", "⻱": "龟", "⻲": "龟", "⻳": "龟",
}
_RADICAL_RE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


def normalize_cjk(text: str) -> str:
    """Map Kangxi/supplement radicals that PDF fonts produce back to the ordinary characters."""
    if not _RADICAL_RE.search(text):
        return text
    return _RADICAL_RE.sub(lambda m: _RADICALS.get(m.group(0), unicodedata.normalize("NFKC", m.group(0))), text)


def collapse(text: str) -> str:
    """Whitespace runs → one space, as the text reader keeps free text lines (words stay apart)."""
    return " ".join(text.split())


@dataclass(slots=True)
class GridBuilder:
    """Collects rows with a running row number; ``gap`` counts empty paragraphs before a row."""

    origin: str
    rows: list[Row] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)  # page of every row (PDF), parallel to rows
    gap: int = 0
    number: int = 0
    warnings: list[str] = field(default_factory=list)

    def blank(self) -> None:
        self.gap += 1

    def text(self, text: str, page: int = 0, confidence: float | None = None) -> None:
        text = collapse(text)
        if not text:
            self.blank()
            return
        self.number += 1
        self.rows.append(Row([Cell(text, self.number, confidence=confidence)], self.number, self.number, False,
                             self.gap, "text"))
        self.pages.append(page)
        self.gap = 0

    def table_row(self, texts: list[str], page: int = 0, spans: list[int] | None = None,
                  extents: list[tuple[float, float]] | None = None, values: list[str | None] | None = None,
                  confidences: list[float | None] | None = None) -> None:
        """One table row: every grid position's text; ``spans`` (colspan of each position, 1 where
        unknown), ``extents`` (x0, x1 in points), ``values`` (stored values) and ``confidences`` (OCR)
        where the reader has them."""
        if not any(t.strip() for t in texts):
            self.blank()
            return
        self.number += 1
        cells = [Cell(clean(t), self.number,
                      spans[n] if spans is not None and n < len(spans) else 1,
                      extents[n][0] if extents is not None and n < len(extents) else None,
                      extents[n][1] if extents is not None and n < len(extents) else None,
                      values[n] if values is not None and n < len(values) else None,
                      confidences[n] if confidences is not None and n < len(confidences) else None)
                 for n, t in enumerate(texts)]
        self.rows.append(Row(cells, self.number, self.number, True, self.gap, self.origin))
        self.pages.append(page)
        self.gap = 0

    def document(self) -> TextDocument:
        return TextDocument(rows=self.rows, encoding=self.origin, line_count=self.number, warnings=self.warnings)
