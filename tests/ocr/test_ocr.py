"""Scans read by OCR into the same forms the recognizer finds in the source (issue 19, part one).

Three pages are OCR'd in the whole module (about 10 s each here): a self-evaluation scanned as a JPEG
(200 dpi, rotated 1°, a red seal over the table), another as a PNG (150 dpi, rotated −1.5°), and the
scanned page of a PDF whose other page has a text layer. The degradations have fixed seeds.
"""

from __future__ import annotations

import random
import stat
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from jixiao.extract import extract_bytes
from jixiao.model.document import Document
from jixiao.model.selfeval import SelfEvaluation
from jixiao.read.office import read_document
from jixiao.samples.generator import make_form


def _form(seed: int, unit: str, project: str, year: int) -> SelfEvaluation:
    return make_form(random.Random(seed), unit, project, year, None)


@cache
def _source_pdf(seed: int, unit: str, project: str, year: int) -> bytes:
    import tempfile

    from jixiao.present.forms import write_form

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.pdf"
        write_form(_form(seed, unit, project, year), "pdf", path)
        return path.read_bytes()


def _source(seed: int, unit: str, project: str, year: int) -> SelfEvaluation:
    """The form as read from the PDF the scan was printed from (its text layer)."""
    doc = extract_bytes(_source_pdf(seed, unit, project, year), "source.pdf")
    assert len(doc.self_evaluations) == 1
    return doc.self_evaluations[0]


JPEG_FORM = (3, "某某区民政局", "社区养老服务项目", 2024)
PNG_FORM = (5, "某某县教育局", "农村学校营养改善项目", 2023)
TEXT_FORM = (11, "某某区文化旅游局", "公共文化服务项目", 2024)


@cache
def _jpeg_scan() -> bytes:
    from jixiao.samples.scan import Degradation, scanned_form

    return scanned_form(_form(*JPEG_FORM), Degradation(dpi=200, angle=1.0, seal=True, fmt="jpeg", seed=1))


@cache
def _png_scan() -> bytes:
    from jixiao.samples.scan import Degradation, scanned_form

    return scanned_form(_form(*PNG_FORM), Degradation(dpi=150, angle=-1.5, seal=True, fmt="png", seed=2))


def _number(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _fields(form: SelfEvaluation) -> dict[str, Any]:
    """The fields compared: project, department, funds total row, every indicator's labels, target,
    actual, weight and score, and the totals."""
    data = form.model_dump(mode="json")
    total = data["funds"]["total"]
    out: dict[str, Any] = {"project_name": data["project_name"], "department": data["department"],
                           "total_weight": _number(data["total_weight"]),
                           "total_score": _number(data["total_score"])}
    for key in ("initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score"):
        out[f"funds.total.{key}"] = _number(total[key])
    for n, indicator in enumerate(data["indicators"]):
        for key in ("level1", "level2", "level3", "target", "actual"):
            out[f"indicator{n}.{key}"] = indicator[key]
        for key in ("weight", "score"):
            out[f"indicator{n}.{key}"] = _number(indicator[key])
    return out


def _key_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if not k.endswith((".target", ".actual", ".level1", ".level2"))}


def _compare(doc: Document, source: SelfEvaluation) -> float:
    """Asserts the key fields and returns the share of all fields read right."""
    assert len(doc.self_evaluations) == 1, doc.warnings
    read, expected = _fields(doc.self_evaluations[0]), _fields(source)
    assert _key_fields(read) == _key_fields(expected)
    right = sum(1 for key, value in expected.items() if read.get(key) == value)
    return right / len(expected)


@pytest.mark.usefixtures("ocr_home")
def test_scanned_selfeval_jpeg(ocr_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _jpeg_scan()
    assert data.startswith(b"\xff\xd8\xff")
    doc = extract_bytes(data, "scan.jpg")
    assert doc.format == "image"
    assert _compare(doc, _source(*JPEG_FORM)) >= 0.9
    location = doc.self_evaluations[0].location
    assert (location.page_start, location.page_end) == (1, 1)
    # every OCR'd cell keeps its confidence; the cache holds the page, private to the user
    files = list((ocr_home / "cache" / "ocr").glob("*.json"))
    assert files and all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in files)

    import jixiao.read.ocr as ocr

    def no_engine() -> Any:
        raise AssertionError("a cached page must not be OCR'd again")

    monkeypatch.setattr(ocr, "_engine", no_engine)
    fmt, grid = read_document(data, "scan.jpg")
    assert fmt == "image"
    filled = [cell for row in grid.rows for cell in row.cells if cell.text]
    assert filled and all(cell.confidence is not None and 0 < cell.confidence <= 1 for cell in filled)
    assert any(row.hard for row in grid.rows)


@pytest.mark.usefixtures("ocr_home")
def test_scanned_selfeval_png_150dpi() -> None:
    data = _png_scan()
    assert data.startswith(b"\x89PNG")
    doc = extract_bytes(data, "scan.png")
    assert doc.format == "image"
    assert _compare(doc, _source(*PNG_FORM)) >= 0.9


@pytest.mark.usefixtures("ocr_home")
def test_pdf_with_a_text_page_and_a_scanned_page() -> None:
    from jixiao.samples.scan import Degradation, image_pdf, join_pdfs, scanned_form

    text_pdf = _source_pdf(*TEXT_FORM)
    options = Degradation(dpi=200, angle=0.5, seal=True, fmt="jpeg", seed=3)
    scanned = scanned_form(_form(*JPEG_FORM), options)
    data = join_pdfs([text_pdf, image_pdf([(scanned, options.dpi)])])
    doc = extract_bytes(data, "mixed.pdf")
    assert doc.format == "pdf"
    assert len(doc.self_evaluations) == 2, doc.warnings
    first, second = doc.self_evaluations
    assert _key_fields(_fields(first)) == _key_fields(_fields(_source(*TEXT_FORM)))
    assert _key_fields(_fields(second)) == _key_fields(_fields(_source(*JPEG_FORM)))
    assert (first.location.page_start, second.location.page_start) == (1, 2)
    assert any("OCR" in warning for warning in doc.warnings)
