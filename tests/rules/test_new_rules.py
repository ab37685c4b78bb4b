"""The rules of issue 16 (SE026–SE032): each fires on its bad example and is silent on its good one."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jixiao.model.selfeval import SelfEvaluation
from jixiao.rules import RULES, check_form
from tests.rules.rules_factory import ROWS, make_form, replace_row


def with_goal(goal: str) -> SelfEvaluation:
    form = make_form()
    form.goal_expected = goal
    return form


COST_ROWS = [*replace_row(3, level3="设备采购成本", target="≤40万元", actual="40万元"),
             ("产出指标", "成本指标", "运维成本", "≤30万元", "30万元", "0", "0")]
GOOD_COST_ROWS = [*replace_row(3, level3="设备采购成本", target="≤30万元", actual="30万元"),
                  ("产出指标", "成本指标", "运维成本", "≤20万元", "20万元", "0", "0")]
SATISFACTION_CARRIED = replace_row(5, level1="效益指标", level2="社会效益指标")
# (code, bad form, good form)
PAIRS: list[tuple[str, Callable[[], SelfEvaluation], Callable[[], SelfEvaluation]]] = [
    ("SE026", lambda: make_form(replace_row(2, level3="服务期限12个月", target="2023年5月-2023年5月")),
     lambda: make_form(replace_row(2, level3="服务期限12个月", target="2023年1月-2023年12月"))),
    ("SE026", lambda: make_form(replace_row(2, actual="2022年12月完成验收")),
     lambda: make_form(replace_row(2, actual="2023年12月完成验收"))),
    ("SE027", lambda: make_form(replace_row(0, actual="400人次，项目预计2024年完成")),
     lambda: make_form(replace_row(2, replace_row(0, actual="400人次，项目预计2024年完成"), score="6",
                                   note="工程延期"), total_score="94")),
    ("SE028", lambda: with_goal("依据**政策，对XX群体发放补助（200字以内）"),
     lambda: with_goal("依据民政部门政策，对低保群体按月发放补助")),
    ("SE028", lambda: make_form(replace_row(4, level3="指标2：")),
     lambda: make_form(replace_row(4, level3="困难群众生活保障持续时间"))),
    ("SE029", lambda: with_goal("保障辖区低保对象按时足额领取补助。保障辖区低保对象按时足额领取补助。"),
     lambda: with_goal("保障辖区低保对象按时足额领取补助，全年发放不少于480人次。")),
    ("SE030", lambda: make_form(COST_ROWS, executed="50", rate="50%", score="5"),
     lambda: make_form(GOOD_COST_ROWS, executed="50", rate="50%", score="5")),
    ("SE031", lambda: make_form([*ROWS, ("产出指标", "数量指标", "开展活动", "≥12次", "12次", None, None)]),
     lambda: make_form()),
    ("SE032", lambda: make_form(SATISFACTION_CARRIED), lambda: make_form()),
]


def fired(code: str, form: SelfEvaluation) -> bool:
    rule = next(r for r in RULES if r.code == code)
    return bool(check_form(form, source="t.txt", rules=(rule,)))


@pytest.mark.parametrize(("code", "bad", "good"), PAIRS, ids=[f"{p[0]}-{n}" for n, p in enumerate(PAIRS)])
def test_new_rule_fires_on_bad_and_not_on_good(code: str, bad: Callable[[], SelfEvaluation],
                                               good: Callable[[], SelfEvaluation]) -> None:
    assert fired(code, bad()), f"{code} did not fire on its bad example"
    assert not fired(code, good()), f"{code} fired on its good example"


def test_background_years_are_no_stale_dates() -> None:
    form = make_form(replace_row(2, actual="已于2021年完成腾退，本年11月完成"))
    assert not fired("SE026", form)


def test_long_names_that_mention_satisfaction_are_not_misfiled() -> None:
    rows = replace_row(5, level1="效益指标", level2="社会效益指标", level3="提高了居民办事的便利性及满意度")
    assert not fired("SE032", make_form(rows))
