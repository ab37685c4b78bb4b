"""The formatting layer: numbers at printed precision, rates as percentages, Chinese field names,
one-language messages."""

from __future__ import annotations

import re
import typing
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from jixiao.model.kinds import FORM_KINDS
from jixiao.web import create_app
from jixiao.web.formatting import (
    FIELD_NAMES,
    INTERNAL_FIELDS,
    display,
    field_name,
    finding_value,
    fixed,
    humane,
    number,
    percent,
    when,
)
from jixiao.web.i18n import localize, translate
from tests.web.conftest import Site, login


@pytest.mark.parametrize(("value", "shown"), [
    (90.30008543357539, "90.30"), (89.995, "90.00"), (0.005, "0.01"), (12345.678, "12345.68"), (-1.005, "-1.01"),
    (Decimal("90.3"), "90.30"), (7, "7.00"), ("95.5", "95.50"), ("1,234.5", "1234.50"), (None, ""), ("n/a", "n/a"),
])
def test_fixed_two_decimals(value: object, shown: str) -> None:
    assert fixed(value) == shown


@pytest.mark.parametrize(("value", "shown"), [
    (90.30008543357539, "90.30"), (Decimal("949.821024"), "949.821024"), (Decimal("90.3"), "90.3"),
    (Decimal("1E+2"), "100"), (12, "12"), (None, ""), ("八十", "八十"), (True, "True"),
])
def test_number_keeps_printed_values_and_rounds_computed_ones(value: object, shown: str) -> None:
    assert number(value) == shown


@pytest.mark.parametrize(("value", "shown"), [
    (0.8734, "87.34%"), (Decimal("0.95"), "95%"), (1, "100%"), (0.87345, "87.35%"), (0.123456, "12.35%"),
    (Decimal("0"), "0%"), (None, ""), ("—", "—"),
])
def test_percent(value: object, shown: str) -> None:
    assert percent(value) == shown


def test_display_of_findings_values() -> None:
    assert display(None) == "—"
    assert display(90.30008543357539) == "90.30"
    assert display({"executed": Decimal("80.5"), "full_year_budget": 100.0}) == "全年执行数 80.5；全年预算数 100.00"
    assert display([Decimal("1.5"), 2.345]) == "1.5、2.35"
    finding = humane({"expected": 90.30008543357539, "actual": Decimal("90.3")})
    assert finding["expected_text"] == "90.30" and finding["actual_text"] == "90.3"
    assert finding["expected"] == 90.30008543357539  # the machine's value stays as it was


def test_field_names_are_chinese_and_never_internal() -> None:
    assert field_name("execution_rate") == "执行率"
    assert field_name("project_lead") == "项目负责人"
    assert field_name("indicators.3.score") == "绩效指标 第 4 行 得分"
    assert field_name("funds.total.executed") == "项目资金 年度资金总额 全年执行数"
    assert field_name("no_such_field") == "其他字段"


def _fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[str]:
    names: set[str] = set()
    for name, info in model.model_fields.items():
        names.add(name)
        stack = [info.annotation]
        while stack:
            kind = stack.pop()
            stack.extend(typing.get_args(kind))
            if isinstance(kind, type) and issubclass(kind, BaseModel) and kind not in seen:
                seen.add(kind)
                names |= _fields(kind, seen)
    return names


def test_every_model_field_has_a_chinese_name_or_is_internal() -> None:
    fields: set[str] = set()
    for info in FORM_KINDS.values():
        fields |= _fields(info.model, {info.model})
    missing = sorted(f for f in fields if f not in FIELD_NAMES and f not in INTERNAL_FIELDS)
    assert missing == []
    assert all(not any("a" <= c <= "z" for c in name) for name in FIELD_NAMES.values())


def test_messages_in_one_language() -> None:
    message = "用户名或密码错误 / wrong user name or password"
    assert localize(message, "zh") == "用户名或密码错误"
    assert localize(message, "en") == "wrong user name or password"
    assert localize("只有中文", "en") == "只有中文"
    assert localize("请先修改初始密码", "en") == "Please choose your own password first"
    assert translate("总览", "en") == "Overview" and translate("总览", "zh") == "总览"
    assert translate("不在目录里", "en") == "不在目录里"


def test_api_findings_carry_the_words_the_page_shows(client: TestClient) -> None:
    login(client, "reviewer")
    findings = client.get("/api/findings").json()["findings"]
    assert findings and all("expected_text" in f and "actual_text" in f for f in findings)
    computed = [f for f in findings if isinstance(f["expected"], float)]
    for finding in computed:
        assert finding["expected_text"] == fixed(finding["expected"])
    assert all(f["expected_text"] == "—" for f in findings if f["expected"] is None)


def test_recomputed_total_at_two_decimals_on_the_edit_page(client: TestClient, site: Site) -> None:
    login(client, "admin")
    forms = [f for f in client.get(f"/api/units/{site.unit_a[0]}").json()["forms"] if f["kind"] == "self_evaluation"]
    state = client.get(f"/api/forms/{forms[0]['id']}/edits").json()
    total = state["summary"]["recomputed_total"]
    assert state["summary"]["recomputed_total_text"] == fixed(total)
    page = client.get(f"/forms/{forms[0]['id']}/edit").text
    shown = re.search(r'id="recomputed-total">([^<]*)<', page)
    assert shown is not None
    assert re.fullmatch(r"-?\d+(\.\d{1,2})?|—", shown.group(1)), shown.group(1)


def test_header_of_other_kinds_shows_no_internal_name(client: TestClient) -> None:
    login(client, "reviewer")
    ids = [f["form_id"] for f in client.get("/api/findings").json()["findings"] if f["form_id"]]
    for form_id in sorted(set(ids))[:5]:
        page = client.get(f"/forms/{form_id}").text
        headers = re.findall(r"<tr><th>([^<]*)</th><td>", page)
        assert not [h for h in headers if re.fullmatch(r"[a-z_]+", h)], headers


