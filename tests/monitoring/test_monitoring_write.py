"""A monitoring form written in the official layout (DOCX, XLSX, PDF) reads back field-equal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jixiao.extract import extract_path
from jixiao.model.monitoring import MonitoringReport
from jixiao.present.forms import LAYOUTS, TEMPLATES, write_form, write_template
from jixiao.present.jsonout import document_json
from jixiao.samples.families.score import write_family_set

VOLATILE = {"location", "warnings", "funds_columns", "indicator_columns"}


def _strip(value: Any) -> Any:
    """A form's fields without where it was printed (lines, pages) or how the template names columns."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in VOLATILE and k != "line"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> list[MonitoringReport]:
    tmp = tmp_path_factory.mktemp("mr_source")
    write_family_set(tmp, formats=("docx",), families=("monitoring", "monitoring_provincial"))
    forms = [f for name in ("monitoring.docx.docx", "monitoring_provincial.docx.docx")
             for f in extract_path(tmp / name).monitoring_reports]
    assert len(forms) == 5
    return forms


def test_monitoring_has_an_official_layout() -> None:
    assert LAYOUTS["monitoring"] == "monitoring"
    assert "monitoring" in TEMPLATES


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_written_form_reads_back_field_equal(originals: list[MonitoringReport], fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"mr.{fmt}"
    write_form(originals, fmt, path)
    doc = extract_path(path)
    assert doc.self_evaluations == [] and doc.target_declarations == []
    back = document_json(doc)["monitoring_reports"]
    assert len(back) == len(originals)
    for before, after in zip(originals, back, strict=True):
        expected = _strip(document_json_form(before))
        assert _strip(after) == expected


def document_json_form(form: MonitoringReport) -> dict[str, Any]:
    from jixiao.model.document import Document

    return document_json(Document(source="x", monitoring_reports=[form]))["monitoring_reports"][0]  # type: ignore[no-any-return]


def test_blank_template_is_listed_never_audited(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    write_template("monitoring", "docx", path)
    doc = extract_path(path)
    assert doc.self_evaluations == []
    assert [f.blank for f in doc.monitoring_reports] == [True]
