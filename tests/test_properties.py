"""Property-based: wrapped, truncated and corrupted real forms never raise and stay in contract."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.extract import extract_bytes
from jixiao.present.jsonout import document_json
from jixiao.samples.disclosure import disclosure_text
from jixiao.samples.layouts import as_docx_lines, as_tabs, render
from tests.budget.test_project_form import DEPARTMENT, TITLE, national, with_columns
from tests.test_bad_input import FORM

_BASE = extract_bytes(FORM.encode(), "base").self_evaluations
LAYOUT_TEXTS = [render(_BASE, name) for name in ("tabs", "pipes", "docx_lines", "flat")]


def _valid(doc_json: dict[str, object]) -> None:
    assert set(doc_json) >= {"source", "format", "self_evaluations", "evaluations", "target_declarations",
                             "budget_tables", "warnings"}
    for form in doc_json["self_evaluations"]:  # type: ignore[attr-defined]
        assert set(form["funds"]) == {"total", "current_year_appropriation", "prior_year_carryover", "other"}
        for ind in form["indicators"]:
            assert set(ind) >= {"level1", "level2", "level3", "target", "actual", "weight", "score", "deviation_note"}
            assert ind["weight"] is None or isinstance(ind["weight"], int | float)
        assert form["location"]["line_start"] <= form["location"]["line_end"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout=st.sampled_from(LAYOUT_TEXTS), cut=st.floats(0, 1), width=st.integers(3, 60),
       noise=st.binary(max_size=64), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]),
       position=st.floats(0, 1))
def test_mangled_forms_never_raise(layout: str, cut: float, width: int, noise: bytes, encoding: str,
                                   position: float) -> None:
    _mangled_is_valid(layout, cut, width, noise, encoding, position)


def _mangled_is_valid(layout: str, cut: float, width: int, noise: bytes, encoding: str, position: float) -> None:
    """Cut, hard-wrap, re-encode and splice noise into ``layout``: the extraction stays in contract."""
    text = layout[: int(len(layout) * cut)] if cut < 0.95 else layout
    if width < 20:  # hard-wrap every line, as a narrow PDF column does
        text = "\n".join(line[i:i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width))
    data = text.encode(encoding)
    at = int(len(data) * position)
    data = data[:at] + noise + data[at:]
    _valid(document_json(extract_bytes(data, "mangled")))


def _other_documents() -> list[str]:
    """A national-numbered disclosure, per-project declaration forms, a department self-evaluation."""
    department = (Path(__file__).parent / "data" / "department_selfeval.txt").read_text(encoding="utf-8")
    return [disclosure_text(numbering="national"), as_tabs([*TITLE, *national(), *with_columns("保洁", "张三", "1")]),
            as_docx_lines(DEPARTMENT), department]


OTHER_TEXTS = _other_documents()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout=st.sampled_from(OTHER_TEXTS), cut=st.floats(0, 1), width=st.integers(3, 60),
       noise=st.binary(max_size=64), position=st.floats(0, 1))
def test_mangled_other_documents_never_raise(layout: str, cut: float, width: int, noise: bytes,
                                             position: float) -> None:
    """The same mangling over the layouts other provinces print: budget tables found by their names,
    declaration forms, department-wide forms."""
    _mangled_is_valid(layout, cut, width, noise, "utf-8", position)
