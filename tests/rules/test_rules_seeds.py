"""The rules on real documents: findings a reviewer confirmed by reading the seed text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.extract import extract_path
from jixiao.rules import Finding, check_document, score_form

Lookup = Callable[[str], list[Finding]]


def findings_by_name(path: Path) -> tuple[list[Finding], Lookup]:
    doc = extract_path(path)
    findings = check_document(doc)

    def of(name: str) -> list[Finding]:
        mine = [f for f in findings if f.form.project_name == name]
        assert any(form.project_name == name for form in doc.self_evaluations), f"form {name} not recognized"
        return mine

    return findings, of


def has(findings: list[Finding], code: str, severity: str | None = None, **fields: object) -> bool:
    return any(f.code == code and (severity is None or f.severity == severity)
               and all(getattr(f, k) == v for k, v in fields.items()) for f in findings)


@pytest.fixture(scope="module")
def seed004(seeds: Path) -> tuple[list[Finding], Lookup]:
    return findings_by_name(next(seeds.glob("004_*.txt")))


@pytest.fixture(scope="module")
def seed001(seeds: Path) -> tuple[list[Finding], Lookup]:
    return findings_by_name(next(seeds.glob("001_*.txt")))


@pytest.mark.parametrize("name", ["基层组织与公共运行维护费、二级支部委补助及社区办公经费", "改制企业家属区管理经费",
                                  "河西锦苑小区电梯维护经费"])
def test_004_rate_printed_as_percent_percent_is_a_typo(seed004: tuple[list[Finding], Lookup], name: str) -> None:
    _, of = seed004
    typo = [f for f in of(name) if f.code == "SE015"]
    assert typo and typo[0].category == "typo" and "100%%" in typo[0].message


def test_004_execution_rate_not_matching_amounts(seed004: tuple[list[Finding], Lookup]) -> None:
    # 平安建设: 11.99 / 12.33 = 97.24 %, printed 96.5 % and scored 9.65.
    _, of = seed004
    found = of("平安建设专项及精神病患者经费")
    assert has(found, "SE001", "error", category="execution_rate")
    assert has(found, "SE002", "error", category="execution_score")


def test_004_sixty_six_percent_execution(seed004: tuple[list[Finding], Lookup]) -> None:
    # 环卫: 74.68 / 112.12 = 66.607 % → 6.66 points; printed 66.6 % (fine) and 6.67 (rounding, info only);
    # its 总分 cell reads "94.67 999994.67" (garbage digits).
    _, of = seed004
    found = of("环卫经费项目")
    assert not has(found, "SE001")
    assert has(found, "SE002", "info")
    assert not any(f.severity == "error" and f.code in ("SE001", "SE002") for f in found)
    assert any(f.code == "SE015" and "999994.67" in f.message for f in found)


@pytest.mark.parametrize(("name", "parts", "total"), [
    ("改制企业家属区管理经费", 78, 98),
    ("河西锦苑小区电梯维护经费", 78, 98),
    ("中央和省补助公共图书馆文化馆免费开放、公共文化服务体系建设资金", 77, 97),
])
def test_004_total_not_the_sum_and_weights_80(seed004: tuple[list[Finding], Lookup], name: str, parts: int,
                                              total: int) -> None:
    _, of = seed004
    found = of(name)
    assert has(found, "SE003", "error", expected=parts, actual=total)
    assert has(found, "SE004", "error", actual=80)


@pytest.mark.parametrize(("name", "cell"), [
    ("“四上”统计工作人员奖励经费项目", "5.72"),  # copied from another form; this budget is 1.61
    ("平安建设专项及精神病患者经费", "9.74"),  # budget 12.33
])
def test_004_cost_indicator_contradicts_funds(seed004: tuple[list[Finding], Lookup], name: str, cell: str) -> None:
    _, of = seed004
    assert any(f.code == "SE013" and f.category == "crossfoot" and cell in f.message for f in of(name))


def test_004_clean_forms_have_no_errors(seed004: tuple[list[Finding], Lookup]) -> None:
    findings, _ = seed004
    with_errors = {f.form.project_name for f in findings if f.severity == "error"}
    assert with_errors == {"平安建设专项及精神病患者经费", "改制企业家属区管理经费", "河西锦苑小区电梯维护经费",
                           "中央和省补助公共图书馆文化馆免费开放、公共文化服务体系建设资金"}


@pytest.mark.parametrize(("name", "code", "severity"), [
    ("2023 年灵活就业社会保险补贴", "SE007", "warning"),  # 发放人次 480 → 270, full 10 points
    ("2023 民生实事及基层建设-应急经费", "SE007", "error"),  # ≤11月 → 12月, full marks
    ("体制资金-应急经费", "SE007", "error"),
    ("2023年社区管理退休人员服务经费", "SE006", "error"),  # score 28 of weight 20
    ("2023 区人大代表活动费", "SE006", "error"),  # score 18 of weight 15
    ("2023年离休干部高龄养老社区\"四就近\"补助", "SE003", "error"),  # parts 87, printed 97
    ("2023年离休干部高龄养老社区\"四就近\"补助", "SE011", "warning"),  # 优 scored 5 of 15
    ("丰台区耕地保护补偿资金发放（第二批）", "SE004", "error"),  # weights sum to 90
    ("2021年度耕地保护补偿资金", "SE004", "error"),
    ("2023年中央财政困难群众救助补助资金", "SE003", "error"),  # 发放及时准确 是 → 0 points
    ("2023年中央财政困难群众救助补助资金", "SE010", "warning"),  # 498 人 → 494 人, no note
    ("丰台区 2022 年第五批控违拆违专项资金", "SE009", "warning"),  # cost met, scored 0
    ("2023年城市居民最低生活保障", "SE016", "warning"),  # no indicator scores at all
    ("2023 年丰台区生态调标项目", "SE013", "warning"),  # 116.8341 vs budget 116.8431
    ("2023 民生实事及基层建设-社会治理服务", "SE013", "warning"),  # 1192085元 vs 11.92085万元
    ("市属国有企业退休人员社会化管理服务补助资金（第二批）", "SE014", "info"),  # "106,0 29.00", no unit
])
def test_001_findings(seed001: tuple[list[Finding], Lookup], name: str, code: str, severity: str) -> None:
    _, of = seed001
    assert has(of(name), code, severity), [(f.code, f.severity, f.message) for f in of(name)]


def test_001_split_digits_confirmed_by_the_form_are_joined(seed001: tuple[list[Finding], Lookup]) -> None:
    """"86.82594 7" in the funds block is 86.825947, printed again as the cost target "86.825 947 万元":
    a wrapped cell, not a malformed one (it was reported as SE015 before)."""
    _, of = seed001
    assert not has(of("草桥全季酒店集中隔离点运行经费"), "SE015", "warning")


def test_001_errors_are_few_and_confirmed(seed001: tuple[list[Finding], Lookup]) -> None:
    findings, _ = seed001
    errors = {f.form.index for f in findings if f.severity == "error"}
    assert 5 <= len(errors) <= 15  # of 139 forms; each one above was checked by hand


def test_001_score_form_side_by_side(seeds: Path) -> None:
    doc = extract_path(next(seeds.glob("001_*.txt")))
    form = next(f for f in doc.self_evaluations if f.project_name == "2023 年灵活就业社会保险补贴"
                and any(i.target == "480" for i in f.indicators))
    score = score_form(form)
    row = next(i for i in score.indicators if i.target == 480)
    assert (row.printed_score, round(row.recomputed or 0, 3)) == (10, 5.625)
    assert score.execution.recomputed_score == 10


def test_every_seed_funds_block_cross_foots(seeds: Path) -> None:
    """An invariant of the parser as much as a check: in all 159 seed forms, 当年财政拨款 + 上年结转资金
    + 其他资金 = 年度资金总额 in every column printed, so SE025 is silent; a misread cell would break it."""
    columns = 0
    for prefix in ("000", "001", "004"):
        doc = extract_path(next(seeds.glob(f"{prefix}_*.txt")))
        assert not [f.message for f in check_document(doc) if f.code == "SE025"]
        for form in doc.self_evaluations:
            for column in ("initial_budget", "full_year_budget", "executed"):
                parts = [getattr(getattr(form.funds, row), column)
                         for row in ("current_year_appropriation", "prior_year_carryover", "other")]
                columns += getattr(form.funds.total, column) is not None and any(p is not None for p in parts)
    assert columns == 458
