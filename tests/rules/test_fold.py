"""Noise folded: a template feature on most forms becomes one note; related findings on one row merge."""

from __future__ import annotations

from jixiao.rules.finding import Finding, FormRef
from jixiao.rules.fold import FOLD_MIN, fold_noise, merge_same_row


def finding(code: str, index: int, severity: str = "warning", category: str = "weights", line: int = 10,
            message: str = "一级指标权重与规定不一致") -> Finding:
    return Finding(code=code, category=category, severity=severity, source="a.txt",
                   form=FormRef(index=index), location={"line_start": line, "line_end": line}, message=message)


def test_a_feature_on_most_forms_is_one_counted_note() -> None:
    many = [finding("SE005", n, line=10 + n) for n in range(FOLD_MIN + 2)]
    folded = fold_noise([finding("SE003", 0, "error", "total"), *many])
    assert [f.code for f in folded] == ["SE003", "SE005"]
    note = folded[1]
    assert note.severity == "info" and note.actual["count"] == FOLD_MIN + 2
    assert f"共{FOLD_MIN + 2}处" in note.message and len(note.actual["places"]) == FOLD_MIN + 2


def test_a_few_stay_as_they_are_and_real_td010_placeholders_are_not_folded() -> None:
    few = [finding("SE005", n) for n in range(FOLD_MIN - 1)]
    assert fold_noise(few) == few
    placeholders = [finding("TD010", n, message="指标名称仍含模板占位符") for n in range(FOLD_MIN + 1)]
    assert fold_noise(placeholders) == placeholders


def test_related_findings_on_one_row_are_merged_with_their_evidence() -> None:
    bound = finding("SE006", 3, "error", "score_bounds", message="得分28超出分值范围0–20")
    band = finding("SE011", 3, "warning", "score_unjustified", message="实际完成值「优」应得16–20分")
    other_row = finding("SE011", 3, "warning", "score_unjustified", line=11)
    merged = merge_same_row([band, bound, other_row])
    assert [f.code for f in merged] == ["SE006", "SE011"]
    assert merged[0].merged == ["SE011：实际完成值「优」应得16–20分"]


def test_findings_on_one_declared_row_are_one() -> None:
    misfiled = finding("TD006", 78, "warning", "indicator_quality", line=19947, message="归在产出指标下")
    floor = finding("TD006", 78, "warning", "indicator_quality", line=19947, message="写成≥194.28万元")
    cap = finding("TD002", 78, "warning", "crossfoot", line=19947, message="与项目金额不一致")
    merged = merge_same_row([cap, misfiled, floor])
    assert len(merged) == 1 and len(merged[0].merged) == 2


def test_one_rule_on_two_cells_of_a_row_is_one() -> None:
    target = finding("SE013", 10, "warning", "crossfoot", line=2085, message="年度指标值5.72万元与预算数不一致")
    actual = finding("SE013", 10, "warning", "crossfoot", line=2085, message="实际完成值5.72万元与执行数不一致")
    merged = merge_same_row([target, actual])
    assert len(merged) == 1 and merged[0].merged == ["SE013：实际完成值5.72万元与执行数不一致"]


def test_locate_gives_lines_and_pdf_pages() -> None:
    from jixiao.model.selfeval import Location
    from jixiao.rules.finding import locate

    assert locate(12, Location(line_start=10, line_end=40)) == {"line_start": 12, "line_end": 12}
    assert locate(None, Location(line_start=10, line_end=40, page_start=2, page_end=3)) == {
        "line_start": 10, "line_end": 40, "page_start": 2, "page_end": 3}
