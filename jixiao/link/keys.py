"""What two printings of one project share: its code, and its unit and name once the print's noise
is gone (a code or a year before the name, a 「（本级）」 after the unit, full-width forms, spaces).

    >>> unit_key("999001-示例街道办事处（本级）"), name_key("2024年老旧小区综合整治项目")
    ('示例街道办事处', '老旧小区综合整治')
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, get_args

Stage = Literal["declaration", "monitoring", "self_evaluation", "evaluation"]
STAGES: tuple[Stage, ...] = get_args(Stage)
# The form kinds that belong to one project, and the stage of the cycle each one is.
STAGE_OF_KIND: dict[str, Stage] = {"project_target_declaration": "declaration", "monitoring": "monitoring",
                                   "self_evaluation": "self_evaluation", "project_evaluation": "evaluation"}
STAGE_LABELS: dict[Stage, str] = {"declaration": "申报", "monitoring": "监控", "self_evaluation": "自评",
                                  "evaluation": "评价"}

# A national project code: 6–8 digits of the unit and year, a letter, 9–14 digits (11010225T000000000001).
CODE = re.compile(r"\d{6,8}[A-Z]\d{9,14}")
_LEADING_CODE = re.compile(r"^(?:\d{6,8}[A-Z]\d{9,14}|\d{3,12})\s*[-－—_:：、.．\s]\s*")
_LEADING_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年(?:度)?")
_TRAILING_BRACKET = re.compile(r"[（(【\[][^（）()【】\[\]]{1,12}[）)】\]]$")
_QUOTES = re.compile(r"[“”\"'‘’《》〈〉「」『』]")
_SUFFIXES = ("项目支出", "专项经费", "项目")


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def code_key(code: str | None, name: str | None = None) -> str | None:
    """The project code as compared: printed in its own cell, else at the head of the name
    ("11010225T000000000001-环境整治"); ``None`` when neither prints one."""
    for text in (code, name):
        if text:
            found = CODE.search(_plain(text).upper())
            if found:
                return found.group(0)
    return None


def unit_key(unit: str | None) -> str:
    """A unit's name as compared: no code before it, no 「（本级）」 after it ("" when unknown)."""
    if not unit:
        return ""
    text = _LEADING_CODE.sub("", _plain(unit))
    while _TRAILING_BRACKET.search(text):
        text = _TRAILING_BRACKET.sub("", text)
    return text


def name_key(name: str | None) -> str:
    """A project's name as compared: no code, year, quotes or 「项目」 suffix ("" when unknown)."""
    if not name:
        return ""
    text = _QUOTES.sub("", _LEADING_CODE.sub("", _plain(name)))
    text = _LEADING_YEAR.sub("", text)
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
            break
    return text


def display_name(name: str | None) -> str:
    """The project's name for a list: as printed, without the code or year printed before it (a
    project spans years)."""
    if not name:
        return ""
    plain = unicodedata.normalize("NFKC", name).strip()
    shown = _LEADING_YEAR.sub("", _LEADING_CODE.sub("", plain)).strip()
    return shown or plain


__all__ = ["CODE", "STAGES", "STAGE_LABELS", "STAGE_OF_KIND", "Stage", "code_key", "display_name", "name_key",
           "unit_key"]
