"""Every evaluation-report check: a synthetic report that triggers it, and the clean report that does not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from jixiao.extract import extract_bytes
from jixiao.rules import check_document
from jixiao.rules.evaluation import RULES
from jixiao.rules.finding import CATEGORIES, Finding
from tests.evaluation.ev_synth import Department, Report


@dataclass(frozen=True)
class Case:
    code: str
    severity: str
    build: Callable[[], Report | Department]
    id: str
    profile: str = "national"
    needle: str = ""  # a piece of the message


WIDE = (("决策", "10", "9.00"), ("过程", "20", "18.00"), ("产出", "40", "36.00"), ("效益", "40", "25.50"))
CASES = [
    Case("EV001", "error", lambda: Report(total="89.50"), "total-vs-parts", needle="89.50"),
    Case("EV002", "error", lambda: Report(parts=WIDE, level1=("决策", "管理", "产出", "效益")), "maxima-110",
         needle="110"),
    Case("EV003", "error", lambda: Report(grade="优秀"), "grade-band", needle="优秀"),
    Case("EV003", "error", lambda: Report(grade="良"), "grade-5-band", profile="five_band"),
    Case("EV004", "error", lambda: Report(row_scores={0: "4.00"}), "part-vs-rows", needle="8.5"),
    Case("EV004", "info", lambda: Report(row_scores={0: "4.51"}), "part-vs-rows-rounding", needle="舍入"),
    Case("EV005", "error", lambda: Report(row_weights={0: "6"}), "level-max", needle="分值之和为11"),
    Case("EV006", "error", lambda: Report(row_scores={0: "5.50"}), "score-above-weight", needle="5.5"),
    Case("EV007", "error", lambda: Report(system_text=("10", "20", "30", "40")), "system-maxima", needle="产出"),
    Case("EV007", "error", lambda: Report(sentence_total="90.00"), "sentence-total", needle="90"),
    Case("EV008", "error", lambda: Department(income_total="1,010.00"), "income-sum", needle="本年收入合计"),
    Case("EV008", "info", lambda: Department(staff_public=(("400.00", "390.00"), ("100.00", "90.01"))),
         "children-rounding", needle="舍入"),
    Case("EV008", "error", lambda: Department(grand_total="1,300.00"), "grand-total", needle="总计"),
    Case("EV009", "error", lambda: Report(halves=("180.00", "150.00")), "formula-4=5+6+7", needle="4=5+6+7"),
    Case("EV009", "error", lambda: Report(progress="90.00"), "formula-percent", needle="95.00"),
    Case("EV010", "error", lambda: Report(rate_text="-95.00%"), "rate-sign", needle="正负号"),
    Case("EV010", "error", lambda: Department(carryover_rate="-12.50%"), "carryover-sign", needle="正负号"),
    Case("EV010", "error", lambda: Department(narrative_rate="97.17%"), "rate-value", needle="87.50%"),
    Case("EV010", "error", lambda: Department(budget_words="全年预算数 1,300.00 万元"), "amount", needle="1,300.00"),
    Case("EV011", "error", lambda: Department(budget_words="预算金额 1,200.00 元"), "wan-as-yuan", needle="万元"),
    Case("EV012", "warning", lambda: Report(goal_adjustment="无"), "goal-not-adjusted", needle="500.00"),
    Case("EV013", "error", lambda: Report(funds_total="390.00"), "goal-funds-total", needle="390.00"),
    Case("EV015", "error", lambda: Department(assets=("300.00", "100.00", "150.00")), "assets", needle="250"),
    Case("EV015", "info", lambda: Department(spend_parts=("480.00", "570.01"), function_exec=("650.00", "400.00")),
         "breakdown-rounding", needle="舍入"),
    Case("EV014", "warning", lambda: Department(declared=("1,050.00", "480.00", "570.00")), "declared-executed",
         needle="决算数"),
    Case("EV014", "error", lambda: Department(declared=("1,000.00", "450.00", "500.00")), "declared-sum",
         needle="950"),
]


def _findings(case: Case) -> list[Finding]:
    doc = extract_bytes(case.build().text().encode(), f"<{case.id}>")
    assert len(doc.evaluations) == 1
    return check_document(doc, case.profile)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}-{c.id}" for c in CASES])
def test_rule_triggers(case: Case) -> None:
    hits = [f for f in _findings(case) if f.code == case.code and f.severity == case.severity]
    assert hits, [f"{f.code} {f.severity} {f.message}" for f in _findings(case)]
    assert case.needle in hits[0].message
    assert hits[0].location.get("line_start") and hits[0].form.index == 0
    assert hits[0].message.endswith("。")


@pytest.mark.parametrize("build", [Report, Department], ids=["project", "department"])
@pytest.mark.parametrize("profile", ["national", "beijing", "five_band"])
def test_clean_reports_have_no_findings(build: Callable[[], Report | Department], profile: str) -> None:
    doc = extract_bytes(build().text().encode(), "<clean>")
    assert check_document(doc, profile) == []


def test_catalogue() -> None:
    assert [r.code for r in RULES] == [f"EV{n:03d}" for n in range(1, len(RULES) + 1)]
    for rule in RULES:
        assert rule.category in CATEGORIES and rule.severity in ("error", "warning", "info")
        assert "Bad::" in rule.doc and "Good::" in rule.doc, rule.code
    assert {c.code for c in CASES} == {r.code for r in RULES}


def test_form_index_counts_reports_of_the_same_kind() -> None:
    first = Report(total="89.50").text().replace("三、项目支出绩效自评表", "")
    text = Department().text() + "\n" + first + "\n" + Report(
        subject="2024年第二个项目", heading="三、项目支出绩效评价报告", total="87.50").text()
    doc = extract_bytes(text.encode(), "<three>")
    assert [ev.kind for ev in doc.evaluations] == ["department_evaluation", "project_evaluation", "project_evaluation"]
    ev001 = [f for f in check_document(doc, "national") if f.code == "EV001"]
    assert [(f.form.kind, f.form.index, f.form.project_name) for f in ev001] == [
        ("project_evaluation", 0, "2024年社区养老服务补贴"), ("project_evaluation", 1, "2024年第二个项目")]


def test_invalid_evaluation_settings_are_a_profile_error() -> None:
    from jixiao.rules.evaluation.settings import settings_of
    from jixiao.rules.profile import Profile, ProfileError

    bad = Profile(name="bad", evaluation={"grades": [{"label": "优"}]})
    with pytest.raises(ProfileError, match="evaluation"):
        settings_of(bad)
    assert settings_of(Profile(name="empty")).part_total == 100


@pytest.mark.parametrize("name", ["national", "beijing", "five_band", "execution20"])
def test_bundled_profiles_have_valid_evaluation_settings(name: str) -> None:
    from jixiao.rules import load_profile
    from jixiao.rules.evaluation.settings import settings_of

    profile = load_profile(name)
    bands = settings_of(profile).bands(profile)
    assert bands[-1].min == 0 and [b.min for b in bands] == sorted((b.min for b in bands), reverse=True)


def test_header_implied_total_column() -> None:
    from decimal import Decimal

    from jixiao.extract import Document
    from jixiao.model.evaluation import Evaluation
    from jixiao.model.tables import BudgetTable, TableRow
    from jixiao.rules.evaluation.ev009_execution_formulas import implied

    columns = ["预算批复/总预算", "资金到位情况/合计", "资金到位情况/第一季度", "资金到位情况/其中：财政拨款",
               "资金到位情况/第二季度", "本年支出进度(%)"]

    def table(total: str) -> BudgetTable:
        printed = ["100.00", total, "40.00", "40.00", "60.00", "100.00"]
        row = TableRow(item="合计", values=[Decimal(p) for p in printed], printed=printed, line=9)
        return BudgetTable(code="project_budget_execution", title="项目预算执行情况表", columns=columns, rows=[row])

    assert implied(table("100.00"), []) == [{"target": 2, "expression": "3+5", "printed": "2=3+5（按表头）"}]
    assert implied(table("100.00"), [{"target": 2, "expression": "3+4"}]) == []

    def findings(total: str) -> list[Finding]:
        ev = Evaluation(kind="project_evaluation", subject="某项目", tables=[table(total)])
        return check_document(Document(source="x", evaluations=[ev]), "national")

    assert findings("100.00") == []
    (bad,) = findings("90.00")
    assert (bad.code, bad.expected, bad.actual) == ("EV009", Decimal("100.00"), Decimal("90.00"))
    assert "2=3+5（按表头）" in bad.message
