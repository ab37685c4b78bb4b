"""The project page (timeline over stages and years, declared vs monitored vs achieved with the drift marked,
lifecycle findings, links a reviewer confirms or breaks) and the unit page's cycle completeness, on the
demo's cycle (jixiao.samples.cycle) ingested into a real store; unit isolation over all of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jixiao.samples import cycle
from jixiao.web import create_app
from jixiao.web.projects import may_see
from jixiao.web.users import Principal
from tests.web.conftest import csrf_of, login
from tests.web.projects.conftest import (
    FILLED,
    YEAR,
    CycleSite,
    _build,
    _indicator_row,
    _link_ids,
    _logged,
    _text,
)


def test_project_page_shows_declared_monitored_achieved_and_the_drift(client: TestClient,
                                                                     cycle_site: CycleSite) -> None:
    login(client, "reviewer")
    page = client.get(f"/projects/{cycle_site.projects['保洁服务']}")
    assert page.status_code == 200
    cls, cells, raw = _indicator_row(page.text, YEAR, "保洁面积")
    assert cls == "drift"
    assert cells == {"declared": "≥5万平方米", "monitored-target": "≥5万平方米", "monitored": "1.5万平方米",
                     "forecast": "5万平方米", "target": "≥3万平方米", "achieved": "3.2万平方米",
                     "status": "自评目标与申报不符"}
    assert "<mark>≥3万平方米</mark>" in raw  # the lowered target itself is highlighted
    cls, cells, raw = _indicator_row(page.text, YEAR, "居民满意度")
    assert (cls, cells["declared"], cells["target"], cells["achieved"], cells["status"]) == (
        "", "≥90%", "≥90%", "90%", "一致")
    assert "<mark>" not in raw
    # the next year: declared only
    cls, cells, _ = _indicator_row(page.text, YEAR + 1, "保洁面积")
    assert (cls, cells["declared"], cells["target"], cells["status"]) == ("", "≥5万平方米", "", "一致")


def test_project_page_dropped_indicator_and_amounts(client: TestClient, cycle_site: CycleSite) -> None:
    login(client, "admin")
    page = client.get(f"/projects/{cycle_site.projects['环境整治']}").text
    cls, cells, _ = _indicator_row(page, YEAR, "整治验收合格")
    assert (cls, cells["declared"], cells["monitored"], cells["target"], cells["status"]) == (
        "drift", "优", "优", "", "申报有、自评无")
    amounts = re.search(rf'<table class="list amounts" data-year="{YEAR}">(.*?)</table>', page, re.S)
    assert amounts
    found = {m.group(2): (m.group(1).strip(), _text(m.group(3))) for m in re.finditer(
        r'<td class="n ?([\w ]*)" data-amount="(\w+)">(.*?)</td>', amounts.group(1), re.S)}
    assert found == {"declared": ("drift", "30"), "monitored_budget": ("", "30.00"),
                     "monitored_executed": ("", "18.00"), "budget": ("drift", "35"), "full_year_budget": ("", "30"),
                     "executed": ("", "30")}


def test_project_timeline_links_every_form(client: TestClient, cycle_site: CycleSite) -> None:
    login(client, "reviewer")
    pid = cycle_site.projects["保洁服务"]
    page = client.get(f"/projects/{pid}").text
    timeline = re.search(r'<table class="list timeline" id="timeline">(.*?)</table>', page, re.S)
    assert timeline
    years = re.findall(r'<tr data-year="(\d+)">', timeline.group(1))
    assert years == [str(YEAR), str(YEAR + 1)]
    now, after = cycle_site.forms[("保洁服务", YEAR)], cycle_site.forms[("保洁服务", YEAR + 1)]
    for stage in ("declaration", "monitoring", "self_evaluation", "evaluation"):
        assert now[stage] is not None and f'href="/forms/{now[stage]}"' in timeline.group(1), stage
    row = re.search(rf'<tr data-year="{YEAR + 1}">(.*?)</tr>', timeline.group(1), re.S)
    assert row and f'href="/forms/{after["declaration"]}"' in row.group(1)
    missing = re.findall(r'<td class="stage missing" data-stage="(\w+)">', row.group(1))
    assert missing == ["monitoring", "self_evaluation"]
    data = client.get(f"/api/projects/{pid}").json()
    assert [y["year"] for y in data["timeline"]] == [YEAR, YEAR + 1]
    assert {s: [f["form_id"] for f in fs] for s, fs in data["timeline"][0]["forms"].items()} == {
        s: [now[s]] for s in ("declaration", "monitoring", "self_evaluation", "evaluation")}
    assert {s: fs[0]["facts"] for s, fs in data["timeline"][0]["forms"].items()} == {  # each form's headline
        "declaration": "8 万元", "monitoring": "执行率 10.00%", "self_evaluation": "100 分 · 优",
        "evaluation": "55 分 · 差"}
    assert '<span class="facts">55 分 · 差</span>' in timeline.group(1)
    line = next(i for i in data["timeline"][0]["indicators"] if i["level3"] == "保洁面积")
    assert (line["declared"], line["monitored"], line["target"], line["achieved"], line["drift"]) == (
        "≥5万平方米", "1.5万平方米", "≥3万平方米", "3.2万平方米", True)
    # the lifecycle findings of the project, each linking both documents it cites
    codes = sorted(f["code"] for f in data["findings"])
    assert codes == ["LC001", "LC006", "LC007"]
    lowered = next(f for f in data["findings"] if f["code"] == "LC001")
    assert lowered["form_id"] == now["self_evaluation"]
    assert [r["form_id"] for r in lowered["related"]] == [now["declaration"]]
    item = re.search(r'<li class="finding warning" data-code="LC001">(.*?)</li>', page, re.S)
    assert item and f'href="/forms/{now["self_evaluation"]}"' in item.group(1)
    assert f'href="/forms/{now["declaration"]}"' in item.group(1)
    assert "/tmp" not in page and str(cycle_site.path.parent) not in page  # file names, never server paths
    assert '<a href="/projects" id="nav-projects">项目</a>' in page


def test_unit_isolation(client: TestClient, cycle_site: CycleSite) -> None:
    pid = cycle_site.projects["保洁服务"]
    login(client, "staff_other")
    for path in (f"/projects/{pid}", f"/api/projects/{pid}", "/projects/999999", "/api/projects/999999"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "保洁服务" not in response.text, path
    assert client.get("/api/projects").json() == [] or all(
        p["code"] is None for p in client.get("/api/projects").json())
    assert "保洁服务" not in client.get("/projects").text
    assert client.get(f"/api/projects?unit={cycle_site.unit_id}").status_code == 404
    cycle_units = client.get(f"/units/{cycle_site.unit_id}")
    assert cycle_units.status_code == 404 and "保洁服务" not in cycle_units.text
    client.cookies.clear()
    login(client, "staff_cycle")
    assert client.get(f"/projects/{pid}").status_code == 200
    assert sorted(p["name"] for p in client.get("/api/projects").json() if p["code"]) == [
        "保洁服务", "保洁服务", "环境整治", "环境整治"]  # each project in both years


def test_unit_staff_do_not_get_a_link_to_a_form_they_cannot_open(client: TestClient, cycle_site: CycleSite) -> None:
    """The third party's report is filed under no unit (reviewers' reading): the unit's staff see their
    project without it, and the finding that cites it names it without a link."""
    pid = cycle_site.projects["保洁服务"]
    report = cycle_site.forms[("保洁服务", YEAR)]["evaluation"]
    login(client, "staff_cycle")
    assert client.get(f"/forms/{report}").status_code == 404
    data = client.get(f"/api/projects/{pid}").json()
    assert data["timeline"][0]["forms"]["evaluation"] == []
    assert "evaluation" not in {link["stage"] for link in data["links"]}
    grown = next(f for f in data["findings"] if f["code"] == "LC007")  # on the next year's declaration: theirs
    assert [("form_id" in r, r["source"]) for r in grown["related"]] == [
        (False, cycle.file_names(YEAR)["evaluation"])]
    page = client.get(f"/projects/{pid}").text
    assert f'href="/forms/{report}"' not in page
    client.cookies.clear()
    login(client, "reviewer")
    data = client.get(f"/api/projects/{pid}").json()
    assert [f["form_id"] for f in data["timeline"][0]["forms"]["evaluation"]] == [report]
    assert f'href="/forms/{report}"' in client.get(f"/projects/{pid}").text


def test_a_project_with_a_form_of_another_unit_is_not_shown() -> None:
    staff = Principal(id=1, username="s", role="unit", unit_id=1, units=frozenset({1}))
    assert may_see(staff, frozenset({1}))
    assert not may_see(staff, frozenset({1, 6}))  # one form filed under a unit the user does not see
    assert not may_see(staff, frozenset())
    reviewer = Principal(id=2, username="r", role="reviewer", unit_id=None, units=None)
    assert may_see(reviewer, frozenset({1, 6})) and may_see(reviewer, frozenset())


def test_unit_page_lists_the_cycle_completeness(client: TestClient, cycle_site: CycleSite) -> None:
    login(client, "admin")
    page = client.get(f"/units/{cycle_site.unit_id}").text
    assert 'id="cycle"' in page
    tables = dict(re.findall(r'<table class="list completeness" data-year="(\d+)">(.*?)</table>', page, re.S))
    assert sorted(tables) == [str(YEAR), str(YEAR + 1)]

    def missing(year: int) -> dict[str, str]:
        rows = re.finditer(r'<tr class="[^"]*" data-project="\d+">(.*?)</tr>', tables[str(year)], re.S)
        out = {}
        for row in rows:
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
            out[_text(cells[0])] = _text(cells[-1])
        return out

    assert missing(YEAR + 1) == {"保洁服务": "监控、自评", "环境整治": "监控、自评"}
    # admins and the unit's staff fill a declared year's self-evaluation from here; reviewers do not
    pid = cycle_site.projects["保洁服务"]
    assert f'href="/projects/{pid}/self-evaluation/{YEAR + 1}">在线填写</a>' in tables[str(YEAR + 1)]
    assert "在线填写" not in tables[str(YEAR)]  # every 2024 project with a declaration has its self-evaluation
    # the cycle's two projects have all three; the unit's other self-evaluated projects were never declared
    # nor monitored
    assert missing(YEAR) == {"保洁服务": "", "环境整治": "", "社区绿化养护经费": "申报、监控",
                             "老旧小区综合整治": "申报、监控"}
    assert re.search(r"<h3>2024年度：4 个项目，2 个申报、监控、自评齐全</h3>", page)
    assert f'href="/projects/{cycle_site.projects["保洁服务"]}"' in page
    client.cookies.clear()
    login(client, "reviewer")
    assert "在线填写" not in client.get(f"/units/{cycle_site.unit_id}").text


def test_reviewer_confirms_and_breaks_links(own_client: TestClient, cycle_site: CycleSite) -> None:
    client = own_client
    pid = cycle_site.projects["保洁服务"]
    token = login(client, "reviewer")
    links = _link_ids(client, pid)
    monitoring = links[f"monitoring:{YEAR}"]
    assert monitoring["state"] == "linked"
    page = client.get(f"/projects/{pid}").text
    assert f'action="/projects/links/{monitoring["link_id"]}/confirm"' in page
    assert client.post(f"/projects/links/{monitoring['link_id']}/confirm").status_code == 403  # no CSRF token
    assert client.post(f"/projects/links/{monitoring['link_id']}/confirm",
                       data={"csrf_token": "forged"}).status_code == 403
    done = client.post(f"/projects/links/{monitoring['link_id']}/confirm", data={"csrf_token": token})
    assert (done.status_code, done.headers["location"]) == (303, f"/projects/{pid}#links")
    assert (_link_ids(client, pid)[f"monitoring:{YEAR}"]["state"],
            _link_ids(client, pid)[f"monitoring:{YEAR}"]["decided_by"]) == ("confirmed", "reviewer")
    assert client.post("/projects/links/999999/confirm", data={"csrf_token": token}).status_code == 404

    evaluation = links[f"evaluation:{YEAR}"]
    broken = client.post(f"/projects/links/{evaluation['link_id']}/break", data={"csrf_token": token})
    assert broken.status_code == 303
    data = client.get(f"/api/projects/{pid}").json()
    assert data["timeline"][0]["forms"]["evaluation"] == []  # the report left the project
    assert [link["state"] for link in data["links"] if link["link_id"] == evaluation["link_id"]] == ["broken"]
    assert "LC007" not in {f["code"] for f in data["findings"]}  # its finding went with it
    assert _logged(client, "link_decision") == [
        ("reviewer", f"project:{pid}", f"确认关联 {monitoring['link_id']}（表单 {monitoring['form_id']}）"),
        ("reviewer", f"project:{pid}", f"拆开关联 {evaluation['link_id']}（表单 {evaluation['form_id']}）")]


def test_only_reviewers_decide_on_links(own_client: TestClient, cycle_site: CycleSite) -> None:
    client = own_client
    pid = cycle_site.projects["环境整治"]
    token = login(client, "staff_cycle")
    page = client.get(f"/projects/{pid}").text
    assert "/confirm" not in page and "/break" not in page
    link = _link_ids(client, pid)[f"self_evaluation:{YEAR}"]
    refused = client.post(f"/projects/links/{link['link_id']}/break", data={"csrf_token": token})
    assert refused.status_code == 403
    assert _link_ids(client, pid)[f"self_evaluation:{YEAR}"]["state"] == "linked"
    assert csrf_of(page) == token


@pytest.mark.parametrize(("decision", "state", "stays"), [("confirm", "confirmed", True), ("break", "broken", False)])
def test_reviewer_decides_an_uncertain_link(fuzzy_client: TestClient, cycle_site: CycleSite, decision: str,
                                            state: str, stays: bool) -> None:
    client = fuzzy_client
    pid = cycle_site.projects["保洁服务"]
    token = login(client, "reviewer")
    data = client.get(f"/api/projects/{pid}").json()
    assert data["uncertain"] == 1
    (link,) = [link for link in data["links"] if link["state"] == "uncertain"]
    assert (link["stage"], link["year"], link["method"], link["name"]) == (
        "self_evaluation", YEAR + 1, "fuzzy", "保洁服务费")
    page = client.get(f"/projects/{pid}").text
    assert "1 处关联待确认" in page
    cell = re.search(rf'<tr data-year="{YEAR + 1}">.*?<td class="stage " data-stage="self_evaluation">(.*?)</td>',
                     page, re.S)
    assert cell and "待确认" in cell.group(1) and f'href="/forms/{link["form_id"]}"' in cell.group(1)
    row = re.search(rf'<tr class="uncertain" data-link="{link["link_id"]}">(.*?)</tr>', page, re.S)
    assert row and "名称相近" in row.group(1) and "待确认" in row.group(1)
    done = client.post(f"/projects/links/{link['link_id']}/{decision}", data={"csrf_token": token})
    assert done.status_code == 303
    after = client.get(f"/api/projects/{pid}").json()
    assert {x["link_id"]: x["state"] for x in after["links"]}[link["link_id"]] == state
    stage = [f["form_id"] for f in after["timeline"][1]["forms"]["self_evaluation"]]
    assert (stage, after["uncertain"]) == ([link["form_id"]] if stays else [], 0)  # a broken one left the project


def test_project_pages_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    site = _build(tmp_path, pg_url)
    with TestClient(create_app(pg_url, secret="test-secret"), follow_redirects=False) as client:
        token = login(client, "reviewer")
        pid = site.projects["保洁服务"]
        page = client.get(f"/projects/{pid}").text
        cls, cells, _ = _indicator_row(page, YEAR, "保洁面积")
        assert (cls, cells["declared"], cells["monitored"], cells["target"], cells["achieved"]) == (
            "drift", "≥5万平方米", "1.5万平方米", "≥3万平方米", "3.2万平方米")
        link = _link_ids(client, pid)[f"monitoring:{YEAR}"]
        assert client.post(f"/projects/links/{link['link_id']}/confirm", data={"csrf_token": token}).status_code == 303
        assert _link_ids(client, pid)[f"monitoring:{YEAR}"]["state"] == "confirmed"
        assert client.post("/projects/links/99999999999999999999/break", data={"csrf_token": token}).status_code == 404
        client.cookies.clear()
        token = login(client, "staff_cycle")
        done = client.post(f"/projects/{pid}/self-evaluation/{YEAR + 1}", data={**FILLED, "csrf_token": token})
        assert done.status_code == 303
        client.cookies.clear()
        login(client, "staff_other")
        assert client.get(f"/projects/{pid}").status_code == 404


def test_any_project_or_link_id_out_of_range_is_a_404(cycle_site: CycleSite) -> None:
    from tests.web.test_web_security import BAD_IDS

    client = TestClient(create_app(cycle_site.url, secret="test-secret"), follow_redirects=False,
                        raise_server_exceptions=False)
    token = login(client, "admin")
    pid = cycle_site.projects["保洁服务"]
    for bad in BAD_IDS:
        for path in (f"/projects/{bad}", f"/api/projects/{bad}", f"/projects/{bad}/self-evaluation/{YEAR}",
                     f"/projects/{pid}/self-evaluation/{bad}"):
            response = client.get(path)
            assert response.status_code == 404, (path, response.status_code, response.text[:200])
        for path in (f"/projects/links/{bad}/confirm", f"/projects/links/{bad}/break",
                     f"/projects/{bad}/self-evaluation/{YEAR}", f"/projects/{pid}/self-evaluation/{bad}"):
            response = client.post(path, data={"csrf_token": token})
            assert response.status_code == 404, (path, response.status_code, response.text[:200])
            assert "未找到" in response.text
        assert client.get(f"/api/projects?unit={bad}").status_code == 404  # no unit: as for a hidden one
        assert client.get(f"/projects?unit={bad}").status_code == 404
        assert len(client.get(f"/api/projects?year={bad}").json()) == len(client.get("/api/projects").json())
    listed = client.get(f"/api/projects?unit={cycle_site.unit_id}&year={YEAR + 1}").json()
    assert sorted((p["name"], p["year"]) for p in listed) == [("保洁服务", YEAR + 1), ("环境整治", YEAR + 1)]
