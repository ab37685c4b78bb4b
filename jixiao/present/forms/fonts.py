"""The one CJK font every PDF jixiao writes is set in: a TrueType subset of Noto Serif CJK SC
(SIL OFL 1.1) shipped in ``fontdata/``, embedded (subset) by reportlab so a page prints the same on
a machine with no CJK font at all. ``fontdata/README.md`` tells how the file was made."""

from __future__ import annotations

from pathlib import Path
from threading import Lock

from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

FONT_NAME = "JixiaoSerifSC"
FONT_FILE = Path(__file__).with_name("fontdata") / "JixiaoSerifSC-Regular.ttf"
_lock = Lock()


def register_cjk_font() -> str:
    """Register the embedded CJK font with reportlab (once per process) and return its name, for
    canvases (``setFont``) and paragraph styles (``fontName``)."""
    with _lock:
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE)))
    return FONT_NAME
