"""Seed forms from the tab and DOCX layouts, printed the way PDF converters print them
(``pdf_like.render``: wrapped cells as blocks of lines, label fragments, numbers of a row on one line,
a page break), must extract to the same data. This runs the PDF path of the recognizer on ~150
forms it was not tuned on.

Whitespace inside text cells is ignored in the comparison: a PDF loses the space at a line break
("1000 元" wrapped after "1000"), so no reader can restore it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from jixiao.extract import Document, extract_path
from tests.conftest import seed
from tests.helpers import extract_text, forms_of
from tests.pdf_like import render

_SPACE = re.compile(r"\s+")


def _squash(value: Any) -> Any:
    if isinstance(value, str):
        return _SPACE.sub("", value)
    if isinstance(value, dict):
        return {k: _squash(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_squash(v) for v in value]
    return value


def _rendered_matches(seeds: Path, prefix: str, **options: Any) -> tuple[int, int]:
    forms = [f for f in extract_path(seed(seeds, prefix)).self_evaluations if not f.incomplete]
    same = 0
    for form in forms:
        original = forms_of(Document(source="x", self_evaluations=[form]), with_location=False)
        again = forms_of(extract_text(render(form, **options)), with_location=False)
        same += _squash(original) == _squash(again)
    return same, len(forms)


@pytest.mark.parametrize(("prefix", "least"), [("001", 0.85), ("004", 0.6)])
def test_forms_printed_as_pdf_text_extract_the_same(seeds: Path, prefix: str, least: float) -> None:
    same, total = _rendered_matches(seeds, prefix)
    assert total >= 15
    assert same / total >= least, f"{same} of {total} forms re-extracted identically"


def test_page_break_inside_the_indicator_rows(seeds: Path) -> None:
    same, total = _rendered_matches(seeds, "004", page_break_after=3)
    assert same / total >= 0.6, f"{same} of {total}"


@pytest.mark.parametrize(("prefix", "least"), [("001", 0.8), ("004", 0.55)])
def test_other_column_widths(seeds: Path, prefix: str, least: float) -> None:
    same, total = _rendered_matches(seeds, prefix, widths=(10, 6, 6))
    assert same / total >= least, f"{same} of {total}"
