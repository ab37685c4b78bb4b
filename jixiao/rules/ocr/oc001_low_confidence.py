"""识别存疑（置信度低）：a value read from a scan whose least certain character the OCR engine read
with a confidence below the profile's ``[ocr]`` bound (``min_confidence`` for amounts, rates,
weights, scores and totals; ``value_confidence`` for a target or actual cell, unless it is in
words only), or a target or actual whose figure carries a character OCR leaves in place of a sign
(「K4月」 for ≤4月, 「0.3%0」 for 0.3‰). The cell may be misread: check it against the paper. A cell
the form's arithmetic already points at (OC002) is reported there, not twice. Findings the rules
raise on a cell reported here (its row's rate, score, bounds, the form's total and weights) are
merged into this one, not the unit's error.

Bad::

    全年执行数「86.3」read from a scan with confidence 0.62

Good::

    全年执行数「86.3」read with confidence 0.99, or typed in a document with a text layer
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.rules.base import Context
from jixiao.rules.finding import Finding
from jixiao.rules.ocr.cells import ocr_cells, repairs
from jixiao.rules.ocr.settings import OcrSettings, settings_of

CODE = "OC001"
NAME = "ocr-low-confidence"
SEVERITY = "warning"
CATEGORY = "ocr"
_WORDING = re.compile(r"^[\u4e00-\u9fff]{2,}$")


# What OCR leaves where a sign was (≤ read as a lone letter, ‰ as "%0", a % as "°"): a single Latin
# letter glued before a figure, a digit after a per-cent sign, a degree sign after a figure
_GARBLED = re.compile(r"(?:^|[^A-Za-z])[A-Za-z]\d|[%％]\d|\d\s*[°º]")


def garbled(text: str) -> bool:
    """A value cell whose figure carries a character OCR puts in place of a sign (「K4月」, 「0.3%0」)."""
    return bool(_GARBLED.search(text))


def doubt(text: str, confidence: float, number: bool, settings: OcrSettings) -> bool:
    """Whether a cell read from a scan is reported: below its bound, or (a value cell) garbled."""
    if number:
        return Decimal(str(confidence)) < settings.min_confidence
    if garbled(text):
        return True
    return Decimal(str(confidence)) < settings.value_confidence and not is_wording(text)


def is_wording(text: str) -> bool:
    """A target or actual in words only (有效提升, 达标): no figure to misread — its confidence is not
    checked (a lone unit such as 「月」 is, its figure having been lost)."""
    return bool(_WORDING.match(text.strip()))


def check(ctx: Context) -> Iterator[Finding]:
    cells = ocr_cells(ctx.form)
    if not cells:
        return
    settings = settings_of(ctx.profile)
    explained = {r.cell.path for r in repairs(ctx.form, ctx.profile)}
    for cell in cells:
        if cell.path in explained or not doubt(cell.text, cell.confidence, cell.number, settings):
            continue
        yield ctx.finding(f"{ctx.name}{cell.label}「{cell.text}」识别存疑（扫描件识别置信度{cell.confidence:.2f}），"
                          "请对照原件核对。", actual={"field": cell.path, "printed": cell.text,
                                                    "confidence": round(cell.confidence, 3)}, line=cell.line)
