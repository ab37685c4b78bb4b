"""The scorer itself: a perfect extraction scores every field, an empty one none, and the
comparison folds what DESIGN §5.1 says compares equal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.corpus.readings import READ, Excerpt, Form
from tests.corpus.scoring import compare, has_numbers, norm_text, same


def _first(value: object) -> object:
    return value[0] if isinstance(value, tuple) else value


def _as_extracted(form: Form) -> dict[str, Any]:
    """What a perfect recognizer would print for a reading (ambiguous values taken as most likely)."""
    out: dict[str, Any] = {key: _first(value) for key, value in form.items()
                           if key not in ("funds", "funds_rows", "indicators", "ambiguous")}
    funds: dict[str, dict[str, Any]] = {k: dict(v) for k, v in form.get("funds", {}).items()}
    out["funds"] = funds
    out["funds_rows"] = []
    for row in form.get("funds_rows", []):
        copy: dict[str, Any] = {k: _first(v) for k, v in row.items() if k != "amount"}
        if "amount" in row:
            copy["executed"] = row["amount"]
        out["funds_rows"].append(copy)
    out["indicators"] = [{k: _first(v) for k, v in ind.items()} for ind in form.get("indicators", [])]
    for path, value in form.get("ambiguous", {}).items():
        parts = path.replace("]", "").replace("[", ".").split(".")
        target: Any = out
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target.setdefault(part, {})
        target[parts[-1]] = _first(value)
    return out


@pytest.mark.parametrize("excerpt", READ, ids=lambda e: e.file)
def test_a_perfect_extraction_scores_every_field(excerpt: Excerpt) -> None:
    forms = [_as_extracted(f) for f in excerpt.forms]
    doc = {"self_evaluations": [{"kind": "self_evaluation", "funds": {}}, *reversed(forms)]}  # order is free
    score = compare(doc, excerpt.forms)
    assert (score.right, score.bonus_right, score.forms_matched) == (score.total, score.bonus_total,
                                                                      len(excerpt.forms)), score.mismatches
    assert score.total > 0


@pytest.mark.parametrize("excerpt", READ, ids=lambda e: e.file)
def test_nothing_extracted_scores_nothing(excerpt: Excerpt) -> None:
    score = compare({"self_evaluations": []}, excerpt.forms)
    assert score.right == 0 and score.forms_matched == 0
    assert len(score.mismatches) == score.total > 0


def test_an_indicator_missed_in_the_middle_does_not_shift_the_rest() -> None:
    reading: Form = {"kind": "self_evaluation", "indicators": [
        {"level3": "项目验收合格率", "score": 19}, {"level3": "项目完成及时率", "score": 18},
        {"level3": "违法行为责停率", "score": 27}]}
    doc = {"self_evaluations": [{"indicators": [{"level3": "项目驗收合格率", "score": "19.00"},
                                                {"level3": "違法行為責停率", "score": 27.0}]}]}
    score = compare(doc, [reading])
    assert (score.right, score.total) == (5, 7)
    assert {m.path for m in score.mismatches} == {"indicators[1].level3", "indicators[1].score"}


def test_values_compare_as_design_says() -> None:
    assert same(10, "10.00") and same(0.897, Decimal("0.8970")) and not same(10, "10%")
    assert same("=100%", "﹦100％") and same("項目支出", "项目 支出") and same(("a", "b"), "b")
    assert not same(1, None) and same("", None)
    assert norm_text(" 年度 資金\n總額 ") == "年度资金总额"


def test_a_blank_form_has_no_numbers() -> None:
    assert not has_numbers({"year": 2021, "funds": {"total": {"executed": None}}, "indicators": [],
                            "location": {"line_start": 3}})
    assert has_numbers({"funds": {"total": {"executed": 1.56}}})


def test_funds_rows_match_by_label_as_printed() -> None:
    reading: Form = {"kind": "self_evaluation", "funds_rows": [
        {"label": "财政资金", "role": "fiscal", "executed": 3.36}, {"label": "单位资金", "executed": 0}]}
    doc = {"self_evaluations": [{"funds_rows": [{"label": "其中:財政資金", "role": "fiscal", "executed": "3.36"},
                                               {"label": "其他资金", "executed": 0}]}]}
    score = compare(doc, [reading])
    assert (score.right, score.total) == (4, 6)  # kind, 财政资金's label/role/executed; 单位资金 not found
