"""The project page (timeline over stages and years, declared vs monitored vs achieved with the drift marked,
lifecycle findings, links a reviewer confirms or breaks) and the unit page's cycle completeness, on the
demo's cycle (jixiao.samples.cycle) ingested into a real SQLite store; unit isolation over all of it."""

from __future__ import annotations

import html
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Table, select

from jixiao.samples import cycle, disclosure
from jixiao.samples.generator import generate_district
from jixiao.store import connect, ingest
from jixiao.store.projects import list_projects
from jixiao.store.queries import units
from jixiao.store.units import add_unit
from jixiao.web import create_app
from jixiao.web.projects import may_see
from jixiao.web.schema import AuditEntry
from jixiao.web.users import Principal, add_user
from tests.store.conftest import pg_url  # noqa: F401  (the fixture: a scratch PostgreSQL database)
from tests.web.conftest import PASSWORD, csrf_of, login

YEAR = 2024


@dataclass(frozen=True)
class CycleSite:
    path: Path
    url: str
    projects: dict[str, int]  # name → project id
    forms: dict[tuple[str, int], dict[str, int | None]]  # (name, year) → stage → form id
    unit_id: int  # the projects' own unit
    other_unit: int  # a unit with no part in the cycle


def _build(folder: Path, url: str | None = None) -> CycleSite:
    paths = generate_district(folder / "demo", units=2, projects=2, year=YEAR, cycle=True)
    url = url or f"sqlite:///{folder / 'web.db'}"
    engine = connect(url)
    # the master list names the unit as its self-evaluations do, with 预算13表's 「999001-…（本级）」 as an alias
    add_unit(engine, cycle.UNIT, aliases=[disclosure.UNIT])
    summary = ingest(engine, paths, jobs=1)
    assert not summary.failures
    with engine.connect() as conn:
        coded = [p for p in list_projects(conn) if p.code]
        names = {u["id"]: u["name"] for u in units(conn)}
    assert sorted({p.name for p in coded}) == ["保洁服务", "环境整治"]
    (unit_id,) = set().union(*(p.unit_ids for p in coded))  # every form of both projects under the one unit
    assert names[unit_id] == cycle.UNIT and {p.unit_id for p in coded} == {unit_id}
    other = next(uid for uid in sorted(names) if uid != unit_id)
    add_user(engine, "admin", PASSWORD, "admin")
    add_user(engine, "reviewer", PASSWORD, "reviewer")
    add_user(engine, "staff_cycle", PASSWORD, "unit", [cycle.UNIT])
    add_user(engine, "staff_other", PASSWORD, "unit", [names[other]])
    engine.dispose()
    return CycleSite(path=folder / "web.db", url=url, projects={p.name: p.id for p in coded},
                     forms={(p.name, p.year or 0): {str(k): v for k, v in p.forms.items()} for p in coded},
                     unit_id=unit_id, other_unit=other)


@pytest.fixture(scope="module")
def cycle_site(tmp_path_factory: pytest.TempPathFactory) -> CycleSite:
    return _build(tmp_path_factory.mktemp("projects"))


@pytest.fixture
def client(cycle_site: CycleSite) -> Iterator[TestClient]:
    with TestClient(create_app(cycle_site.url, secret="test-secret"), follow_redirects=False) as c:
        yield c


@pytest.fixture
def own_client(cycle_site: CycleSite, tmp_path: Path) -> Iterator[TestClient]:
    """A client on a copy of the store, for the tests that decide on links."""
    copy = tmp_path / "web.db"
    shutil.copy(cycle_site.path, copy)
    with TestClient(create_app(f"sqlite:///{copy}", secret="test-secret"), follow_redirects=False) as c:
        yield c


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _indicator_row(page: str, year: int, name: str) -> tuple[str, dict[str, str], str]:
    """(the row's class, its cells' text by class, the row's HTML) of one indicator of one year."""
    table = re.search(rf'<table class="list indicators" data-year="{year}">(.*?)</table>', page, re.S)
    assert table, f"no indicator table of {year}"
    row = re.search(rf'<tr class="([^"]*)" data-indicator="{name}">(.*?)</tr>', table.group(1), re.S)
    assert row, f"no row {name} in {year}"
    cells = {m.group(1): _text(m.group(2)) for m in re.finditer(r'<td class="([\w-]+)">(.*?)</td>', row.group(2), re.S)}
    return row.group(1), cells, row.group(2)


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


def _link_ids(client: TestClient, pid: int) -> dict[str, dict[str, Any]]:
    return {f"{link['stage']}:{link['year']}": link for link in client.get(f"/api/projects/{pid}").json()["links"]}


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


