"""Score one extracted DOC (DESIGN §5.1 JSON) against the readings of its excerpt.

- Every expected field counts once: right or wrong. A form, funds row or indicator the extraction
  does not have leaves all of its fields wrong (``got`` None).
- Forms are paired by best overlap (the pairing that gets most fields right); funds rows by label
  (a row's label is right when it is the reading's apart from "其中:" and a trailing colon, or holds it);
  indicators in order, by the similarity of ``level3`` (an order-keeping alignment).
- Numbers compare as ``Decimal`` (``10.00`` == 10; a numeric string counts as its number); text after
  NFKC, removing all whitespace and Traditional → Simplified (OpenCC t2s). A tuple of strings in
  the reading lists accepted alternatives. ``None`` and "" are the same (empty).
- ``ambiguous`` entries of a reading score separately as a bonus (``bonus_right``/``bonus_total``).
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

import opencc

from tests.corpus.readings import MONEY_FIELDS, Form

LEVEL3_MIN_SIMILARITY = 0.5  # below this an extracted indicator is not the reading's row
LABEL_MIN_SIMILARITY = 0.6  # funds rows: below this an extracted row is not the reading's row
LABEL_SAME = 0.9  # at or above: the row's label counts as right


@dataclass(frozen=True)
class Mismatch:
    path: str
    expected: object
    got: object

    def __str__(self) -> str:
        return f"{self.path}: expected {self.expected!r}, got {self.got!r}"


@dataclass
class Score:
    right: int = 0
    total: int = 0
    bonus_right: int = 0
    bonus_total: int = 0
    forms_expected: int = 0
    forms_matched: int = 0  # expected forms paired with an extracted one
    mismatches: list[Mismatch] = field(default_factory=list)
    bonus_mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, other: Score) -> None:
        self.right += other.right
        self.total += other.total
        self.bonus_right += other.bonus_right
        self.bonus_total += other.bonus_total
        self.forms_expected += other.forms_expected
        self.forms_matched += other.forms_matched
        self.mismatches += other.mismatches
        self.bonus_mismatches += other.bonus_mismatches


# ------------------------------------------------------------------------------------ normalising

@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


_SPACE = re.compile(r"\s+")


def norm_text(value: object) -> str:
    """NFKC, no whitespace at all, Traditional → Simplified."""
    if value is None:
        return ""
    text = _SPACE.sub("", unicodedata.normalize("NFKC", str(value)))
    return str(_t2s().convert(text))


def as_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = norm_text(value).replace(",", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def same(expected: object, got: object) -> bool:
    """Whether an extracted value is the reading's value (see the module doc)."""
    if isinstance(expected, tuple):
        return any(same(alternative, got) for alternative in expected)
    want, have = as_decimal(expected), as_decimal(got)
    if want is not None and have is not None:
        return want == have
    if isinstance(expected, int | float):
        return False
    return norm_text(expected) == norm_text(got)


def _ratio(x: str, y: str, contained: float | None = None) -> float:
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    if contained is not None and (x in y or y in x):
        return contained
    return difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()


def similarity(a: object, b: object) -> float:
    return _ratio(norm_text(a), norm_text(b))


def _label_key(label: object) -> str:
    text = norm_text(label)
    text = re.sub(r"^其中[:：]?", "", text)
    return text.rstrip(":：")


def label_similarity(a: object, b: object) -> float:
    """Funds-row labels: "其中:" and a trailing colon ignored; one label inside the other is close."""
    return _ratio(_label_key(a), _label_key(b), contained=0.9)


# ------------------------------------------------------------------------------------ fields

Fields = list[tuple[str, object, object]]  # (path, expected, got)


def _get(mapping: object, key: str) -> object:
    return mapping.get(key) if isinstance(mapping, Mapping) else None


