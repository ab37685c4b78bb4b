"""Files made by an office suite: DOCX → PDF and DOCX → .doc through Debian's LibreOffice
(libreoffice-writer-nogui, installed by .ci/run), read back by jixiao."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jixiao.extract import extract_bytes, extract_path
from jixiao.model.selfeval import SelfEvaluation
from jixiao.present.forms import write_form
from jixiao.read.convert import convert
from tests.conftest import need_soffice, seed


@pytest.fixture(scope="module")
def office() -> str:
    return need_soffice()


def squeeze(text: str | None) -> str | None:
    """Office PDFs space Latin and CJK apart and break long texts; compare without spaces."""
    return None if text is None else re.sub(r"\s+", "", text)


def key(form: SelfEvaluation) -> tuple[object, ...]:
    return (form.year, form.project_name, form.department, form.implementing_unit, form.total_weight,
            form.total_score, form.funds.model_dump(exclude={"total": {"line"}, "current_year_appropriation": {"line"},
                                                             "prior_year_carryover": {"line"}, "other": {"line"}}),
            [(i.level1, i.level2, squeeze(i.level3), squeeze(i.target), squeeze(i.actual), i.weight, i.score)
             for i in form.indicators])


def test_pdf_made_by_libreoffice_reads_back(office: str, seeds: Path, tmp_path: Path) -> None:
    forms = extract_path(seed(seeds, "004")).self_evaluations[:4]
    docx_path = tmp_path / "forms.docx"
    write_form(forms, "docx", docx_path)
    pdf = convert(docx_path.read_bytes(), "docx", "pdf")
    assert pdf.startswith(b"%PDF")
    back = extract_bytes(pdf, "forms.pdf")
    assert back.format == "pdf"
    assert [key(f) for f in back.self_evaluations] == [key(f) for f in forms]
    pages = [(f.location.page_start, f.location.page_end) for f in back.self_evaluations]
    assert pages[0][0] == 1 and all(s is not None and e is not None and s <= e for s, e in pages)
    starts = [s or 0 for s, _ in pages]  # none is None (above)
    assert starts == sorted(starts)


def test_legacy_doc_is_converted(office: str, seeds: Path, tmp_path: Path) -> None:
    forms = extract_path(seed(seeds, "004")).self_evaluations[:2]
    docx_path = tmp_path / "forms.docx"
    write_form(forms, "docx", docx_path)
    # through ODT: this LibreOffice's direct DOCX → Word 97 export writes tables as plain paragraphs
    legacy = convert(convert(docx_path.read_bytes(), "docx", "odt"), "odt", "doc")
    assert legacy[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 Word 97 file
    back = extract_bytes(legacy, "forms.doc")
    assert back.format == "docx"  # read as the DOCX LibreOffice made of it
    assert any("LibreOffice" in w for w in back.warnings)
    assert [key(f) for f in back.self_evaluations] == [key(f) for f in forms]