def _logged(client: TestClient, action: str) -> list[tuple[str, str, str]]:
    """The 操作日志 lines of ``action`` in the client's store, oldest first."""
    engine = client.app.state.engine  # type: ignore[attr-defined]
    log = cast(Table, AuditEntry.__table__)
    with engine.connect() as conn:
        rows = conn.execute(select(log.c.username, log.c.target, log.c.detail).where(log.c.action == action)
                            .order_by(log.c.id)).all()
    return [tuple(r) for r in rows]


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


@pytest.fixture
def project_server(cycle_site: CycleSite, tmp_path: Path) -> Iterator[str]:
    from tests.web.test_web_browser import _free_port, _need_chromium

    _need_chromium()
    port = _free_port()
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "jixiao.present", "serve", "--db", cycle_site.url,
                                "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError((tmp_path / "server.log").read_text()) from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_browser_project_page_shows_the_timeline_and_the_drift(project_server: str, cycle_site: CycleSite,
                                                               tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    from tests.web.test_web_browser import ARGS, CHROMIUM, _shots

    pid = cycle_site.projects["保洁服务"]
    now = cycle_site.forms[("保洁服务", YEAR)]
    shots = _shots(tmp_path)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page: Any = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{project_server}/projects/{pid}")
            page.fill("input[name=username]", "reviewer")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{project_server}/projects/{pid}")
            expect(page.locator("#project-name")).to_have_text("保洁服务")
            timeline = page.locator("#timeline tbody tr")
            expect(timeline).to_have_count(2)
            expect(timeline.nth(0).locator("th")).to_have_text(str(YEAR))
            expect(timeline.nth(1).locator("th")).to_have_text(str(YEAR + 1))
            for stage in ("declaration", "monitoring", "self_evaluation", "evaluation"):
                cell = timeline.nth(0).locator(f'td[data-stage="{stage}"] a')
                expect(cell).to_have_attribute("href", f"/forms/{now[stage]}")
            expect(timeline.nth(1).locator("td.stage.missing")).to_have_count(2)

            drift = page.locator(f'table.indicators[data-year="{YEAR}"] tr.drift')
            expect(drift).to_have_count(1)
            expect(drift).to_have_attribute("data-indicator", "保洁面积")
            expect(drift.locator("td.declared")).to_have_text("≥5万平方米")
            expect(drift.locator("td.monitored")).to_have_text("1.5万平方米")
            expect(drift.locator("td.target mark")).to_have_text("≥3万平方米")
            expect(drift.locator("td.achieved")).to_have_text("3.2万平方米")
            # highlighted by the page's own stylesheet (no inline style under the CSP)
            colour = drift.locator("td.declared").evaluate("e => getComputedStyle(e).backgroundColor")
            assert colour == "rgb(253, 236, 238)"
            plain = page.locator(f'table.indicators[data-year="{YEAR}"] tr[data-indicator="居民满意度"] td.declared')
            assert plain.evaluate("e => getComputedStyle(e).backgroundColor") != colour
            expect(page.locator('#lifecycle-findings li[data-code="LC001"]')).to_contain_text("≥3万平方米")
            page.screenshot(path=str(shots / "project.png"), full_page=True)

            page.locator(f'#lifecycle-findings li[data-code="LC001"] a[href="/forms/{now["declaration"]}"]').click()
            page.wait_for_url(f"{project_server}/forms/{now['declaration']}")
        finally:
            browser.close()
    assert (shots / "project.png").stat().st_size > 1000


FILLED = {"full_year_budget": "10", "executed": "9.5", "goal_actual": "全年完成保洁作业，辖区道路整洁。",
          "actual_0": "5.2万平方米", "weight_0": "24", "score_0": "24", "actual_1": "9.5万元", "weight_1": "22",
          "score_1": "22", "actual_2": "优", "weight_2": "22", "score_2": "22", "actual_3": "93%", "weight_3": "22",
          "score_3": "22"}


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


@pytest.fixture
def fuzzy_client(cycle_site: CycleSite, tmp_path: Path) -> Iterator[TestClient]:
    """A copy of the store with one more self-evaluation: 保洁服务's next year, printed without its code and
    under a name written another way (「保洁服务费」), so it joins the project on a fuzzy name: uncertain."""
    copy = tmp_path / "web.db"
    shutil.copy(cycle_site.path, copy)
    text = cycle.self_evaluation_text(YEAR + 1).replace(f"{cycle.CODES['保洁服务']}-保洁服务", "保洁服务费")
    path = tmp_path / "示例街道办事处_2025年自评（保洁服务费）.txt"
    path.write_text(text, encoding="utf-8")
    engine = connect(f"sqlite:///{copy}")
    assert ingest(engine, [path], jobs=1).stored == 1
    engine.dispose()
    with TestClient(create_app(f"sqlite:///{copy}", secret="test-secret"), follow_redirects=False) as c:
        yield c


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


def test_project_pages_on_postgresql(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
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
