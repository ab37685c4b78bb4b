"""Profiles are data: bundled, inheritable, and they change the scores."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.rules import ProfileError, available_profiles, check_form, load_profile, score_form
from tests.rules.rules_factory import make_form


def test_bundled_profiles() -> None:
    assert {"national", "beijing", "execution20"} <= set(available_profiles())
    national = load_profile("national")
    assert national.weights.execution == 10
    assert [(e.label, e.weight) for e in national.weights.level1] == [("产出指标", 50), ("效益指标", 30),
                                                                      ("满意度指标", 10)]
    assert national.qualitative.achieved == (Decimal("0.8"), Decimal(1))


@pytest.mark.parametrize(("profile", "score", "grade"), [
    ("national", 95, "优"), ("national", 85, "良"), ("national", 60, "中"), ("national", Decimal("59.9"), "差"),
    ("beijing", 95, "优秀"), ("beijing", 85, "良好"),
])
def test_grades(profile: str, score: int | Decimal, grade: str) -> None:
    assert load_profile(profile).grade_for(Decimal(score)) == grade


def test_beijing_inherits_national_weights() -> None:
    assert load_profile("beijing").weights == load_profile("national").weights


def test_execution20_flags_a_national_form() -> None:
    form = make_form()
    assert check_form(form, profile="national") == []
    codes = {f.code for f in check_form(form, profile="execution20")}
    assert "SE005" in codes
    assert all(f.profile == "execution20" for f in check_form(form, profile="execution20"))


def test_unknown_profile() -> None:
    with pytest.raises(ProfileError, match="unknown profile"):
        load_profile("nowhere")


def test_score_form_side_by_side() -> None:
    form = make_form(budget="112.12", executed="74.68", rate="66.6%", score="10", total_score="98")
    score = score_form(form)
    assert score.execution.printed_score == 10
    assert round(score.execution.recomputed_score or 0, 4) == Decimal("6.6607")
    assert score.printed_parts_sum == 98
    assert round(score.recomputed_total or 0, 2) == Decimal("94.66")
    assert score.recomputed_grade == "优"
    quality = score.indicators[4]
    assert quality.method == "qualitative" and quality.band == (Decimal("24.0"), Decimal("30"))
    assert quality.recomputed is None  # never invent an expert's score
