"""Uncertainty carried through (issue 19): a cell's OCR confidence reaches the model, a doubtful
number is reported as 识别存疑 (category ``ocr``) on its cell, and the arithmetic finding it explains is
merged into that report instead of being the unit's error. Nothing here runs OCR: the confidence a
scan's reader gives its cells is set on the rows of a document read from text, which is what the
recognizer sees either way. Documents with a text layer are left exactly as they were."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.extract import extract_bytes
from jixiao.model.declaration import DeclaredIndicator, TargetDeclaration
from jixiao.model.document import Document
from jixiao.model.selfeval import SelfEvaluation
from jixiao.model.values import parse_number
from jixiao.present.jsonout import document_json
from jixiao.read.text import Cell, Row
from jixiao.recognize.confidence import carry_confidence
from jixiao.recognize.edit import apply_edit
from jixiao.rules import check_document, check_form, load_profile
from jixiao.rules.engine import RULES
from jixiao.rules.ocr.cells import variants
from jixiao.samples.generator import make_form
from jixiao.samples.layouts import render

SURE = 0.99


def _form(seed: int = 3) -> SelfEvaluation:
    """A generated self-evaluation read back from tab-separated text (every value parsed)."""
    made = make_form(random.Random(seed), "某某区民政局", "社区养老服务项目", 2024, None)
    doc = extract_bytes(render([made], "tabs").encode(), "form.txt")
    assert len(doc.self_evaluations) == 1
    return doc.self_evaluations[0]


def _scanned(form: SelfEvaluation, confidence: float = SURE) -> SelfEvaluation:
    """The form as if read from a scan: every numeric and value cell with an OCR confidence."""
    for row in (form.funds.total, form.funds.current_year_appropriation, form.funds.prior_year_carryover,
                form.funds.other):
        if row.printed:
            row.confidence = dict.fromkeys(row.printed, confidence)
    for ind in form.indicators:
        ind.confidence = dict.fromkeys([*ind.printed, "target", "actual"], confidence)
    form.total_confidence = dict.fromkeys(form.total_printed, confidence)
    return form


def _misread(form: SelfEvaluation, column: str, text: str) -> None:
    """The total row's ``column`` read as ``text``: what the recognizer makes of such a reading."""
    row = form.funds.total
    row.printed[column] = text
    setattr(row, column, parse_number(text))


