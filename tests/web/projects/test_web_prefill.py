"""The self-evaluation filled online from the project's declaration (jixiao.web.prefill): targets read-only,
the year-end values typed in, the form stored like an upload and linked to the project; who may fill it."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from jixiao.samples import cycle
from tests.web.conftest import login
from tests.web.projects.conftest import (
    FILLED,
    YEAR,
    CycleSite,
    _logged,
)


def test_self_evaluation_prefilled_from_the_declaration(own_client: TestClient, cycle_site: CycleSite) -> None:
    client = own_client
    pid = cycle_site.projects["保洁服务"]
    token = login(client, "staff_cycle")
    assert f'href="/projects/{pid}/self-evaluation/{YEAR + 1}"' in client.get(f"/projects/{pid}").text
    page = client.get(f"/projects/{pid}/self-evaluation/{YEAR + 1}")
    assert page.status_code == 200
    targets = re.findall(r'<tr data-indicator="([^"]+)">.*?<td class="readonly target">([^<]*)</td>', page.text, re.S)
    assert targets == [("保洁面积", "≥5万平方米"), ("项目预算控制数", "≤10万元"), ("道路整洁度", "优"),
                       ("居民满意度", "≥90%")]
    assert re.findall(r'name="weight_\d" value="(\d+)"', page.text) == ["24", "22", "22", "22"]  # 90 points
    assert re.search(r'<td class="readonly n" id="initial-budget">10</td>', page.text)
    assert 'name="target' not in page.text  # the targets are not fields: they cannot be changed

    before = client.get(f"/api/projects/{pid}").json()["timeline"][1]["forms"]["self_evaluation"]
    assert before == []
    bad = client.post(f"/projects/{pid}/self-evaluation/{YEAR + 1}",
                      data={**FILLED, "executed": "九", "score_0": "30", "actual_3": "", "csrf_token": token})
    assert bad.status_code == 400
    reasons = re.findall(r'<li class="error">([^<]*)</li>', bad.text)
    assert reasons == ["全年执行数「九」不是数字", "「保洁面积」的得分30超过分值24", "请填写「居民满意度」的实际完成值"]
    assert client.get(f"/api/projects/{pid}").json()["timeline"][1]["forms"]["self_evaluation"] == []
    assert client.post(f"/projects/{pid}/self-evaluation/{YEAR + 1}", data=FILLED).status_code == 403  # no CSRF

    done = client.post(f"/projects/{pid}/self-evaluation/{YEAR + 1}", data={**FILLED, "csrf_token": token})
    assert done.status_code == 303
    form_id = int(done.headers["location"].rsplit("/", 1)[1])
    stored = client.get(f"/api/forms/{form_id}").json()
    assert (stored["kind"], stored["year"], stored["unit"]) == ("self_evaluation", YEAR + 1, cycle.UNIT)
    data = stored.get("data", stored)
    rows = [(i["level3"], i["target"], i["actual"], str(i["weight"]), str(i["score"])) for i in data["indicators"]]
    assert rows == [("保洁面积", "≥5万平方米", "5.2万平方米", "24", "24"),
                    ("项目预算控制数", "≤10万元", "9.5万元", "22", "22"), ("道路整洁度", "优", "优", "22", "22"),
                    ("居民满意度", "≥90%", "93%", "22", "22")]
    assert str(data["funds"]["total"]["initial_budget"]) == "10" and str(data["total_score"]) == "99.5"
    project = client.get(f"/api/projects/{pid}").json()
    assert [f["form_id"] for f in project["timeline"][1]["forms"]["self_evaluation"]] == [form_id]
    assert [f["code"] for f in project["findings"] if f["form_id"] == form_id] == []  # the targets as declared
    assert _logged(client, "fill_self_evaluation") == [("staff_cycle", f"form:{form_id}", f"项目 {pid} {YEAR + 1}年度")]
    assert 'id="fill-existing"' not in page.text
    again = client.get(f"/projects/{pid}/self-evaluation/{YEAR + 1}").text  # the year has one now: said so
    assert re.search(rf'<p class="existing" id="fill-existing">本年度已有自评表：<a href="/forms/{form_id}">', again)


def test_only_the_unit_fills_its_self_evaluation(own_client: TestClient, cycle_site: CycleSite) -> None:
    client = own_client
    pid = cycle_site.projects["保洁服务"]
    path = f"/projects/{pid}/self-evaluation/{YEAR + 1}"
    login(client, "reviewer")
    assert client.get(path).status_code == 403
    assert "self-evaluation" not in client.get(f"/projects/{pid}").text
    client.cookies.clear()
    token = login(client, "staff_other")
    assert client.get(path).status_code == 404
    assert client.post(path, data={**FILLED, "csrf_token": token}).status_code == 404
    client.cookies.clear()
    login(client, "staff_cycle")
    assert client.get(f"/projects/{pid}/self-evaluation/{YEAR - 1}").status_code == 404  # no declaration that year
