"""A form's title, its name and the other header fields: label cells and the values after them, a
cell that holds several "label：value" pairs, the year printed above the form."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from jixiao.read.text import clean
from jixiao.recognize.forms.draft import FIELDS, YEAR, Draft
from jixiao.recognize.forms.rows import GRow
from jixiao.recognize.lexicon import base_text, label_key, lexicon, words_regex


@lru_cache(maxsize=1)
def _title_pattern() -> re.Pattern[str]:
    lex = lexicon()
    words = {label_key(w): kind for kind in ("department_self_evaluation", "self_evaluation", "target_declaration",
                                             "monitoring") for w in lex.words("title", kind)}
    return re.compile("(" + words_regex(words) + ")")


@lru_cache(maxsize=1)
def _title_kinds() -> dict[str, str]:
    lex = lexicon()
    out: dict[str, str] = {}
    for kind in ("department_self_evaluation", "self_evaluation", "target_declaration", "monitoring"):
        for w in lex.words("title", kind):
            out.setdefault(label_key(w), kind)
    return out


def title_kind(row: GRow) -> str | None:
    """The kind of form a title row names ("2023年某单位某项目绩效自评表（2023年度）")."""
    for cell in row.filled[:2]:
        if len(cell.text) > 80:
            continue
        t = base_text(cell.text)
        m = _title_pattern().search(t)
        if m is not None and m.end() >= len(t) - 8:
            return _title_kinds()[m.group(1)]
    return None


def name_field(row: GRow) -> str | None:
    for cell in row.filled[:3]:
        name = cell.concept("field")
        if name in ("project_name", "unit_name"):
            return name
        pairs = split_pairs(cell.text)
        if pairs is not None and not pairs[0]:
            for name, _ in pairs[1]:
                if name in ("project_name", "unit_name"):
                    return name
    return None


def year_before(rows: list[GRow], n: int) -> int | None:
    for k in range(n, max(-1, n - 4), -1):
        for cell in rows[k].filled[:3]:
            m = YEAR.search(base_text(cell.text))
            if m and len(base_text(cell.text)) <= 60:
                return int(m.group(1))
    return None


def label_values(cells: Iterable[tuple[str, str | None]]) -> Iterator[tuple[str, str]]:
    """A row's cells as (text, the field concept its label names or None) → (field, value) pairs, in
    order: label cells and the value cells after them; a cell may hold several "label：value" pairs
    ("项目负责人：王明 联系电话：0812-3334455") and a value may run on into the next label."""
    pending: str | None = None  # a label whose value is still to come
    parts: list[str] = []
    for text, name in cells:
        if name is not None:
            if pending is not None:
                yield pending, " ".join(parts)
            pending, parts = name, []
            continue
        pairs = split_pairs(text)
        if pairs is None:
            parts.append(text)
            continue
        head, found = pairs
        if head:
            parts.append(head)
        if pending is not None:
            yield pending, " ".join(parts)
        yield from found[:-1]
        pending, parts = found[-1][0], [found[-1][1]] if found[-1][1] else []
    if pending is not None:
        yield pending, " ".join(parts)


def field_row(d: Draft, row: GRow) -> None:
    for name, value in label_values((cell.text, cell.concept("field")) for cell in row.filled):
        _set_field(d, name, value)


def _set_field(d: Draft, name: str, value: str) -> None:
    value = clean(value)
    key = "department" if name == "unit_name" and "project_name" in d.fields else name
    if name == "unit_name" and "project_name" not in d.fields:
        d.concepts.add("unit_name")
    if key in FIELDS and value and key not in d.fields:
        d.fields[key] = value


@lru_cache(maxsize=1)
def _pair_pattern() -> re.Pattern[str]:
    words = {w for ws in lexicon().sections.get("field", {}).values() for w in ws}
    return re.compile("(" + words_regex(words) + r")\s*[:：]")


def split_pairs(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """"平川县人民医院填报日期：2023年2月20日" → ("平川县人民医院", [("fill_date", "2023年2月20日")]);
    ``None`` when the text holds no "label：" of a field."""
    if ":" not in text and "：" not in text:
        return None
    t = text.replace("\u3000", " ")
    matches = list(_pair_pattern().finditer(t))
    if not matches:
        return None
    lex = lexicon()
    head = t[:matches[0].start()].strip()
    found: list[tuple[str, str]] = []
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(t)
        name = lex.concept(m.group(1), "field")
        if name is not None:
            found.append((name, t[m.end():end].strip()))
    return (head, found) if found else None
