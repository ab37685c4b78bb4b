"""Indicators that do not apply (DESIGN §3): dropped, the others rescaled to keep 100, the adjustment
recorded — whether the form kept the row's weight inside the 100 or left it out."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.extract import extract_bytes
from jixiao.rules import check_document, check_form
from jixiao.rules.scoring import score_form
from tests.rules.rules_factory import make_form, replace_row

VARIANT = Path(__file__).parents[1] / "data" / "variant_units_columns.txt"
SUSTAIN_ROW = "\t\t可持续影响指标\t设施使用年限\t≥\t15\t年\t15\t10\t10\t"


def test_dropped_row_rescales_the_others() -> None:
    form = make_form(replace_row(3, target="不适用", actual="不适用", weight="10", score="/"), total_score="88")
    score = score_form(form)
    assert [i.method for i in score.indicators][3] == "not_applicable"
    assert (score.rescale, score.dropped_weight, score.weight_sum) == (Decimal("1.125"), 10, 90)
    assert score.recomputed_total == Decimal("97.75")  # 10 + 78 × 90/80
    [finding] = check_form(form, source="t.txt")
    assert (finding.code, finding.severity, finding.expected, finding.actual) == (
        "SE024", "warning", Decimal("97.75"), 88)
    assert "「产出指标/成本指标/全年总成本」标为不适用（分值10分）" in finding.message
    assert "折算（×1.125），折算后总分为97.75，表中总分为88" in finding.message


def test_a_row_scored_with_nothing_to_report_is_no_dropped_row() -> None:
    """「无」 is a value ("安全事故 ≤ 无 / 无"), never a mark of not applying."""
    form = make_form(replace_row(2, level3="安全事故发生数", target="无", actual="无", weight="10", score="10"))
    assert score_form(form).rescale is None
    assert not [f for f in check_form(form, source="t.txt") if f.code in ("SE024", "SE004", "SE005")]


def test_tab_form_with_slashes_in_its_score_cells() -> None:
    """「/」 in 分值/得分 is extracted as printed (no number), and the row is dropped."""
    for weight, note in (("10", "（分值10分）"), ("/", "")):
        row = f"\t\t生态效益指标\t生态环境改善\t定性\t不适用\t\t不适用\t{weight}\t/\t本项目不涉及生态效益"
        doc = extract_bytes(VARIANT.read_text(encoding="utf-8").replace(SUSTAIN_ROW, row)
                            .replace("95.42", "86.42").encode(), "v.txt")
        ind = doc.self_evaluations[0].indicators[5]
        assert (ind.level3, ind.nature, ind.target, ind.actual, ind.score) == (
            "生态环境改善", "定性", "不适用", "不适用", None)
        assert ind.printed == {"weight": weight, "score": "/"}
        assert ind.deviation_note == "本项目不涉及生态效益"
        findings = check_document(doc)
        assert [(f.code, f.severity) for f in findings] == [("SE024", "warning")], [f.message for f in findings]
        assert f"标为不适用{note}，已剔除" in findings[0].message
        assert "×1.1429" in findings[0].message and "折算后总分为96.05" in findings[0].message
