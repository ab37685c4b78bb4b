"""Checks over values read from scans by OCR (category ``ocr``, "识别存疑"), and the folding that keeps
an OCR misreading from being reported as the unit's arithmetic error.

One module per check (``ocNNN_*.py``), run on every self-evaluation with the other checks
(:func:`jixiao.rules.engine.check_form`); forms read from a text layer carry no confidence and get no
finding here. Numbers come from the profile's ``[ocr]`` table (:class:`OcrSettings`).
"""

from __future__ import annotations

from jixiao.rules.base import Rule, discover
from jixiao.rules.ocr.fold import fold_ocr
from jixiao.rules.ocr.settings import OcrSettings, settings_of

MODULES = discover(__name__)  # ocNNN_*.py
RULES: tuple[Rule, ...] = tuple(Rule.from_module(m) for m in MODULES)

__all__ = ["RULES", "OcrSettings", "fold_ocr", "settings_of"]