def test_edit_refusal_beside_its_cell_in_one_language(writable_site: Site) -> None:
    with TestClient(create_app(writable_site.url, secret="s"), follow_redirects=False) as client:
        token = login(client, "admin")
        form = next(f for f in client.get(f"/api/units/{writable_site.unit_a[0]}").json()["forms"]
                    if f["kind"] == "self_evaluation")
        state = client.get(f"/api/forms/{form['id']}/edits").json()
        path = next(p for p, text in state["cells"].items() if p.endswith(".score") and text)
        bad = client.post(f"/forms/{form['id']}/edit", headers={"HX-Request": "true"},
                          data={"csrf_token": token, "base": str(state["base"]), path: "九"})
        assert bad.status_code == 200  # htmx swaps the part in place: the page is not left
        beside = re.search(rf'name="{re.escape(path)}"[^>]*>(?:</span>)?<span class="field-error" id="cell-error" '
                           r'role="alert">([^<]+)<', bad.text)
        assert beside and "不是数字" in beside.group(1) and " / " not in beside.group(1)
        fine = client.post(f"/forms/{form['id']}/edit", headers={"HX-Request": "true"},
                           data={"csrf_token": token, "base": str(state["base"]), path: "1"})
        assert fine.status_code == 200 and 'id="cell-error"' not in fine.text


def test_when_in_beijing_time() -> None:
    from datetime import UTC, datetime

    assert when("2026-12-04T01:30:59+00:00") == "2026-12-04 09:30"
    assert when(datetime(2026, 12, 31, 16, 5)) == "2027-01-01 00:05"  # naive = UTC
    assert when(datetime(2026, 12, 4, 1, 0, tzinfo=UTC)) == "2026-12-04 09:00"
    assert when(None) == "" and when("不是时间") == "不是时间"


def test_review_without_its_text_returns_to_the_field(writable_site: Site) -> None:
    with TestClient(create_app(writable_site.url, secret="s"), follow_redirects=False) as client:
        token = login(client, "reviewer")
        finding = client.get("/api/findings").json()["findings"][0]
        missing = client.post(f"/findings/{finding['id']}/review", data={"csrf_token": token, "status": "dismissed"})
        assert missing.status_code == 303
        target = missing.headers["location"]
        assert target == f"/forms/{finding['form_id']}?review_error=finding-{finding['id']}#finding-{finding['id']}"
        page = client.get(target.split("#")[0]).text
        item = page.split(f'id="finding-{finding["id"]}"')[1].split("</li>")[0]
        assert 'aria-invalid="true"' in item and "驳回时须填写理由" in item
        assert page.count("驳回时须填写理由") == 1  # beside that finding only
        returned = client.post(f"/forms/{finding['form_id']}/review", data={"csrf_token": token, "status": "returned"})
        assert returned.headers["location"] == f"/forms/{finding['form_id']}?review_error=form#form-review"
        form_page = client.get(f"/forms/{finding['form_id']}?review_error=form").text
        assert 'id="comment-error"' in form_page and "退回时须填写意见" in form_page
        assert 'id="comment-error"' not in client.get(f"/forms/{finding['form_id']}").text
        ok = client.post(f"/findings/{finding['id']}/review", data={"csrf_token": token, "status": "dismissed",
                                                                    "reason": "印刷无误"})
        assert ok.status_code == 303 and "review_error" not in ok.headers["location"]


def test_review_error_redirect_reveals_nothing_to_another_unit(writable_site: Site) -> None:
    with TestClient(create_app(writable_site.url, secret="s"), follow_redirects=False) as client:
        token = login(client, "evaluator_b")  # sees unit b only
        reviewer = TestClient(create_app(writable_site.url, secret="s"), follow_redirects=False)
        login(reviewer, "reviewer")
        forms_a = {f["id"] for f in reviewer.get(f"/api/units/{writable_site.unit_a[0]}").json()["forms"]}
        other = next(f for f in reviewer.get("/api/findings").json()["findings"] if f["form_id"] in forms_a)
        response = client.post(f"/findings/{other['id']}/review", data={"csrf_token": token, "status": "dismissed"})
        assert response.status_code == 404 and "location" not in response.headers


def test_rates_of_findings_as_percentages() -> None:
    rate = {"category": "execution_rate", "expected": "0.73", "actual": "1.00"}
    assert finding_value(rate, "expected") == "73%" and finding_value(rate, "actual") == "100%"
    assert humane(dict(rate))["expected_text"] == "73%"
    score = {"category": "total", "expected": 90.30008543357539, "actual": Decimal("90.3")}
    assert finding_value(score, "expected") == "90.30" and finding_value(score, "actual") == "90.3"
    assert finding_value({"category": "execution_rate", "expected": None}, "expected") == "—"


def test_recomputed_values_at_the_printed_precision() -> None:
    assert finding_value({"expected": "10.1786", "actual": "20"}, "expected") == "10.18"
    assert finding_value({"expected": "98.20", "actual": "88.2"}, "expected") == "98.20"  # as written
    assert finding_value({"expected": "949.8210245", "actual": "949.821024"}, "expected") == "949.821025"
    assert finding_value({"expected": 90.30008543357539, "actual": None}, "expected") == "90.30"
    assert finding_value({"expected": "10.1786", "actual": "20"}, "actual") == "20"  # printed: untouched
    assert finding_value({"expected": "优", "actual": "良"}, "expected") == "优"
    assert finding_value({"expected": {"a": 1}, "actual": "x"}, "expected") == "a 1"