def _rows(doc_form: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    rows = doc_form.get(key)
    return [row for row in rows if isinstance(row, Mapping)] if isinstance(rows, list) else []


def align(expected: Sequence[Mapping[str, Any]], got: Sequence[Mapping[str, Any]]) -> dict[int, int]:
    """Order-keeping alignment of indicators by ``level3`` similarity: expected index → got index."""
    n, m = len(expected), len(got)
    sims = [[similarity(e.get("level3"), g.get("level3")) for g in got] for e in expected]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = sims[i][j] + best[i + 1][j + 1] if sims[i][j] >= LEVEL3_MIN_SIMILARITY else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs: dict[int, int] = {}
    i = j = 0
    while i < n and j < m:
        if sims[i][j] >= LEVEL3_MIN_SIMILARITY and best[i][j] == sims[i][j] + best[i + 1][j + 1]:
            pairs[i] = j
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _funds_row_fields(want: Mapping[str, Any], got: Mapping[str, Any] | None) -> Fields:
    path = f"funds_rows[{want['label']}]"
    label = got.get("label") if got is not None else None
    if label_similarity(want["label"], label) >= LABEL_SAME:
        label = want["label"]  # the same label: "其中:", a trailing colon, a qualifier around it aside
    out: Fields = [(f"{path}.label", want["label"], label)]
    for key, value in want.items():
        if key == "label":
            continue
        if key == "amount":
            have = [got.get(k) for k in MONEY_FIELDS[:3]] if got else []  # the money columns
            hit = next((h for h in have if same(value, h)), None)
            out.append((f"{path}.amount", value, hit if hit is not None or not got else tuple(have)))
        else:
            out.append((f"{path}.{key}", value, got.get(key) if got is not None else None))
    return out


def _match_funds_rows(want: Sequence[Mapping[str, Any]], got: Sequence[Mapping[str, Any]]) -> dict[int, int]:
    """Each reading row → the extracted row with the most similar label (each used once)."""
    scored = sorted(((label_similarity(w["label"], g.get("label")), i, j)
                     for i, w in enumerate(want) for j, g in enumerate(got)), reverse=True)
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for sim, i, j in scored:
        if sim < LABEL_MIN_SIMILARITY:
            break
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def form_fields(want: Form, got: Mapping[str, Any]) -> tuple[Fields, Fields]:
    """(required fields, bonus fields) of one reading against one extracted form."""
    out: Fields = [("kind", want["kind"], got.get("kind") or ("self_evaluation" if got else None))]
    for key in ("project_name", "department", "implementing_unit", "year", "goal_expected", "goal_actual",
                "total_weight", "total_score"):
        if key in want:
            out.append((key, want[key], got.get(key)))
    funds = got.get("funds")
    for row_key, money in want.get("funds", {}).items():
        for money_key, value in money.items():
            out.append((f"funds.{row_key}.{money_key}", value, _get(_get(funds, row_key), money_key)))
    got_rows = _rows(got, "funds_rows")
    want_rows = want.get("funds_rows", [])
    row_pairs = _match_funds_rows(want_rows, got_rows)
    for i, row in enumerate(want_rows):
        out += _funds_row_fields(row, got_rows[row_pairs[i]] if i in row_pairs else None)
    got_ind = _rows(got, "indicators")
    want_ind = want.get("indicators", [])
    pairs = align(want_ind, got_ind)
    for i, indicator in enumerate(want_ind):
        match = got_ind[pairs[i]] if i in pairs else None
        for key, value in indicator.items():
            out.append((f"indicators[{i}].{key}", value, match.get(key) if match is not None else None))
    bonus: Fields = []
    for path, value in want.get("ambiguous", {}).items():
        bonus.append((path, value, _resolve(path, got, pairs, got_ind)))
    return out, bonus


def _resolve(path: str, got: Mapping[str, Any], pairs: dict[int, int], got_ind: list[Mapping[str, Any]]) -> object:
    found = re.fullmatch(r"indicators\[(\d+)\]\.(\w+)", path)
    if found:
        index = int(found.group(1))
        return got_ind[pairs[index]].get(found.group(2)) if index in pairs else None
    value: object = got
    for part in path.split("."):
        value = _get(value, part)
    return value


def _tally(fields: Fields) -> tuple[int, list[Mismatch]]:
    right, wrong = 0, []
    for path, expected, got in fields:
        if same(expected, got):
            right += 1
        else:
            wrong.append(Mismatch(path, expected, got))
    return right, wrong


def _pairing(wants: Sequence[Form], gots: Sequence[Mapping[str, Any]]) -> dict[int, int]:
    """The pairing of readings to extracted forms with the most right fields (ties: document order)."""
    gain = [[_tally(form_fields(w, g)[0])[0] for g in gots] for w in wants]
    best: tuple[int, dict[int, int]] = (-1, {})
    slots = list(range(len(gots))) + [-1] * len(wants)
    if len(gots) <= 6:
        for choice in itertools.permutations(slots, len(wants)):
            total = sum(gain[i][c] for i, c in enumerate(choice) if c >= 0)
            if total > best[0]:
                best = (total, {i: c for i, c in enumerate(choice) if c >= 0})
        return best[1]
    pairs: dict[int, int] = {}  # many extracted forms: greedy
    for _, i, j in sorted(((gain[i][j], i, j) for i in range(len(wants)) for j in range(len(gots))), reverse=True):
        if i not in pairs and j not in pairs.values():
            pairs[i] = j
    return pairs


def self_evaluations(doc: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return _rows(doc, "self_evaluations")


def compare(extracted_doc_json: Mapping[str, Any], expected: Sequence[Form]) -> Score:
    """Score one DOC of ``jixiao extract --format json`` against the reading(s) of its excerpt."""
    gots = self_evaluations(extracted_doc_json)
    pairs = _pairing(expected, gots)
    score = Score(forms_expected=len(expected), forms_matched=len(pairs))
    for i, want in enumerate(expected):
        got = gots[pairs[i]] if i in pairs else {}
        required, bonus = form_fields(want, got)
        prefix = f"form[{i}]" if len(expected) > 1 else ""
        right, wrong = _tally(required)
        score.right += right
        score.total += len(required)
        score.mismatches += [_prefixed(prefix, m) for m in wrong]
        right, wrong = _tally(bonus)
        score.bonus_right += right
        score.bonus_total += len(bonus)
        score.bonus_mismatches += [_prefixed(prefix, m) for m in wrong]
    return score


def _prefixed(prefix: str, mismatch: Mismatch) -> Mismatch:
    return Mismatch(f"{prefix}.{mismatch.path}", mismatch.expected, mismatch.got) if prefix else mismatch


def has_numbers(form: Mapping[str, Any]) -> bool:
    """Whether an extracted self-evaluation carries any number (a blank template carries none)."""
    return any(isinstance(v, int | float | Decimal) and not isinstance(v, bool) for v in _numbers(form))


def _numbers(value: object) -> Iterator[object]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key not in ("location", "year", "printed", "line", "total_line", "warnings"):
                yield from _numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item)
    else:
        yield value
