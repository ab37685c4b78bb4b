"""The OCR bar, measured (issue 19): template families (:mod:`jixiao.samples.families`) drawn to PDF,
printed as degraded scans (:mod:`jixiao.samples.scan`: a red seal over the table, a small rotation,
noise, blur, JPEG) and read back; the reading scored against the family's truth field by field
(:func:`jixiao.samples.families.score.compare`), and every number read wrongly looked up among the
OCR findings (category ``ocr``) that name its cell. Used by ``bench/ocr_unseen.py`` and the tests.
Needs the ``ocr`` extra to read the scans.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PageResult:
    """One scanned page read: forms found of expected, fields right of all, the number fields read
    wrongly, those of them no OCR finding marks, the other fields read wrongly, the OCR findings."""

    label: str
    forms_found: int
    forms_expected: int
    right: int
    total: int
    wrong_numbers: list[str] = field(default_factory=list)
    unmarked: list[str] = field(default_factory=list)
    other_wrong: list[str] = field(default_factory=list)
    marks: int = 0  # OCR findings on the page (cells reported as read uncertainly)
    seconds: float = 0.0


def scan_family(name: str, dpi: int, angle: float, seed: int) -> tuple[bytes, dict[str, Any]]:
    """The family's first form as a degraded JPEG scan, and its truth."""
    from jixiao.samples.families.families import FAMILIES as ALL
    from jixiao.samples.families.families import family_truth
    from jixiao.samples.families.render import to_pdf
    from jixiao.samples.scan import Degradation, scan_page

    sample = ALL[name].build()[0]
    options = Degradation(dpi=dpi, angle=angle, seal=True, fmt="jpeg", quality=75, seed=seed)
    return scan_page(to_pdf([sample.form]), 0, options), family_truth([sample])


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def read_page(data: bytes, truth: dict[str, Any], label: str) -> PageResult:
    """Read one scan and score it; a wrong number counts as marked when an ``ocr`` finding of the
    check names that field's cell (its path) on that form."""
    from jixiao.extract import extract_bytes
    from jixiao.present.jsonout import document_json
    from jixiao.rules import check_document, load_profile
    from jixiao.samples.families.score import compare

    start = time.perf_counter()
    doc = extract_bytes(data, f"{label}.jpg")
    seconds = time.perf_counter() - start
    score = compare(document_json(doc), truth)
    findings = check_document(doc, load_profile("national"))
    marked = {(f.form.kind, f.form.index, str(f.actual.get("field"))) for f in findings
              if f.category == "ocr" and isinstance(f.actual, dict)}
    result = PageResult(label, score.forms_found, score.forms_expected, score.right, score.total,
                        marks=len(marked), seconds=seconds)
    for miss in score.mismatches:
        text = f"{miss.path}: {miss.got!r} ≠ {miss.expected!r}"
        if _is_number(miss.expected) and miss.got is not None:
            result.wrong_numbers.append(text)
            if not _marked(miss.path, marked, doc):
                result.unmarked.append(text)
        else:
            result.other_wrong.append(text)
    return result


def _marked(path: str, marked: set[tuple[str, int, str]], doc: Any) -> bool:
    """A truth path (``self_evaluations[0].funds_rows[2].executed``, ``….indicators[3].score``) against
    the OCR findings' (kind, index, cell path) — a funds row by its role, as the form names its cells."""
    section, _, rest = path.partition("[")
    index_text, _, field_path = rest.partition("].")
    index = int(index_text)
    kinds = {"self_evaluations": ("self_evaluation", "department_self_evaluation"),
             "target_declarations": ("project_target_declaration", "department_target_declaration")}
    if section not in kinds:
        return False
    form = doc.self_evaluations[index] if section == "self_evaluations" and index < len(doc.self_evaluations) \
        else None
    match = re.match(r"^funds_rows\[(\d+)\]\.(\w+)$", field_path)
    if match and form is not None:
        rows = form.funds_rows
        k = int(match.group(1))
        role = rows[k].role if k < len(rows) else None
        if k == 0 and role is None:
            role = "total"
        if role in ("total", "current_year_appropriation", "prior_year_carryover", "other"):
            field_path = f"funds.{role}.{match.group(2)}"
    field_path = re.sub(r"\[(\d+)\]", r".\1", field_path)
    return any(kind in kinds[section] and i == index and name == field_path for kind, i, name in marked)


__all__ = ["PageResult", "read_page", "scan_family"]
