"""False alarms found on the seeds, by cause: each situation stays quiet, and the true case still fires."""

from __future__ import annotations

import pytest

from jixiao.rules import check_form
from tests.rules.rules_factory import make_form, replace_row


def codes(form: object) -> list[str]:
    return [f.code for f in check_form(form)]  # type: ignore[arg-type]


@pytest.mark.parametrize("target", ["满意度达90%", "达到95%以上", "不超预算数14.63万元", "覆盖12个社区32个小区",
                                    "约2000件", "≥350 m²", "1000元/200ml", "覆盖 12 个社区，值守28 人"])
def test_number_inside_a_sentence_is_quantified(target: str) -> None:
    assert "SE017" not in codes(make_form(replace_row(0, level3="开展服务", target=target, actual=target)))


def test_sentence_without_a_quantity_still_fires() -> None:
    for target in ("构建三级服务体系", "服务期限：2024年1月17日-12月31日"):
        assert "SE017" in codes(make_form(replace_row(0, level3="开展服务", target=target, actual=target)))


def test_unit_carried_by_the_indicators_name() -> None:
    assert "SE017" not in codes(make_form(replace_row(0, level3="覆盖社区数量", target="≤11", actual="11")))
    assert "SE017" not in codes(make_form(replace_row(0, level3="发放人次", target="480", actual="480")))
    assert "SE017" in codes(make_form(replace_row(0, level3="打造特色文化服务项目", target="1", actual="1")))


def test_same_level3_under_another_level2_is_not_a_duplicate() -> None:
    rows = replace_row(1, level3="发放人次", target="=100%", actual="100%")  # 数量 and 质量 of one service
    assert "SE020" not in codes(make_form(rows))


def test_a_row_that_really_repeats_is_a_duplicate_even_without_weight() -> None:
    rows = [*replace_row(0), ("产出指标", "数量指标", "发放人次", "≥500人次", "500人次", None, None)]
    assert "SE020" in codes(make_form(rows))


def test_split_digits_are_joined_when_the_forms_own_figures_agree() -> None:
    rows = replace_row(3, target="≤86.825 947 万元", actual="86.825947万元")
    assert "SE015" not in codes(make_form(rows, budget="86.82594 7", executed="86.82594 7", rate="100%"))
    rows = replace_row(3, target="≤949.8 2 万元", actual="949.82万元")
    assert "SE015" not in codes(make_form(rows, budget="949.82", executed="949.82"))


def test_split_digits_are_reported_when_nothing_agrees() -> None:
    assert "SE015" in codes(make_form(budget="86.82594 7"))
    assert "SE015" in codes(make_form(replace_row(3, target="≤100.0 7万元")))


def test_within_half_a_unit_of_the_printed_precision_is_what_was_printed() -> None:
    """A rate printed "100%" for 100.0002% is what the precision shows: no finding (it was an info
    "rounding" note before)."""
    assert "SE001" not in codes(make_form(budget="121.704", executed="121.7042", rate="100%"))


def test_a_total_with_fewer_digits_than_its_parts_is_compared_at_theirs() -> None:
    """A total printed "95" over parts such as "6.66" (sum 94.66) is no rounding: its missing digits
    are zeros. It was an info "rounding" note before; it is the total's error."""
    form = make_form(budget="112.12", executed="74.68", rate="66.6%", score="6.66", total_score="95")
    assert ("SE003", "error") in [(f.code, f.severity) for f in check_form(form)]


def test_beyond_half_a_unit_is_never_called_rounding() -> None:
    findings = check_form(make_form(budget="100", executed="90", rate="100%", score="9"))
    assert [f.severity for f in findings if f.code == "SE001"] == ["error"]


def test_one_unit_off_is_told_as_not_rounding() -> None:
    form = make_form(budget="112.12", executed="74.68", rate="66.6%", score="6.67", total_score="94.67")
    notes = [f for f in check_form(form) if f.code == "SE002"]
    assert [f.severity for f in notes] == ["info"]
    assert "超出四舍五入的范围" in notes[0].message and "按舍入处理" not in notes[0].message
