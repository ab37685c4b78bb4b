"""Chinese characters by comparison, not by regex class.

A regex class over CJK's ranges (``[\\u3400-\\u9fff]``) costs about a millisecond to compile: Python's
``re`` walks each range character by character. A dozen such patterns cost more at start-up than the
scans they serve on a short document, so the few places that only ask "is this character Chinese?" or
"drop the spaces between Chinese characters" ask it here.
"""

from __future__ import annotations

from collections.abc import Callable


def is_han(ch: str) -> bool:
    """A CJK unified ideograph of the BMP's main blocks (U+3400–U+9FFF, extension A included)."""
    return "\u3400" <= ch <= "\u9fff"


def is_cjk(ch: str) -> bool:
    """Radicals, CJK punctuation, kana, ideographs, compatibility ideographs and full-width forms
    (U+2E80–U+9FFF, U+F900–U+FAFF, U+FF00–U+FFEF)."""
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"


def is_cjk_or_punctuation(ch: str) -> bool:
    """:func:`is_cjk` without the full-width letters and digits (U+FF10–U+FF19, U+FF21–U+FFEF): what a
    space between two of them only parts visually."""
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff01" <= ch <= "\uff0f" \
        or "\uff1a" <= ch <= "\uff20"


def join_between(text: str, joins: Callable[[str], bool]) -> str:
    """``text`` (its words parted by single spaces) without the spaces that have a character ``joins``
    accepts on both sides: "绩 效 指 标 a b" → "绩效指标 a b"."""
    if " " not in text:
        return text
    words = text.split(" ")
    out = [words[0]]
    for word in words[1:]:
        last = out[-1]
        if last and word and joins(last[-1]) and joins(word[0]):
            out[-1] = last + word
        else:
            out.append(word)
    return " ".join(out)


__all__ = ["is_cjk", "is_cjk_or_punctuation", "is_han", "join_between"]
