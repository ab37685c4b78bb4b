"""Seed forms re-emitted in other layouts and encodings extract to identical data."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.extract import extract_path
from jixiao.model.selfeval import SelfEvaluation
from jixiao.model.values import parse_number
from jixiao.samples.layouts import render
from tests.conftest import seed
from tests.helpers import extract_text, forms_of


def _forms(seeds: Path, prefix: str) -> list[SelfEvaluation]:
    return extract_path(seed(seeds, prefix)).self_evaluations


def _no_inner_spaces(form: SelfEvaluation) -> bool:
    cells = [form.project_name, form.department, form.implementing_unit, form.goal_expected, form.goal_actual]
    for ind in form.indicators:
        cells += [ind.level3, ind.target, ind.actual, ind.deviation_note]
    complete = all(i.weight is not None and i.score is not None and i.target and i.actual for i in form.indicators)
    totals = form.total_weight is not None and form.total_score is not None
    funds = all(len(getattr(form.funds, r).printed) in (0, 2, 5, 6) for r in ("total", "current_year_appropriation",
                                                                             "prior_year_carryover", "other"))
    clean = all(parse_number(v) is not None or v in ("—", "") or v.endswith("%")
                for r in ("total", "current_year_appropriation", "prior_year_carryover", "other")
                for v in getattr(form.funds, r).printed.values())
    return complete and totals and funds and clean and all(" " not in (c or "") for c in cells)


@pytest.mark.parametrize("prefix", ["001", "004", "000"])
@pytest.mark.parametrize("layout", ["tabs", "pipes", "docx_lines"])
def test_layouts_round_trip(seeds: Path, prefix: str, layout: str) -> None:
    forms = _forms(seeds, prefix)
    if prefix == "000":
        forms = [forms[i] for i in (0, 1, 3)]  # the forms asserted in full (others keep PDF debris)
    original = [f.model_copy() for f in forms]
    doc = extract_text(render(forms, layout, preamble="https://example.org/file.pdf\n文件属性：自评表\n\n"))
    assert forms_of(doc, with_location=False) == [
        {k: v for k, v in f.items() if k != "location"} for f in _as_contract(original)]


def _as_contract(forms: list[SelfEvaluation]) -> list[dict[str, object]]:
    from jixiao.extract import Document

    return forms_of(Document(source="x", self_evaluations=forms), with_location=False)


@pytest.mark.parametrize("prefix", ["001", "004"])
def test_flattened_line_round_trip(seeds: Path, prefix: str) -> None:
    # On one line, empty cells vanish: only forms with every cell filled can round-trip exactly.
    forms = [f for f in _forms(seeds, prefix) if _no_inner_spaces(f)]
    assert len(forms) >= 5
    doc = extract_text(render(forms, "flat"))
    assert forms_of(doc, with_location=False) == _as_contract(forms)


@pytest.mark.parametrize(("encoding", "newline"), [("gb18030", "\n"), ("gbk", "\r\n"), ("utf-8-sig", "\r\n"),
                                                   ("utf-16", "\n")])
def test_encodings_and_newlines(seeds: Path, encoding: str, newline: str) -> None:
    forms = _forms(seeds, "004")
    text = render(forms, "docx_lines").replace("\n", newline)
    doc = extract_text(text, encoding)
    assert forms_of(doc, with_location=False) == _as_contract(forms)