def _codes(findings: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(f.code for f in findings)


def _one_digit_off(text: str) -> str:
    """``text`` with its first digit changed (1 → 2, anything else → 1)."""
    k = next(n for n, ch in enumerate(text) if ch.isdigit())
    return text[:k] + ("2" if text[k] == "1" else "1") + text[k + 1:]


def test_a_clean_scan_has_no_ocr_finding() -> None:
    form = _scanned(_form())
    assert check_form(form) == check_form(_form())  # the same findings as the form read from text: none
    assert [f for f in check_form(form) if f.category == "ocr"] == []


def test_a_digit_that_breaks_the_rate_is_uncertain_not_the_units_error() -> None:
    form = _scanned(_form())
    right = form.funds.total.printed["executed"]
    wrong = _one_digit_off(right)
    plain = _form()
    _misread(plain, "executed", wrong)  # the same misreading on a form with a text layer: the unit's error
    assert "SE001" in _codes(check_form(plain))
    _misread(form, "executed", wrong)
    findings = check_form(form)
    assert "SE001" not in _codes(findings) and "SE025" not in _codes(findings)
    ocr = [f for f in findings if f.category == "ocr"]
    assert [(f.code, f.severity, f.expected) for f in ocr] == [("OC002", "warning", right)]
    assert ocr[0].actual == {"field": "funds.total.executed", "printed": wrong, "confidence": SURE,
                             "restores": ocr[0].actual["restores"]}
    assert "execution_rate" in ocr[0].actual["restores"]
    assert "识别存疑" not in ocr[0].message and "疑为扫描识别有误" in ocr[0].message
    assert [m.split("：")[0] for m in ocr[0].merged] == ["SE001", "SE025"]  # the rate, the funds' sum
    assert ocr[0].location["line_start"] == form.funds.total.line


def test_an_error_no_single_digit_explains_stays_the_units() -> None:
    form = _scanned(_form())
    executed = form.funds.total.executed
    assert executed is not None
    _misread(form, "executed", format((executed * Decimal("0.37")).quantize(Decimal("0.01")), "f"))
    findings = check_form(form)
    assert "SE001" in _codes(findings)
    assert [f for f in findings if f.code == "OC002"] == []


def test_a_low_confidence_number_is_uncertain_and_a_sure_one_is_not() -> None:
    form = _scanned(_form())
    form.indicators[1].confidence = {**form.indicators[1].confidence, "score": 0.62}
    findings = [f for f in check_form(form) if f.category == "ocr"]
    assert [(f.code, f.actual["field"], f.actual["confidence"]) for f in findings] == [
        ("OC001", "indicators.1.score", 0.62)]
    assert "识别存疑" in findings[0].message and "0.62" in findings[0].message
    form.indicators[1].confidence = {**form.indicators[1].confidence, "score": 0.9}
    assert [f for f in check_form(form) if f.category == "ocr"] == []


def test_a_value_cell_with_a_sign_misread_is_uncertain_whatever_its_confidence() -> None:
    form = _scanned(_form())
    form.indicators[2].actual = "K4月"  # ≤4月 as OCR may leave it
    form.indicators[3].actual = "有效提升"  # words: no figure to misread
    form.indicators[3].confidence = {**form.indicators[3].confidence, "actual": 0.5}
    fields = [f.actual["field"] for f in check_form(form) if f.category == "ocr"]
    assert fields == ["indicators.2.actual"]


def test_a_misread_score_folds_the_total_into_the_ocr_finding() -> None:
    form = _scanned(_form())
    ind = form.indicators[0]
    right = ind.printed["score"]
    wrong = _one_digit_off(right)
    ind.printed["score"], ind.score = wrong, parse_number(wrong)
    ind.confidence = {**ind.confidence, "score": 0.93}  # the least certain cell of the sum
    findings = check_form(form)
    assert "SE003" not in _codes(findings)
    ocr = [f for f in findings if f.category == "ocr"]
    assert [(f.code, f.actual["field"], f.expected) for f in ocr] == [("OC002", "indicators.0.score", right)]
    assert any(m.startswith("SE003：") for m in ocr[0].merged)


def test_confidence_reaches_the_model_from_the_cells_it_was_read_from() -> None:
    form = _form()
    line = form.funds.total.line
    assert line is not None
    executed = form.funds.total.printed["executed"]
    rows = [Row([Cell("年度资金总额", line, confidence=0.99), Cell(executed, line, confidence=0.71)],
                line, line, True)]
    carry_confidence(rows, [form])
    assert form.funds.total.confidence["executed"] == pytest.approx(0.71)
    assert "executed" in form.model_dump()["funds"]["total"]["confidence"]
    text = _form()
    carry_confidence([Row([Cell(executed, line)], line, line, True)], [text])  # a text layer: no confidence
    assert "confidence" not in text.model_dump()["funds"]["total"]
    assert "confidence" not in text.model_dump()["indicators"][0] and "total_confidence" not in text.model_dump()


def test_a_corrected_cell_is_no_longer_an_ocr_reading() -> None:
    form = _scanned(_form())
    right = form.funds.total.printed["executed"]
    _misread(form, "executed", _one_digit_off(right))
    apply_edit(form, "funds.total.executed", right)
    assert "executed" not in form.funds.total.confidence
    assert [f for f in check_form(form) if f.category == "ocr"] == []
    again = SelfEvaluation.model_validate_json(form.model_dump_json())  # as the store keeps it
    assert "executed" not in again.funds.total.confidence and again.funds.total.confidence


def test_a_declaration_read_from_a_scan_marks_its_doubtful_cells() -> None:
    td = TargetDeclaration(project_name="示例项目", unit="某单位", total_amount=Decimal("120"),
                           printed={"total_amount": "120"}, confidence={"total_amount": 0.55},
                           indicators=[DeclaredIndicator(level3="完成时间", value="K4月", line=7,
                                                         confidence={"value": 0.96}),
                                       DeclaredIndicator(level3="人次", value=Decimal(100), cell="≥100人次", line=8,
                                                         confidence={"value": 0.95})])
    doc = Document(source="scan.png", format="image", target_declarations=[td])
    found = [(f.code, f.form.kind, f.actual["field"]) for f in check_document(doc) if f.category == "ocr"]
    assert found == [("OC001", "project_target_declaration", "total_amount"),
                     ("OC001", "project_target_declaration", "indicators.0.value")]


def test_single_digit_variants() -> None:
    assert {"1", "5", "25", "19", "105", "115", "150"} <= set(variants("15"))
    assert "15" not in set(variants("15")) and "1,5" not in set(variants("15"))


def test_the_seeds_read_and_check_as_before(seed_paths: list[Path]) -> None:
    """A document with a text layer carries no confidence, and its check is that of the rules
    without the OCR checks: the same findings, the same bytes of JSON."""
    profile = load_profile("national")
    without = tuple(r for r in RULES if not r.code.startswith("OC"))
    for path in seed_paths:
        doc = extract_bytes(path.read_bytes(), path.name)
        assert "confidence" not in json.dumps(document_json(doc), ensure_ascii=False)
        assert not any(f.category == "ocr" for f in check_document(doc, profile))
        for n, form in enumerate(doc.self_evaluations):
            if form.blank:
                continue
            ours = [f.to_json() for f in check_form(form, n, path.name, profile)]
            theirs = [f.to_json() for f in check_form(form, n, path.name, profile, rules=without)]
            assert json.dumps(ours, ensure_ascii=False) == json.dumps(theirs, ensure_ascii=False)


@pytest.fixture
def seed_paths(seeds: Path) -> list[Path]:
    paths = sorted(seeds.glob("*.txt"))
    paths = [p for p in paths if p.name != "README.md"]
    assert paths
    return paths


def test_a_cell_nothing_was_read_from_is_uncertain_not_missing() -> None:
    form = _scanned(_form())
    form.total_score = None
    form.total_printed = {k: v for k, v in form.total_printed.items() if k != "total_score"}
    findings = check_form(form)
    assert "SE016" not in _codes(findings)
    ocr = [f for f in findings if f.category == "ocr"]
    assert [(f.code, f.actual["field"], f.location["line_start"]) for f in ocr] == [
        ("OC003", "total_score", form.total_line)]
    assert [m.split("：")[0] for m in ocr[0].merged] == ["SE016"]
    plain = _form()  # the same blank on a form with a text layer is the unit's
    plain.total_score = None
    plain.total_printed = {k: v for k, v in plain.total_printed.items() if k != "total_score"}
    assert "SE016" in _codes(check_form(plain)) and "OC003" not in _codes(check_form(plain))
