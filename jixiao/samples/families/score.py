"""Compare an extraction with the truth, field by field, and write the whole family set.

Each leaf of the truth is one field. Lists (forms of a kind, indicators, funds rows) are matched in
order. Numbers compare as Decimal (a number printed as text counts when it reads as the same
number); strings compare after NFKC and with all whitespace removed; a null in the truth is right
when the extraction has null, "" or nothing there."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from jixiao.samples.families.families import FAMILIES, family_truth
from jixiao.samples.families.render import FORMATS

MISSING = object()


@dataclass
class Mismatch:
    path: str
    expected: Any
    got: Any


@dataclass
class Score:
    right: int = 0
    total: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)
    forms_expected: int = 0
    forms_found: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, other: Score) -> None:
        self.right += other.right
        self.total += other.total
        self.mismatches += other.mismatches
        self.forms_expected += other.forms_expected
        self.forms_found += other.forms_found


def _number(x: Any) -> Decimal | None:
    if isinstance(x, bool):
        return None
    if isinstance(x, int | float | Decimal):
        return Decimal(str(x))
    if isinstance(x, str):
        s = unicodedata.normalize("NFKC", x).strip().replace(",", "")
        try:
            return Decimal(s)
        except InvalidOperation:
            return None
    return None


def _text(x: Any) -> str:
    return "".join(unicodedata.normalize("NFKC", str(x)).split())


def same(expected: Any, got: Any) -> bool:
    if expected is None:
        return got is MISSING or got is None or (isinstance(got, str) and not got.strip())
    if got is MISSING or got is None:
        return False
    if isinstance(expected, bool) or isinstance(got, bool):
        return bool(expected == got)
    if isinstance(expected, int | float):
        n = _number(got)
        return n is not None and n == Decimal(str(expected))
    if isinstance(expected, str) and isinstance(got, int | float):
        n = _number(expected)
        return n is not None and n == Decimal(str(got))
    return _text(expected) == _text(got)


def _leaves(truth: Any) -> int:
    if isinstance(truth, dict):
        return sum(_leaves(v) for v in truth.values())
    if isinstance(truth, list):
        return sum(_leaves(v) for v in truth)
    return 1


def _walk(expected: Any, got: Any, path: str, score: Score, absent: bool = False) -> None:
    """``absent``: the form, indicator or funds row holding this field was not found at all, so
    even a null is not "read right"."""
    if isinstance(expected, dict):
        absent = absent or not isinstance(got, dict)
        sub = got if isinstance(got, dict) else {}
        for k, v in expected.items():
            _walk(v, sub.get(k, MISSING), f"{path}.{k}" if path else k, score, absent)
        return
    if isinstance(expected, list):
        items = got if isinstance(got, list) else []
        for i, v in enumerate(expected):
            _walk(v, items[i] if i < len(items) else MISSING, f"{path}[{i}]", score, absent)
        return
    score.total += 1
    if not absent and same(expected, got):
        score.right += 1
    else:
        score.mismatches.append(Mismatch(path, expected, None if got is MISSING else got))


def compare(extracted: dict[str, Any], truth: dict[str, Any]) -> Score:
    """Score an extraction (a DOC of DESIGN §5.1, or any dict with the same form lists) against a truth
    ``{"self_evaluations": [...], "target_declarations": [...]}``."""
    score = Score()
    for key, forms in truth.items():
        found = extracted.get(key) or []
        score.forms_expected += len(forms)
        score.forms_found += min(len(found), len(forms))
        _walk(forms, found, key, score)
    return score


def write_family_set(out_dir: Path, formats: tuple[str, ...] | None = None,
                     families: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Write every family in every format to ``out_dir`` (``<family>.<format><suffix>``) plus
    ``truth.json``: ``{file name: {"family", "format", "truth"}}``. A format whose renderer is not
    available here (LibreOffice absent) is skipped. Returns the truth mapping."""
    out_dir.mkdir(parents=True, exist_ok=True)
    index: dict[str, Any] = {}
    for name in families or tuple(FAMILIES):
        samples = FAMILIES[name].build()
        forms = [s.form for s in samples]
        truth = family_truth(samples)
        for fmt in formats or tuple(FORMATS):
            suffix, render = FORMATS[fmt]
            data = render(forms)
            if data is None:
                continue
            file_name = f"{name}.{fmt}{suffix}"
            (out_dir / file_name).write_bytes(data)
            index[file_name] = {"family": name, "format": fmt, "truth": truth}
    (out_dir / "truth.json").write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
    return index


def field_count(truth: dict[str, Any]) -> int:
    return _leaves(truth)
