"""Detect the encoding of a text file from its bytes, never from its extension.

Government files come as UTF-8, UTF-8 with BOM, UTF-16 with BOM, or GB18030/GBK. UTF-8 is tried
strictly first (GBK bytes almost never decode as valid UTF-8), then GB18030, a superset of GBK.
Binary junk is recognised by its share of control characters and reported, not decoded.
"""

from __future__ import annotations

import codecs
import re

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Return (text, encoding name, warnings)."""
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    else:
        text, encoding = _decode_unmarked(data)
    if text and len(_CONTROL.findall(text[:65536])) > max(8, len(text[:65536]) // 50):
        warnings.append(f"内容含大量控制字符或无法解码的字节（{encoding}），可能不是文本文件 / looks like binary data")
    return text, encoding, warnings


def _decode_unmarked(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        # A file cut in the middle of a multi-byte character is still UTF-8.
        if error.start >= len(data) - 3 and error.reason.startswith("unexpected end"):
            return data.decode("utf-8", errors="replace"), "utf-8"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    utf8 = data.decode("utf-8", errors="replace")
    gb = data.decode("gb18030", errors="replace")
    if utf8.count("\ufffd") <= gb.count("\ufffd"):
        return utf8, "utf-8"
    return gb, "gb18030"
