"""How labels and cells are compared, shared by the recognizers and the rules: :func:`norm` (NFKC,
CJK radicals mapped, no whitespace, no "(50分)" suffix) and :func:`nf` (NFKC, no whitespace)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Kangxi and CJK radicals that NFKC leaves alone (U+2E80–U+2EFF), as PDF converters emit them.
_RADICALS = str.maketrans({"⻚": "页", "⻥": "鱼", "⻔": "门", "⻢": "马", "⻛": "风", "⻋": "车", "⻅": "见",
                           "⻆": "角", "⻝": "食", "⻨": "麦", "⻩": "黄", "⻬": "齐", "⻰": "龙", "⻳": "龟",
                           "⺠": "民", "⻘": "青", "⻄": "西", "⻉": "贝", "⻓": "长", "⻜": "飞"})
_POINTS = re.compile(r"[(（]\d+(?:\.\d+)?分[)）]")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Comparable form of a cell: NFKC, radicals mapped, no whitespace, no "(50分)"."""
    t = unicodedata.normalize("NFKC", text).translate(_RADICALS)
    return _POINTS.sub("", _SPACE.sub("", t))


def nf(text: str) -> str:
    """NFKC without whitespace: the form in which labels are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


__all__ = ["nf", "norm"]
