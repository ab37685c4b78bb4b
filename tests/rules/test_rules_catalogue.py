"""Every rule: a case that triggers it and the clean form that does not (cases as data)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from jixiao.model.selfeval import SelfEvaluation
from jixiao.rules import RULES, check_form
from jixiao.rules.finding import CATEGORIES
from tests.rules.rules_factory import ROWS, make_form, replace_row
from tests.rules.test_new_rules import PAIRS as NEW_RULE_PAIRS


@dataclass(frozen=True)
class Case:
    code: str
    severity: str
    build: Callable[[], SelfEvaluation]
    id: str


def extra_row(*row: str | None) -> list[tuple[str | None, ...]]:
    return [*ROWS, tuple(row)]


def not_applicable_row(weight: str) -> list[tuple[str | None, ...]]:
    """The 成本指标 row (weight 10) marked 不适用, its weight printed as ``weight``, no score."""
    return replace_row(3, target="不适用", actual="不适用", weight=weight, score="/")


def weights_rows() -> list[tuple[str | None, ...]]:
    """产出 60 / 效益 20 / 满意度 10: sums to 100 but not the national 50/30/10."""
    rows = replace_row(0, weight="30", score="30")
    return replace_row(4, rows, weight="20", score="18")


CASES = [
    Case("SE001", "error", lambda: make_form(budget="100", executed="90", rate="100%", score="9"), "rate-vs-amounts"),
    Case("SE001", "info", lambda: make_form(budget="112.12", executed="74.68", rate="66.7%", score="6.66",
                                            total_score="94.66"), "rate-rounding"),
    Case("SE002", "error", lambda: make_form(budget="112.12", executed="74.68", rate="66.6%", score="10"),
         "score-10-for-66.6%"),
    Case("SE002", "info", lambda: make_form(budget="112.12", executed="74.68", rate="66.6%", score="6.67",
                                            total_score="94.67"), "score-rounding"),
    Case("SE003", "error", lambda: make_form(total_score="100"), "total-vs-parts"),
    Case("SE004", "error", lambda: make_form(replace_row(0, weight="15", score="15"), total_score="93"), "sum-95"),
    Case("SE004", "error", lambda: make_form(total_weight="90"), "printed-total-weight"),
    Case("SE005", "warning", lambda: make_form(weights_rows()), "level1-60-20-10"),
    Case("SE006", "error", lambda: make_form(replace_row(1, score="12"), total_score="100"), "score-above-weight"),
    Case("SE006", "error", lambda: make_form(replace_row(1, score="-1"), total_score="87"), "negative-score"),
    Case("SE007", "error", lambda: make_form(replace_row(0, actual="270人次")), "explicit-positive"),
    Case("SE007", "warning", lambda: make_form(replace_row(0, target="480人次", actual="270人次")), "inferred"),
    Case("SE007", "error", lambda: make_form(replace_row(2, target="≤11月", actual="12月", score="10")),
         "negative-missed"),
    Case("SE008", "warning", lambda: make_form(replace_row(0, target="≥100人次", actual="80人次", score="17",
                                                           note="申请人数不足"), total_score="95"), "partial"),
    Case("SE009", "warning", lambda: make_form(replace_row(0, score="19"), total_score="97"), "met-but-deducted"),
    Case("SE010", "warning", lambda: make_form(replace_row(0, target="≥100人次", actual="80人次", score="16"),
                                               total_score="94"), "missed-no-note"),
    Case("SE010", "warning", lambda: make_form(replace_row(4, actual="差", score="10"), total_score="80"),
         "qualitative-missed"),
    Case("SE011", "warning", lambda: make_form(replace_row(4, actual="差", score="30", note="受疫情影响")),
         "above-band"),
    Case("SE011", "warning", lambda: make_form(replace_row(4, score="10"), total_score="80"), "below-band"),
    Case("SE012", "error", lambda: with_grade(make_form(total_score="98"), "良"), "grade"),
    Case("SE013", "warning", lambda: make_form(replace_row(3, target="≤80万元", actual="80万元")),
         "cost-total-vs-budget"),
    Case("SE013", "warning", lambda: make_form(replace_row(3, level3="项目成本", target="不超预算数100万元",
                                                           actual="项目完成，共计80万元")), "actual-vs-executed"),
    Case("SE014", "warning", lambda: make_form(replace_row(3, target="100元", actual="100元")), "wan-as-yuan"),
    Case("SE014", "info", lambda: make_form(replace_row(3, target="1,000,000.00", actual="1,000,000.00")),
         "no-unit-yuan"),
    Case("SE015", "warning", lambda: make_form(rate="100%%"), "percent-percent"),
    Case("SE015", "warning", lambda: make_form(budget="86.82594 7"), "split-digits-funds"),
    Case("SE015", "warning", lambda: make_form(total_score="94.67 999994.67"), "garbage-total"),
    Case("SE015", "info", lambda: make_form(replace_row(3, target="≤100.0 7万元")), "split-digits-target"),
    Case("SE015", "info", lambda: make_form(rate="100"), "rate-without-percent"),
    Case("SE016", "warning", lambda: make_form(rate=None), "no-rate"),
    Case("SE016", "warning", lambda: make_form(replace_row(0, score=None)), "no-score"),
    Case("SE016", "warning", lambda: make_form(total_score=""), "no-total"),
    Case("SE017", "warning", lambda: make_form(replace_row(0, target="构建三级服务体系")), "text-quantity"),
    Case("SE017", "warning", lambda: make_form(replace_row(0, target="")), "empty-target"),
    Case("SE017", "info", lambda: make_form(replace_row(0, level3="开展宣传活动", target="400", actual="400")),
         "no-unit"),
    Case("SE018", "warning", lambda: make_form(replace_row(1, target="符合相关质量标准", actual="符合")), "vague"),
    Case("SE019", "warning", lambda: make_form(ROWS[:5], total_score="88"), "no-satisfaction"),
    Case("SE020", "warning", lambda: make_form(extra_row("效益指标", "社会效益指标", "居民生活改善", "优良中差", "优",
                                                         "0", "0")), "duplicate"),
    Case("SE021", "warning", lambda: make_form(replace_row(1, target="≥120%", actual="120%")), "over-100"),
    Case("SE022", "warning", lambda: make_form(replace_row(3, target="≥100万元")), "cost-floor"),
    Case("SE023", "warning", lambda: make_form(replace_row(0, level3="资金拨付", target="50万元", actual="50万元")),
         "money-as-output"),
    Case("SE023", "info", lambda: make_form(replace_row(0, level3="聘用保安人员数量")), "staff-as-output"),
    Case("SE024", "warning", lambda: make_form(not_applicable_row(weight="10"), total_score="88"), "unscaled-total"),
    Case("SE024", "info", lambda: make_form(replace_row(0, not_applicable_row(weight="/"), weight="30", score="30")),
         "already-rescaled"),
    Case("SE024", "info", lambda: make_form(not_applicable_row(weight="10"), total_score="97.75"), "rescaled-total"),
    Case("SE025", "error", lambda: make_form(executed="100", current="80", carryover="10", other="0"),
         "parts-short"),
    Case("SE025", "warning", lambda: make_form(executed="100", current="80", carryover=None, other=None),
         "part-blank"),
    Case("SE004", "error", lambda: make_form(replace_row(0, not_applicable_row(weight="10"), weight="15", score="15"),
                                             total_score="93"), "dropped-weight-still-short"),
]

CASES += [Case(code, "warning", bad, f"issue16-{n}") for n, (code, bad, _) in enumerate(NEW_RULE_PAIRS)]


def with_grade(form: SelfEvaluation, grade: str) -> SelfEvaluation:
    form.total_printed["grade"] = grade
    return form


def codes(form: SelfEvaluation) -> list[tuple[str, str]]:
    return [(f.code, f.severity) for f in check_form(form, source="t.txt")]


def test_clean_form_has_no_findings() -> None:
    assert check_form(make_form(), source="t.txt") == []


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}-{c.id}" for c in CASES])
def test_rule_triggers(case: Case) -> None:
    assert (case.code, case.severity) in codes(case.build())


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_is_silent_on_clean_form(rule: object) -> None:
    assert check_form(make_form(), source="t.txt", rules=(rule,)) == []  # type: ignore[arg-type]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_is_documented_and_covered(rule: object) -> None:
    from jixiao.rules.base import Rule

    assert isinstance(rule, Rule)
    assert rule.category in CATEGORIES
    assert rule.severity in ("error", "warning", "info")
    assert "Bad::" in rule.doc and "Good::" in rule.doc, "docstring needs a bad and a good example"
    assert any(c.code == rule.code for c in CASES), "every rule needs a triggering case"


def test_codes_are_unique_and_stable() -> None:
    assert [r.code for r in RULES] == [f"SE{n:03d}" for n in range(1, len(RULES) + 1)]


def test_rules_are_discovered_from_their_modules() -> None:
    """Every ``seNNN_*``/``btNNN_*``/``tdNNN_*``/``evNNN_*`` module is a rule, listed nowhere by hand."""
    from pathlib import Path

    import jixiao.rules as package
    from jixiao.rules import ALL_RULES
    from jixiao.rules.base import RULE_MODULE

    files = {f.stem[:5].upper() for f in Path(package.__file__).parent.rglob("*.py") if RULE_MODULE.match(f.stem)}
    assert files == {r.code for r in ALL_RULES}
