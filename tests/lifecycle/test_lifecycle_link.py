"""Linking forms into projects (``jixiao.link``): by code, by unit and name, fuzzy within a unit;
deterministic whatever the order of the forms; reviewers' decisions kept."""

from __future__ import annotations

import random
from decimal import Decimal

from jixiao.link import Anchor, Candidate, Decision, assign, code_key, display_name, name_key, unit_key


def groups(candidates: list[Candidate]) -> list[set[object]]:
    _, assignments = assign(candidates)
    found: dict[int, set[object]] = {}
    for a in assignments:
        found.setdefault(a.anchor, set()).add(a.ref)
    return sorted(found.values(), key=lambda g: sorted(map(str, g)))


def test_keys() -> None:
    assert unit_key("999001-示例街道办事处（本级）") == unit_key(" 示例街道办事处 ") == "示例街道办事处"
    assert name_key("2024年老旧小区综合整治项目") == name_key("老旧小区综合整治") == "老旧小区综合整治"
    assert name_key("11010225T000000000001-环境整治") == "环境整治"
    assert code_key(None, "11010225T000000000001-环境整治") == code_key("11010225T000000000001") \
        == "11010225T000000000001"
    assert code_key(None, "环境整治") is None
    assert display_name("2024年社区绿化养护经费") == "社区绿化养护经费"


def test_code_links_across_units_and_names() -> None:
    c = [Candidate(1, "declaration", "甲街道", "环境整治", "11010225T000000000001", 2025),
         Candidate(2, "self_evaluation", "甲街道办事处", "辖区环境卫生整治工程", "11010225T000000000001", 2025)]
    anchors, assignments = assign(c)
    assert {a.ref: a.method for a in assignments} == {1: "new", 2: "code"} and len(anchors) == 1


def test_different_codes_are_different_projects_whatever_the_name() -> None:
    c = [Candidate(1, "declaration", "甲", "环境整治", "11010225T000000000001", 2025),
         Candidate(2, "declaration", "甲", "环境整治", "11010225T000000000009", 2025)]
    assert groups(c) == [{1}, {2}]


def test_same_unit_and_name_links_across_stages_and_years() -> None:
    c = [Candidate(1, "declaration", "999001-示例街道办事处（本级）", "环境整治", None, 2024),
         Candidate(2, "monitoring", "示例街道办事处", "环境整治项目", None, 2024),
         Candidate(3, "self_evaluation", "示例街道办事处", "2024年环境整治", None, 2024),
         Candidate(4, "declaration", "示例街道办事处", "环境整治", None, 2025),
         Candidate(5, "declaration", "另一街道办事处", "环境整治", None, 2025)]  # another unit: another project
    assert groups(c) == [{1, 2, 3, 4}, {5}]


def test_fuzzy_names_link_uncertainly_within_a_unit() -> None:
    c = [Candidate(1, "declaration", "甲", "保洁服务", None, 2025),
         Candidate(2, "self_evaluation", "甲", "保洁服务费", None, 2025),
         Candidate(3, "self_evaluation", "乙", "保洁服务费", None, 2025)]
    _, assignments = assign(c)
    by_ref = {a.ref: a for a in assignments}
    assert by_ref[2].method == "fuzzy" and Decimal("0.85") <= by_ref[2].confidence < 1
    assert by_ref[2].evidence["matched"] == "保洁服务" and by_ref[3].method == "new"


def test_a_second_form_of_a_stage_and_year_is_no_fuzzy_match() -> None:
    c = [Candidate(1, "declaration", "甲", "老旧小区综合整治", None, 2025),
         Candidate(2, "declaration", "甲", "老旧小区综合整治二期", None, 2025)]
    assert groups(c) == [{1}, {2}]


def test_a_form_without_a_unit_joins_the_only_project_of_its_name() -> None:
    c = [Candidate(1, "declaration", "甲", "环境整治", None, 2025),
         Candidate(2, "evaluation", None, "环境整治", None, 2025),
         Candidate(3, "declaration", "甲", "保洁服务", None, 2025),
         Candidate(4, "declaration", "乙", "保洁服务", None, 2025),
         Candidate(5, "evaluation", None, "保洁服务", None, 2025)]  # two units have one: no guess
    assert groups(c) == [{1, 2}, {3}, {4}, {5}]


def test_deterministic_whatever_the_order() -> None:
    names = ["环境整治", "保洁服务", "保洁服务费", "老旧小区综合整治", "老旧小区综合整治二期", "防汛物资储备"]
    stages = ("declaration", "monitoring", "self_evaluation")
    c = [Candidate(n * 10 + s, stages[s], "甲" if n % 2 else "999001-甲（本级）", name, None, 2024 + s % 2)  # type: ignore[arg-type]
         for n, name in enumerate(names) for s in range(3)]
    expected = assign(c)
    for seed in range(5):
        shuffled = c[:]
        random.Random(seed).shuffle(shuffled)
        assert assign(shuffled) == expected


def test_decisions_hold() -> None:
    c = [Candidate(1, "declaration", "甲", "保洁服务", None, 2025),
         Candidate(2, "self_evaluation", "甲", "保洁服务", None, 2025)]
    anchor = Anchor(7, "甲", "保洁服务")
    _, assignments = assign(c, [anchor], [Decision(2, 7, "broken")])
    assert {a.ref: a.anchor for a in assignments} == {1: 0, 2: 1}  # 2 may not join project 7: a project of its own
    other = Anchor(8, "甲", "别的项目")
    _, assignments = assign(c, [anchor, other], [Decision(2, 8, "confirmed")])
    assert {a.ref: (a.anchor, a.method) for a in assignments} == {1: (0, "name"), 2: (1, "reviewer")}
