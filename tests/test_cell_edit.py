"""A cell typed anew is read like a printed cell; a total or rate that was in step follows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model.selfeval import FundRow, Funds, Indicator, SelfEvaluation
from jixiao.recognize.edit import EditError, apply_edit, current, editable_paths


def _form(total: str = "99", rate: str = "90.00%") -> SelfEvaluation:
    funds = Funds(total=FundRow(initial_budget=Decimal(100), full_year_budget=Decimal(100), executed=Decimal(90),
                                weight=Decimal(10), execution_rate=Decimal("0.9"), score=Decimal(9),
                                printed={"initial_budget": "100", "full_year_budget": "100", "executed": "90",
                                         "weight": "10", "execution_rate": rate, "score": "9"}))
    rows = [Indicator(level2="数量指标", level3="培训人次", target="≥100人次", actual="120人次", weight=Decimal(50),
                      score=Decimal(50), printed={"weight": "50", "score": "50"}),
            Indicator(level2="满意度指标", level3="满意度", target="≥90%", actual="95%", weight=Decimal(40),
                      score=Decimal(40), printed={"weight": "40", "score": "40"})]
    return SelfEvaluation(funds=funds, indicators=rows, total_weight=Decimal(100), total_score=Decimal(total),
                          total_printed={"total_weight": "100", "total_score": total})


def test_a_changed_score_moves_a_total_that_was_in_step() -> None:
    form = _form()
    edits = apply_edit(form, "indicators.0.score", " 45 ")
    assert [(e.path, e.old, e.new, e.derived) for e in edits] == [
        ("indicators.0.score", "50", "45", False), ("total_score", "99", "94", True)]
    assert edits[0].label == "第 1 行指标「培训人次」得分"
    assert form.indicators[0].score == Decimal(45) and form.indicators[0].printed["score"] == "45"
    assert form.total_score == Decimal(94) and form.total_printed["total_score"] == "94"


def test_a_total_that_was_wrong_stays_as_printed() -> None:
    form = _form(total="89")  # 9 + 50 + 40 = 99: the printed total was already off
    edits = apply_edit(form, "indicators.1.score", "38")
    assert [e.path for e in edits] == ["indicators.1.score"]
    assert form.total_score == Decimal(89)


def test_the_execution_score_counts_in_the_total() -> None:
    form = _form()
    edits = apply_edit(form, "funds.total.score", "8")
    assert [(e.path, e.new) for e in edits] == [("funds.total.score", "8"), ("total_score", "98")]
    form = _form(total="99.00")  # the total keeps its printed decimals, and gains any the sum needs
    assert apply_edit(form, "indicators.0.score", "45")[-1].new == "94.00"
    assert apply_edit(form, "indicators.0.score", "44.125")[-1].new == "93.125"


def test_a_rate_in_step_follows_the_executed_amount_at_its_printed_precision() -> None:
    form = _form()
    edits = apply_edit(form, "funds.total.executed", "80.5")
    assert [(e.path, e.new, e.derived) for e in edits] == [("funds.total.executed", "80.5", False),
                                                           ("funds.total.execution_rate", "80.50%", True)]
    assert form.funds.total.execution_rate == Decimal("0.805")
    plain = _form(rate="90%")
    assert apply_edit(plain, "funds.total.executed", "85")[-1].new == "85%"
    wrong = _form(rate="95.00%")  # printed rate did not match 90/100: left alone
    assert [e.path for e in apply_edit(wrong, "funds.total.executed", "80")] == ["funds.total.executed"]
    assert wrong.funds.total.printed["execution_rate"] == "95.00%"


def test_an_actual_value_is_parsed_again_and_text_cells_are_kept_as_typed() -> None:
    form = _form()
    apply_edit(form, "indicators.0.actual", "85人次")
    value = form.indicators[0].actual_value
    assert value is not None and value.number == Decimal(85) and value.unit == "人次"
    apply_edit(form, "indicators.0.deviation_note", "受疫情影响\r\n培训延后")
    assert form.indicators[0].deviation_note == "受疫情影响\n培训延后"
    apply_edit(form, "indicators.0.actual", "")
    assert form.indicators[0].actual is None and form.indicators[0].actual_value is None


def test_the_same_text_changes_nothing_and_bad_input_is_refused_with_the_cell_named() -> None:
    form = _form()
    assert apply_edit(form, "indicators.0.score", "50") == []
    assert apply_edit(form, "total_score", " 99 ") == []
    with pytest.raises(EditError, match="第 2 行指标「满意度」得分应填数字，「四十」不是数字"):
        apply_edit(form, "indicators.1.score", "四十")
    with pytest.raises(EditError, match="执行率应填数字"):
        apply_edit(form, "funds.total.execution_rate", "很高")
    with pytest.raises(EditError, match="没有第 3 行指标"):
        apply_edit(form, "indicators.2.score", "1")
    for path in ("indicators.0.weight", "funds.total.weight", "project_name", "indicators.x.score"):
        with pytest.raises(EditError):
            apply_edit(form, path, "1")
    with pytest.raises(EditError, match="不能超过"):
        apply_edit(form, "indicators.0.deviation_note", "字" * 2001)
    assert form.indicators[1].score == Decimal(40)


def test_blank_cells_and_the_list_of_editable_cells() -> None:
    form = _form()
    apply_edit(form, "indicators.1.score", "—")
    assert form.indicators[1].score is None and form.indicators[1].printed["score"] == "—"
    apply_edit(form, "indicators.1.score", "")
    assert "score" not in form.indicators[1].printed and current(form, "indicators.1.score") == ""
    paths = editable_paths(form)
    assert len(paths) == 4 * 5 + 1 + 2 * 3 + 1
    assert paths[-1] == "total_score" and "indicators.1.deviation_note" in paths
    assert all(current(form, p) is not None for p in paths)
